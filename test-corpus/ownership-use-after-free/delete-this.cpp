// ownership-use-after-free after `delete this`: a member function that deletes its own
// object and then reads a member, or calls a member function, reads freed memory.

struct Counted {
  int Count = 1;
  int Id = 0;
  void log();
  int id() const { return Id; }

  int releaseThenRead() {
    delete this; // expect-note: ownership-use-after-free {{freed here}}
    return Count; // expect: ownership-use-after-free {{'this' used after the memory it points to was freed}}
  }

  void releaseThenCall() {
    delete this; // expect-note: ownership-use-after-free {{freed here}}
    log(); // expect: ownership-use-after-free {{'this' used after}}
  }

  int releaseThenExplicitThis() {
    delete this; // expect-note: ownership-use-after-free {{freed here}}
    return this->id(); // expect: ownership-use-after-free {{'this' used after}}
  }

  // The usual reference count: the object goes when the last reference does, and
  // nothing reads it afterwards.
  void unref() {
    if (--Count == 0)
      delete this;
  }

  int unrefAndCount() {
    if (--Count == 0) {
      delete this;
      return 0;
    }
    return Count;
  }

  // A copy of the member taken before: only the local is read afterwards.
  int releaseKeepingCopy() {
    int Kept = Count;
    delete this;
    return Kept;
  }

  int releaseMaybe(bool Last) {
    if (Last)
      delete this; // expect-note: ownership-use-after-free {{freed here}}
    return Id; // expect: ownership-use-after-free {{'this' may be used after}}
  }

  // `delete this` as the last statement.
  void releaseAtTheEnd() {
    log();
    delete this;
  }
};
