// ownership-use-after-move: std::unique_ptr and std::shared_ptr, whose moved-from state
// the standard defines (empty): what stays valid on them and what does not.
#include <memory>
#include <string>
#include <utility>
#include <vector>

struct Widget {
  int Value = 0;
  void poke();
};

void take(std::unique_ptr<Widget> P);
void share(std::shared_ptr<Widget> P);
void observe(const Widget *W);

//===----------------------------------------------------------------------===//
// Uses that are findings
//===----------------------------------------------------------------------===//

void derefAfterMove() {
  auto P = std::make_unique<Widget>();
  take(std::move(P)); // expect-note: ownership-use-after-move {{moved here}}
  P->poke();          // expect: ownership-use-after-move {{'P' used after it was moved}}
}

void starAfterMove() {
  auto P = std::make_unique<Widget>();
  take(std::move(P)); // expect-note: ownership-use-after-move {{moved here}}
  (*P).Value = 1;     // expect: ownership-use-after-move {{'P' used after it was moved}}
}

void sharedDerefAfterMove() {
  auto P = std::make_shared<Widget>();
  share(std::move(P)); // expect-note: ownership-use-after-move {{moved here}}
  P->poke();           // expect: ownership-use-after-move {{'P' used after it was moved}}
}

void moveIntoLocalThenDeref() {
  std::unique_ptr<Widget> P(new Widget);
  std::unique_ptr<Widget> Q = std::move(P); // expect-note: ownership-use-after-move {{moved here}}
  observe(P.operator->()); // expect: ownership-use-after-move {{'P' used after it was moved}}
}

//===----------------------------------------------------------------------===//
// Operations the standard keeps valid on a moved-from smart pointer
//===----------------------------------------------------------------------===//

void compareWithNullptrAfterMove() {
  auto P = std::make_unique<Widget>();
  take(std::move(P));
  if (P == nullptr)
    return;
  if (nullptr != P)
    return;
}

void boolConversionAfterMove() {
  auto P = std::make_unique<Widget>();
  take(std::move(P));
  if (P)
    P->poke(); // a moved-from unique_ptr is empty: this line cannot run after the move
}

void notNullComparisonGuardsUse() {
  auto P = std::make_unique<Widget>();
  take(std::move(P));
  if (P != nullptr)
    P->poke();
}

void earlyReturnOnNullGuardsUse() {
  auto P = std::make_shared<Widget>();
  share(std::move(P));
  if (!P)
    return;
  P->poke();
}

void derefOnTheNullSide() {
  auto P = std::make_unique<Widget>();
  take(std::move(P)); // expect-note: ownership-use-after-move {{moved here}}
  if (!P)
    P->poke(); // expect: ownership-use-after-move {{'P' used after it was moved}}
}

void derefAfterNullTestOnOnePath(bool B) {
  auto P = std::make_unique<Widget>();
  if (B)
    take(std::move(P));
  if (P == nullptr)
    return;
  P->poke(); // the test above makes this safe
  P.reset();
}

void derefAfterUnrelatedTest(bool B) {
  auto P = std::make_unique<Widget>();
  auto Q = std::make_unique<Widget>();
  take(std::move(P)); // expect-note: ownership-use-after-move {{moved here}}
  if (Q)
    P->poke(); // expect: ownership-use-after-move {{'P' used after it was moved}}
}

void negationAfterMove() {
  auto P = std::make_unique<Widget>();
  take(std::move(P));
  if (!P)
    return;
}

void getAfterMove() {
  auto P = std::make_unique<Widget>();
  take(std::move(P));
  observe(P.get()); // null, and well defined
}

void resetAfterMove() {
  auto P = std::make_unique<Widget>();
  take(std::move(P));
  P.reset(new Widget);
  P->poke();
}

void assignAfterMove() {
  auto P = std::make_unique<Widget>();
  take(std::move(P));
  P = std::make_unique<Widget>();
  P->poke();
}

void sharedUseCountAfterMove() {
  auto P = std::make_shared<Widget>();
  share(std::move(P));
  (void)P.use_count();
}

void releaseAfterMove() {
  auto P = std::make_unique<Widget>();
  take(std::move(P));
  delete P.release(); // null, and well defined
}

void copySharedPointerIsNotAMove() {
  auto P = std::make_shared<Widget>();
  share(P); // a copy
  P->poke();
}

void sharedMoveIntoLocalThenSwap() {
  auto P = std::make_shared<Widget>();
  auto Q = std::move(P);
  P.swap(Q); // swap gives P a known value
  P->poke();
}

void refillWhenEmptyThenUse(std::vector<std::unique_ptr<Widget>> &Out, const char *Text) {
  std::unique_ptr<Widget> Current;
  for (const char *C = Text; *C; ++C) {
    if (*C == '%') {
      if (Current)
        Out.push_back(std::move(Current));
      continue;
    }
    if (!Current)
      Current = std::make_unique<Widget>(); // after this, Current holds an object either way
    Current->poke();
  }
}

void testWhenEmptyWithoutRefill(std::unique_ptr<Widget> Current) {
  take(std::move(Current)); // expect-note: ownership-use-after-move {{moved here}}
  if (!Current)
    observe(nullptr); // does not give Current a value
  Current->poke(); // expect: ownership-use-after-move {{'Current' used after it was moved}}
}
