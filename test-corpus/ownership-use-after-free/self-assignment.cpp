// ownership-use-after-free: a copy assignment operator releases a member and then reads
// the source object's same member; when an object is assigned to itself, the source is
// `*this` and the read is of the memory just released. Look-alikes test for
// self-assignment, copy first, or take the source by value.
#include <cstdlib>
#include <cstring>
#include <utility>

// ===== Released, then read through the source =====

class Text {
public:
  Text(const Text &Other) : Data(strdup(Other.Data)) {}
  ~Text() { std::free(Data); }
  Text &operator=(const Text &Other) {
    std::free(Data); // expect-note: ownership-use-after-free {{'Data' is released here, with no test that 'Other' is another object}}
    Data = strdup(Other.Data); // expect: ownership-use-after-free {{'Other.Data' is read after 'Data' was released: when 'Other' is '*this' (self-assignment), this reads freed memory}}
    return *this;
  }

private:
  char *Data;
};

struct Grid {
  ~Grid() { delete[] Cells; }
  Grid &operator=(const Grid &Other) {
    delete[] Cells; // expect-note: ownership-use-after-free {{'Cells' is released here, with no test that 'Other' is another object}}
    Cells = copyCells(Other.Cells, Other.Size); // expect: ownership-use-after-free {{'Other.Cells' is read after 'Cells' was released: when 'Other' is '*this' (self-assignment), this reads freed memory}}
    Size = Other.Size;
    return *this;
  }
  static int *copyCells(const int *From, unsigned N) {
    int *Out = new int[N];
    std::memcpy(Out, From, N * sizeof(int));
    return Out;
  }
  int *Cells = nullptr;
  unsigned Size = 0;
};

// ===== Clean look-alikes =====

// The source's member is read only after the refill: when the source is `*this`, it is
// the new memory (copied onto itself, but not freed).
class Samples {
public:
  ~Samples() { delete[] Values; }
  Samples &operator=(const Samples &Other) {
    delete[] Values;
    Count = Other.Count;
    Values = new double[Count];
    std::memcpy(Values, Other.Values, Count * sizeof(double));
    return *this;
  }

private:
  double *Values = nullptr;
  unsigned Count = 0;
};

// Tested for self-assignment first.
class Checked {
public:
  ~Checked() { std::free(Data); }
  Checked &operator=(const Checked &Other) {
    if (this == &Other)
      return *this;
    std::free(Data);
    Data = strdup(Other.Data);
    return *this;
  }

private:
  char *Data = nullptr;
};

// Copies before releasing.
class CopyFirst {
public:
  ~CopyFirst() { std::free(Data); }
  CopyFirst &operator=(const CopyFirst &Other) {
    char *Copy = strdup(Other.Data);
    std::free(Data);
    Data = Copy;
    return *this;
  }

private:
  char *Data = nullptr;
};

// Copy and swap: the source is a copy, never `*this`.
class Swapped {
public:
  ~Swapped() { std::free(Data); }
  Swapped &operator=(Swapped Other) {
    std::swap(Data, Other.Data);
    return *this;
  }

private:
  char *Data = nullptr;
};

// The source's member is read only once the member was assigned again (the refill reads
// the new memory when the source is `*this`), or only tested for null.
class ReadAfterRefill {
public:
  ~ReadAfterRefill() { delete[] Data; }
  ReadAfterRefill &operator=(const ReadAfterRefill &Other) {
    delete[] Data;
    Data = new char[Other.Size];
    Size = Other.Size;
    if (Other.Data != nullptr)
      std::memcpy(Data, Other.Data, Size);
    return *this;
  }

private:
  char *Data = nullptr;
  unsigned Size = 0;
};
