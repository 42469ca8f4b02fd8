// ownership-dangling: arguments that a call hands to another object, as
// [[clang::lifetime_capture_by(X)]] declares (Clang 20 and later; Clang 19 ignores the
// attribute, so the file is skipped there). After the call X borrows what the argument
// borrows: a temporary captured into a longer-lived object dangles at the object's next
// use, and one left in an object that outlives the function dangles when it returns.
// REQUIRES-CLANG: 20
#include <set>
#include <string>
#include <string_view>
#include <vector>

std::string makeName();
void report(const std::set<std::string_view> &);

class NameSet {
public:
  void add(std::string_view name [[clang::lifetime_capture_by(this)]]);
  void addCopy(std::string_view name); // copies the characters
  bool contains(std::string_view name) const;

private:
  std::vector<std::string_view> Names;
  std::vector<std::string> Copies;
};

void insertInto(std::string_view name [[clang::lifetime_capture_by(seen)]],
                std::set<std::string_view> &seen);

//===----------------------------------------------------------------------===//
// Captured by the implicit object
//===----------------------------------------------------------------------===//

void temporaryCapturedByLocal() {
  NameSet names;
  names.add(makeName()); // expect-note: ownership-dangling {{borrowed here}}
  // expect-note@-1: ownership-dangling {{temporary destroyed here}}
  names.contains("x"); // expect: ownership-dangling {{'names' used after the temporary it borrows from was destroyed}}
}

void localCapturedThatDiesFirst() {
  NameSet names;
  {
    std::string inner = makeName();
    names.add(inner); // expect-note: ownership-dangling {{borrowed here}}
  } // expect-note: ownership-dangling {{'inner' goes out of scope here}}
  names.contains("x"); // expect: ownership-dangling {{'names' used after 'inner', which it borrows from, was destroyed}}
}

void earlierCapturesAreKept() {
  NameSet names;
  names.add(makeName());
  std::string kept = makeName();
  // The temporary of the first call is still in the set: the next call on it is a use.
  names.add(kept); // expect: ownership-dangling {{'names' used after the temporary it borrows from was destroyed}}
  names.contains("x");
}

//===----------------------------------------------------------------------===//
// Captured by another parameter
//===----------------------------------------------------------------------===//

void temporaryCapturedByOtherArgument() {
  std::set<std::string_view> seen;
  insertInto(makeName(), seen);
  report(seen); // expect: ownership-dangling {{'seen' used after the temporary}}
}

//===----------------------------------------------------------------------===//
// Captured by an object that outlives the function
//===----------------------------------------------------------------------===//

class Cache {
public:
  void fillFromTemporary() {
    Known.add(makeName()); // expect: ownership-dangling {{the temporary does not live long enough: 'Known' still refers to it when the function returns}}
  }
  void fillFromArgument(const std::string &name) { Known.add(name); }

private:
  NameSet Known;
};

void fillOutParameter(std::set<std::string_view> &out) {
  std::string local = makeName();
  insertInto(local, out); // expect: ownership-dangling {{'local' does not live long enough: 'out' still refers to it}}
}

//===----------------------------------------------------------------------===//
// Not findings
//===----------------------------------------------------------------------===//

void capturedLocalOutlivesTheCapturer() {
  std::string name = makeName();
  NameSet names;
  names.add(name);
  names.contains("x");
}

void capturedLiteral() {
  NameSet names;
  names.add("literal");
  names.contains("x");
}

void parameterWithoutTheAttributeCopies() {
  NameSet names;
  names.addCopy(makeName());
  names.contains("x");
}

void capturerDiesInTheSameFullExpression() {
  NameSet().add(makeName());
}

void remember(std::string_view name [[clang::lifetime_capture_by(global)]]);

// `global` and `unknown` capturers: capture-by-global.cpp.
void capturedByGlobal() {
  remember(makeName()); // expect: ownership-dangling {{the temporary does not live long enough: 'remember' keeps a reference to it past the call}}
}
