// A null test that reaches the branch through a value: a bool local never written again,
// an object that keeps a bool and converts back to it, a function that returns its bool
// argument. The early return is taken only when the pointer is null: nothing leaks there.
#include <cstdio>

struct Result {
  bool Ok;
  explicit Result(bool B) : Ok(B) {}
  explicit operator bool() const { return Ok; }
};
#define CHECK_OR_RETURN(c) \
  if (const Result R_ = Result(c)) \
    ; \
  else \
    return

// A result whose constructor does not keep its argument as it is.
struct Inverted {
  bool Ok;
  explicit Inverted(bool B) : Ok(!B) {}
  explicit operator bool() const { return Ok; }
};

bool check(bool Condition, const char *What) {
  if (!Condition)
    std::fprintf(stderr, "failed: %s\n", What);
  return Condition;
}

bool checkAndForget(bool Condition, const char *What) {
  if (!Condition)
    std::fprintf(stderr, "failed: %s\n", What);
  return true;
}

//===----------------------------------------------------------------------===//
// A bool local
//===----------------------------------------------------------------------===//

void boolLocal(const char *Name) {
  std::FILE *F = std::fopen(Name, "rb");
  bool Ok = F != nullptr;
  if (!Ok)
    return;
  std::fclose(F);
}

void boolLocalNegated(const char *Name) {
  std::FILE *F = std::fopen(Name, "rb");
  bool Failed = !F;
  if (Failed)
    return;
  std::fclose(F);
}

void boolLocalWrittenAgain(const char *Name, bool Retry) {
  std::FILE *F = std::fopen(Name, "rb"); // expect-note: ownership-leak {{allocated here}}
  bool Ok = F != nullptr;
  if (Retry)
    Ok = false;
  if (!Ok)
    return; // expect: ownership-leak {{is leaked when 'F' goes out of scope at this return}}
  std::fclose(F);
}

void pointerWrittenAfterTheTest(const char *Name, std::FILE *Other) {
  std::FILE *F = std::fopen(Name, "rb"); // expect-note: ownership-leak {{allocated here}}
  bool Ok = F != nullptr;
  F = Other; // expect: ownership-leak {{when 'F' is overwritten}}
  if (!Ok)
    return;
  std::fclose(F);
}

//===----------------------------------------------------------------------===//
// An object that converts to the bool it keeps
//===----------------------------------------------------------------------===//

void resultObject(const char *Name) {
  std::FILE *F = std::fopen(Name, "rb");
  CHECK_OR_RETURN(F != nullptr);
  std::fclose(F);
}

void resultTemporary(const char *Name) {
  std::FILE *F = std::fopen(Name, "rb");
  if (!Result(F != nullptr))
    return;
  std::fclose(F);
}

void invertedResult(const char *Name) {
  std::FILE *F = std::fopen(Name, "rb"); // expect-note: ownership-leak {{allocated here}}
  if (!Inverted(F == nullptr))
    return; // expect: ownership-leak {{is leaked when 'F' goes out of scope at this return}}
  std::fclose(F);
}

//===----------------------------------------------------------------------===//
// A function that returns its bool argument
//===----------------------------------------------------------------------===//

void checkFunction(const char *Name) {
  std::FILE *F = std::fopen(Name, "rb");
  if (!check(F != nullptr, "open"))
    return;
  std::fclose(F);
}

void checkFunctionThatForgets(const char *Name) {
  std::FILE *F = std::fopen(Name, "rb"); // expect-note: ownership-leak {{allocated here}}
  if (!checkAndForget(F != nullptr, "open"))
    return; // expect: ownership-leak {{is leaked when 'F' goes out of scope at this return}}
  std::fclose(F);
}
