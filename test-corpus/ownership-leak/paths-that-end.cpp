// Paths that end: a call that does not return (declared so, analyzer_noreturn, the C
// library's exits, a helper of this unit whose every path ends so) or a throw ends its
// path, and nothing is reported on it. A helper that returns on some path ends nothing.
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

struct Widget {
  int Size = 0;
};

[[noreturn]] void fatal(const char *Message);
void stopHere(const char *Message) __attribute__((analyzer_noreturn));

// Not declared noreturn: every path ends in exit().
void die(const char *Message) {
  std::fprintf(stderr, "%s\n", Message);
  std::exit(1);
}

// Every path ends in die(), whose summary says it does not return.
void dieWithCode(int Code) {
  if (Code > 1)
    die("bad code");
  else
    die("error");
}

// Returns when Code is 0.
void maybeDie(int Code) {
  if (Code)
    std::exit(Code);
}

//===----------------------------------------------------------------------===//
// Straight-line code
//===----------------------------------------------------------------------===//

int exitsOnError(bool Bad) {
  Widget *W = new Widget;
  if (Bad)
    std::exit(1);
  int Size = W->Size;
  delete W;
  return Size;
}

int abortsOnError(bool Bad) {
  Widget *W = new Widget;
  if (Bad)
    std::abort();
  delete W;
  return 0;
}

int declaredNoreturn(bool Bad) {
  Widget *W = new Widget;
  if (Bad)
    fatal("bad");
  delete W;
  return 0;
}

int analyzerNoreturn(bool Bad) {
  Widget *W = new Widget;
  if (Bad)
    stopHere("bad");
  delete W;
  return 0;
}

int helperThatExits(bool Bad) {
  Widget *W = new Widget;
  if (Bad)
    die("bad");
  delete W;
  return 0;
}

int helperOfAHelperThatExits(int Code) {
  Widget *W = new Widget;
  if (Code)
    dieWithCode(Code);
  delete W;
  return 0;
}

int throwsOnError(bool Bad) {
  Widget *W = new Widget;
  if (Bad)
    throw std::runtime_error("bad");
  delete W;
  return 0;
}

int scopeEndsAfterTheExit(bool Bad) {
  if (Bad) {
    Widget *W = new Widget;
    die("bad");
  }
  return 0;
}

//===----------------------------------------------------------------------===//
// Look-alikes that return
//===----------------------------------------------------------------------===//

int helperThatMayReturn(int Code) {
  Widget *W = new Widget; // expect-note: ownership-leak {{allocated here}}
  if (Code) {
    maybeDie(Code);
    return 1; // expect: ownership-leak {{is leaked when 'W' goes out of scope at this return}}
  }
  delete W;
  return 0;
}

int leakBeforeTheExit(bool Bad) {
  Widget *W = new Widget; // expect-note: ownership-leak {{allocated here}}
  if (Bad) {
    W = nullptr; // expect: ownership-leak {{when 'W' is overwritten}}
    die("bad");
  }
  delete W;
  return 0;
}
