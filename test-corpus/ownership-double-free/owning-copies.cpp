// ownership-double-free: a class whose destructor releases what a member owns is copied
// (or moved) by a copy that only duplicates the pointer, so that both objects release the
// same memory. Rust would refuse: such a type cannot be Copy. Clean look-alikes: copies
// deleted or written by hand, classes that only borrow, copies elided.
#include <utility>
#include <vector>

struct Widget {
  int Size = 0;
};

// ===== Implicit copies of an owning class =====

class Buffer {
public:
  Buffer() : Data(new char[16]) {}
  ~Buffer() { delete[] Data; } // expect-note: ownership-double-free x4 {{the destructor of 'Buffer' releases it here}}
  char *data() const { return Data; }

private:
  char *Data; // expect-note: ownership-double-free x4 {{'Data' owns what it points to}}
};

void consume(Buffer B);

void copyConstructs(const Buffer &B) {
  Buffer C = B; // expect: ownership-double-free {{copying 'Buffer' with its implicit copy constructor duplicates the pointer 'Data' owns: both objects release the same memory}}
  (void)C.data();
}

void copyAssigns(Buffer &A, const Buffer &B) {
  A = B; // expect: ownership-double-free {{copying 'Buffer' with its implicit copy assignment}}
}

void passesByValue(const Buffer &B) {
  consume(B); // expect: ownership-double-free {{copying 'Buffer'}}
}

// Without a move constructor of its own, std::move still copies.
void movesWithoutMoveConstructor(Buffer &B) {
  Buffer C = std::move(B); // expect: ownership-double-free {{copying 'Buffer'}}
  (void)C.data();
}

void passesByReference(const Buffer &B) { (void)B.data(); }

Buffer makeBuffer() {
  Buffer B;
  return B; // the named return value: no copy
}

Buffer makeTemporary() { return Buffer(); }

void usesResult() {
  Buffer B = makeBuffer();
  (void)B.data();
}

// ===== A defaulted move that does not null the source =====

class Movable {
public:
  Movable() : W(new Widget) {}
  Movable(Movable &&) = default; // expect-note: ownership-double-free {{the move constructor is defaulted here}}
  ~Movable() { delete W; } // expect-note: ownership-double-free {{the destructor of 'Movable' releases it here}}

private:
  Widget *W; // expect-note: ownership-double-free {{'W' owns what it points to}}
};

void movesDefaulted() {
  Movable A;
  Movable B = std::move(A); // expect: ownership-double-free {{moving 'Movable' with its defaulted move constructor}}
}

// ===== Copies written by hand, or forbidden =====

class DeepCopy {
public:
  DeepCopy() : W(new Widget) {}
  DeepCopy(const DeepCopy &O) : W(new Widget(*O.W)) {}
  DeepCopy &operator=(const DeepCopy &O) {
    if (this != &O)
      *W = *O.W;
    return *this;
  }
  ~DeepCopy() { delete W; }

private:
  Widget *W;
};

void copiesDeep(const DeepCopy &D) {
  DeepCopy E = D;
  E = D;
}

class NoCopy {
public:
  NoCopy() : W(new Widget) {}
  NoCopy(const NoCopy &) = delete;
  NoCopy &operator=(const NoCopy &) = delete;
  NoCopy(NoCopy &&O) noexcept : W(std::exchange(O.W, nullptr)) {}
  ~NoCopy() { delete W; }

private:
  Widget *W;
};

void movesByHand() {
  NoCopy A;
  NoCopy B = std::move(A);
}

// ===== A class that only borrows =====

class View {
public:
  explicit View(Widget *W) : W(W) {}
  ~View() {}
  Widget *get() const { return W; }

private:
  Widget *W;
};

void copiesView(const View &V) {
  View C = V;
  (void)C.get();
}

// ===== Ownership that depends on a flag: unknown =====

class Flagged {
public:
  Flagged(Widget *W, bool Own) : W(W), Own(Own) {}
  ~Flagged() {
    if (Own)
      delete W;
  }

private:
  Widget *W;
  bool Own;
};

void copiesFlagged(const Flagged &F) { Flagged G = F; }

// ===== A container whose elements the destructor deletes =====

class Pool {
public:
  ~Pool() {
    for (Widget *W : Items)
      delete W; // expect-note: ownership-double-free {{the destructor of 'Pool' releases it here}}
  }
  void add() { Items.push_back(new Widget); }

private:
  std::vector<Widget *> Items; // expect-note: ownership-double-free {{'Items' owns what it points to}}
};

void copiesPool(const Pool &P) {
  Pool Q = P; // expect: ownership-double-free {{copying 'Pool' with its implicit copy constructor duplicates the pointers 'Items' owns}}
}
