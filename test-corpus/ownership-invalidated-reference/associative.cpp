// ownership-invalidated-reference: unordered containers (rehashing invalidates iterators,
// not references), and the node-based map, set and list (only erasing an element
// invalidates references and iterators to it).
#include <list>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>

void use(int);

//===----------------------------------------------------------------------===//
// unordered_map, unordered_set
//===----------------------------------------------------------------------===//

void iteratorThenInsert(std::unordered_map<int, int> &m) {
  auto it = m.find(1); // expect-note: ownership-invalidated-reference {{borrowed here}}
  m.insert({2, 2}); // expect-note: ownership-invalidated-reference {{'m' modified here}}
  use(it->second);  // expect: ownership-invalidated-reference {{'it' used after it was invalidated}}
}

void iteratorThenSubscript(std::unordered_map<int, int> &m) {
  auto it = m.begin();
  m[42] = 1;
  use(it->first); // expect: ownership-invalidated-reference {{'it' used after}}
}

void iteratorThenEmplace(std::unordered_set<int> &s) {
  auto it = s.find(3);
  s.emplace(4);
  use(*it); // expect: ownership-invalidated-reference {{'it' used after}}
}

void iteratorThenRehash(std::unordered_map<int, int> &m) {
  auto it = m.begin();
  m.reserve(1000);
  use(it->second); // expect: ownership-invalidated-reference {{'it' used after}}
}

void referenceThenClear(std::unordered_map<int, int> &m) {
  int &value = m[1];
  m.clear();
  use(value); // expect: ownership-invalidated-reference {{'value' used after}}
}

void eraseThenUseIterator(std::unordered_map<int, int> &m) {
  auto it = m.find(1);
  if (it == m.end())
    return;
  m.erase(it);
  use(it->second); // expect: ownership-invalidated-reference {{'it' used after}}
}

//===----------------------------------------------------------------------===//
// map, set, list
//===----------------------------------------------------------------------===//

void mapEraseThenUse(std::map<int, std::string> &m) {
  auto it = m.find(1);
  m.erase(it);
  use(it->first); // expect: ownership-invalidated-reference {{'it' used after}}
}

void setEraseThenUse(std::set<int> &s) {
  auto it = s.begin();
  s.erase(it);
  use(*it); // expect: ownership-invalidated-reference {{'it' used after}}
}

void listClearThenUse(std::list<int> &l) {
  int &front = l.front();
  l.clear();
  use(front); // expect: ownership-invalidated-reference {{'front' used after}}
}

void mapAssignThenUse(std::map<int, int> &m, const std::map<int, int> &other) {
  int &x = m[1];
  m = other;
  use(x); // expect: ownership-invalidated-reference {{'x' used after}}
}

//===----------------------------------------------------------------------===//
// Not findings
//===----------------------------------------------------------------------===//

void unorderedReferencesSurviveRehash(std::unordered_map<int, int> &m) {
  int &value = m[1];
  m[2] = 2;
  m.insert({3, 3});
  m.reserve(1000);
  use(value);
}

void unorderedIteratorReacquired(std::unordered_map<int, int> &m) {
  auto it = m.find(1);
  m[2] = 2;
  it = m.find(1);
  if (it != m.end())
    use(it->second);
}

void mapInsertKeepsIterators(std::map<int, int> &m) {
  auto it = m.find(1);
  m[2] = 2;
  m.insert({3, 3});
  m.emplace(4, 4);
  if (it != m.end())
    use(it->second);
}

void setInsertKeepsIterators(std::set<int> &s) {
  auto it = s.begin();
  s.insert(5);
  use(*it);
}

void listPushKeepsReferences(std::list<int> &l) {
  int &front = l.front();
  auto it = l.begin();
  l.push_back(1);
  l.push_front(0);
  l.insert(it, 2);
  use(front);
  use(*it);
}

void eraseByKeyKeepsOtherIterators(std::map<int, int> &m) {
  auto it = m.find(1);
  m.erase(2);
  if (it != m.end())
    use(it->second);
}

void eraseReturnsNext(std::map<int, int> &m) {
  for (auto it = m.begin(); it != m.end();) {
    if (it->second == 0)
      it = m.erase(it);
    else
      ++it;
  }
}

void eraseAfterAdvancingCopy(std::map<int, int> &m) {
  auto it = m.begin();
  auto next = std::next(it);
  m.erase(it);
  if (next != m.end())
    use(next->second);
}

void lookupsDoNotInvalidate(const std::unordered_map<int, int> &m) {
  auto it = m.find(1);
  use(static_cast<int>(m.count(2)));
  use(static_cast<int>(m.size()));
  if (it != m.end())
    use(it->second);
}
