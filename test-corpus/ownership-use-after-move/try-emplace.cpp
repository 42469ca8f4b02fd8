// ownership-use-after-move: try_emplace on a map moves from its arguments only when the
// key is not there yet, which the analysis does not know; emplace and insert_or_assign
// always take them.
#include <map>
#include <string>
#include <unordered_map>
#include <utility>

void use(const std::string &);

void tryEmplaceMayKeepArgument(std::map<int, std::string> &m, std::string s) {
  m.try_emplace(1, std::move(s));
  use(s);
}

void tryEmplaceUnorderedMayKeepArgument(std::unordered_map<std::string, std::string> &m,
                                        std::string key, std::string value) {
  m.try_emplace(std::move(key), std::move(value));
  use(key);
  use(value);
}

void insertOrAssignTakesArgument(std::map<int, std::string> &m, std::string s) {
  m.insert_or_assign(1, std::move(s)); // expect-note: ownership-use-after-move {{moved here}}
  use(s);                              // expect: ownership-use-after-move {{'s' used after it was moved}}
}
