// ownership-dangling: a local whose address is queued in a member container and taken out
// again before the function returns, on every path or by another thread (a writer queue
// whose leader pops the entries of the others).
#include <deque>
#include <vector>

struct Writer {
  bool done = false;
};

bool waitTurn(Writer *w);
void work();

class Log {
public:
  // The leader pops its own entry and those of the writers it served; a writer served by
  // another leader returns early, its entry already popped. Not every path pops here.
  void write() {
    Writer w;
    writers_.push_back(&w);
    if (!waitTurn(&w))
      return; // another leader took 'w' out
    while (!writers_.empty()) {
      Writer *ready = writers_.front();
      writers_.pop_front();
      if (ready == &w)
        break;
    }
  }

  // Cleared before the store, never after: the entry is still there when 'w' dies.
  void writeAfterClear() {
    Writer w;
    writers_.clear();
    writers_.push_back(&w); // expect: ownership-dangling {{'w' does not live long enough: 'writers_'}}
  }

  void writeAlone() {
    Writer w;
    pending_.push_back(&w); // expect: ownership-dangling {{'w' does not live long enough: 'pending_'}}
    work();
  }

  // A removal from another container does not take 'w' out of this one.
  void writeThenPopOther() {
    Writer w;
    pending_.push_back(&w); // expect: ownership-dangling {{'w' does not live long enough: 'pending_'}}
    writers_.pop_front();
  }

private:
  std::deque<Writer *> writers_;
  std::vector<Writer *> pending_;
};
