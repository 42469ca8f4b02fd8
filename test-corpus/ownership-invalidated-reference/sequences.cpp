// ownership-invalidated-reference: vector, string and deque. A reference, pointer,
// iterator or view into the container used after an operation that may reallocate or
// otherwise invalidate it (Rust E0502: "cannot borrow as mutable because it is also
// borrowed as immutable").
#include <algorithm>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

void use(int);
void useStr(std::string_view);

//===----------------------------------------------------------------------===//
// vector
//===----------------------------------------------------------------------===//

void referenceThenPushBack(std::vector<int> &v) {
  int &first = v[0]; // expect-note: ownership-invalidated-reference {{borrowed here}}
  v.push_back(1);    // expect-note: ownership-invalidated-reference {{'v' modified here}}
  use(first);        // expect: ownership-invalidated-reference {{'first' used after it was invalidated}}
}

void iteratorThenInsert(std::vector<int> &v) {
  auto it = v.begin();
  v.insert(v.end(), 3);
  use(*it); // expect: ownership-invalidated-reference {{'it' used after it was invalidated}}
}

void pointerThenResize(std::vector<int> &v) {
  int *data = v.data();
  v.resize(100);
  use(data[0]); // expect: ownership-invalidated-reference {{'data' used after}}
}

void frontThenEmplaceBack(std::vector<std::string> &v) {
  const std::string &front = v.front();
  v.emplace_back("x");
  useStr(front); // expect: ownership-invalidated-reference {{'front' used after}}
}

void backThenReserve(std::vector<int> &v) {
  int &back = v.back();
  v.reserve(1000);
  use(back); // expect: ownership-invalidated-reference {{'back' used after}}
}

void referenceThenClear(std::vector<int> &v) {
  int &x = v.at(0);
  v.clear();
  use(x); // expect: ownership-invalidated-reference {{'x' used after}}
}

void referenceThenAssign(std::vector<int> &v, const std::vector<int> &w) {
  const int &x = v[0];
  v = w;
  use(x); // expect: ownership-invalidated-reference {{'x' used after}}
}

void eraseThenUseIterator(std::vector<int> &v) {
  auto it = v.begin();
  v.erase(it); // expect-note: ownership-invalidated-reference {{'v' modified here}}
  use(*it);    // expect: ownership-invalidated-reference {{'it' used after it was invalidated}}
}

void shrinkToFit(std::vector<int> &v) {
  int *p = &v[0];
  v.shrink_to_fit();
  use(*p); // expect: ownership-invalidated-reference {{'p' used after}}
}

void invalidatedOnOnePath(std::vector<int> &v, bool grow) {
  int &x = v[0];
  if (grow)
    v.push_back(0);
  use(x); // expect: ownership-invalidated-reference {{'x' may be used after it was invalidated}}
}

struct Registry {
  std::vector<int> items;
  void add(int value) {
    int &last = items.back();
    items.push_back(value);
    use(last); // expect: ownership-invalidated-reference {{'last' used after}}
  }
};

void localVector() {
  std::vector<int> v = {1, 2, 3};
  auto &r = v[1];
  v.push_back(4);
  r += 5; // expect: ownership-invalidated-reference {{'r' used after}}
}

void assignmentThroughReference() {
  std::vector<int> v = {1, 2, 3};
  int &r = v[1];
  v.push_back(4);
  r = 5; // expect: ownership-invalidated-reference {{'r' used after it was invalidated}}
}

void foundThenPushBack(std::vector<int> &v) {
  auto found = std::find(v.begin(), v.end(), 3);
  v.push_back(4);
  if (found != v.end()) // expect: ownership-invalidated-reference {{'found' used after}}
    use(*found);
}

void referenceToInnerVectorThenOuterGrowth(std::vector<std::vector<int>> &vv) {
  std::vector<int> &inner = vv[0];
  vv.emplace_back();
  use(static_cast<int>(inner.size())); // expect: ownership-invalidated-reference {{'inner' used after}}
}

//===----------------------------------------------------------------------===//
// string
//===----------------------------------------------------------------------===//

void viewThenAppend(std::string &s) {
  std::string_view sv = s;
  s += "more";
  useStr(sv); // expect: ownership-invalidated-reference {{'sv' used after}}
}

void cStrThenAssign(std::string &s) {
  const char *p = s.c_str();
  s = "replaced";
  useStr(p); // expect: ownership-invalidated-reference {{'p' used after}}
}

void charRefThenAppend(std::string &s) {
  char &c = s[0];
  s.append("tail");
  use(c); // expect: ownership-invalidated-reference {{'c' used after}}
}

void dataThenPushBack(std::string &s) {
  const char *d = s.data();
  s.push_back('x');
  useStr(d); // expect: ownership-invalidated-reference {{'d' used after}}
}

//===----------------------------------------------------------------------===//
// deque
//===----------------------------------------------------------------------===//

void dequeIteratorThenPushBack(std::deque<int> &d) {
  auto it = d.begin();
  d.push_back(1);
  use(*it); // expect: ownership-invalidated-reference {{'it' used after}}
}

void dequeReferenceThenInsert(std::deque<int> &d) {
  int &x = d[1];
  d.insert(d.begin() + 1, 5);
  use(x); // expect: ownership-invalidated-reference {{'x' used after}}
}

//===----------------------------------------------------------------------===//
// Not findings
//===----------------------------------------------------------------------===//

void reacquiredAfterMutation(std::vector<int> &v) {
  int &first = v[0];
  use(first);
  v.push_back(1);
  int &again = v[0];
  use(again);
}

void iteratorReassigned(std::vector<int> &v) {
  auto it = v.begin();
  v.push_back(1);
  it = v.begin();
  use(*it);
}

void readsDoNotInvalidate(const std::vector<int> &v) {
  const int &first = v[0];
  use(static_cast<int>(v.size()));
  use(v.at(0));
  auto found = v.begin();
  use(*found);
  use(first);
}

void elementWritesDoNotInvalidate(std::vector<int> &v) {
  int &first = v[0];
  v[1] = 2;
  v.back() = 3;
  use(first);
}

void popBackKeepsOtherElements(std::vector<int> &v) {
  int &first = v[0];
  v.pop_back();
  use(first);
}

void referenceToTheWholeVector(std::vector<int> &v) {
  std::vector<int> &all = v;
  std::vector<int> *ptr = &v;
  v.push_back(1);
  use(static_cast<int>(all.size()));
  use(static_cast<int>(ptr->size()));
}

void eraseReturnsValidIterator(std::vector<int> &v) {
  auto it = v.begin();
  it = v.erase(it);
  if (it != v.end())
    use(*it);
}

void insertReturnsValidIterator(std::vector<int> &v) {
  auto it = v.begin();
  it = v.insert(it, 1);
  use(*it);
}

void otherVectorModified(std::vector<int> &v, std::vector<int> &w) {
  int &x = v[0];
  w.push_back(1);
  use(x);
}

void valueCopiedBeforeGrowth(std::vector<int> &v) {
  int first = v[0];
  v.push_back(first);
  use(first);
}

void pushBackOwnElement(std::vector<int> &v) {
  v.push_back(v[0]); // the standard requires this to work
}

void dequePushBackKeepsReferences(std::deque<int> &d) {
  int &front = d.front();
  d.push_back(1);
  d.push_front(0);
  use(front);
}

void stringReadOnly(const std::string &s) {
  std::string_view sv = s;
  use(static_cast<int>(s.find('x')));
  useStr(sv);
}

void viewOfCopy(std::string &s) {
  std::string copy = s;
  std::string_view sv = copy;
  s += "more";
  useStr(sv);
}

void innerBufferSurvivesOuterGrowth(std::vector<std::vector<int>> &vv) {
  int *p = vv[0].data(); // a moved vector keeps its buffer
  vv.emplace_back();
  use(*p);
}

void lowerBoundThenRead(const std::vector<int> &v) {
  auto it = std::lower_bound(v.begin(), v.end(), 3);
  if (it != v.end())
    use(*it);
}

void swapKeepsElements(std::vector<int> &v, std::vector<int> &w) {
  int &x = v[0];
  v.swap(w); // references stay valid, now into w
  use(x);
}
