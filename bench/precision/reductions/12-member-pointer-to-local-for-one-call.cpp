// From fish, src/builtins/bind.cpp, builtin_bind_t::builtin_bind; re2,
// re2/testing/backtrack.cc, Backtracker::Search; glslang, Scan.cpp and hlslScanContext.cpp
// (tokenize, tokenizeClass) [ownership-dangling] "'opts' may not live long enough:
// 'this->opts' may still refer to it when the function returns".
// True but intended.
// Pattern (recurring): a member pointer is pointed at a local for the duration of one call,
// so that helper methods can reach it, and is left dangling when the call returns. Nothing
// reads it afterwards: the object is a short-lived local of the caller (fish), or every
// later call resets the member before using it (re2).
struct Options {
  bool list = false;
};

class BindCommand {
 public:
  int run(int argc) {
    Options opts;
    this->opts = &opts;  // reported here
    if (argc < 0)
      return 1;
    return helper();
  }

 private:
  int helper() const { return opts->list ? 0 : 2; }
  Options* opts = nullptr;
};

int builtinBind(int argc) {
  BindCommand bind;
  return bind.run(argc);
}
