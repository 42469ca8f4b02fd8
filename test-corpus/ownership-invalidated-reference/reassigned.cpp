// ownership-invalidated-reference: borrowers that get a new value computed from their old
// one (`it = std::next(it)`, `p = p + 1`, `it = c.erase(it)`) keep borrowing the same
// container, and a write through a reference is a use of the reference.
#include <algorithm>
#include <iterator>
#include <map>
#include <string>
#include <vector>

void use(int);

//===----------------------------------------------------------------------===//
// A new value computed from the old one
//===----------------------------------------------------------------------===//

void advancedWithNext(std::vector<int> &v) {
  auto it = v.begin(); // expect-note: ownership-invalidated-reference {{borrowed here}}
  it = std::next(it);
  v.push_back(1); // expect-note: ownership-invalidated-reference {{'v' modified here}}
  use(*it);       // expect: ownership-invalidated-reference {{'it' used after it was invalidated}}
}

void steppedBackWithPrev(std::vector<int> &v) {
  auto it = v.end();
  it = std::prev(it);
  v.clear();
  use(*it); // expect: ownership-invalidated-reference {{'it' used after it was invalidated}}
}

void searchedFromTheIterator(std::vector<int> &v) {
  auto it = v.begin();
  it = std::find(it, v.end(), 3);
  v.insert(v.begin(), 0);
  if (it != v.end()) // expect: ownership-invalidated-reference {{'it' used after it was invalidated}}
    use(*it);
}

void pointerArithmeticOnItself(std::vector<int> &v) {
  int *p = v.data();
  p = p + 1;
  v.reserve(100);
  use(*p); // expect: ownership-invalidated-reference {{'p' used after it was invalidated}}
}

void erasedThenGrown(std::vector<int> &v) {
  auto it = v.begin();
  it = v.erase(it);
  v.push_back(2);
  use(*it); // expect: ownership-invalidated-reference {{'it' used after it was invalidated}}
}

void advancedInALoop(std::vector<int> &v) {
  auto it = v.begin();
  for (int i = 0; i < 2; ++i)
    it = std::next(it);
  v.emplace_back(3);
  use(*it); // expect: ownership-invalidated-reference {{'it' used after it was invalidated}}
}

//===----------------------------------------------------------------------===//
// Writes through a reference
//===----------------------------------------------------------------------===//

void writeThroughElementReference(std::vector<int> &v) {
  int &r = v[0]; // expect-note: ownership-invalidated-reference {{borrowed here}}
  v.push_back(1); // expect-note: ownership-invalidated-reference {{'v' modified here}}
  r = 5;          // expect: ownership-invalidated-reference {{'r' used after it was invalidated}}
}

void writeThroughFrontReference(std::vector<double> &v) {
  double &first = v.front();
  v.resize(10);
  first = 0.5; // expect: ownership-invalidated-reference {{'first' used after it was invalidated}}
}

//===----------------------------------------------------------------------===//
// Not findings
//===----------------------------------------------------------------------===//

void reacquiredThenAdvanced(std::vector<int> &v) {
  auto it = v.begin();
  v.push_back(1);
  it = v.begin();
  it = std::next(it);
  use(*it);
}

void advancedInANodeBasedMap(std::map<int, int> &m) {
  auto it = m.begin();
  it = std::next(it);
  m.insert({5, 5});
  use(it->second);
}

void advancedFromAnotherContainer(std::vector<int> &v, std::vector<int> &w) {
  auto it = w.begin();
  it = std::next(it);
  v.push_back(1);
  use(*it);
}

void writeBeforeTheGrowth(std::vector<int> &v) {
  int &r = v[0];
  r = 5;
  v.push_back(1);
}

void writeThroughReacquiredReference(std::vector<int> &v) {
  v.push_back(1);
  int &r = v[0];
  r = 5;
}

void writeThroughReferenceToLocal() {
  int x = 0;
  int &r = x;
  r = 5;
  use(x);
}

void writeThroughReferenceParameter(int &out, std::vector<int> &v) {
  v.push_back(1);
  out = 5;
}
