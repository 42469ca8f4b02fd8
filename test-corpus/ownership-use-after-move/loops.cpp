// ownership-use-after-move: moves inside loops, break and continue.
#include <string>
#include <utility>
#include <vector>

void consume(std::string S);
void consumeAll(std::vector<std::string> V);
bool more();

//===----------------------------------------------------------------------===//
// Moves reached again by the next iteration
//===----------------------------------------------------------------------===//

void moveInForLoop() {
  std::string S = "x";
  for (int I = 0; I < 3; ++I)
    consume(std::move(S)); // expect: ownership-use-after-move {{'S' may be used after it was moved}} expect-note: ownership-use-after-move {{previous iteration}}
}

void moveInWhileLoop() {
  std::string S = "x";
  while (more())
    consume(std::move(S)); // expect: ownership-use-after-move {{may be used after}} expect-note: ownership-use-after-move {{previous iteration}}
}

void moveInDoWhileLoop() {
  std::string S = "x";
  do {
    S.append("y"); // expect: ownership-use-after-move {{'S' may be used after it was moved}}
    consume(std::move(S)); // expect-note: ownership-use-after-move {{moved here, in a previous iteration of the loop}}
  } while (more());
}

void moveInLoopThenUseAfterLoop() {
  std::vector<std::string> V;
  std::string S = "x";
  for (int I = 0; I < 3; ++I) {
    S = "y";
    V.push_back(std::move(S)); // expect-note: ownership-use-after-move {{moved here}}
  }
  S.size(); // expect: ownership-use-after-move {{'S' may be used after it was moved}}
}

//===----------------------------------------------------------------------===//
// Loops that reinitialize or leave before the next use
//===----------------------------------------------------------------------===//

void moveThenReassignInLoop() {
  std::string S = "x";
  for (int I = 0; I < 3; ++I) {
    consume(std::move(S));
    S = "again";
  }
  S.size();
}

void reassignThenMoveInLoop() {
  std::vector<std::string> V;
  std::string S;
  while (more()) {
    S = "item";
    V.push_back(std::move(S)); // S gets a new value before the next move
  }
}

void clearThenMoveInLoop() {
  std::vector<std::string> V;
  std::string S;
  while (more()) {
    S.clear();
    S += "item";
    V.push_back(std::move(S));
  }
}

void loopLocalIsFreshEachIteration() {
  std::vector<std::string> V;
  for (int I = 0; I < 3; ++I) {
    std::string S = "x"; // a new object every iteration
    V.push_back(std::move(S));
  }
}

void moveThenBreak() {
  std::string S = "x";
  while (more()) {
    if (S.empty())
      continue;
    consume(std::move(S));
    break; // the loop never comes back to the move
  }
}

void moveThenBreakThenUseAfterLoop() {
  std::string S = "x";
  while (more()) {
    consume(std::move(S)); // expect-note: ownership-use-after-move {{moved here}}
    break;
  }
  S.size(); // expect: ownership-use-after-move {{'S' may be used after it was moved}}
}

void moveThenReturnInLoop() {
  std::string S = "x";
  for (int I = 0; I < 3; ++I) {
    if (I == 2) {
      consume(std::move(S));
      return;
    }
    S.size();
  }
}

void moveThenContinueAfterReinit() {
  std::vector<std::string> V;
  std::string S = "x";
  while (more()) {
    V.push_back(std::move(S));
    S = "next";
    continue;
  }
  S.size();
}

void moveBeforeContinueWithoutReinit() {
  std::vector<std::string> V;
  std::string S = "x";
  while (more()) {
    if (S.size() > 3) { // expect: ownership-use-after-move {{'S' may be used after it was moved}}
      V.push_back(std::move(S)); // expect-note: ownership-use-after-move {{previous iteration}}
      continue;
    }
    S += "y";
  }
}

void moveAfterLoop() {
  std::vector<std::string> Parts;
  for (int I = 0; I < 3; ++I)
    Parts.push_back("p");
  consumeAll(std::move(Parts));
}

void rangeForOverVectorMovesEachElement() {
  std::vector<std::string> Names = {"a", "b"};
  std::vector<std::string> Out;
  for (std::string &N : Names)
    Out.push_back(std::move(N)); // each iteration moves a different element
}

void rangeForValueVariableIsFresh() {
  std::vector<std::string> Names = {"a", "b"};
  for (std::string N : Names)
    consume(std::move(N)); // a new copy each iteration
}

void rangeForValueVariableMovedThenUsed() {
  std::vector<std::string> Names = {"a", "b"};
  for (std::string N : Names) {
    consume(std::move(N)); // expect-note: ownership-use-after-move {{moved here}}
    N.size(); // expect: ownership-use-after-move {{'N' used after it was moved}}
  }
}
