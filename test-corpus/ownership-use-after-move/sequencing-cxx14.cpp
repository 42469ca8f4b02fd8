// RUN-ARGS: -std=c++14
// ownership-use-after-move: before C++17, only `,` `&&` `||` `?:` and braced lists order
// their operands; the right operand of an assignment, the operands of `<<` and the object
// of a member call are unsequenced with the rest.
#include <cstddef>
#include <iostream>
#include <map>
#include <string>
#include <utility>

std::size_t consume(std::string S);

void assignmentOperandsAreUnsequenced() {
  std::map<std::size_t, std::string> Names;
  std::string S = "x";
  Names[consume(std::move(S))] = S.substr(1); // expect: ownership-use-after-move {{'S' may be used after it was moved}} expect-note: ownership-use-after-move {{moved here}} expect-note: ownership-use-after-move {{unsequenced}}
}

void shiftOperandsAreUnsequenced() {
  std::string S = "x";
  std::cout << S.size() << consume(std::move(S)); // expect: ownership-use-after-move {{'S' may be used after it was moved}} expect-note: ownership-use-after-move {{moved here}} expect-note: ownership-use-after-move {{unsequenced}}
}

void commaStillOrdersItsOperands() {
  std::string S = "x";
  std::size_t N = (S.size(), consume(std::move(S)));
  (void)N;
}
