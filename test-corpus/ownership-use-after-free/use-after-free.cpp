// ownership-use-after-free in C++: delete, helpers, member calls, and the lecture's
// orders example freed too early.
#include <cstdint>
#include <cstdlib>
#include <memory>

int64_t finish(int64_t Total);
bool globalReturnsTrue() { return true; }
int globalFlag;

// The lecture (shared/seeds/lecture-memory-management.txt): the orders are deallocated
// before the loop that reads them.
int64_t getFinalOrdersFreedTooEarly() {
  int64_t *Orders = new int64_t[4]{1, 2, 3, 4};
  int64_t TotalOrders = 0;
  delete[] Orders; // expect-note: ownership-use-after-free {{freed here}}
  for (int I = 0; I < 4; ++I)
    TotalOrders += Orders[I]; // expect: ownership-use-after-free {{'Orders' used after the memory it points to was freed}}
  return finish(TotalOrders);
}

int64_t getFinalOrders() {
  int64_t *Orders = new int64_t[4]{1, 2, 3, 4};
  int64_t TotalOrders = 0;
  for (int I = 0; I < 4; ++I)
    TotalOrders += Orders[I];
  delete[] Orders;
  return finish(TotalOrders);
}

struct Widget {
  int Size = 0;
  int size() const { return Size; }
  void grow() { ++Size; }
};

void memberCallAfterDelete() {
  Widget *W = new Widget;
  delete W;
  W->grow(); // expect: ownership-use-after-free
}

void memberCallBeforeDelete() {
  Widget *W = new Widget;
  W->grow();
  delete W;
}

void fieldAfterDelete() {
  Widget *W = new Widget;
  Widget *Alias = W;
  delete W;
  Alias->Size = 2; // expect: ownership-use-after-free {{'Alias' used after}}
}

void reassignedAfterDelete() {
  Widget *W = new Widget;
  delete W;
  W = new Widget;
  W->grow();
  delete W;
}

void uniquePtrStillAlive() {
  Widget *Raw = new Widget;
  std::unique_ptr<Widget> Owner(Raw);
  Raw->grow(); // the unique_ptr keeps it alive
}

void ifFunctionResult() {
  Widget *W = new Widget;
  if (globalReturnsTrue())
    delete W;
  W->grow(); // expect: ownership-use-after-free {{may be used}}
} // expect: ownership-leak {{may be leaked when 'W' goes out of scope}}

void ifFunctionResultNulled() {
  Widget *W = new Widget;
  if (globalReturnsTrue()) {
    delete W;
    W = nullptr;
  }
  if (W != nullptr)
    W->grow();
  delete W;
}

void destroyWidget(Widget *W) { delete W; }

void helperThenUse() {
  Widget *W = new Widget;
  destroyWidget(W);
  int N = W->size(); // expect: ownership-use-after-free
  (void)N;
}

void helperAtEnd() {
  Widget *W = new Widget;
  int N = W->size();
  destroyWidget(W);
  (void)N;
}

void switchUse(int K) {
  int *P = new int[2];
  switch (K) {
  case 1:
    delete[] P;
    break;
  default:
    P[1] = 2;
  }
  P[0] = 1; // expect: ownership-use-after-free
} // expect: ownership-leak {{may be leaked when 'P' goes out of scope}}

void switchClean(int K) {
  int *P = new int[2];
  switch (K) {
  case 1:
    P[0] = 1;
    break;
  default:
    P[1] = 2;
  }
  delete[] P;
}

struct Holder {
  int *Data = nullptr;
  void bad() {
    delete Data;
    *Data = 1; // expect: ownership-use-after-free {{'Data'}}
  }
  void good() {
    delete Data;
    Data = new int(0);
    *Data = 1;
  }
};

void lambdaAfterDelete() {
  int *P = new int(1);
  delete P;
  auto Read = [P] { return *P; }; // the capture copies the address; reading is inside
  (void)Read;
}
