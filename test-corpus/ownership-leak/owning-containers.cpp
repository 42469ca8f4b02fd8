// ownership-leak: elements of a container that owns them (its class's destructor deletes
// them) dropped without being released, next to classes that release them first, hand
// them out, or only borrow.
#include <map>
#include <vector>

struct Widget {
  int Size = 0;
};

// ===== A vector that owns its elements =====

class Pool {
public:
  ~Pool() {
    for (Widget *W : Items)
      delete W; // expect-note: ownership-leak x3 {{the destructor of 'Pool' releases it here}}
  }
  void add() { Items.push_back(new Widget); }

  void reset() {
    Items.clear(); // expect: ownership-leak {{elements removed from 'Items' are not released}}
  }
  void dropLast() {
    Items.pop_back(); // expect: ownership-leak {{elements removed from 'Items' are not released}}
  }
  void replaceFirst() {
    Items[0] = new Widget; // expect: ownership-leak {{the pointer 'Items' held at this key or index, if any, is overwritten without being released}}
  }

  void resetReleases() {
    for (Widget *W : Items)
      delete W;
    Items.clear();
  }
  void releaseLast() {
    delete Items.back();
    Items.pop_back();
  }
  // Hands the last element to the caller, which owns it from now on.
  Widget *takeLast() {
    Widget *W = Items.back();
    Items.pop_back();
    return W;
  }
  void giveAway(std::vector<Widget *> &Out) { Items.swap(Out); }

private:
  std::vector<Widget *> Items; // expect-note: ownership-leak x3 {{'Items' owns what it points to}}
};

// ===== A map that owns its values =====

class Registry {
public:
  ~Registry() {
    for (auto &KV : ByKey)
      delete KV.second; // expect-note: ownership-leak x2 {{the destructor of 'Registry' releases it here}}
  }
  void put(int Key) {
    ByKey[Key] = new Widget; // expect: ownership-leak {{if any, is overwritten}}
  }
  void putIfAbsent(int Key) {
    if (ByKey.count(Key) == 0)
      ByKey[Key] = new Widget;
  }
  void remove(int Key) {
    ByKey.erase(Key); // expect: ownership-leak {{elements removed from 'ByKey' are not released}}
  }
  void removeReleases(int Key) {
    auto It = ByKey.find(Key);
    if (It != ByKey.end()) {
      delete It->second;
      ByKey.erase(It);
    }
  }

private:
  std::map<int, Widget *> ByKey; // expect-note: ownership-leak x2 {{'ByKey' owns what it points to}}
};

// ===== A vector that only borrows =====

class Index {
public:
  void add(Widget *W) { Items.push_back(W); }
  void reset() { Items.clear(); }
  void dropLast() { Items.pop_back(); }

private:
  std::vector<Widget *> Items;
};
