// ownership-mismatched-dealloc through smart pointers with a deleter of the user's: the
// deleter's body (or the model of the function it names) says how the owner releases,
// and the memory it adopts must come from the matching allocator.
#include <cstdio>
#include <cstdlib>
#include <memory>

struct FreeDeleter {
  void operator()(void *P) const { std::free(P); }
};
struct ArrayDeleter {
  void operator()(int *P) const { delete[] P; }
};
struct FileCloser {
  void operator()(std::FILE *F) const { std::fclose(F); }
};
struct Forgetter {
  void operator()(int *) const {}
};

void newWithFreeDeleter() {
  std::unique_ptr<int, FreeDeleter> Owner(new int(1)); // expect-note: ownership-mismatched-dealloc {{allocated here}}
} // expect: ownership-mismatched-dealloc {{'Owner' was allocated with 'new' but is released with '~unique_ptr' (which releases with 'free')}}

void mallocWithFreeDeleter() {
  std::unique_ptr<int, FreeDeleter> Owner(static_cast<int *>(std::malloc(sizeof(int))));
}

void newWithArrayDeleter() {
  std::unique_ptr<int, ArrayDeleter> Owner(new int(2)); // expect-note: ownership-mismatched-dealloc {{allocated here}}
} // expect: ownership-mismatched-dealloc {{allocated with 'new' but is released with '~unique_ptr' (which releases with 'delete[]')}}

void newArrayWithArrayDeleter() {
  std::unique_ptr<int, ArrayDeleter> Owner(new int[4]);
}

void fileWithCloser() {
  std::unique_ptr<std::FILE, FileCloser> F(std::fopen("data", "r"));
}

void fileWithFcloseFunction() {
  std::unique_ptr<std::FILE, decltype(&std::fclose)> F(std::fopen("data", "r"), &std::fclose);
}

void newArrayWithFreeFunction() {
  std::unique_ptr<char, decltype(&std::free)> Owner(new char[8], &std::free); // expect-note: ownership-mismatched-dealloc {{allocated here}}
} // expect: ownership-mismatched-dealloc {{allocated with 'new[]' but is released with '~unique_ptr' (which releases with 'free')}}

void sharedArrayWithArrayLambda() {
  std::shared_ptr<int> Owner(new int[4], [](int *P) { delete[] P; });
}

void sharedNewWithArrayLambda() {
  std::shared_ptr<int> Owner(new int(3), [](int *P) { delete[] P; }); // expect-note: ownership-mismatched-dealloc {{allocated here}}
} // expect: ownership-mismatched-dealloc {{allocated with 'new' but is released with '~shared_ptr' (which releases with 'delete[]')}}

void deleterThatReleasesNothing() {
  std::unique_ptr<int, Forgetter> Owner(new int(4));
}

void deleterGivenAsVariable(void (*Release)(void *)) {
  std::unique_ptr<int, void (*)(void *)> Owner(new int(5), Release);
}

// ===== Placement new =====

struct Widget {
  int Value = 0;
};

void placementIntoMallocDeleted() {
  void *Raw = std::malloc(sizeof(Widget)); // expect-note: ownership-mismatched-dealloc {{allocated here}}
  Widget *W = new (Raw) Widget;
  delete W; // expect: ownership-mismatched-dealloc {{'W' was allocated with 'malloc' but is released with 'delete'}}
}

void placementIntoMallocFreed() {
  void *Raw = std::malloc(sizeof(Widget));
  Widget *W = new (Raw) Widget;
  W->~Widget();
  std::free(Raw);
}

void placementIntoOperatorNew() {
  void *Raw = ::operator new(sizeof(Widget));
  Widget *W = new (Raw) Widget;
  delete W;
}

void placementIntoParameter(void *Raw) {
  Widget *W = new (Raw) Widget;
  delete W;
}
