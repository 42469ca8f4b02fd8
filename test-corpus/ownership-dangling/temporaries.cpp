// ownership-dangling: views and references that outlive the temporary they borrow from
// (Rust E0716, "temporary value dropped while borrowed"). Several of these are cases
// Clang's -Wdangling family does not see: lifetimebound through std::max, through
// functions defined in this file, and through accessors of temporary objects.
#include <algorithm>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

void consume(std::string_view);
void consumeInt(int);
std::string makeName();
std::vector<int> makeNumbers();

//===----------------------------------------------------------------------===//
// Views initialized from temporaries
//===----------------------------------------------------------------------===//

void viewOfConcatenation(const std::string &a, const std::string &b) {
  std::string_view sv = a + b; // expect-note: ownership-dangling {{borrowed here}}
  // expect-note@-1: ownership-dangling {{temporary destroyed here}}
  consume(sv); // expect: ownership-dangling {{'sv' used after the temporary it borrows from was destroyed}}
}

void viewOfReturnedString() {
  std::string_view sv = makeName();
  consume(sv); // expect: ownership-dangling {{'sv' used after the temporary}}
}

void cStrOfTemporary() {
  const char *p = makeName().c_str();
  std::puts(p); // expect: ownership-dangling {{'p' used after the temporary}}
}

void pointerIntoTemporaryVector() {
  const int *first = makeNumbers().data();
  consumeInt(*first); // expect: ownership-dangling {{'first' used after the temporary}}
}

void referenceToElementOfTemporary() {
  const int &front = makeNumbers().front();
  consumeInt(front); // expect: ownership-dangling {{'front' used after the temporary}}
}

void iteratorIntoTemporary() {
  auto it = makeNumbers().begin();
  consumeInt(*it); // expect: ownership-dangling {{'it' used after the temporary}}
}

//===----------------------------------------------------------------------===//
// Lifetimebound functions: the standard's and this file's
//===----------------------------------------------------------------------===//

void maxOfTemporaries() {
  const std::string &m = std::max(std::string("a"), std::string("b"));
  consume(m); // expect: ownership-dangling {{'m' used after the temporary}}
}

void minOfTemporaryAndLocal(const std::string &local) {
  const std::string &m = std::min(local, makeName());
  consume(m); // expect: ownership-dangling {{'m' may be used after the temporary}}
}

void clampOfTemporaries() {
  const int &c = std::clamp(makeNumbers()[0], 0, 10);
  consumeInt(c); // expect: ownership-dangling {{'c' used after the temporary}}
}

const std::string &longer(const std::string &a, const std::string &b) {
  return a.size() >= b.size() ? a : b;
}

void inferredLifetimebound() {
  const std::string &l = longer(makeName(), "literal");
  consume(l); // expect: ownership-dangling {{'l' used after the temporary}}
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && s.front() == ' ')
    s.remove_prefix(1);
  return s;
}

void inferredThroughView() {
  std::string_view t = trimmed(std::string("  padded"));
  consume(t); // expect: ownership-dangling {{'t' used after the temporary}}
}

struct Person {
  std::string Name;
  const std::string &name() const { return Name; }
};
Person makePerson();

void accessorOfTemporaryObject() {
  const std::string &n = makePerson().name();
  consume(n); // expect: ownership-dangling {{'n' used after the temporary}}
}

const std::string &annotated(const std::string &s [[clang::lifetimebound]]);

void explicitLifetimebound() {
  const std::string &r = annotated(makeName());
  consume(r); // expect: ownership-dangling {{'r' used after the temporary}}
}

//===----------------------------------------------------------------------===//
// Not findings
//===----------------------------------------------------------------------===//

void lifetimeExtended() {
  const std::string &r = makeName(); // extended to the lifetime of r
  consume(r);
  std::string &&rr = std::string("x");
  consume(rr);
}

void usedWithinTheFullExpression() {
  consume(makeName());
  std::puts(makeName().c_str());
  consume(std::max(std::string("a"), std::string("b")));
}

void copiedOutOfTheTemporary() {
  std::string s = std::max(std::string("a"), std::string("b"));
  int first = makeNumbers().front();
  consume(s);
  consumeInt(first);
}

void viewOfLocalString() {
  std::string s = makeName();
  std::string_view sv = s;
  consume(sv);
}

void viewOfLiteral() {
  std::string_view sv = "literal";
  consume(sv);
}

void maxOfLocals() {
  std::string a = "a", b = "b";
  const std::string &m = std::max(a, b);
  consume(m);
}

void maxByValue() {
  int m = std::max(makeNumbers()[0], 3);
  consumeInt(m);
}

void inferredNotBorrowingTheTemporary(const std::string &keep) {
  const std::string &l = longer(keep, keep);
  consume(l);
}

const std::string &pickFirst(const std::string &a, const std::string &) { return a; }

void inferredOnlyTheFirstParameter(const std::string &keep) {
  const std::string &l = pickFirst(keep, makeName()); // the temporary is not returned
  consume(l);
}

void rangeForOverTemporary() {
  for (int x : makeNumbers()) // the range is lifetime-extended
    consumeInt(x);
}

void viewReassignedBeforeUse(const std::string &keep) {
  std::string_view sv = makeName();
  sv = keep;
  consume(sv);
}

void accessorOfLocalObject() {
  Person p = makePerson();
  const std::string &n = p.name();
  consume(n);
}
