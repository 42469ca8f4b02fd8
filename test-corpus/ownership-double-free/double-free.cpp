// ownership-double-free in C++: delete twice, smart pointers adopting a pointer that is
// also deleted by hand, and the lecture's orders example freed twice.
#include <cstdint>
#include <cstdlib>
#include <memory>

int64_t finish(int64_t Total);
bool globalReturnsTrue() { return true; }
int globalFlag;

// The lecture (shared/seeds/lecture-memory-management.txt): the orders buffer is
// deallocated before the loop and again at the end.
int64_t getFinalOrdersFreedTwice() {
  int64_t *Orders = new int64_t[4]{1, 2, 3, 4};
  int64_t TotalOrders = 0;
  delete[] Orders; // expect-note: ownership-double-free {{first released here}}
  // (the loop that read the orders here was moved above in the fixed version)
  TotalOrders = finish(TotalOrders);
  delete[] Orders; // expect: ownership-double-free {{memory owned by 'Orders' is released twice}}
  return TotalOrders;
}

int64_t getFinalOrders() {
  int64_t *Orders = new int64_t[4]{1, 2, 3, 4};
  int64_t TotalOrders = 0;
  for (int I = 0; I < 4; ++I)
    TotalOrders += Orders[I];
  delete[] Orders;
  return finish(TotalOrders);
}

struct Node {
  int Value = 0;
  Node *Next = nullptr;
};

void deleteTwice() {
  Node *N = new Node;
  delete N;
  delete N; // expect: ownership-double-free
}

void deleteAliasTwice() {
  Node *N = new Node;
  Node *M = N;
  delete M;
  delete N; // expect: ownership-double-free {{'N'}}
}

void deleteOnceNullptr() {
  Node *N = new Node;
  delete N;
  N = nullptr;
  delete N;
}

void uniquePtrAndDelete() {
  Node *Raw = new Node;
  std::unique_ptr<Node> Owner(Raw); // expect-note: ownership-double-free {{a smart pointer adopts it}}
  delete Raw; // expect: ownership-double-free
}

void uniquePtrOnly() {
  Node *Raw = new Node;
  std::unique_ptr<Node> Owner(Raw);
  Owner->Value = 1;
}

void twoUniquePtrs() {
  Node *Raw = new Node;
  std::unique_ptr<Node> A(Raw);
  std::unique_ptr<Node> B(Raw); // expect: ownership-double-free
}

void twoSharedPtrs() {
  Node *Raw = new Node;
  std::shared_ptr<Node> A(Raw);
  std::shared_ptr<Node> B(Raw); // expect: ownership-double-free
}

void sharedPtrCopied() {
  Node *Raw = new Node;
  std::shared_ptr<Node> A(Raw);
  std::shared_ptr<Node> B = A;
}

void resetTwice() {
  Node *Raw = new Node;
  std::unique_ptr<Node> A;
  A.reset(Raw);
  delete Raw; // expect: ownership-double-free
}

void releasedFromUniquePtr() {
  std::unique_ptr<Node> A(new Node);
  Node *Raw = A.release();
  delete Raw;
}

void deleteInBothBranches(bool C) {
  Node *N = new Node;
  if (C)
    delete N;
  else
    delete N;
}

void deleteInLoop(int K) {
  Node *N = new Node;
  while (K-- > 0) {
    delete N; // expect: ownership-double-free {{may be released twice}} expect-note: ownership-double-free {{in a previous iteration of the loop}}
  }
} // expect: ownership-leak {{may be leaked when 'N' goes out of scope}}

void deleteInLoopWithBreak(int K) {
  Node *N = new Node;
  while (true) {
    delete N;
    if (K > 0)
      break;
    return;
  }
}

void ifFunctionResult() {
  int *P = new int(1);
  if (globalReturnsTrue())
    delete P;
  delete P; // expect: ownership-double-free {{may be released twice}}
}

void ifFunctionResultReturn() {
  int *P = new int(1);
  if (globalReturnsTrue()) {
    delete P;
    return;
  }
  delete P;
}

void listFreeLoop(Node *Head) {
  while (Head) {
    Node *Next = Head->Next;
    delete Head;
    Head = Next;
  }
}

struct Owner {
  int *Data = nullptr;
  void drop() {
    delete Data;
    Data = nullptr;
  }
  void dropTwice() {
    delete Data;
    delete Data; // expect: ownership-double-free {{'Data'}}
  }
  ~Owner() { delete Data; }
};

void destroyNode(Node *N) { delete N; }

void helperThenDelete() {
  Node *N = new Node;
  destroyNode(N);
  delete N; // expect: ownership-double-free
}

void helperOnly() {
  Node *N = new Node;
  destroyNode(N);
}

void switchDelete(int K) {
  int *P = new int[2];
  switch (K) {
  case 0:
    delete[] P;
    break;
  case 1:
    delete[] P;
    [[fallthrough]];
  default:
    delete[] P; // expect: ownership-double-free
  }
}
