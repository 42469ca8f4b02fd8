// ownership-invalidated-reference: operations that invalidate one element, not all of
// them: pop_back and pop_front remove an end, erase(key) one key, erase(pos) in a vector
// shifts what follows pos. And a push_back after reserve, which may stay within capacity.
#include <deque>
#include <list>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

void use(int);

//===----------------------------------------------------------------------===//
// pop_back, pop_front
//===----------------------------------------------------------------------===//

void backThenPopBack(std::vector<int> &v) {
  int &last = v.back(); // expect-note: ownership-invalidated-reference {{borrowed here}}
  v.pop_back();         // expect-note: ownership-invalidated-reference {{'v' modified here}}
  use(last);            // expect: ownership-invalidated-reference {{'last' used after it was invalidated}}
}

void frontSurvivesPopBack(std::vector<int> &v) {
  int &first = v.front();
  v.pop_back();
  use(first);
}

void stringBackThenPopBack(std::string &s) {
  char &last = s.back();
  s.pop_back();
  use(last); // expect: ownership-invalidated-reference {{'last' used after}}
}

void dequeFrontThenPopFront(std::deque<int> &d) {
  int *first = &d.front();
  d.pop_front();
  use(*first); // expect: ownership-invalidated-reference {{'first' used after}}
}

void dequeBackSurvivesPopFront(std::deque<int> &d) {
  int &last = d.back();
  d.pop_front();
  use(last);
}

void listBackThenPopBack(std::list<int> &l) {
  const int &last = l.back();
  l.pop_back();
  use(last); // expect: ownership-invalidated-reference {{'last' used after}}
}

// What was the back is not the back any more once an element is added after it: the
// pop_back removes the new element.
void listBackSurvivesPushThenPop(std::list<int> &l) {
  int &last = l.back();
  l.push_back(7);
  l.pop_back();
  use(last);
}

void dequeBackSurvivesPushThenPop(std::deque<int> &d) {
  int &last = d.back();
  d.push_back(7);
  d.pop_back();
  use(last);
}

// A callee could add elements too; which one pop_back removes is then not known.
void grow(std::list<int> &l);
void listBackSurvivesCalleeThenPop(std::list<int> &l) {
  int &last = l.back();
  grow(l);
  l.pop_back();
  use(last);
}

//===----------------------------------------------------------------------===//
// erase
//===----------------------------------------------------------------------===//

void vectorBackThenErase(std::vector<int> &v) {
  int &last = v.back();
  v.erase(v.begin() + 1); // the elements after the erased one move down
  use(last); // expect: ownership-invalidated-reference {{'last' used after}}
}

void vectorFrontSurvivesEraseAfterIt(std::vector<int> &v) {
  int &first = v.front();
  v.erase(v.begin() + 1);
  use(first);
}

void vectorFrontThenEraseBegin(std::vector<int> &v) {
  int &first = v.front();
  v.erase(v.begin());
  use(first); // expect: ownership-invalidated-reference {{'first' used after}}
}

void mapEraseThatKey(std::map<std::string, int> &m, const std::string &key) {
  int &value = m[key];
  m.erase(key);
  use(value); // expect: ownership-invalidated-reference {{'value' used after}}
}

void mapEraseAnotherKey(std::map<std::string, int> &m, const std::string &key,
                        const std::string &other) {
  int &value = m.at(key);
  m.erase(other);
  use(value);
}

void unorderedEraseThatLiteralKey(std::unordered_map<int, int> &m) {
  int &value = m[3];
  m.erase(3);
  use(value); // expect: ownership-invalidated-reference {{'value' used after}}
}

// A key variable that may change between the borrow and the erase is not the same key.
void mapEraseReassignedKey(std::map<int, int> &m, int key) {
  int &value = m[key];
  key = key + 1;
  m.erase(key);
  use(value);
}

// A const local declared in a loop has a new value in each iteration.
void mapEraseLoopLocalKey(std::map<int, int> &m, int n) {
  int *first = nullptr;
  for (int i = 0; i < n; ++i) {
    const int key = i;
    if (i == 0)
      first = &m[key];
    else
      m.erase(key);
  }
  if (first)
    use(*first);
}

//===----------------------------------------------------------------------===//
// reserve, then push_back
//===----------------------------------------------------------------------===//

// Whether the capacity reserved suffices is not followed: a push_back on a container the
// function reserves is not reported.
void pushBackAfterReserve(std::vector<int> &v, int n) {
  v.reserve(v.size() + 2);
  int &first = v[0];
  v.push_back(n);
  use(first);
}

void pushBackWithoutReserve(std::vector<int> &v, int n) {
  int &first = v[0];
  v.push_back(n);
  use(first); // expect: ownership-invalidated-reference {{'first' used after}}
}

// reserve itself reallocates.
void referenceThenReserve(std::vector<int> &v) {
  int &first = v[0];
  v.reserve(100);
  use(first); // expect: ownership-invalidated-reference {{'first' used after}}
}
