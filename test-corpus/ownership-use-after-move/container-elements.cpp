// ownership-use-after-move: every element of a container moved out one by one, then an
// element read. The container itself is not moved: its size, emptiness and new elements
// are fine to use.
#include <algorithm>
#include <iterator>
#include <map>
#include <string>
#include <utility>
#include <vector>

void print(const std::string &S);
void take(std::string S);
void refill(std::vector<std::string> &V);

//===----------------------------------------------------------------------===//
// Every element moved, then one read
//===----------------------------------------------------------------------===//

std::size_t loopMovedEveryElementThenIndexed(std::vector<std::string> V) {
  std::vector<std::string> Out;
  for (auto &E : V)
    Out.push_back(std::move(E)); // expect-note: ownership-use-after-move {{every element moved here}}
  return V[0].size(); // expect: ownership-use-after-move {{an element of 'V' used after every element was moved}}
}

void loopMovedEveryElementThenFront(std::vector<std::string> V) {
  std::vector<std::string> Out;
  for (auto &&E : V) {
    take(std::move(E)); // expect-note: ownership-use-after-move {{every element moved here}}
  }
  print(V.front()); // expect: ownership-use-after-move {{an element of 'V' used after every element was moved}}
}

std::size_t loopMovedEveryElementThenIterated(std::vector<std::string> V) {
  std::vector<std::string> Out;
  for (auto &E : V)
    Out.push_back(std::move(E)); // expect-note: ownership-use-after-move {{every element moved here}}
  std::size_t Total = 0;
  for (const auto &E : V)
    Total += E.size(); // expect: ownership-use-after-move {{an element of 'V' used after every element was moved}}
  return Total;
}

void loopMovedEveryElementThenCopiedOut(std::vector<std::string> V) {
  std::vector<std::string> Out;
  for (auto &E : V)
    Out.push_back(std::move(E)); // expect-note: ownership-use-after-move {{every element moved here}}
  for (std::string S : V) // expect: ownership-use-after-move {{an element of 'V' used after every element was moved}}
    print(S);
}

void algorithmMovedEveryElementThenBack(std::vector<std::string> V) {
  std::vector<std::string> Out;
  std::move(V.begin(), V.end(), std::back_inserter(Out)); // expect-note: ownership-use-after-move {{every element moved here}}
  print(V.back()); // expect: ownership-use-after-move {{an element of 'V' used after every element was moved}}
}

void algorithmWithStdBeginEnd(std::vector<std::string> V, std::vector<std::string> &Out) {
  Out.resize(V.size());
  std::move(std::begin(V), std::end(V), Out.begin()); // expect-note: ownership-use-after-move {{every element moved here}}
  print(V.at(1)); // expect: ownership-use-after-move {{an element of 'V' used after every element was moved}}
}

void wholeContainerMovedThenIndexed(std::vector<std::string> V) {
  std::vector<std::string> Out;
  std::move(V.begin(), V.end(), std::back_inserter(Out));
  V.clear();
  std::vector<std::string> W = std::move(V); // expect-note: ownership-use-after-move {{moved here}}
  print(V[0]); // expect: ownership-use-after-move {{'V' used after it was moved}}
}

//===----------------------------------------------------------------------===//
// The container itself stays usable
//===----------------------------------------------------------------------===//

std::size_t sizeAndEmptinessAfterTheLoop(std::vector<std::string> V) {
  std::vector<std::string> Out;
  for (auto &E : V)
    Out.push_back(std::move(E));
  return V.empty() ? 0 : V.size();
}

void clearedThenRefilled(std::vector<std::string> V) {
  std::vector<std::string> Out;
  for (auto &E : V)
    Out.push_back(std::move(E));
  V.clear();
  V.push_back("x");
  print(V[0]);
}

void assignedAnEmptyList(std::vector<std::string> V) {
  std::vector<std::string> Out;
  for (auto &E : V)
    Out.push_back(std::move(E));
  V = {};
  V.emplace_back("y");
  print(V.front());
}

void newValueForEveryElement(std::vector<std::string> V) {
  std::vector<std::string> Out;
  for (auto &E : V)
    Out.push_back(std::move(E));
  for (auto &E : V)
    E = "fresh";
  print(V[0]);
}

void elementAssignedThenRead(std::vector<std::string> V) {
  std::vector<std::string> Out;
  std::move(V.begin(), V.end(), std::back_inserter(Out));
  V[0] = "first";
  print(V[0]);
}

void refilledByACallee(std::vector<std::string> V) {
  std::vector<std::string> Out;
  std::move(V.begin(), V.end(), std::back_inserter(Out));
  refill(V);
  print(V.back());
}

void appendedThenBackRead(std::vector<std::string> V) {
  std::vector<std::string> Out;
  std::move(V.begin(), V.end(), std::back_inserter(Out));
  V.push_back("new");
  print(V.back());
}

//===----------------------------------------------------------------------===//
// Not every element moved: nothing is known
//===----------------------------------------------------------------------===//

void oneElementMovedThenAnotherRead(std::vector<std::string> V) {
  take(std::move(V[0]));
  print(V[1]);
}

void loopMovesOnlySomeElements(std::vector<std::string> V) {
  std::vector<std::string> Out;
  for (auto &E : V)
    if (E.size() > 3)
      Out.push_back(std::move(E));
  print(V[0]);
}

void loopMayStopEarly(std::vector<std::string> V) {
  std::vector<std::string> Out;
  for (auto &E : V) {
    Out.push_back(std::move(E));
    if (Out.size() == 2)
      break;
  }
  print(V.back());
}

void loopOverConstElementsCopies(std::vector<std::string> V) {
  std::vector<std::string> Out;
  for (const auto &E : V)
    Out.push_back(std::move(E)); // a `const std::string &&` binds to the copy constructor
  print(V[0]);
}

void loopOverCopiesMovesTheCopies(std::vector<std::string> V) {
  std::vector<std::string> Out;
  for (auto E : V)
    Out.push_back(std::move(E));
  print(V[0]);
}

void algorithmOverPartOfTheRange(std::vector<std::string> V) {
  std::vector<std::string> Out;
  std::move(V.begin() + 1, V.end(), std::back_inserter(Out));
  print(V[1]);
}

void movingIntsCopiesThem(std::vector<int> V) {
  std::vector<int> Out;
  for (auto &E : V)
    Out.push_back(std::move(E));
  Out.push_back(V[0]);
}

void mapMovesOnlyTheMappedValues(std::map<std::string, std::string> M) {
  std::vector<std::string> Out;
  for (auto &Entry : M)
    Out.push_back(std::move(Entry.second));
  print(M.begin()->first);
}
