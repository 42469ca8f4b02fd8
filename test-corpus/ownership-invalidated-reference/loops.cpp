// ownership-invalidated-reference: loops that mutate the container they iterate over.
#include <map>
#include <string>
#include <vector>

void use(int);
bool cond(int);

//===----------------------------------------------------------------------===//
// Range-for over a container the body grows
//===----------------------------------------------------------------------===//

void rangeForPushBack(std::vector<int> &v) {
  for (int x : v) { // expect: ownership-invalidated-reference {{range-for loop over 'v' may continue after 'v' was modified}}
    if (cond(x))
      v.push_back(x); // expect-note: ownership-invalidated-reference {{'v' modified here}}
  }
}

void rangeForReferenceAndErase(std::map<int, int> &m) {
  for (auto &entry : m) { // expect: ownership-invalidated-reference {{range-for loop over 'm'}}
    m.clear();
    use(entry.second);
  }
}

void rangeForStringAppend(std::string &s) {
  for (char c : s) // expect: ownership-invalidated-reference {{range-for loop over 's'}}
    s += c;
}

//===----------------------------------------------------------------------===//
// Iterator loops that erase
//===----------------------------------------------------------------------===//

void eraseInsideIteratorLoop(std::map<int, int> &m) {
  for (auto it = m.begin(); it != m.end(); ++it) { // expect: ownership-invalidated-reference {{'it' may be used after it was invalidated}}
    if (it->second == 0)
      m.erase(it);
  }
}

void eraseInsideVectorLoop(std::vector<int> &v) {
  for (auto it = v.begin(); it != v.end(); ++it) // expect: ownership-invalidated-reference {{'it' may be used after}}
    if (*it == 0)
      v.erase(it);
}

void referenceHeldAcrossIterations(std::vector<int> &v) {
  int &first = v[0];
  for (int i = 0; i < 3; ++i) {
    use(first); // expect: ownership-invalidated-reference {{'first' may be used after it was invalidated}}
    v.push_back(i);
  }
}

//===----------------------------------------------------------------------===//
// Not findings
//===----------------------------------------------------------------------===//

void rangeForThenGrowAfterwards(std::vector<int> &v) {
  int sum = 0;
  for (int x : v)
    sum += x;
  v.push_back(sum);
}

void rangeForMutatesElementsOnly(std::vector<int> &v) {
  for (int &x : v)
    x *= 2;
}

void rangeForGrowThenBreak(std::vector<int> &v) {
  for (int x : v) {
    if (cond(x)) {
      v.push_back(x);
      break;
    }
  }
}

void rangeForOverCopy(std::vector<int> &v) {
  std::vector<int> copy = v;
  for (int x : copy)
    v.push_back(x);
}

void indexLoopGrows(std::vector<int> &v) {
  for (size_t i = 0; i < v.size(); ++i)
    if (cond(v[i]))
      v.push_back(v[i]);
}

void eraseWithReturnedIterator(std::vector<int> &v) {
  for (auto it = v.begin(); it != v.end();) {
    if (*it == 0)
      it = v.erase(it);
    else
      ++it;
  }
}

void rangeForOverConstContainer(const std::vector<int> &v, std::vector<int> &out) {
  for (int x : v)
    out.push_back(x);
}

void referenceRefreshedEachIteration(std::vector<int> &v) {
  for (int i = 0; i < 3; ++i) {
    int &last = v.back();
    use(last);
    v.push_back(i);
  }
}
