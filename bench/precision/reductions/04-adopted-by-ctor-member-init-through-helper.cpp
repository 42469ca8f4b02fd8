// From gflags, src/gflags.cc, FlagRegisterer::FlagRegisterer [ownership-leak] "memory
// allocated by 'new' and owned by 'current' is leaked when 'current' goes out of scope".
// Pattern: the new values are passed to a helper that hands them to 'new Flag(...)', whose
// constructor keeps them in member initializers and whose destructor deletes them; the flag
// is then kept in a registry for good. Ownership moves to the Flag (issue 15, pattern 3,
// here one call further away).
#include <map>
#include <string>

struct Value {
  explicit Value(int* storage) : storage_(storage) {}
  int* storage_;
};

struct Flag {
  Flag(const char* name, Value* current, Value* defvalue)
      : name_(name), current_(current), defvalue_(defvalue) {}
  ~Flag() { delete current_; delete defvalue_; }
  const char* name_;
  Value* current_;
  Value* defvalue_;
};

std::map<std::string, Flag*>& registry();

void registerFlag(const char* name, Value* current, Value* defvalue) {
  Flag* flag = new Flag(name, current, defvalue);
  registry()[name] = flag;
}

struct FlagRegisterer {
  FlagRegisterer(const char* name, int* storage, int* defstorage) {
    Value* const current = new Value(storage);
    Value* const defvalue = new Value(defstorage);
    registerFlag(name, current, defvalue);
  }  // reported: 'current' and 'defvalue' leaked here
};
