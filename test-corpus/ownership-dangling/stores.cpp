// ownership-dangling: borrows of the function's own storage stored into places that outlive
// it (a global, a static, a field of *this, an out-parameter, a container that outlives the
// call) and still there when the function returns (Rust E0597, "borrowed value does not
// live long enough").
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

std::string makeName();
void work();
void consume(std::string_view);
bool cond();

int *g_ptr = nullptr;
std::string_view g_view;
std::vector<int *> g_list;

struct Holder {
  int *p = nullptr;
  std::string_view view;
};

struct Registry {
  static const char *current;
};

//===----------------------------------------------------------------------===//
// Globals and statics
//===----------------------------------------------------------------------===//

void localIntoGlobal() {
  int x = 1;
  g_ptr = &x; // expect: ownership-dangling {{'x' does not live long enough: 'g_ptr' still refer}}
              // expect-note@-1: ownership-dangling {{borrowed here}}
} // expect-note: ownership-dangling {{'x' goes out of scope here}}

void bufferIntoStaticMember() {
  std::string name = makeName();
  Registry::current = name.c_str(); // expect: ownership-dangling {{'name' does not live long enough: 'Registry::current'}}
                                    // expect-note@-1: ownership-dangling {{borrowed here}}
} // expect-note: ownership-dangling {{'name' goes out of scope here}}

void localIntoStaticLocal() {
  static const int *last = nullptr;
  int x = 2;
  last = &x; // expect: ownership-dangling {{'x' does not live long enough: 'last'}}
             // expect-note@-1: ownership-dangling {{borrowed here}}
} // expect-note: ownership-dangling {{goes out of scope here}}

void localIntoGlobalContainer() {
  int x = 3;
  g_list.push_back(&x); // expect: ownership-dangling {{'x' does not live long enough: 'g_list'}}
                        // expect-note@-1: ownership-dangling {{borrowed here}}
} // expect-note: ownership-dangling {{'x' goes out of scope here}}

void restoredOnOnePathOnly() {
  int x = 4;
  g_ptr = &x; // expect: ownership-dangling {{'x' may not live long enough: 'g_ptr' may still refer}}
              // expect-note@-1: ownership-dangling {{borrowed here}}
  if (cond())
    return; // expect-note: ownership-dangling {{'x' goes out of scope here}}
  g_ptr = nullptr;
}

//===----------------------------------------------------------------------===//
// Out-parameters
//===----------------------------------------------------------------------===//

void bufferThroughOutPointer(const char **out) {
  std::string s = makeName();
  *out = s.c_str(); // expect: ownership-dangling {{'s' does not live long enough: '*out'}}
                    // expect-note@-1: ownership-dangling {{borrowed here}}
} // expect-note: ownership-dangling {{'s' goes out of scope here}}

void localThroughPointerReference(int *&out) {
  int x = 5;
  out = &x; // expect: ownership-dangling {{'x' does not live long enough: 'out'}}
            // expect-note@-1: ownership-dangling {{borrowed here}}
} // expect-note: ownership-dangling {{'x' goes out of scope here}}

void localIntoFieldThroughPointer(Holder *h) {
  int x = 6;
  h->p = &x; // expect: ownership-dangling {{'x' does not live long enough: 'h->p'}}
             // expect-note@-1: ownership-dangling {{borrowed here}}
} // expect-note: ownership-dangling {{'x' goes out of scope here}}

void viewIntoFieldThroughReference(Holder &h) {
  std::string s = makeName();
  h.view = s; // expect: ownership-dangling {{'s' does not live long enough: 'h.view'}}
              // expect-note@-1: ownership-dangling {{borrowed here}}
} // expect-note: ownership-dangling {{'s' goes out of scope here}}

void bufferIntoOutVector(std::vector<const char *> &out) {
  std::string s = makeName();
  out.push_back(s.c_str()); // expect: ownership-dangling {{'s' does not live long enough: 'out'}}
                            // expect-note@-1: ownership-dangling {{borrowed here}}
} // expect-note: ownership-dangling {{'s' goes out of scope here}}

void localIntoOutMap(std::map<int, int *> &m) {
  int v = 7;
  m[1] = &v; // expect: ownership-dangling {{'v' does not live long enough: 'm[1]'}}
             // expect-note@-1: ownership-dangling {{borrowed here}}
} // expect-note: ownership-dangling {{'v' goes out of scope here}}

//===----------------------------------------------------------------------===//
// Fields of *this
//===----------------------------------------------------------------------===//

class Widget {
public:
  void setLabel(std::string s) {
    label_ = s; // expect: ownership-dangling {{'s' does not live long enough: 'label_'}}
                // expect-note@-1: ownership-dangling {{borrowed here}}
  } // expect-note: ownership-dangling {{'s' goes out of scope here}}

  void setLabelFromTemporary() {
    label_ = makeName(); // expect: ownership-dangling {{the temporary does not live long enough: 'label_'}}
                         // expect-note@-1: ownership-dangling {{borrowed here}}
                         // expect-note@-2: ownership-dangling {{temporary destroyed here}}
  }

  void wire() {
    int clicks = 0;
    onClick_ = [&clicks] { ++clicks; }; // expect: ownership-dangling {{'clicks' does not live long enough: 'onClick_'}}
                                        // expect-note@-1: ownership-dangling {{borrowed here}}
  } // expect-note: ownership-dangling {{'clicks' goes out of scope here}}

  void addKey() {
    std::string k = makeName();
    keys_.push_back(k); // expect: ownership-dangling {{'k' does not live long enough: 'keys_'}}
                        // expect-note@-1: ownership-dangling {{borrowed here}}
  } // expect-note: ownership-dangling {{'k' goes out of scope here}}

private:
  std::string_view label_;
  std::function<void()> onClick_;
  std::vector<std::string_view> keys_;
};

class Parser {
public:
  explicit Parser(std::string text) : text_(text) {} // expect: ownership-dangling {{'text' does not live long enough: 'text_'}}
                                                      // expect-note@-1: ownership-dangling {{borrowed here}}
                                                      // expect-note@-2: ownership-dangling {{'text' goes out of scope here}}

private:
  std::string_view text_;
};

//===----------------------------------------------------------------------===//
// Not findings
//===----------------------------------------------------------------------===//

// The scope-guard pattern: the global is restored before the local dies.
void savedAndRestored() {
  int x = 1;
  int *saved = g_ptr;
  g_ptr = &x;
  work();
  g_ptr = saved;
}

void resetBeforeReturn() {
  std::string s = makeName();
  g_view = s;
  work();
  g_view = {};
}

void containerDiesFirst() {
  std::string s = makeName();
  {
    std::vector<const char *> argv;
    argv.push_back(s.c_str());
    work();
  }
}

void localHolderDiesWithTheOwner() {
  int x = 1;
  Holder h;
  h.p = &x;
  work();
}

void staticOwner() {
  static int counter = 0;
  g_ptr = &counter;
}

void borrowOfReferenceParameter(const std::string &s) { g_view = s; }

void copyOfPointerParameter(int *p) { g_ptr = p; }

void stringLiteralThroughOutPointer(const char **out) { *out = "literal"; }

void heapIntoGlobal() { g_ptr = new int(3); }

void elementOfParameter(const std::vector<int> &v, const int **out) { *out = &v[0]; }

void copiesIntoOwners(std::vector<std::string> &out, std::map<int, std::string> &m) {
  std::string s = makeName();
  out.push_back(s);
  out.emplace_back(s.c_str());
  m[1] = s;
}

void rangeInsertCopiesPointers(std::vector<const char *> &out) {
  std::vector<const char *> tmp = {"a", "b"};
  out.insert(out.end(), tmp.begin(), tmp.end());
}

void pushedThenPopped(std::vector<int *> &stack) {
  int frame = 0;
  stack.push_back(&frame);
  work();
  stack.pop_back();
}

class Session {
public:
  void run() {
    g_session = this;
    std::string local = makeName();
    name_ = local;
    consume(view_);
  }

  void borrowParameter(const std::string &s) { view_ = s; }

  void borrowAndReset(std::string s) {
    view_ = s;
    consume(view_);
    view_ = std::string_view();
  }

  // The member function may reset the view; what it does is not followed.
  void borrowThenCallMember(std::string s) {
    view_ = s;
    clearView();
  }
  void clearView() { view_ = {}; }

  ~Session() {
    int x = 0;
    last_ = &x;
  }

  static Session *g_session;

private:
  std::string name_;
  std::string_view view_;
  int *last_ = nullptr;
};

int main() {
  int config = 1;
  g_ptr = &config;
  work();
  return 0;
}
