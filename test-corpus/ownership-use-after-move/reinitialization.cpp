// ownership-use-after-move: what gives a moved-from object a known value again.
#include <any>
#include <deque>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

void consume(std::string S);
void consumeAll(std::vector<int> V);
void fill(std::string &Out);
void fillPtr(std::string *Out);
void peek(const std::string *In);

class Queue {
public:
  [[clang::reinitializes]] void restart();
  void push(int);
  bool empty() const;

private:
  std::deque<int> Items;
};
void consumeQueue(Queue Q);

//===----------------------------------------------------------------------===//
// Reinitializations
//===----------------------------------------------------------------------===//

void assignmentReinitializes() {
  std::string S = "x";
  consume(std::move(S));
  S = "y";
  S.size();
}

void compoundAssignmentIsAUse() {
  std::string S = "x";
  consume(std::move(S)); // expect-note: ownership-use-after-move {{moved here}}
  S += "y"; // expect: ownership-use-after-move {{'S' used after it was moved}}
}

void clearReinitializes() {
  std::vector<int> V = {1, 2};
  consumeAll(std::move(V));
  V.clear();
  V.push_back(3);
}

void assignMemberReinitializes() {
  std::vector<int> V = {1, 2};
  consumeAll(std::move(V));
  V.assign(3, 0);
  V.push_back(3);
}

void stringAssignReinitializes() {
  std::string S = "x";
  consume(std::move(S));
  S.assign("abc");
  S.size();
}

void pushBackIsNotAReinitialization() {
  std::vector<int> V = {1, 2};
  consumeAll(std::move(V)); // expect-note: ownership-use-after-move {{moved here}}
  V.push_back(3); // expect: ownership-use-after-move {{'V' used after it was moved}}
}

void resizeIsNotAReinitialization() {
  std::vector<int> V = {1, 2};
  consumeAll(std::move(V)); // expect-note: ownership-use-after-move {{moved here}}
  V.resize(4); // expect: ownership-use-after-move {{'V' used after it was moved}}
}

void reinitializesAttribute() {
  Queue Q;
  consumeQueue(std::move(Q));
  Q.restart();
  Q.push(1);
}

void withoutReinitializesAttribute() {
  Queue Q;
  consumeQueue(std::move(Q)); // expect-note: ownership-use-after-move {{moved here}}
  Q.push(1); // expect: ownership-use-after-move {{'Q' used after it was moved}}
}

void optionalResetAndEmplace() {
  std::optional<std::string> O = "x";
  std::optional<std::string> P = std::move(O);
  O.reset();
  O.emplace("y");
  O->size();
}

void anyReset() {
  std::any A = std::string("x");
  std::any B = std::move(A);
  A.reset();
  (void)A.has_value();
}

void mapClear() {
  std::map<int, std::string> M = {{1, "a"}};
  auto N = std::move(M);
  M.clear();
  M[2] = "b";
}

void setMovedThenInsert() {
  std::set<int> S = {1};
  auto T = std::move(S); // expect-note: ownership-use-after-move {{moved here}}
  S.insert(2); // expect: ownership-use-after-move {{'S' used after it was moved}}
}

void dequeSwap() {
  std::deque<int> D = {1}, E;
  auto F = std::move(D);
  D.swap(E);
  D.push_back(1);
}

void stdSwapReinitializes() {
  std::string S = "x", T = "y";
  consume(std::move(S));
  std::swap(S, T); // S gets T's value
  S.size();
}

//===----------------------------------------------------------------------===//
// Out-parameters
//===----------------------------------------------------------------------===//

void getlineReinitializes(std::istream &In) {
  std::string Line;
  while (std::getline(In, Line))
    consume(std::move(Line)); // getline assigns Line before the next move
}

void streamExtractionReinitializes(std::istream &In) {
  std::string Word;
  while (In >> Word)
    consume(std::move(Word));
}

void outReferenceParameterReinitializes() {
  std::string S = "x";
  consume(std::move(S));
  fill(S);
  S.size();
}

void outPointerParameterReinitializes() {
  std::string S = "x";
  consume(std::move(S));
  fillPtr(&S);
  S.size();
}

void constPointerParameterIsAUse() {
  std::string S = "x";
  consume(std::move(S)); // expect-note: ownership-use-after-move {{moved here}}
  peek(&S); // expect: ownership-use-after-move {{'S' used after it was moved}}
}

void stringStreamOutputIsAUse() {
  std::string S = "x";
  consume(std::move(S)); // expect-note: ownership-use-after-move {{moved here}}
  std::ostringstream OS;
  OS << S; // expect: ownership-use-after-move {{'S' used after it was moved}}
}
