// ownership-free-nonheap through owner objects: a smart pointer with the default deleter
// that adopted the address of a local deletes it when it dies.
#include <memory>

struct KeepsIt {
  void operator()(int *) const {}
};

void ownerOfLocal() {
  int X = 1; // expect-note: ownership-free-nonheap {{'X' declared here}}
  std::unique_ptr<int> Owner(&X);
} // expect: ownership-free-nonheap {{releases 'Owner', which points to local variable 'X', not to heap memory}}

void ownerOfLocalReleased() {
  int X = 1;
  std::unique_ptr<int> Owner(&X);
  Owner.release();
}

void ownerOfLocalWithDeleter() {
  int X = 1;
  std::unique_ptr<int, KeepsIt> Owner(&X);
}

void sharedOwnerOfLocalWithDeleter() {
  int X = 1;
  std::shared_ptr<int> Owner(&X, [](int *) {});
}
