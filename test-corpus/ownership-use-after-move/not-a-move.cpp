// ownership-use-after-move: std::move that moves nothing, and moves through T&&
// parameters of functions whose body is visible.
#include <memory>
#include <string>
#include <utility>
#include <vector>

void inspect(const std::string &S);
void opaque(std::string &&S);

struct Point {
  int X, Y;
};
void takePoint(Point P);

//===----------------------------------------------------------------------===//
// Trivially copyable types are copied
//===----------------------------------------------------------------------===//

void moveInt() {
  int I = 1;
  int J = std::move(I);
  (void)(I + J);
}

void moveRawPointer() {
  int Storage = 0;
  int *P = &Storage;
  int *Q = std::move(P);
  *P = *Q;
}

void moveTrivialStruct() {
  Point A{1, 2};
  takePoint(std::move(A));
  (void)A.X;
}

//===----------------------------------------------------------------------===//
// Bound to a const reference
//===----------------------------------------------------------------------===//

void moveToConstRef() {
  std::string S = "x";
  inspect(std::move(S));
  S.size();
}

void moveToConstRefOverloadOnly() {
  std::string S = "x";
  const std::string &R = std::move(S); // binds; moves nothing
  inspect(R);
  S.size();
}

void pushBackConstOverloadIsAMove() {
  std::vector<std::string> V;
  std::string S = "x";
  V.push_back(std::move(S)); // expect-note: ownership-use-after-move {{moved here}}
  S.size(); // expect: ownership-use-after-move {{'S' used after it was moved}}
}

void moveConstObjectCopies() {
  const std::string S = "x";
  std::string T = std::move(S); // a const object cannot be moved from: this copies
  S.size();
}

//===----------------------------------------------------------------------===//
// T&& parameters of visible functions
//===----------------------------------------------------------------------===//

void looksAtRvalue(std::string &&S) { inspect(S); }

void passToRvalueRefThatDoesNotMove() {
  std::string S = "x";
  looksAtRvalue(std::move(S)); // the body only reads its parameter
  S.size();
}

void stealsRvalue(std::string &&S) { std::string Mine = std::move(S); }

void passToRvalueRefThatMoves() {
  std::string S = "x";
  stealsRvalue(std::move(S)); // expect-note: ownership-use-after-move {{moved here}}
  S.size(); // expect: ownership-use-after-move {{'S' used after it was moved}}
}

void passToOpaqueRvalueRef() {
  std::string S = "x";
  opaque(std::move(S)); // expect-note: ownership-use-after-move {{moved here}}
  S.size(); // expect: ownership-use-after-move {{'S' used after it was moved}}
}

struct Holder {
  void set(std::string &&S) { Value = std::move(S); }
  void peek(std::string &&S) const { inspect(S); }
  std::string Value;
};

void memberSetterMoves(Holder &H) {
  std::string S = "x";
  H.set(std::move(S)); // expect-note: ownership-use-after-move {{moved here}}
  S.size(); // expect: ownership-use-after-move {{'S' used after it was moved}}
}

void memberPeekDoesNotMove(const Holder &H) {
  std::string S = "x";
  H.peek(std::move(S));
  S.size();
}

// Forwarding through visible functions: the summary follows the parameter on.

void relayToThief(std::string &&S) { stealsRvalue(std::move(S)); }
void relayToReader(std::string &&S) { looksAtRvalue(std::move(S)); }

void passThroughRelayThatMoves() {
  std::string S = "x";
  relayToThief(std::move(S)); // expect-note: ownership-use-after-move {{moved here}}
  S.size(); // expect: ownership-use-after-move {{'S' used after it was moved}}
}

void passThroughRelayThatOnlyReads() {
  std::string S = "x";
  relayToReader(std::move(S)); // the relay hands S on to a function that only reads it
  S.size();
}

size_t lengthOf(const std::string &S) { return S.size(); }
template <typename... Args> size_t totalLength(Args &&...A) {
  return (lengthOf(std::forward<Args>(A)) + ...); // forwarded to 'const std::string &'
}

void forwardsOnlyToConstRef() {
  std::string S = "x", T = "y";
  size_t N = totalLength(std::move(S), std::move(T));
  N += S.size() + T.size();
}

void countDown(std::string &&S, int N) {
  if (N > 0)
    countDown(std::move(S), N - 1); // recursion alone consumes nothing
}

void passToRecursionThatNeverMoves() {
  std::string S = "x";
  countDown(std::move(S), 3);
  S.size();
}

//===----------------------------------------------------------------------===//
// Moved, but only for the duration of an unevaluated operand
//===----------------------------------------------------------------------===//

void decltypeOfMove() {
  std::string S = "x";
  using T = decltype(std::string(std::move(S)));
  T Copy = S;
  (void)Copy;
}

void noexceptOfMove() {
  std::string S = "x";
  static_assert(noexcept(std::string(std::move(S))), "string moves are noexcept");
  S.size();
}
