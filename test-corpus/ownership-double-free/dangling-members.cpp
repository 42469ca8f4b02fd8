// ownership-double-free: a public member function releases what an owning member holds
// and leaves the member pointing at it; the destructor releases it again (Rust: cannot
// move out of a field behind `&mut self`). Look-alikes reset or refill the member, hand
// it out, or are helpers that callers refill after.
#include <cstdio>
#include <cstdlib>

struct Item {
  int Id = 0;
};

// ===== Released in a member function, released again by the destructor =====

class Log {
public:
  explicit Log(const char *Path) : F(std::fopen(Path, "w")) {}
  ~Log() {
    if (F)
      std::fclose(F); // expect-note: ownership-double-free {{the destructor of 'Log' releases 'F' again here}}
  }
  void close() {
    std::fclose(F); // expect: ownership-double-free {{'F' is released here and left dangling: the destructor of 'Log' releases it again}}
  }
  // Clean: the member is reset after the release.
  void closeAndReset() {
    if (F) {
      std::fclose(F);
      F = nullptr;
    }
  }

private:
  FILE *F;
};

// Released under the member's own null test: whenever it held memory, it dangles.
class Cache {
public:
  Cache() : Data(new Item[16]) {}
  ~Cache() { delete[] Data; } // expect-note: ownership-double-free {{the destructor of 'Cache' releases 'Data' again here}}
  void drop() {
    if (Data != nullptr)
      delete[] Data; // expect: ownership-double-free {{'Data' is released here and left dangling: the destructor of 'Cache' releases it again}}
  }
  // Clean: refilled after the release.
  void regrow() {
    delete[] Data;
    Data = new Item[32];
  }
  // Clean: released and reset on one path, left alone on the other.
  void maybeDrop(bool Now) {
    if (Now) {
      delete[] Data;
      Data = nullptr;
    }
  }
  // Clean: hands the memory to the caller, which owns it from now on.
  Item *release() {
    Item *Out = Data;
    Data = nullptr;
    return Out;
  }

private:
  Item *Data;
};

// The destructor calls the very function that leaves the member dangling.
class Buffer {
public:
  Buffer() : Bytes(static_cast<char *>(std::malloc(64))) {}
  ~Buffer() { reset(); } // expect-note: ownership-double-free {{the destructor of 'Buffer' calls 'reset' again here}}
  void reset() {
    std::free(Bytes); // expect: ownership-double-free {{'Bytes' is released here and left dangling: the destructor of 'Buffer' releases it again}}
  }

private:
  char *Bytes;
};

// ===== Clean look-alikes =====

// A private helper whose callers refill the member.
class Pool {
public:
  Pool() : Slots(new Item[8]) {}
  ~Pool() { delete[] Slots; }
  void grow() {
    freeSlots();
    Slots = new Item[16];
  }

private:
  void freeSlots() { delete[] Slots; }
  Item *Slots;
};

// The destructor releases only under a flag the member function clears: the class owns
// the member only sometimes, and says so.
class Handle {
public:
  Handle() : P(new Item), Open(true) {}
  ~Handle() {
    if (Open)
      delete P;
  }
  void close() {
    delete P;
    Open = false;
  }

private:
  Item *P;
  bool Open;
};

// The object releases itself too: what happens to it afterwards is not this class's to say.
class SelfOwned {
public:
  SelfOwned() : P(new Item) {}
  ~SelfOwned() { delete P; }
  void destroy() {
    delete P;
    delete this;
  }

private:
  Item *P;
};

// The function does not return normally after the release.
class Fatal {
public:
  Fatal() : P(new Item) {}
  ~Fatal() { delete P; }
  [[noreturn]] void die() {
    delete P;
    std::abort();
  }

private:
  Item *P;
};
