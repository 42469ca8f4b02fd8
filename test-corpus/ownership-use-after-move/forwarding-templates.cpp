// ownership-use-after-move: std::forward, forwarding references and templates.
#include <string>
#include <utility>
#include <vector>

void consume(std::string S);
void inspect(const std::string &S);

//===----------------------------------------------------------------------===//
// std::forward
//===----------------------------------------------------------------------===//

template <typename T> void forwardThenUse(T &&Arg) {
  consume(std::forward<T>(Arg)); // expect-note: ownership-use-after-move {{moved here}}
  inspect(Arg); // expect: ownership-use-after-move {{'Arg' used after it was moved}}
}

template <typename T> void forwardOnce(T &&Arg) {
  inspect(Arg);
  consume(std::forward<T>(Arg));
}

void callForwarders() {
  std::string S = "x";
  forwardThenUse(std::move(S)); // expect-note: ownership-use-after-move {{moved here}}
  S.size(); // expect: ownership-use-after-move {{'S' used after it was moved}}
  std::string L = "y";
  forwardThenUse(L); // an lvalue: the instantiation copies, and is still reported once above
  L.size();
  std::string R = "z";
  forwardOnce(std::move(R)); // expect-note: ownership-use-after-move {{moved here}}
  R.size(); // expect: ownership-use-after-move {{'R' used after it was moved}}
  std::string K = "k";
  forwardOnce(K); // an lvalue binds to T& = std::string&: K is not moved
  K.size();
}

template <typename T> void forwardsOnlyLvalues(T &Arg) {
  consume(std::forward<T &>(Arg)); // an lvalue: a copy
  inspect(Arg);
}

void callLvalueForwarder() {
  std::string S = "x";
  forwardsOnlyLvalues(S);
  S.size();
}

//===----------------------------------------------------------------------===//
// Templates: one finding per template location
//===----------------------------------------------------------------------===//

template <typename T> void moveThenUseInTemplate(T Value) {
  T Other = std::move(Value); // expect-note: ownership-use-after-move {{moved here}}
  (void)Value.size(); // expect: ownership-use-after-move {{'Value' used after it was moved}}
}

template <typename T> void moveThenUseMaybeTrivial(T Value) {
  T Other = std::move(Value);
  (void)(Value == Other); // only a finding when T is not trivially copyable
}

void instantiateTwice() {
  moveThenUseInTemplate(std::string("a"));
  moveThenUseInTemplate(std::vector<int>{1});
  moveThenUseMaybeTrivial(1);
  moveThenUseMaybeTrivial(2.0);
}

template <typename T> struct Box {
  T Item;
  T take() {
    T Out = std::move(Item); // expect-note: ownership-use-after-move {{moved here}}
    Item.size(); // expect: ownership-use-after-move {{'Item' used after it was moved}}
    return Out;
  }
  T takeAndReset() {
    T Out = std::move(Item);
    Item = T();
    return Out;
  }
};

void instantiateBox() {
  Box<std::string> A{"a"};
  A.take();
  A.takeAndReset();
  Box<std::vector<int>> B{{1}};
  B.take();
  B.takeAndReset();
}

template <typename T> void neverInstantiated(T Value) {
  T Other = std::move(Value);
  Value.size(); // templates that are never instantiated are not analysed
}

//===----------------------------------------------------------------------===//
// Variadic forwarding
//===----------------------------------------------------------------------===//

template <typename... Args> std::vector<std::string> makeVector(Args &&...A) {
  std::vector<std::string> V;
  (V.emplace_back(std::forward<Args>(A)), ...);
  return V;
}

void variadicForwardMoves() {
  std::string S = "x", T = "y";
  auto V = makeVector(std::move(S), T); // expect-note: ownership-use-after-move {{moved here}}
  S.size(); // expect: ownership-use-after-move {{'S' used after it was moved}}
  T.size(); // passed as an lvalue: copied
}

void emplaceBackMoves() {
  std::vector<std::string> V;
  std::string S = "x";
  V.emplace_back(std::move(S)); // expect-note: ownership-use-after-move {{moved here}}
  S.size(); // expect: ownership-use-after-move {{'S' used after it was moved}}
}
