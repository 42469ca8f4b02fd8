// ownership-invalidated-reference: `m[k]` inserts only when k is not in m. When k is
// certainly there (the key of the element a range-for over m visits, or a key the
// enclosing `if`/`while` just found in m) it inserts nothing and invalidates nothing.
#include <map>
#include <string>
#include <unordered_map>

void use(unsigned);

void followChains(std::unordered_map<unsigned, unsigned> &ids) {
  for (const auto &entry : ids) {
    unsigned id = entry.first;
    while (ids.find(id) != ids.end())
      id = ids[id];
    ids[entry.first] = id;
  }
}

void updateVisitedWithBindings(std::unordered_map<std::string, int> &counts) {
  for (auto &[name, count] : counts)
    counts[name] += count;
}

void bumpWhenCounted(std::unordered_map<int, int> &m, int key) {
  auto it = m.begin();
  if (m.count(key)) {
    m[key] += 1;
  }
  use(it->second);
}

void bumpWhenContained(std::unordered_map<int, int> &m, int key, bool again) {
  auto it = m.begin();
  if (again && m.find(key) != m.end())
    m[key] = 2;
  use(it->second);
}

// Look-alikes that insert.

void subscriptOfAnotherKey(std::unordered_map<unsigned, unsigned> &ids) {
  for (const auto &entry : ids) { // expect: ownership-invalidated-reference {{range-for loop over 'ids' may continue after 'ids' was modified}}
    ids[entry.second] = 0; // expect-note: ownership-invalidated-reference {{'ids' modified here}}
  }
}

void keyOfAnotherMap(std::unordered_map<unsigned, unsigned> &ids,
                     const std::unordered_map<unsigned, unsigned> &other) {
  for (const auto &entry : other) {
    auto it = ids.begin();
    ids[entry.first] = 1;
    use(it->second); // expect: ownership-invalidated-reference {{used after it was invalidated}}
  }
}

void testedAnotherKey(std::unordered_map<int, int> &m, int key, int other) {
  auto it = m.begin();
  if (m.count(other))
    m[key] = 1;
  use(it->second); // expect: ownership-invalidated-reference {{used after it was invalidated}}
}

void notTheFirstStatement(std::unordered_map<int, int> &m, int key) {
  auto it = m.begin();
  if (m.count(key)) {
    m.erase(key);
    m[key] = 1;
  }
  use(it->second); // expect: ownership-invalidated-reference {{used after it was invalidated}}
}

void elseBranch(std::unordered_map<int, int> &m, int key) {
  auto it = m.begin();
  if (m.count(key))
    use(1);
  else
    m[key] = 1;
  use(it->second); // expect: ownership-invalidated-reference {{used after it was invalidated}}
}
