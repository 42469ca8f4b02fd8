// The benchmark's smoke-test input: small, quick to parse, exercises every tool once.
#include <string>
#include <utility>

std::string greet(std::string Name) {
  std::string Greeting = "hello " + Name;
  std::string Kept = std::move(Greeting);
  return Kept + "!";
}
