// ownership-dangling: borrows that leave the function while borrowing its own storage
// (Rust E0515, "cannot return reference to local variable").
#include <algorithm>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

//===----------------------------------------------------------------------===//
// Returning a reference, pointer or view to a local
//===----------------------------------------------------------------------===//

const std::string &refToLocal() {
  std::string s = "local";
  return s; // expect: ownership-dangling {{returned value borrows from local variable 's'}}
}

std::string_view viewOfLocal() {
  std::string s = "local";
  return s; // expect: ownership-dangling {{borrows from local variable 's'}}
}

const char *cStrOfLocal() {
  std::string s = "local";
  return s.c_str(); // expect: ownership-dangling {{local variable 's'}}
}

int *addressOfLocal() {
  int x = 1;
  return &x; // expect: ownership-dangling {{local variable 'x'}}
}

std::string_view viewOfByValueParam(std::string s) {
  return s; // expect: ownership-dangling {{returned value borrows from parameter 's'}}
}

const int &elementOfLocalVector() {
  std::vector<int> v = {1, 2, 3};
  return v[0]; // expect: ownership-dangling {{local variable 'v'}}
}

const char *dataThroughView() {
  std::string s = "abc";
  std::string_view sv = s; // expect-note: ownership-dangling {{borrowed here}}
  return sv.data();        // expect: ownership-dangling {{'s'}}
}

std::vector<int>::const_iterator iteratorIntoLocal() {
  std::vector<int> v = {1, 2, 3};
  return v.begin(); // expect: ownership-dangling {{local variable 'v'}}
}

const std::string &maxOfLocals() {
  std::string a = "a", b = "b";
  return std::max(a, b); // expect: ownership-dangling {{local variable}}
}

std::function<int()> lambdaCapturingLocalByReference() {
  int counter = 0;
  return [&counter] { return ++counter; }; // expect: ownership-dangling {{local variable 'counter'}}
}

const std::string &refToLocalThroughReference() {
  std::string s = "local";
  const std::string &r = s;
  return r; // expect: ownership-dangling {{local variable 's'}}
}

const int &structuredBindingOfLocal() {
  std::pair<int, int> p{1, 2};
  auto [first, second] = p;
  return first; // expect: ownership-dangling {{local variable 'first'}}
}

const std::string &extendedTemporary() {
  const std::string &r = std::string("temporary"); // lifetime-extended until r dies
  return r; // expect: ownership-dangling {{borrows from}}
}

std::string_view viewOfTemporary() {
  return std::string("temporary"); // expect: ownership-dangling {{borrows from a temporary}}
}

const std::string &mapValueOfLocal() {
  std::map<int, std::string> m = {{1, "one"}};
  auto it = m.find(1);
  return it->second; // expect: ownership-dangling {{local variable 'm'}}
}

//===----------------------------------------------------------------------===//
// Not findings: the storage outlives the function
//===----------------------------------------------------------------------===//

const std::string &refParam(const std::string &s) { return s; }

std::string_view viewOfRefParam(const std::string &s) { return s; }

const char *cStrOfRefParam(const std::string &s) { return s.c_str(); }

std::string_view viewParam(std::string_view sv) { return sv.substr(1); }

const int *pointerParam(const int *p) { return p + 1; }

const std::string &staticLocal() {
  static std::string s = "static";
  return s;
}

std::string global = "global";
const std::string &refToGlobal() { return global; }

const char *literal() { return "literal"; }

std::string_view viewOfLiteral() { return "literal"; }

struct Holder {
  std::string name;
  std::vector<int> items;
  const std::string &getName() const { return name; }
  const int &first() const { return items.front(); }
  std::string_view view() const { return name; }
};

std::string copyOfLocal() {
  std::string s = "copied out";
  return s;
}

const int &elementOfRefParam(const std::vector<int> &v) { return v[0]; }

const std::string &maxOfParams(const std::string &a, const std::string &b) {
  return std::max(a, b);
}

std::function<int()> lambdaCapturingLocalByCopy() {
  int counter = 0;
  return [counter]() mutable { return ++counter; };
}

const std::string &findInRefParam(const std::map<int, std::string> &m) {
  auto it = m.find(1);
  return it->second;
}

int *heapPointer() {
  int *p = new int(1);
  return p;
}

const std::string &memberOfPointee(const Holder *h) { return h->name; }

auto lambdaReturningCapturedCopy() {
  std::string s = "captured";
  return [s]() -> const std::string & { return s; };
}

const int &valueStoredInLocalPointer(const std::vector<const int *> &ptrs) {
  const int *p = ptrs[0]; // a copy of a pointer stored elsewhere: not a borrow of ptrs
  return *p;
}
