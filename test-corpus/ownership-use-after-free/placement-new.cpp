// ownership-use-after-free through placement new: `new (buf) T` constructs an object in
// buf's memory, which must still be allocated.
#include <cstdlib>
#include <memory>
#include <new>

struct Point {
  int X = 0;
  int Y = 0;
};

Point *intoFreedBuffer() {
  void *Buf = malloc(sizeof(Point));
  free(Buf); // expect-note: ownership-use-after-free {{freed here}}
  return new (Buf) Point; // expect: ownership-use-after-free {{'Buf' used after the memory it points to was freed}}
}

void intoDeletedArray() {
  char *Buf = new char[sizeof(Point)];
  delete[] Buf; // expect-note: ownership-use-after-free {{freed here}}
  Point *P = new (Buf) Point; // expect: ownership-use-after-free {{'Buf' used after}}
  P->X = 1;
}

void intoBufferOwnerReset() {
  std::unique_ptr<char[]> Owner(new char[sizeof(Point)]);
  char *Buf = Owner.get();
  Owner.reset(); // expect-note: ownership-use-after-free {{by 'Owner.reset()'}}
  new (Buf) Point; // expect: ownership-use-after-free {{'Buf' used after}}
}

int intoLiveBuffer() {
  void *Buf = malloc(sizeof(Point));
  if (!Buf)
    return 0;
  Point *P = new (Buf) Point;
  int X = P->X;
  P->~Point();
  free(Buf);
  return X;
}

int intoLocalArray() {
  alignas(Point) unsigned char Storage[sizeof(Point)];
  Point *P = new (Storage) Point;
  return P->Y;
}

int intoOwnedBuffer() {
  std::unique_ptr<char[]> Owner(new char[sizeof(Point)]);
  Point *P = new (Owner.get()) Point;
  return P->X;
}
