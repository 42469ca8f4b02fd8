// ownership-invalidated-reference: where paths meet. A loan that one path ended while no
// borrower on that path held it any more says nothing about the borrowers of the other
// paths: a borrower re-seated after the invalidation holds only what it was given.
#include <list>
#include <map>
#include <vector>

void use(int);
std::map<int, int>::iterator lookupElsewhere(std::map<int, int> &m, int k);

//===----------------------------------------------------------------------===//
// Found, or inserted and re-seated
//===----------------------------------------------------------------------===//

struct Memo {
  std::map<int, std::vector<int>> memo_;
  void visit(int key);

  void foundOrInserted(int key) {
    auto it = memo_.find(key);
    if (it == memo_.end())
      it = memo_.insert({key, {}}).first; // re-seated after the insert
    it->second.push_back(1);
  }

  void foundOrInsertedThenRecursed(int key, int depth) {
    auto it = memo_.find(key);
    if (it == memo_.end())
      it = memo_.emplace(key, std::vector<int>()).first;
    if (depth > 0)
      foundOrInsertedThenRecursed(key, depth - 1);
    it->second.push_back(depth);
  }
};

void foundOrReseatedFromAnUntrackedValue(std::map<int, int> &m, int k) {
  auto it = m.find(k);
  if (it == m.end()) {
    m[k] = 0;
    it = lookupElsewhere(m, k); // a value we do not follow: the old loan is gone
  }
  use(it->second);
}

void foundOrInsertedWithoutReseat(std::vector<int> &v, int k) {
  auto it = v.begin(); // expect-note: ownership-invalidated-reference {{borrowed here}}
  if (k > 0)
    v.push_back(k); // expect-note: ownership-invalidated-reference {{'v' modified here}}
  use(*it);         // expect: ownership-invalidated-reference {{'it' may be used after it was invalidated}}
}

//===----------------------------------------------------------------------===//
// A pointer re-derived after every growth
//===----------------------------------------------------------------------===//

void rederivedOnTheGrowingBranch(std::vector<int> &v, int n) {
  int *p = v.data();
  for (int i = 0; i < n; ++i) {
    if (i % 4 == 0) {
      v.push_back(i);
      p = v.data(); // re-derived at once
    }
    use(p[0]);
  }
}

void notRederivedOnTheGrowingBranch(std::vector<int> &v, int n) {
  int *p = v.data(); // expect-note: ownership-invalidated-reference {{borrowed here}}
  for (int i = 0; i < n; ++i) {
    if (i % 4 == 0)
      v.push_back(i); // expect-note: ownership-invalidated-reference {{'v' modified here}}
    use(p[0]); // expect: ownership-invalidated-reference {{'p' may be used after it was invalidated}}
  }
}

//===----------------------------------------------------------------------===//
// A modification before the loop that takes the iterator
//===----------------------------------------------------------------------===//

void clearedThenEraseLoop(std::list<int> &items, std::list<int> &other, bool reset) {
  for (auto i = other.begin(); i != other.end(); ++i)
    use(*i);
  if (reset)
    items.clear();
  for (auto it = items.begin(); it != items.end();) {
    if (*it != 0)
      it = items.erase(it); // erase returns a valid iterator
    else
      ++it;
  }
}

void eraseLoopWithoutTakingTheResult(std::list<int> &items, bool reset) {
  if (reset)
    items.clear();
  for (auto it = items.begin(); it != items.end(); ++it) { // expect: ownership-invalidated-reference {{'it' may be used after it was invalidated}}
    if (*it != 0)
      items.erase(it); // expect-note: ownership-invalidated-reference {{'items' modified here, in a previous iteration of the loop}}
  }
}
