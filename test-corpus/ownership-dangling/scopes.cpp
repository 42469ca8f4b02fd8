// ownership-dangling: borrows stored in an outer-scope variable and used after the inner
// scope ended (Rust E0597, "borrowed value does not live long enough").
#include <functional>
#include <string>
#include <string_view>
#include <vector>

void consume(std::string_view);
void consumeInt(int);
bool cond();
std::string makeName();

//===----------------------------------------------------------------------===//
// Straight-line code
//===----------------------------------------------------------------------===//

void pointerToInnerLocal() {
  int *p = nullptr;
  {
    int x = 1;
    p = &x; // expect-note: ownership-dangling {{borrowed here}}
  } // expect-note: ownership-dangling {{'x' goes out of scope here}}
  consumeInt(*p); // expect: ownership-dangling {{'p' used after 'x', which it borrows from, was destroyed}}
}

void viewOfInnerString() {
  std::string_view sv;
  {
    std::string s = makeName();
    sv = s;
  }
  consume(sv); // expect: ownership-dangling {{'sv' used after 's'}}
}

void iteratorIntoInnerVector() {
  std::vector<int>::iterator it;
  {
    std::vector<int> v = {1, 2, 3};
    it = v.begin();
  }
  consumeInt(*it); // expect: ownership-dangling {{'it' used after 'v'}}
}

void lambdaCapturingInnerLocal() {
  std::function<int()> f;
  {
    int x = 1;
    f = [&x] { return x; };
  }
  consumeInt(f()); // expect: ownership-dangling {{'f' used after 'x'}}
}

void copiedBorrower() {
  const char *q = nullptr;
  {
    std::string s = makeName();
    const char *p = s.c_str();
    q = p;
  }
  consume(q); // expect: ownership-dangling {{'q' used after 's'}}
}

void memberOfInnerStruct() {
  struct Pair {
    std::string first, second;
  };
  const std::string *p = nullptr;
  {
    Pair pair{"a", "b"};
    p = &pair.first;
  }
  consume(*p); // expect: ownership-dangling {{'p' used after 'pair.first'}}
}

//===----------------------------------------------------------------------===//
// Control flow
//===----------------------------------------------------------------------===//

void onlyOnSomePaths(const std::string &keep) {
  std::string_view sv = keep;
  if (cond()) {
    std::string s = makeName();
    sv = s;
  }
  consume(sv); // expect: ownership-dangling {{'sv' may be used after 's'}}
}

void previousIteration() {
  std::string_view last;
  for (int i = 0; i < 3; ++i) {
    std::string s = makeName();
    if (!last.empty()) // expect: ownership-dangling {{'last' may be used after 's'}}
      consume(last);
    last = s;
  }
}

//===----------------------------------------------------------------------===//
// Not findings
//===----------------------------------------------------------------------===//

void usedInsideTheScope() {
  int *p = nullptr;
  {
    int x = 1;
    p = &x;
    consumeInt(*p);
  }
}

void reassignedAfterTheScope() {
  int *p = nullptr;
  int y = 2;
  {
    int x = 1;
    p = &x;
  }
  p = &y;
  consumeInt(*p);
}

void nulledAfterTheScope() {
  int *p = nullptr;
  {
    int x = 1;
    p = &x;
    consumeInt(*p);
  }
  p = nullptr;
  if (p)
    consumeInt(*p);
}

void ownerInOuterScope() {
  std::string s = makeName();
  std::string_view sv;
  {
    sv = s;
  }
  consume(sv);
}

void freshBorrowEachIteration() {
  for (int i = 0; i < 3; ++i) {
    std::string s = makeName();
    std::string_view sv = s;
    consume(sv);
  }
}

void copiedOut() {
  std::string copy;
  {
    std::string s = makeName();
    copy = s;
  }
  consume(copy);
}

void staticInInnerScope() {
  const int *p = nullptr;
  {
    static int x = 1;
    p = &x;
  }
  consumeInt(*p);
}

void pointerReadBeforeScopeEnd() {
  int value = 0;
  {
    int x = 1;
    int *p = &x;
    value = *p;
  }
  consumeInt(value);
}

void lambdaUsedInsideScope() {
  int total = 0;
  {
    int x = 1;
    auto add = [&x, &total] { total += x; };
    add();
  }
  consumeInt(total);
}
