// ownership-leak: a member that owns what it points to is overwritten while it still
// holds memory, with look-alikes that own correctly, only borrow, or hand the memory
// on in a documented way.
#include <cstdlib>

struct Widget {
  int Size = 0;
};

namespace gsl {
template <class T> using owner = T;
} // namespace gsl

// ===== A class that owns its member: allocated into, deleted by the destructor =====

class Holder {
public:
  Holder() : W(new Widget) {}
  ~Holder() { delete W; } // expect-note: ownership-leak x2 {{the destructor of 'Holder' releases it here}}

  void replaceLeaks() {
    W = new Widget; // expect: ownership-leak {{memory owned by member 'W' is leaked when 'W' is overwritten}}
  }
  void forgetLeaks() {
    W = nullptr; // expect: ownership-leak {{memory owned by member 'W' is leaked when 'W' is overwritten}}
  }

  void replaceReleases() {
    delete W;
    W = new Widget;
  }
  void replaceIfEmpty() {
    if (!W)
      W = new Widget;
  }
  void swapIn(Widget *Next) {
    Widget *Old = W;
    W = Next;
    delete Old;
  }
  // Hands the memory to the caller, which owns it from now on (documented transfer).
  Widget *release() {
    Widget *Out = W;
    W = nullptr;
    return Out;
  }
  // A member function of the object may release the member: not followed, unknown.
  void reload() {
    clear();
    W = new Widget;
  }
  void clear() {
    delete W;
    W = nullptr;
  }

private:
  Widget *W; // expect-note: ownership-leak x2 {{'W' owns what it points to}}
};

// ===== A class that only borrows =====

class Viewer {
public:
  explicit Viewer(Widget *W) : W(W) {}
  void show(Widget *Other) { W = Other; }
  void showNew() { W = nullptr; }

private:
  Widget *W;
};

// ===== Ownership that depends on a flag: unknown =====

class MaybeOwner {
public:
  MaybeOwner(Widget *W, bool Own) : W(W), Own(Own) {}
  ~MaybeOwner() {
    if (Own)
      delete W;
  }
  void borrow(Widget *Other) {
    W = Other;
    Own = false;
  }

private:
  Widget *W;
  bool Own;
};

// ===== A class that adopts a pointer from its constructor =====

class Adopter {
public:
  explicit Adopter(Widget *W) : W(W) {}
  ~Adopter() { delete W; }
  // A setter that takes a pointer parameter in: its callers may call it only while W is
  // empty (the constructor may have been given null), which nothing here shows: unknown.
  void replace(Widget *Other) {
    W = Other;
  }
  void replaceReleases(Widget *Other) {
    delete W;
    W = Other;
  }

private:
  Widget *W;
};

// ===== A handle released through a deallocator =====

class Buffer {
public:
  Buffer() : Data(static_cast<char *>(std::malloc(16))) {}
  ~Buffer() { std::free(Data); } // expect-note: ownership-leak {{the destructor of 'Buffer' releases it here}}
  void grow() {
    Data = static_cast<char *>(std::malloc(32)); // expect: ownership-leak {{member 'Data' is leaked}}
  }
  void growKeeps() {
    char *Bigger = static_cast<char *>(std::realloc(Data, 32));
    if (Bigger)
      Data = Bigger;
  }

private:
  char *Data; // expect-note: ownership-leak {{'Data' owns what it points to}}
};

// ===== gsl::owner =====

struct Node {
  gsl::owner<Widget *> Payload = nullptr;
  Widget *Borrowed = nullptr;

  // Payload starts empty: filling it may be the first store, so nothing is known to leak.
  void fill() {
    Payload = new Widget;
  }
  void refill() {
    delete Payload;
    Payload = new Widget;
  }
  void point(Widget *W) { Borrowed = W; }
};

// ===== Deleted without any sign of being filled: unknown =====

class Unfilled {
public:
  ~Unfilled() { delete W; }
  void set(Widget *Other) { W = Other; }
  Widget *W = nullptr;
};

// ===== A constructor allocates into a member the destructor forgets =====

class HalfClean {
public:
  HalfClean() : Kept(new Widget), Forgotten(new Widget) {} // expect: ownership-leak {{memory allocated into member 'Forgotten' is never released: the destructor of 'HalfClean' releases other members, not this one}}
  ~HalfClean() { delete Kept; } // expect-note: ownership-leak {{the destructor of 'HalfClean' is defined here}}
  int size() const { return Forgotten->Size + Kept->Size; }

private:
  Widget *Kept;
  Widget *Forgotten; // expect-note: ownership-leak {{'Forgotten' is declared here}}
};

// The member is handed out: whoever receives it may release it.
class HandsOut {
public:
  HandsOut() : Kept(new Widget), Shared(new Widget) {}
  ~HandsOut() { delete Kept; }
  Widget *shared() { return Shared; }

private:
  Widget *Kept;
  Widget *Shared;
};

// No destructor releases anything: nothing says the class cleans up after itself.
class NoCleanup {
public:
  NoCleanup() : W(new Widget) {}
  int size() const { return W->Size; }

private:
  Widget *W;
};
