// ownership-use-after-free through owner objects: memory a std::unique_ptr or a
// std::shared_ptr adopted is freed when the owner is destroyed, reset or reassigned, and a
// raw pointer kept to it dangles.
#include <memory>

struct Widget {
  int Size = 0;
  void grow() { ++Size; }
};

void consume(std::unique_ptr<Widget> W);
void inspect(const std::unique_ptr<Widget> &W);
void mutate(std::unique_ptr<Widget> &W);
void share(const std::shared_ptr<Widget> &W);

// ===== Scope end =====

int ownerDiesInBlock() {
  int *P = new int(5);
  {
    std::unique_ptr<int> Owner(P);
  } // expect-note: ownership-use-after-free {{freed here, when 'Owner' is destroyed}}
  return *P; // expect: ownership-use-after-free {{'P' used after the memory it points to was freed}}
}

int ownerStillAlive() {
  int *P = new int(5);
  std::unique_ptr<int> Owner(P);
  return *P;
}

int getKeptPastOwner() {
  int *Raw;
  {
    std::unique_ptr<int> Owner(new int(1));
    Raw = Owner.get();
  } // expect-note: ownership-use-after-free {{when 'Owner' is destroyed}}
  // The borrow get() makes ended too: ownership-dangling leaves the use to this rule.
  return *Raw; // expect: ownership-use-after-free {{'Raw' used after}}
}

int getKeptPastReset() {
  std::unique_ptr<int> Owner(new int(1));
  int *Raw = Owner.get();
  Owner.reset(); // expect-note: ownership-use-after-free {{by 'Owner.reset()'}}
  return *Raw; // expect: ownership-use-after-free {{'Raw' used after}}
}

int getWhileOwnerAlive() {
  std::unique_ptr<int> Owner(new int(1));
  int *Raw = Owner.get();
  return *Raw;
}

// ===== reset() and reassignment =====

void resetThenUse() {
  Widget *W = new Widget;
  std::unique_ptr<Widget> Owner(W);
  Owner.reset(); // expect-note: ownership-use-after-free {{freed here by 'Owner.reset()'}}
  W->grow(); // expect: ownership-use-after-free {{'W' used after}}
}

void resetAdoptsThenUse() {
  Widget *W = new Widget;
  std::unique_ptr<Widget> Owner;
  Owner.reset(W);
  W->grow();
}

void resetToAnotherThenUse() {
  Widget *Old = new Widget;
  Widget *New = new Widget;
  std::unique_ptr<Widget> Owner(Old);
  Owner.reset(New); // expect-note: ownership-use-after-free {{by 'Owner.reset()'}}
  New->grow();
  Old->grow(); // expect: ownership-use-after-free {{'Old' used after}}
}

void reassignedThenUse() {
  Widget *W = new Widget;
  std::unique_ptr<Widget> Owner(W);
  Owner = nullptr; // expect-note: ownership-use-after-free {{freed here, when 'Owner' is reassigned}}
  W->grow(); // expect: ownership-use-after-free
}

void movedToLongerOwner() {
  Widget *W = new Widget;
  std::unique_ptr<Widget> Outer;
  {
    std::unique_ptr<Widget> Owner(W);
    Outer = std::move(Owner);
  }
  W->grow(); // Outer owns it now
}

void movedToShorterOwner() {
  Widget *W = new Widget;
  std::unique_ptr<Widget> Owner(W);
  {
    std::unique_ptr<Widget> Inner = std::move(Owner);
  } // expect-note: ownership-use-after-free {{when 'Inner' is destroyed}}
  W->grow(); // expect: ownership-use-after-free
}

// ===== What the model does not know: nothing is reported =====

void handedToCallee() {
  Widget *W = new Widget;
  {
    std::unique_ptr<Widget> Owner(W);
    consume(std::move(Owner));
  }
  W->grow(); // consume() may have kept it
}

void mutatedByCallee() {
  Widget *W = new Widget;
  {
    std::unique_ptr<Widget> Owner(W);
    mutate(Owner);
  }
  W->grow(); // mutate() may have released it to another owner
}

void readByCallee() {
  Widget *W = new Widget;
  {
    std::unique_ptr<Widget> Owner(W);
    inspect(Owner); // a const reference cannot let go of the memory
  } // expect-note: ownership-use-after-free {{when 'Owner' is destroyed}}
  W->grow(); // expect: ownership-use-after-free
}

struct KeepsIt {
  void operator()(Widget *) const {}
};

void customDeleter() {
  Widget *W = new Widget;
  {
    std::unique_ptr<Widget, KeepsIt> Owner(W);
  }
  W->grow(); // the deleter is the user's
}

// ===== std::shared_ptr =====

void sharedOwnerDies() {
  Widget *W = new Widget;
  {
    std::shared_ptr<Widget> Owner(W);
  } // expect-note: ownership-use-after-free {{when 'Owner' is destroyed}}
  W->grow(); // expect: ownership-use-after-free
}

void sharedOwnerCopied() {
  Widget *W = new Widget;
  std::shared_ptr<Widget> Keep;
  {
    std::shared_ptr<Widget> Owner(W);
    Keep = Owner;
  }
  W->grow(); // Keep still shares it
}

void sharedOwnerPassedOn() {
  Widget *W = new Widget;
  {
    std::shared_ptr<Widget> Owner(W);
    share(Owner);
  }
  W->grow(); // share() may have kept a share
}

void sharedOwnerCompared() {
  Widget *W = new Widget;
  {
    std::shared_ptr<Widget> Owner(W);
    if (Owner == nullptr)
      return;
  } // expect-note: ownership-use-after-free {{when 'Owner' is destroyed}}
  W->grow(); // expect: ownership-use-after-free
}

// ===== A class of the user's whose destructor releases what it adopted =====

class Holder {
public:
  explicit Holder(Widget *W) : Held(W) {}
  ~Holder() { delete Held; }
  Widget *get() const { return Held; }
  // Held may have been given null: dropping it is not known to leak.
  void drop() { Held = nullptr; }

private:
  Widget *Held;
};

void holderDies() {
  Widget *W = new Widget;
  {
    Holder H(W);
  } // expect-note: ownership-use-after-free {{freed here, when 'H' is destroyed}}
  W->grow(); // expect: ownership-use-after-free {{'W' used after}}
}

void holderAlive() {
  Widget *W = new Widget;
  Holder H(W);
  W->grow();
  (void)H.get();
}

void holderDropsIt() {
  Widget *W = new Widget;
  {
    Holder H(W);
    H.drop(); // a non-const member may change what it holds
  }
  W->grow();
  delete W;
}

void holderDestroyedByHand() {
  Widget *W = new Widget;
  Holder H(W);
  H.~Holder(); // expect-note: ownership-use-after-free {{when 'H' is destroyed}} expect-note: ownership-double-free {{first released here, when 'H' is destroyed}}
  W->grow(); // expect: ownership-use-after-free
} // expect: ownership-double-free {{memory owned by 'H' is released twice}}

class Borrower {
public:
  explicit Borrower(Widget *W) : Seen(W) {}
  ~Borrower() {}

private:
  Widget *Seen;
};

void borrowerDies() {
  Widget *W = new Widget;
  {
    Borrower B(W);
  }
  W->grow(); // the destructor releases nothing
  delete W;
}
