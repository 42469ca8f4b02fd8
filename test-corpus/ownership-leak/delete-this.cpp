// ownership-leak, ownership-use-after-free and ownership-double-free around member
// functions that release their own object: `delete this`, intrusive reference counting,
// and member functions whose body the unit does not have.

struct Counted {
  int Refs = 1;
  void ref() { ++Refs; }
  void unref() {
    if (--Refs == 0)
      delete this;
  }
  void destroy() { delete this; }
  void poke() { ++Refs; }
  void decref(); // defined in another translation unit: if (--Refs == 0) delete this;
  void release() { destroy(); } // every path releases through destroy()
};

void notifyOthers(int);

// ===== A member function that may `delete this` =====

void unrefMayRelease() {
  Counted *C = new Counted;
  C->ref();
  C->unref(); // may delete C: ownership is no longer this function's
  C = nullptr;
}

void unrefThenDeleteIsNotReportedEither() {
  Counted *C = new Counted;
  C->unref(); // whether C is still alive afterwards is unknown: no finding from it
  delete C;
}

void pokedStillLeaks() {
  Counted *C = new Counted; // expect-note: ownership-leak {{allocated here}}
  C->poke();                // its body leaves the object alone
} // expect: ownership-leak {{owned by 'C' is leaked when 'C' goes out of scope}}

// ===== A member function whose body is not visible =====

Counted *decrefInAnotherUnit(bool Group) {
  if (Group) {
    Counted *C = new Counted;
    if (Group)
      return C;
    C->decref(); // may delete C
  }
  return nullptr;
}

void decrefThenUseIsNotReported() {
  Counted *C = new Counted;
  C->decref();
  notifyOthers(C->Refs); // unknown, not a use after free
}

// ===== A member function that releases its object on every path =====

void destroyReleases() {
  Counted *C = new Counted;
  C->poke();
  C->destroy();
}

void destroyThenUse() {
  Counted *C = new Counted;
  C->destroy(); // expect-note: ownership-use-after-free {{freed here}}
  notifyOthers(C->Refs); // expect: ownership-use-after-free {{'C' used after the memory it points to was freed}}
}

void destroyThenDelete() {
  Counted *C = new Counted;
  C->release(); // expect-note: ownership-double-free {{first released here}}
  delete C;     // expect: ownership-double-free {{memory owned by 'C' is released twice}}
}

void destroyOnOnePath(bool Done) {
  Counted *C = new Counted;
  if (Done)
    C->destroy();
  else
    delete C;
}
