// Near misses: code that looks like a use after move but is not one. All stay silent.
#include <memory>
#include <string>
#include <utility>
#include <vector>

void printName(const std::string &name);
void readLine(std::string &line);

// std::move() alone moves nothing; binding the result to a const reference neither.
void moveToConstReference() {
  std::string name = "orders";
  printName(std::move(name));
  name.size();
}

// A callee whose visible body never moves from its 'T&&' parameter leaves it intact.
void inspect(std::string &&name) { printName(name); }
void moveToNonConsumingCallee() {
  std::string name = "orders";
  inspect(std::move(name));
  name.size();
}

// Trivially copyable values are copied by a "move"; the source keeps its value.
struct Point {
  int x, y;
};
void consumePoint(Point &&p);
void moveTriviallyCopyable() {
  Point p{1, 2};
  consumePoint(std::move(p));
  (void)p.x;
}

// The standard defines a moved-from smart pointer: it is empty.
void moveSmartPointer() {
  auto owner = std::make_unique<int>(1);
  std::unique_ptr<int> other = std::move(owner);
  if (owner)
    (void)*owner.get();
  if (owner == nullptr)
    owner.reset(new int(2));
}

// clear(), assign(), reset(), swap() and assignment give a moved-from object a known value.
void reinitializeByMember(std::vector<std::string> &names) {
  std::string name = "orders";
  names.push_back(std::move(name));
  name.assign("archive");
  name.size();
}

// Passing an object to a non-const reference parameter lets the callee assign to it.
void reinitializeByOutParameter(std::vector<std::string> &names) {
  std::string line;
  names.push_back(std::move(line));
  readLine(line);
  line.size();
}

// Your own reinitializing members: mark them [[clang::reinitializes]].
class Buffer {
public:
  Buffer() = default;
  Buffer(Buffer &&) = default;
  [[clang::reinitializes]] void reset() { data_.clear(); }
  bool empty() const { return data_.empty(); }

private:
  std::vector<char> data_;
};
void reinitializeByAttribute() {
  Buffer buffer;
  Buffer other = std::move(buffer);
  buffer.reset();
  (void)buffer.empty();
}
