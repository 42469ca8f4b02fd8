// From re2, re2/prefilter.cc, Prefilter::OrStrings [ownership-leak] "memory allocated by
// 'new' and owned by 'or_prefilter' may be leaked when 'or_prefilter' is overwritten".
// Pattern: 'acc = Or(acc, x)' where Or (visible, same unit) takes ownership of both
// arguments on every path: it first replaces each by its Simplify() (which returns 'this',
// or deletes 'this' and returns its only child), then after swapping them deletes one and
// returns the other, pushes one into the other's children, or puts both under a new node.
// The old 'acc' is never leaked by the overwrite.
#include <set>
#include <string>
#include <vector>

struct Prefilter {
  enum Op { ALL, NONE, ATOM, AND, OR };
  explicit Prefilter(Op op) : op_(op) {}
  ~Prefilter() { for (Prefilter* s : subs_) delete s; }
  Op op_;
  std::vector<Prefilter*> subs_;

  Prefilter* Simplify() {
    if (op_ != AND && op_ != OR)
      return this;
    if (subs_.size() == 1) {
      Prefilter* a = subs_[0];
      subs_.clear();
      delete this;
      return a->Simplify();
    }
    return this;
  }

  static Prefilter* AndOr(Op op, Prefilter* a, Prefilter* b) {
    a = a->Simplify();
    b = b->Simplify();
    if (a->op_ > b->op_) {
      Prefilter* t = a;
      a = b;
      b = t;
    }
    if (a->op_ == ALL || a->op_ == NONE) {
      if ((a->op_ == ALL && op == AND) || (a->op_ == NONE && op == OR)) {
        delete a;
        return b;
      }
      delete b;
      return a;
    }
    if (a->op_ == op) {
      a->subs_.push_back(b);
      return a;
    }
    Prefilter* c = new Prefilter(op);
    c->subs_.push_back(a);
    c->subs_.push_back(b);
    return c;
  }
  static Prefilter* Or(Prefilter* a, Prefilter* b) { return AndOr(OR, a, b); }
  static Prefilter* FromString(const std::string&) { return new Prefilter(ATOM); }
};

Prefilter* orStrings(const std::set<std::string>& ss) {
  Prefilter* or_prefilter = new Prefilter(Prefilter::NONE);
  for (const std::string& s : ss)
    or_prefilter = Prefilter::Or(or_prefilter, Prefilter::FromString(s));  // reported here
  return or_prefilter;
}
