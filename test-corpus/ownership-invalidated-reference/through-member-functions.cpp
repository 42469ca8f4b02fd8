// ownership-invalidated-reference: a class hands out a reference to an element of its
// container member (`T &get(i) { return items_[i]; }`), and another of its member
// functions grows that container (`add` pushes back): the reference dies, as in Rust
// where `get` borrows `pool` shared and `add` needs it exclusive. Also a reference to a
// struct element used through one of its fields (`r.v`). Look-alikes copy the element
// out, return a stored pointer, or grow a different member.
#include <cstddef>
#include <map>
#include <string>
#include <vector>

struct Item {
  int v = 0;
};

class Pool {
public:
  Item &get(std::size_t i) { return items_[i]; }
  const Item &first() const { return items_.front(); }
  Item copy(std::size_t i) const { return items_[i]; }
  Item *stored(std::size_t i) const { return ptrs_[i]; }
  std::string &label() { return label_; }
  void add(Item x) { items_.push_back(x); }
  void addTwice(Item x) {
    add(x);
    add(x);
  }
  void keep(Item *p) { ptrs_.push_back(p); }
  void rename(const std::string &s) { names_.push_back(s); }

private:
  std::vector<Item> items_;
  std::vector<Item *> ptrs_;
  std::vector<std::string> names_;
  std::string label_;
};

int growsWhileBorrowed(Pool &pool) {
  Item &r = pool.get(0); // expect-note: ownership-invalidated-reference {{borrowed here}}
  pool.add(Item{1}); // expect-note: ownership-invalidated-reference {{'pool.items_' modified here}}
  return r.v; // expect: ownership-invalidated-reference {{'r' used after it was invalidated}}
}

int growsThroughAHelper() {
  Pool pool;
  pool.add(Item{0});
  const Item &r = pool.first(); // expect-note: ownership-invalidated-reference {{borrowed here}}
  pool.addTwice(Item{1}); // expect-note: ownership-invalidated-reference {{'pool.items_' modified here}}
  return r.v; // expect: ownership-invalidated-reference {{'r' used after it was invalidated}}
}

// A reference to a struct element of a vector, used through a field.
int fieldOfAnElement(std::vector<Item> &items) {
  Item &r = items[0]; // expect-note: ownership-invalidated-reference {{borrowed here}}
  items.push_back(Item{1}); // expect-note: ownership-invalidated-reference {{'items' modified here}}
  return r.v; // expect: ownership-invalidated-reference {{'r' used after it was invalidated}}
}

// ===== Clean look-alikes =====

// A copy of the element lives on its own.
int copiedOut(Pool &pool) {
  Item c = pool.copy(0);
  pool.add(Item{1});
  return c.v;
}

// The pointer stored in a vector of pointers points to an object the vector does not
// hold: growing the vector does not move it.
int storedPointer(Pool &pool, Item &other) {
  pool.keep(&other);
  Item *p = pool.stored(0);
  pool.keep(&other);
  return p->v;
}

// Another member grows: the borrowed one is untouched.
std::size_t otherMember(Pool &pool) {
  std::string &l = pool.label();
  pool.rename("x");
  return l.size();
}

// Used before the growth only.
int usedBefore(Pool &pool) {
  Item &r = pool.get(0);
  int v = r.v;
  pool.add(Item{1});
  return v;
}

// A reference into a map survives insertions.
class Registry {
public:
  Item &at(int k) { return byKey_[k]; }
  void put(int k) { byKey_.emplace(k, Item{}); }

private:
  std::map<int, Item> byKey_;
};

int mapReference(Registry &reg) {
  Item &r = reg.at(1);
  reg.put(2);
  return r.v;
}
