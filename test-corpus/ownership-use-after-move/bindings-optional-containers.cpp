// ownership-use-after-move: structured bindings, range-for variables, std::optional and
// containers of movable objects.
// RUN-ARGS: -std=c++17
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

void consume(std::string S);
void consumeAll(std::vector<std::string> V);
std::pair<std::string, std::string> twoNames();

//===----------------------------------------------------------------------===//
// Structured bindings
//===----------------------------------------------------------------------===//

void bindingMovedThenUsed() {
  auto [First, Second] = twoNames();
  consume(std::move(First)); // expect-note: ownership-use-after-move {{moved here}}
  First.size(); // expect: ownership-use-after-move {{'First' used after it was moved}}
}

void bindingMovedOtherUsed() {
  auto [First, Second] = twoNames();
  consume(std::move(First));
  Second.size();
}

void bindingMovedThenReassigned() {
  auto [First, Second] = twoNames();
  consume(std::move(First));
  First = "again";
  First.size();
}

void bindingsOfMapEntries(std::map<std::string, std::string> &M) {
  for (auto &[Key, Value] : M) {
    consume(std::move(Value)); // expect-note: ownership-use-after-move {{moved here}}
    Value.size(); // expect: ownership-use-after-move {{'Value' used after it was moved}}
  }
}

void bindingsOfMapEntriesEachMovedOnce(std::map<int, std::string> &M) {
  for (auto &[Key, Value] : M)
    consume(std::move(Value)); // a different element every iteration
}

//===----------------------------------------------------------------------===//
// Range-for variables
//===----------------------------------------------------------------------===//

void rangeForByValueMovedTwice(const std::vector<std::string> &Names) {
  for (std::string Name : Names) {
    consume(std::move(Name)); // expect-note: ownership-use-after-move {{moved here}}
    consume(std::move(Name)); // expect: ownership-use-after-move {{'Name' used after it was moved}}
  }
}

void rangeForOverMovedContainer() {
  std::vector<std::string> Names = {"a"};
  consumeAll(std::move(Names)); // expect-note: ownership-use-after-move {{moved here}}
  for (const std::string &Name : Names) // expect: ownership-use-after-move {{'Names' used after it was moved}}
    (void)Name;
}

void rangeForOverContainerThenMove() {
  std::vector<std::string> Names = {"a"};
  for (const std::string &Name : Names)
    (void)Name;
  consumeAll(std::move(Names));
}

//===----------------------------------------------------------------------===//
// std::optional
//===----------------------------------------------------------------------===//

void optionalMovedThenDereferenced() {
  std::optional<std::string> O = "x";
  std::optional<std::string> P = std::move(O); // expect-note: ownership-use-after-move {{moved here}}
  O->size(); // expect: ownership-use-after-move {{'O' used after it was moved}}
}

void optionalValueMovedOut() {
  std::optional<std::string> O = "x";
  std::string S = std::move(*O); // moves the string inside, not a tracked object
  O.reset();
  (void)S;
}

void optionalAssignedAfterMove() {
  std::optional<std::string> O = "x";
  auto P = std::move(O);
  O = std::nullopt;
  (void)O.has_value();
}

//===----------------------------------------------------------------------===//
// Containers
//===----------------------------------------------------------------------===//

void vectorMovedThenSized() {
  std::vector<std::string> V = {"a"};
  auto W = std::move(V); // expect-note: ownership-use-after-move {{moved here}}
  (void)V.size(); // expect: ownership-use-after-move {{'V' used after it was moved}}
}

void unorderedMapMovedThenIndexed() {
  std::unordered_map<std::string, int> M;
  auto N = std::move(M); // expect-note: ownership-use-after-move {{moved here}}
  M["k"] = 1; // expect: ownership-use-after-move {{'M' used after it was moved}}
}

void elementMovedOutOfVector() {
  std::vector<std::string> V = {"a", "b"};
  consume(std::move(V[0])); // an element, not V itself
  (void)V.size();
}

void moveBackThenPopBack() {
  std::vector<std::string> V = {"a", "b"};
  consume(std::move(V.back()));
  V.pop_back();
}

void tupleMovedThenGet() {
  std::tuple<std::string, int> T{"a", 1};
  auto U = std::move(T); // expect-note: ownership-use-after-move {{moved here}}
  (void)std::get<0>(T); // expect: ownership-use-after-move {{'T' used after it was moved}}
}

void pairMemberMovedOtherRead() {
  std::pair<std::string, std::string> P{"a", "b"};
  consume(std::move(P.first));
  consume(P.second);
}

void pairMemberMovedThenRead() {
  std::pair<std::string, std::string> P{"a", "b"};
  consume(std::move(P.first)); // expect-note: ownership-use-after-move {{moved here}}
  consume(P.first); // expect: ownership-use-after-move {{'P.first' used after it was moved}}
}
