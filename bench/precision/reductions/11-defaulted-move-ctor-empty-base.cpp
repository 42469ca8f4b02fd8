// From fish, src/maybe.h (maybe_t<T>::maybe_t, 11 instantiations), src/io.h
// (separated_buffer_t), src/ast.h (ast_t), src/re.h (match_data_t, regex_t) and
// src/redirection.h (dup2_list_t) [ownership-use-after-move] "'' used after it was moved"
// with the note "moved here, in a previous iteration of the loop", both at the
// '= default' of the move constructor.
// Pattern: a defaulted move constructor of a class with an empty base class (fish's
// noncopyable_t / copyable_t mix-ins). The implicit body moves the base, then each member
// from the same source once: there is no loop and no use after a move.
#include <utility>
#include <vector>

struct noncopyable_t {
  noncopyable_t() = default;
  noncopyable_t(noncopyable_t&&) = default;
  noncopyable_t(const noncopyable_t&) = delete;
};

class List : noncopyable_t {
 public:
  List() = default;
  List(List&&) = default;  // reported here
 private:
  std::vector<int> actions_;
};

List make();

void use() {
  List a = make();
  List b(std::move(a));
}
