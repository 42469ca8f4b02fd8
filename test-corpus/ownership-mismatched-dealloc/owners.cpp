// ownership-mismatched-dealloc through owner objects: a smart pointer's default deleter
// releases with 'delete' (or 'delete[]' for T[]), whatever allocated the memory it adopted.
#include <cstdlib>
#include <memory>

void uniqueOwnsArray() {
  std::unique_ptr<int> Owner(new int[4]); // expect-note: ownership-mismatched-dealloc {{allocated here}}
} // expect: ownership-mismatched-dealloc {{'Owner' was allocated with 'new[]' but is released with '~unique_ptr' (which releases with 'delete')}}

void uniqueArrayOwnsArray() {
  std::unique_ptr<int[]> Owner(new int[4]);
}

void sharedOwnsMalloc() {
  int *P = static_cast<int *>(malloc(sizeof(int))); // expect-note: ownership-mismatched-dealloc {{allocated here}}
  std::shared_ptr<int> Owner(P);
} // expect: ownership-mismatched-dealloc {{'Owner' was allocated with 'malloc' but is released with '~shared_ptr'}}

void sharedOwnsMallocWithFree() {
  int *P = static_cast<int *>(malloc(sizeof(int)));
  std::shared_ptr<int> Owner(P, free);
}
