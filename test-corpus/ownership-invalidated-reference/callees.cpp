// ownership-invalidated-reference: a container passed by non-const reference or pointer to
// a function whose body (in this translation unit) grows or clears it.
#include <string>
#include <vector>

void use(int);
void useText(const char *);
void external(std::vector<int> &v); // no body: what it does is not known

void grow(std::vector<int> &v) { v.push_back(0); }
void growThroughPointer(std::vector<int> *v) { v->emplace_back(1); }
void growTwice(std::vector<int> &v) { grow(v); }
void appendSuffix(std::string &s) { s += ".txt"; }
void resetAll(std::vector<int> &a, std::vector<int> &b) { b.clear(); }
void fillInPlace(std::vector<int> &v) { v[0] = 1; }
void readOnly(const std::vector<int> &v) { use(v.front()); }
void byValue(std::vector<int> v) { v.push_back(2); }

struct Builder {
  void addTo(std::vector<int> &out) { out.push_back(3); }
};

//===----------------------------------------------------------------------===//
// Findings
//===----------------------------------------------------------------------===//

void referenceThenGrowingCall(std::vector<int> &v) {
  int &first = v[0]; // expect-note: ownership-invalidated-reference {{borrowed here}}
  grow(v);           // expect-note: ownership-invalidated-reference {{'v' modified here}}
  use(first);        // expect: ownership-invalidated-reference {{'first' used after it was invalidated}}
}

void iteratorThenGrowingCallThroughPointer(std::vector<int> &v) {
  auto it = v.begin();
  growThroughPointer(&v);
  use(*it); // expect: ownership-invalidated-reference {{'it' used after it was invalidated}}
}

void throughTwoCalls(std::vector<int> &v) {
  int *p = v.data();
  growTwice(v);
  use(*p); // expect: ownership-invalidated-reference {{'p' used after it was invalidated}}
}

void bufferThenAppendingCall() {
  std::string name = "report";
  const char *text = name.c_str();
  appendSuffix(name);
  useText(text); // expect: ownership-invalidated-reference {{'text' used after it was invalidated}}
}

void memberFunctionCallee(std::vector<int> &v) {
  Builder b;
  int &last = v.back();
  b.addTo(v);
  use(last); // expect: ownership-invalidated-reference {{'last' used after it was invalidated}}
}

void secondParameterCleared(std::vector<int> &a, std::vector<int> &b) {
  int &r = b[0];
  resetAll(a, b);
  use(r); // expect: ownership-invalidated-reference {{'r' used after it was invalidated}}
}

//===----------------------------------------------------------------------===//
// Not findings
//===----------------------------------------------------------------------===//

void calleeModifiesElementsOnly(std::vector<int> &v) {
  int &first = v[0];
  fillInPlace(v);
  use(first);
}

void calleeOnlyReads(std::vector<int> &v) {
  int &first = v[0];
  readOnly(v);
  use(first);
}

void calleeTakesACopy(std::vector<int> &v) {
  int &first = v[0];
  byValue(v);
  use(first);
}

void calleeClearsTheOtherParameter(std::vector<int> &a, std::vector<int> &b) {
  int &r = a[0];
  resetAll(a, b);
  use(r);
}

void calleeWithoutBody(std::vector<int> &v) {
  int &first = v[0];
  external(v);
  use(first);
}

void reacquiredAfterTheCall(std::vector<int> &v) {
  grow(v);
  int &first = v[0];
  use(first);
}
