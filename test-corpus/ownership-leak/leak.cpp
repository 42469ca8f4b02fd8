// ownership-leak in C++: new, new[], smart pointers, members, containers and lambdas.
#include <cstdlib>
#include <functional>
#include <memory>
#include <vector>

struct Widget {
  int Value = 0;
  void poke() { ++Value; }
};

bool globalFlag;
int readInput();
void sink(Widget *W);            // not visible: may keep W
void look(const Widget *W);      // not visible, pointer-to-const: reads W only
std::vector<Widget *> Registry;
Widget *GlobalWidget;

// ===== Straight-line code =====

void newLeaked() {
  Widget *W = new Widget; // expect-note: ownership-leak {{allocated here}}
  W->poke();
} // expect: ownership-leak {{memory allocated by 'new' and owned by 'W' is leaked when 'W' goes out of scope}}

void newDeleted() {
  Widget *W = new Widget;
  W->poke();
  delete W;
}

void newArrayLeaked(int N) {
  int *A = new int[N]; // expect-note: ownership-leak {{allocated here}}
  A[0] = 1;
} // expect: ownership-leak {{allocated by 'new[]'}}

void newArrayDeleted(int N) {
  int *A = new int[N];
  A[0] = 1;
  delete[] A;
}

void newDiscarded() {
  new Widget; // expect: ownership-leak {{result of 'new' is discarded}}
}

struct SelfRegistering {
  SelfRegistering() { Registry.push_back(reinterpret_cast<Widget *>(this)); }
};

void newDiscardedRegistersItself() {
  new SelfRegistering; // the constructor hands 'this' to an owner
}

void newOverwritten() {
  Widget *W = new Widget; // expect-note: ownership-leak {{allocated here}}
  W = new Widget; // expect: ownership-leak {{owned by 'W' is leaked when 'W' is overwritten}}
  delete W;
}

void newOverwrittenByNullptr() {
  Widget *W = new Widget;
  W = nullptr; // expect: ownership-leak {{when 'W' is overwritten}}
}

void newDeletedThenNullptr() {
  Widget *W = new Widget;
  delete W;
  W = nullptr;
}

void passedToConstReader() {
  Widget *W = new Widget; // expect-note: ownership-leak {{allocated here}}
  look(W);
} // expect: ownership-leak

void passedToUnknownSink() {
  Widget *W = new Widget;
  sink(W);
}

// ===== Ownership handed on =====

Widget *returnedToCaller() {
  Widget *W = new Widget;
  W->poke();
  return W;
}

void adoptedByUniquePtr() {
  Widget *W = new Widget;
  std::unique_ptr<Widget> Owner(W);
  Owner->poke();
}

void adoptedByReset() {
  std::unique_ptr<Widget> Owner;
  Widget *W = new Widget;
  Owner.reset(W);
}

void adoptedBySharedPtr() {
  Widget *W = new Widget;
  std::shared_ptr<Widget> Owner(W);
}

void makeUniqueIsNotRaw() {
  auto W = std::make_unique<Widget>();
  W->poke();
}

void pushedIntoContainer() {
  Widget *W = new Widget;
  Registry.push_back(W);
}

void storedInGlobal() {
  Widget *W = new Widget;
  GlobalWidget = W;
}

void throughOutParameter(Widget **Out) {
  Widget *W = new Widget;
  *Out = W;
}

void throughReferenceOutParameter(Widget *&Out) {
  Widget *W = new Widget;
  Out = W;
}

std::function<void()> capturedByEscapingLambda() {
  Widget *W = new Widget;
  return [W] { W->poke(); };
}

struct Owner {
  Widget *Held;
  Widget *Other = new Widget;
  Owner() : Held(new Widget) {}
  ~Owner() {
    delete Held;
    delete Other;
  }
  void replace() {
    Widget *W = new Widget;
    delete Held;
    Held = W;
  }
};

// ===== Control flow =====

int earlyReturn() {
  Widget *W = new Widget; // expect-note: ownership-leak {{allocated here}}
  if (readInput() < 0)
    return -1; // expect: ownership-leak {{is leaked when 'W' goes out of scope at this return}}
  delete W;
  return 0;
}

int earlyReturnDeletes() {
  Widget *W = new Widget;
  if (readInput() < 0) {
    delete W;
    return -1;
  }
  delete W;
  return 0;
}

void ifGlobalNew() {
  Widget *W = nullptr;
  if (globalFlag)
    W = new Widget; // expect-note: ownership-leak {{allocated here}}
} // expect: ownership-leak {{may be leaked}}

void ifGlobalNewAndDelete() {
  Widget *W = nullptr;
  if (globalFlag)
    W = new Widget;
  delete W;
}

void switchForgetsOne(int K) {
  Widget *W = new Widget; // expect-note: ownership-leak {{allocated here}}
  switch (K) {
  case 0:
    delete W;
    break;
  case 1:
    sink(W);
    break;
  default:
    W->poke();
    break;
  }
} // expect: ownership-leak {{may be leaked when 'W' goes out of scope}}

void loopNewEachIteration(int N) {
  for (int I = 0; I < N; ++I) {
    Widget *W = new Widget; // expect-note: ownership-leak {{allocated here}}
    W->poke();
  } // expect: ownership-leak
}

void loopNewIntoVector(int N) {
  std::vector<Widget *> Ws;
  for (int I = 0; I < N; ++I)
    Ws.push_back(new Widget);
  for (Widget *W : Ws)
    delete W;
}

void breakLeaks(int N) {
  for (int I = 0; I < N; ++I) {
    Widget *W = new Widget; // expect-note: ownership-leak {{allocated here}}
    if (I == 3)
      break; // expect: ownership-leak {{is leaked when 'W' goes out of scope}}
    delete W;
  }
}

// ===== Helpers in the same file =====

static Widget *makeWidget() { return new Widget; }
static void destroyWidget(Widget *W) { delete W; }
static void useWidget(Widget *W) { W->poke(); }

void helperMadeNeverDestroyed() {
  Widget *W = makeWidget(); // expect-note: ownership-leak {{allocated here}}
  useWidget(W);
} // expect: ownership-leak {{allocated by 'makeWidget' (which allocates with 'new')}}

void helperMadeAndDestroyed() {
  Widget *W = makeWidget();
  useWidget(W);
  destroyWidget(W);
}

void noReturnPathLeaksNothing() {
  Widget *W = new Widget;
  if (!W->Value)
    std::abort();
  delete W;
}
