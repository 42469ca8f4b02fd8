// ownership-double-free: a constructor catches the failure of a `new`, releases a member
// that already held memory, and completes anyway; the object's destructor releases the
// same memory again. Look-alikes rethrow, reset the member, or release only what the
// failed allocation never filled.
#include <cstdlib>
#include <new>
#include <stdexcept>

struct Part {
  int Id = 0;
};

// ===== Released in the handler, the constructor completes =====

class Buffers {
public:
  Buffers() : Data(new char[64]) {
    try {
      Index = new int[1 << 20]; // expect-note: ownership-double-free {{if this allocation throws, 'Data' already holds memory}}
    } catch (const std::bad_alloc &) {
      delete[] Data; // expect: ownership-double-free {{'Data' is released here when an allocation in the try block fails, and the constructor still completes: the destructor of 'Buffers' releases it again}}
    }
  }
  ~Buffers() {
    delete[] Data; // expect-note: ownership-double-free {{the destructor of 'Buffers' releases 'Data' again here}}
    delete[] Index;
  }

private:
  char *Data;
  int *Index = nullptr;
};

// The member is filled in the body, the handler catches everything and frees it.
class Records {
public:
  Records() {
    Head = static_cast<Part *>(std::malloc(sizeof(Part)));
    try {
      Extra = new Part; // expect-note: ownership-double-free {{if this allocation throws, 'Head' already holds memory}}
    } catch (...) {
      if (Head)
        std::free(Head); // expect: ownership-double-free {{'Head' is released here when an allocation in the try block fails, and the constructor still completes: the destructor of 'Records' releases it again}}
    }
  }
  ~Records() {
    std::free(Head); // expect-note: ownership-double-free {{the destructor of 'Records' releases 'Head' again here}}
    delete Extra;
  }

private:
  Part *Head = nullptr;
  Part *Extra = nullptr;
};

// ===== Clean look-alikes =====

// The handler rethrows: the object is never constructed, its destructor never runs.
class Rethrows {
public:
  Rethrows() : Data(new char[64]) {
    try {
      Index = new int[1 << 20];
    } catch (...) {
      delete[] Data;
      throw;
    }
  }
  ~Rethrows() {
    delete[] Data;
    delete[] Index;
  }

private:
  char *Data;
  int *Index = nullptr;
};

// The handler resets the member after releasing it.
class Resets {
public:
  Resets() : Data(new char[64]) {
    try {
      Index = new int[1 << 20];
    } catch (const std::exception &) {
      delete[] Data;
      Data = nullptr;
    }
  }
  ~Resets() {
    delete[] Data;
    delete[] Index;
  }

private:
  char *Data;
  int *Index = nullptr;
};

// The only allocation that can fail is the one that fills the member: when it throws,
// the member is still null and releasing it twice does nothing.
class FillsInTry {
public:
  FillsInTry() {
    try {
      Data = new char[64];
    } catch (...) {
      delete[] Data;
    }
  }
  ~FillsInTry() { delete[] Data; }

private:
  char *Data = nullptr;
};

// A nothrow allocation does not throw: the handler is for something else.
class NoThrow {
public:
  NoThrow() : Data(new char[64]) {
    try {
      Index = new (std::nothrow) int[1 << 20];
      if (!Index)
        throw std::runtime_error("no index");
    } catch (const std::runtime_error &) {
      delete[] Data;
    }
  }
  ~NoThrow() {
    delete[] Data;
    delete[] Index;
  }

private:
  char *Data;
  int *Index = nullptr;
};

// The handler catches something a failed `new` does not throw.
class OtherError {
public:
  OtherError() : Data(new char[64]) {
    try {
      Index = new int[1 << 20];
    } catch (const std::runtime_error &) {
      delete[] Data;
    }
  }
  ~OtherError() {
    delete[] Data;
    delete[] Index;
  }

private:
  char *Data;
  int *Index = nullptr;
};

// The handler ends the program.
class Aborts {
public:
  Aborts() : Data(new char[64]) {
    try {
      Index = new int[1 << 20];
    } catch (...) {
      delete[] Data;
      std::abort();
    }
  }
  ~Aborts() {
    delete[] Data;
    delete[] Index;
  }

private:
  char *Data;
  int *Index = nullptr;
};

void use() {
  Buffers B;
  Records R;
  Rethrows T;
  Resets S;
  FillsInTry F;
  NoThrow N;
  OtherError O;
  Aborts A;
}
