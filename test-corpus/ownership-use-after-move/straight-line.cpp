// ownership-use-after-move: straight-line code, what is a move and what is a use.
#include <string>
#include <utility>
#include <vector>

void consume(std::string S);
void consumeRef(std::string &&S);
void inspect(const std::string &S);
void sink(std::vector<int> V);

//===----------------------------------------------------------------------===//
// Straight-line code
//===----------------------------------------------------------------------===//

void moveConstructThenRead() {
  std::string S = "x";
  std::string T = std::move(S); // expect-note: ownership-use-after-move {{moved here}}
  S.size(); // expect: ownership-use-after-move {{'S' used after it was moved}}
}

void moveConstructThenReadBefore() {
  std::string S = "x";
  S.size();
  std::string T = std::move(S); // the last use comes before the move
}

void moveAssignThenRead() {
  std::string S = "x", T;
  T = std::move(S); // expect-note: ownership-use-after-move {{moved here}}
  inspect(S);       // expect: ownership-use-after-move {{'S' used after it was moved}}
}

void copyAssignThenRead() {
  std::string S = "x", T;
  T = S; // a copy leaves S alone
  inspect(S);
}

void moveIntoByValueParam() {
  std::string S = "x";
  consume(std::move(S)); // expect-note: ownership-use-after-move {{moved here}}
  consume(S);            // expect: ownership-use-after-move {{'S' used after it was moved}}
}

void copyIntoByValueParam() {
  std::string S = "x";
  consume(S);
  consume(S);
}

void moveIntoOpaqueRvalueRefParam() {
  std::string S = "x";
  consumeRef(std::move(S)); // the body is not visible: it may take S
  S.empty();                // expect: ownership-use-after-move {{'S' used after it was moved}}
}

void moveToConstRefParam() {
  std::string S = "x";
  inspect(std::move(S)); // binds to 'const std::string &': nothing is moved
  S.size();
}

void staticCastToRvalueRef() {
  std::string S = "x";
  std::string T(static_cast<std::string &&>(S)); // expect-note: ownership-use-after-move {{moved here}}
  S.size(); // expect: ownership-use-after-move {{'S' used after it was moved}}
}

void staticCastToLvalueRef() {
  std::string S = "x";
  std::string T(static_cast<std::string &>(S)); // a copy
  S.size();
}

void moveThenOnlyDestroyed() {
  std::string S = "x";
  consume(std::move(S)); // destruction of a moved-from object is fine
}

void moveResultDiscarded() {
  std::string S = "x";
  std::move(S); // a cast alone moves nothing
  S.size();
}

void onlyFirstUseIsReported() {
  std::string S = "x";
  consume(std::move(S)); // expect-note: ownership-use-after-move {{moved here}}
  S.size(); // expect: ownership-use-after-move {{'S' used after it was moved}}
  S.size(); // one finding per move: this second use is not reported again
}

void moveInSameFullExpressionAfterUse() {
  std::vector<int> V = {1, 2};
  auto N = V.size();
  sink(std::move(V));
  (void)N;
}

void moveTwice() {
  std::string S = "x";
  consume(std::move(S)); // expect-note: ownership-use-after-move {{moved here}}
  consume(std::move(S)); // expect: ownership-use-after-move {{'S' used after it was moved}}
}

void moveFromParameter(std::string P) {
  consume(std::move(P)); // expect-note: ownership-use-after-move {{moved here}}
  P.append("y");         // expect: ownership-use-after-move {{'P' used after it was moved}}
}

void moveFromParameterThenReturnOther(std::string P, std::string Q) {
  consume(std::move(P));
  Q.append("y"); // a different object
}

void referenceAliasMovedThenOriginalRead() {
  std::string S = "x";
  std::string &R = S;
  consume(std::move(R)); // expect-note: ownership-use-after-move {{moved here}}
  S.size();              // expect: ownership-use-after-move {{'S' used after it was moved}}
}

void referenceBoundAfterMoveIsNotAUse() {
  std::string S = "x";
  consume(std::move(S));
  std::string &R = S; // binding a reference reads nothing
  R = "y";            // and assigning through it reinitializes S
  S.size();
}

void fieldOfLocalMovedThenRead() {
  struct Pair {
    std::string First, Second;
  } P;
  consume(std::move(P.First)); // expect-note: ownership-use-after-move {{moved here}}
  P.First.size(); // expect: ownership-use-after-move {{'P.First' used after it was moved}}
}

void otherFieldOfLocalStaysValid() {
  struct Pair {
    std::string First, Second;
  } P;
  consume(std::move(P.First));
  P.Second.size();
}

void wholeMovedThenFieldRead() {
  struct Pair {
    std::string First, Second;
  } P, Q;
  Q = std::move(P); // expect-note: ownership-use-after-move {{moved here}}
  P.Second.size();  // expect: ownership-use-after-move {{'P.Second' used after 'P' was moved}}
}

void sizeofIsNotAUse() {
  std::string S = "x";
  consume(std::move(S));
  static_assert(sizeof(S) > 0, "unevaluated operands read nothing");
  decltype(S) T = "y";
  (void)T;
}
