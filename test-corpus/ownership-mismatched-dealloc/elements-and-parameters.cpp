// ownership-mismatched-dealloc: elements of local arrays at constant indices, and fields
// reached through a pointer parameter, released by the wrong deallocator.
#include <cstdlib>

struct Holder {
  int *Data;
  char *Text;
};

void elementMallocDelete() {
  int *Ptrs[2];
  Ptrs[1] = static_cast<int *>(malloc(sizeof(int))); // expect-note: ownership-mismatched-dealloc {{allocated here}}
  delete Ptrs[1]; // expect: ownership-mismatched-dealloc {{'Ptrs[1]' was allocated with 'malloc' but is released with 'delete'}}
}

void elementNewArrayDeleteArray() {
  int *Ptrs[2];
  Ptrs[0] = new int[3];
  delete[] Ptrs[0];
}

void parameterFieldNewArrayDelete(Holder *H) {
  H->Data = new int[4]; // expect-note: ownership-mismatched-dealloc {{allocated here}}
  delete H->Data; // expect: ownership-mismatched-dealloc {{'H->Data' was allocated with 'new[]' but is released with 'delete'}}
}

void parameterFieldNewArrayDeleteArray(Holder *H) {
  H->Data = new int[4];
  delete[] H->Data;
  H->Data = nullptr;
}

void parameterFieldUnknownOrigin(Holder *H) {
  // What the caller stored there is not known: any deallocator may be the right one.
  delete[] H->Data;
  free(H->Text);
}
