// ownership-use-after-move: a move and a use in one full-expression. C++ leaves the order
// of a call's arguments and of most operators' operands unspecified; C++17 fixes it for
// `,` `&&` `||` `<<` `>>` `[]`, assignments (right operand first), braced initializers and
// the object of a member call (before the arguments).
#include <cstddef>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

std::size_t consume(std::string S);
std::string echo(std::string S);
void takeAndCount(std::string S, std::size_t N);
void countAndTake(std::size_t N, std::string S);
void takeBoth(std::string A, std::string B);
void readAndTake(const std::string &A, std::string B);
void takeRefAndCount(std::string &&S, std::size_t N);
void keepRef(std::string &&S, std::size_t N) {
  (void)S; // the body does not move from S: std::move(S) at the call is only a cast
  (void)N;
}

struct Node {
  int Value = 0;
};
void adopt(std::unique_ptr<Node> P, int Value);

struct Widget {
  Widget(std::string Name, std::size_t Length);
};
struct Sized {
  Sized(std::size_t Length, std::string Name);
};
struct Counted {
  std::size_t Length;
  std::string Name;
};
struct Text {
  std::string Data;
  void replace(Text Other);
};

//===----------------------------------------------------------------------===//
// Function arguments are indeterminately sequenced
//===----------------------------------------------------------------------===//

void movedArgumentThenReadArgument() {
  std::string S = "x";
  takeAndCount(std::move(S), S.size()); // expect: ownership-use-after-move {{'S' may be used after it was moved}} expect-note: ownership-use-after-move {{moved here}} expect-note: ownership-use-after-move {{unsequenced: the order of evaluation is unspecified}}
}

void readArgumentThenMovedArgument() {
  std::string S = "x";
  countAndTake(S.size(), std::move(S)); // expect: ownership-use-after-move {{'S' may be used after it was moved}} expect-note: ownership-use-after-move {{moved here}} expect-note: ownership-use-after-move {{unsequenced}}
}

void copiedArgumentAndMovedArgument() {
  std::string S = "x";
  takeBoth(S, std::move(S)); // expect: ownership-use-after-move {{'S' may be used after it was moved}} expect-note: ownership-use-after-move {{moved here}} expect-note: ownership-use-after-move {{unsequenced}}
}

void referenceArgumentAndMovedArgument() {
  std::string S = "x";
  readAndTake(S, std::move(S)); // expect: ownership-use-after-move {{'S' used after it was moved}} expect-note: ownership-use-after-move {{moved here}} expect-note: ownership-use-after-move {{passed by reference: the callee reads it after the move}}
}

void uniquePtrMovedAndDereferenced() {
  auto P = std::make_unique<Node>();
  adopt(std::move(P), P->Value); // expect: ownership-use-after-move {{'P' may be used after it was moved}} expect-note: ownership-use-after-move {{moved here}} expect-note: ownership-use-after-move {{unsequenced}}
}

void constructorArguments() {
  std::string S = "x";
  Widget W(std::move(S), S.size()); // expect: ownership-use-after-move {{may be used}} expect-note: ownership-use-after-move {{moved here}} expect-note: ownership-use-after-move {{unsequenced}}
}

// The callee takes an rvalue reference: the move, if any, happens in its body, after
// every argument was evaluated.
void rvalueReferenceParameterIsTakenInTheBody() {
  std::string S = "x";
  takeRefAndCount(std::move(S), S.size());
}

void rvalueReferenceParameterNeverMovedFrom() {
  std::string S = "x";
  keepRef(std::move(S), S.size());
  S.size();
}

void moveAndUseInOneArgument() {
  std::string S = "x";
  consume(std::move(S)); // expect-note: ownership-use-after-move {{moved here}}
  S.size(); // expect: ownership-use-after-move {{'S' used after it was moved}}
}

//===----------------------------------------------------------------------===//
// Operators whose operands are not sequenced
//===----------------------------------------------------------------------===//

std::size_t readPlusMove() {
  std::string S = "x";
  return S.size() + consume(std::move(S)); // expect: ownership-use-after-move {{'S' may be used after it was moved}} expect-note: ownership-use-after-move {{moved here}} expect-note: ownership-use-after-move {{unsequenced}}
}

std::size_t movePlusRead() {
  std::string S = "x";
  return consume(std::move(S)) + S.size(); // expect: ownership-use-after-move {{'S' may be used after it was moved}} expect-note: ownership-use-after-move {{moved here}} expect-note: ownership-use-after-move {{unsequenced}}
}

bool comparedWithItsMovedCopy() {
  std::string S = "x";
  return S == echo(std::move(S)); // expect: ownership-use-after-move {{'S' used after it was moved}} expect-note: ownership-use-after-move {{moved here}} expect-note: ownership-use-after-move {{passed by reference}}
}

//===----------------------------------------------------------------------===//
// Sequenced forms: the order as written, or the one C++17 gives
//===----------------------------------------------------------------------===//

// The object of a member call is evaluated before its arguments. Whether the callee
// reads *this after its parameter took the value is up to its body: not reported.
void objectOfMemberCallBeforeArguments() {
  Text T;
  T.replace(std::move(T));
}

void commaReadThenMove() {
  std::string S = "x";
  std::size_t N;
  std::size_t M;
  N = S.size(), M = consume(std::move(S));
  (void)N;
  (void)M;
}

void commaMoveThenRead() {
  std::string S = "x", T;
  std::size_t N;
  T = std::move(S), N = S.size(); // expect: ownership-use-after-move {{'S' used after it was moved}} expect-note: ownership-use-after-move {{moved here}}
  (void)N;
}

bool logicalAndReadThenMove() {
  std::string S = "x";
  return !S.empty() && consume(std::move(S)) > 0;
}

void shiftChainReadThenMove() {
  std::string S = "x";
  std::cout << S << consume(std::move(S)) << '\n';
}

void shiftChainMoveThenRead() {
  std::string S = "x";
  std::cout << consume(std::move(S)) << S.size() << '\n'; // expect: ownership-use-after-move {{'S' used after it was moved}} expect-note: ownership-use-after-move {{moved here}}
}

void builtinAssignmentRightOperandFirst() {
  std::vector<std::size_t> Counts(4);
  std::string S = "x";
  Counts[consume(std::move(S))] = S.size();
}

void overloadedAssignmentRightOperandFirst() {
  std::map<std::size_t, std::string> Names;
  std::string S = "x";
  Names[consume(std::move(S))] = S.substr(1);
}

void overloadedAssignmentReadsItsReferenceOperandLast() {
  std::map<std::size_t, std::string> Names;
  std::string S = "x";
  Names[consume(std::move(S))] = S; // expect: ownership-use-after-move {{'S' used after it was moved}} expect-note: ownership-use-after-move {{moved here}} expect-note: ownership-use-after-move {{passed by reference}}
}

void overloadedAssignmentMovesBeforeTheLeftOperand() {
  std::map<std::size_t, std::string> Names;
  std::string S = "x";
  Names[S.size()] = echo(std::move(S)); // expect: ownership-use-after-move {{'S' used after it was moved}} expect-note: ownership-use-after-move {{moved here}} expect-note: ownership-use-after-move {{C++17 evaluates the move before this use}}
}

void bracedListReadThenMove() {
  std::string S = "x";
  Counted C{S.size(), std::move(S)};
  Sized Z{C.Name.size(), std::move(C.Name)};
}

void bracedListMoveThenRead() {
  std::string S = "x";
  Widget W{std::move(S), S.size()}; // expect: ownership-use-after-move {{'S' used after it was moved}} expect-note: ownership-use-after-move {{moved here}}
}
