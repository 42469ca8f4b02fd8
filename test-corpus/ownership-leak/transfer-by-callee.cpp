// ownership-leak when the callee decides who owns: its body (its summary), not its name,
// says that it hands ownership to the caller, with look-alikes that only lend.
#include <memory>

struct Widget {
  int Value = 0;
};

// ===== A member function that hands out what a member owned, and forgets it =====

class Holder {
public:
  Holder() : W(new Widget) {}
  ~Holder() { delete W; }
  // The caller owns the result (documented transfer, as std::unique_ptr::release).
  Widget *release() {
    Widget *Out = W;
    W = nullptr;
    return Out;
  }
  // Lends: the member still owns it.
  Widget *get() const { return W; }

private:
  Widget *W;
};

void releaseDiscarded(Holder &H) {
  H.release(); // expect: ownership-leak {{result of 'release' (which hands over memory allocated with 'new') is discarded: the memory it hands over leaks}}
}

void releaseDropped(Holder &H) {
  Widget *W = H.release(); // expect-note: ownership-leak {{handed over here}}
  W->Value = 1;
} // expect: ownership-leak {{memory handed over by 'release' (which hands over memory allocated with 'new') and owned by 'W' is leaked when 'W' goes out of scope}}

void releaseDeleted(Holder &H) {
  Widget *W = H.release();
  W->Value = 1;
  delete W;
}

void releaseIntoOwner(Holder &H) {
  std::unique_ptr<Widget> U(H.release());
  U->Value = 2;
}

void getDiscarded(Holder &H) {
  H.get();
}

void getDropped(Holder &H) {
  Widget *W = H.get();
  W->Value = 3;
}

// A class that does not own its member (no destructor releases it): handing the pointer
// out hands no ownership.
class Cursor {
public:
  explicit Cursor(Widget *W) : W(W) {}
  Widget *take() {
    Widget *Out = W;
    W = nullptr;
    return Out;
  }

private:
  Widget *W;
};

void takeDiscarded(Cursor &C) {
  C.take();
}

// ===== A fresh allocation returned through a chain of helpers =====

Widget *make() { return new Widget; }
Widget *makeVia() { return make(); }
Widget *makeConfigured() {
  Widget *W = makeVia();
  W->Value = 4;
  return W;
}

void chainDiscarded() {
  makeConfigured(); // expect: ownership-leak {{result of 'makeConfigured' (which allocates with 'new') is discarded}}
}

void chainDropped() {
  Widget *W = makeConfigured(); // expect-note: ownership-leak {{allocated here}}
  W->Value = 5;
} // expect: ownership-leak {{owned by 'W' is leaked}}

void chainDeleted() {
  delete makeConfigured();
}

// ===== A callee that takes ownership only when it succeeds =====

class Registry {
public:
  // Stores W and returns true, or returns false and leaves W to the caller.
  bool add(Widget *W) {
    if (Count == 8)
      return false;
    Items[Count++] = W;
    return true;
  }
  // Returns 0 when it stored W, -1 when it is full.
  int insert(Widget *W) {
    if (Count == 8)
      return -1;
    Items[Count++] = W;
    return 0;
  }
  // Stores W or not, and its result does not say which.
  bool addIfRoom(Widget *W) {
    if (Count < 8)
      Items[Count++] = W;
    return Count > 0;
  }
  // Stores W on every path, whatever it returns.
  bool addAlways(Widget *W) {
    Items[Count % 8] = W;
    if (Count == 8)
      return false;
    ++Count;
    return true;
  }
  virtual bool addVirtual(Widget *W) {
    if (Count == 8)
      return false;
    Items[Count++] = W;
    return true;
  }

private:
  Widget *Items[8];
  int Count = 0;
};

bool addOrLeak(Registry &R) {
  Widget *W = new Widget; // expect-note: ownership-leak {{allocated here}}
  if (!R.add(W))
    return false; // expect: ownership-leak {{owned by 'W' is leaked when 'W' goes out of scope at this return}}
  return true;
}

bool addOrDelete(Registry &R) {
  Widget *W = new Widget;
  if (!R.add(W)) {
    delete W;
    return false;
  }
  return true;
}

bool addThroughLocal(Registry &R) {
  Widget *W = new Widget; // expect-note: ownership-leak {{allocated here}}
  bool Added = R.add(W);
  if (!Added)
    return false; // expect: ownership-leak {{owned by 'W' is leaked}}
  return true;
}

void addTestedForSuccess(Registry &R) {
  Widget *W = new Widget;
  if (R.add(W))
    return;
  delete W;
}

void insertOrLeak(Registry &R) {
  Widget *W = new Widget; // expect-note: ownership-leak {{allocated here}}
  if (R.insert(W) != 0)
    return; // expect: ownership-leak {{owned by 'W' is leaked}}
}

void insertOrDelete(Registry &R) {
  Widget *W = new Widget;
  if (R.insert(W) == -1)
    delete W;
}

void addUntested(Registry &R) {
  Widget *W = new Widget;
  R.add(W); // the result is not looked at: the registry may have kept it
}

void addTestedLater(Registry &R, bool Verbose) {
  Widget *W = new Widget;
  bool Added = R.add(W);
  if (Verbose)
    W->Value = 1;
  if (!Added)
    delete W;
}

void addIfRoomUnknown(Registry &R) {
  Widget *W = new Widget;
  if (!R.addIfRoom(W))
    return;
}

void addAlwaysKeeps(Registry &R) {
  Widget *W = new Widget;
  if (!R.addAlways(W))
    return;
}

void addVirtualUnknown(Registry &R) {
  Widget *W = new Widget;
  if (!R.addVirtual(W))
    return;
}

// ===== Ownership that a constructor's bool argument decides =====

class Wrapper {
public:
  Wrapper(Widget *W, bool Own) : W(W), Own(Own) {}
  ~Wrapper() {
    if (Own)
      delete W;
  }
  int value() const { return W->Value; }

private:
  Widget *W;
  bool Own;
};

int wrappedBorrowedLeaks() {
  Widget *W = new Widget; // expect-note: ownership-leak {{allocated here}}
  Wrapper Wrap(W, false);
  return Wrap.value(); // expect: ownership-leak {{owned by 'W' is leaked}}
}

int wrappedOwned() {
  Widget *W = new Widget;
  Wrapper Wrap(W, true);
  return Wrap.value();
}

int wrappedBorrowedDeleted() {
  Widget *W = new Widget;
  int Value;
  {
    Wrapper Wrap(W, false);
    Value = Wrap.value();
  }
  delete W;
  return Value;
}

int wrappedUnknownFlag(bool Own) {
  Widget *W = new Widget;
  Wrapper Wrap(W, Own);
  return Wrap.value();
}

// ===== Placement new allocates nothing =====

void placementInBuffer() {
  alignas(Widget) char Buffer[sizeof(Widget)];
  Widget *W = new (Buffer) Widget;
  W->Value = 1;
  W->~Widget();
}

void placementDiscarded() {
  alignas(Widget) static char Buffer[sizeof(Widget)];
  new (Buffer) Widget;
}

// ===== std::unique_ptr::release() whose result is dropped =====

void uniqueReleaseDiscarded() {
  std::unique_ptr<Widget> Owner(new Widget); // expect-note: ownership-leak {{adopted here}}
  Owner->Value = 1;
  Owner.release(); // expect: ownership-leak {{is discarded: the memory it hands over leaks}}
}

Widget *uniqueReleaseReturned() {
  std::unique_ptr<Widget> Owner(new Widget);
  Owner->Value = 2;
  return Owner.release();
}

void uniqueReleaseDeleted() {
  std::unique_ptr<Widget> Owner(new Widget);
  delete Owner.release();
}

void uniqueReleaseOfEmpty() {
  std::unique_ptr<Widget> Owner;
  Owner.release();
}
