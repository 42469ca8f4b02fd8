// Moves on some paths only, and moves in loops.
#include <string>
#include <utility>
#include <vector>

void moveOnOnePath(std::vector<std::string> &names, bool keep) {
  std::string name = "orders";
  if (keep)
    names.push_back(std::move(name)); // expect-note: ownership-use-after-move {{moved here}}
  name.size(); // expect: ownership-use-after-move {{'name' may be used after it was moved}}
}

void moveInLoop(std::vector<std::string> &batches, const std::vector<int> &ids) {
  std::string batch;
  for (int id : ids) {
    batch += std::to_string(id); // expect: ownership-use-after-move {{'batch' may be used after it was moved}}
    batches.push_back(std::move(batch)); // expect-note: ownership-use-after-move {{in a previous iteration of the loop}}
  }
}

void moveInLoopCleared(std::vector<std::string> &batches, const std::vector<int> &ids) {
  std::string batch;
  for (int id : ids) {
    batch += std::to_string(id);
    batches.push_back(std::move(batch));
    batch.clear(); // a known, empty value again
  }
}

void moveInLoopFreshEachTime(std::vector<std::string> &batches, const std::vector<int> &ids) {
  for (int id : ids) {
    std::string batch = std::to_string(id); // declared in the loop: a new object each iteration
    batches.push_back(std::move(batch));
  }
}
