// ownership-dangling: objects that borrow because of how their class or a function is
// declared. A constructor that keeps a reference, pointer or view of its argument in a
// member (said by [[clang::lifetimebound]] on its parameter, or seen in its body) makes an
// object that borrows that argument; so does a function returning such an object. Built
// from a temporary, or from a local that dies first, the object dangles at its next use.
// RUN-ARGS: -std=c++20
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

void consume(std::string_view);
void consumeSize(std::size_t);
std::string makeName();
std::vector<int> makeNumbers();

//===----------------------------------------------------------------------===//
// [[clang::lifetimebound]] on a constructor parameter
//===----------------------------------------------------------------------===//

// The constructor's body is elsewhere: only the attribute says that the object borrows.
class Annotated {
public:
  explicit Annotated(const std::string &s [[clang::lifetimebound]]);
  std::string_view view() const;

private:
  const std::string *S;
};

void annotatedFromTemporary() {
  Annotated a(makeName()); // expect-note: ownership-dangling {{borrowed here}}
  // expect-note@-1: ownership-dangling {{temporary destroyed here}}
  consume(a.view()); // expect: ownership-dangling {{'a' used after the temporary it borrows from was destroyed}}
}

void annotatedFromLocalThatDiesFirst(const std::string &outer) {
  Annotated a(outer);
  {
    std::string inner = makeName();
    a = Annotated(inner); // expect-note: ownership-dangling {{borrowed here}}
  } // expect-note: ownership-dangling {{'inner' goes out of scope here}}
  consume(a.view()); // expect: ownership-dangling {{'a' used after 'inner', which it borrows from, was destroyed}}
}

// Not findings: the argument outlives the object, or the object dies first.
void annotatedFromLocal() {
  std::string s = makeName();
  Annotated a(s);
  consume(a.view());
}

void annotatedUsedWithinTheFullExpression() {
  consume(Annotated(makeName()).view());
}

//===----------------------------------------------------------------------===//
// Inferred from the constructor's body
//===----------------------------------------------------------------------===//

class NameRef {
public:
  explicit NameRef(const std::string &s) : S(s) {}
  std::size_t size() const { return S.size(); }

private:
  const std::string &S;
};

class NameView {
public:
  explicit NameView(std::string_view s) : S(s) {}
  std::string_view view() const { return S; }

private:
  std::string_view S;
};

class NamePtr {
public:
  explicit NamePtr(const std::string *p) { P = p; }
  std::string_view view() const { return P ? std::string_view(*P) : std::string_view(); }

private:
  const std::string *P = nullptr;
};

void referenceMemberFromTemporary() {
  NameRef r(makeName()); // expect-note: ownership-dangling {{borrowed here}}
  // expect-note@-1: ownership-dangling {{temporary destroyed here}}
  consumeSize(r.size()); // expect: ownership-dangling {{'r' used after the temporary it borrows from was destroyed}}
}

void referenceMemberFromLiteral() {
  NameRef r("literal"); // the parameter is a std::string: a temporary is made for it
  consumeSize(r.size()); // expect: ownership-dangling {{'r' used after the temporary}}
}

void viewMemberFromTemporary() {
  NameView v(std::string("padded"));
  consume(v.view()); // expect: ownership-dangling {{'v' used after the temporary}}
}

void pointerMemberFromLocalThatDiesFirst() {
  NamePtr p(nullptr);
  {
    std::string inner = makeName();
    p = NamePtr(&inner);
  }
  consume(p.view()); // expect: ownership-dangling {{'p' used after 'inner', which it borrows from, was destroyed}}
}

void copyOfTheObjectBorrowsToo(const std::string &outer) {
  NamePtr copy(&outer);
  {
    std::string inner = makeName();
    NamePtr p(&inner);
    copy = p;
  }
  consume(copy.view()); // expect: ownership-dangling {{'copy' used after 'inner'}}
}

// A class whose member is an object that borrows.
class Labelled {
public:
  explicit Labelled(const std::string &label) : Label(label) {}
  std::size_t size() const { return Label.size(); }

private:
  NameRef Label;
};

void memberThatBorrowsFromTemporary() {
  Labelled l(makeName());
  consumeSize(l.size()); // expect: ownership-dangling {{'l' used after the temporary}}
}

// Not findings.
class NameCopy {
public:
  explicit NameCopy(const std::string &s) : S(s) {}
  std::size_t size() const { return S.size(); }

private:
  std::string S;
};

class ByValue {
public:
  explicit ByValue(std::string s) : S(std::move(s)) {}
  std::size_t size() const { return S.size(); }

private:
  std::string S;
};

// Declared only: what it keeps is unknown.
class Opaque {
public:
  explicit Opaque(const std::string &s);
  std::size_t size() const;

private:
  const std::string *S;
};

void memberCopiesTheArgument() {
  NameCopy c(makeName());
  consumeSize(c.size());
}

void byValueParameterCopies() {
  ByValue b(makeName());
  consumeSize(b.size());
}

void objectDiesInTheSameFullExpression() {
  consumeSize(NameRef(makeName()).size());
}

void argumentOutlivesTheObject() {
  std::string s = makeName();
  NameRef r(s);
  consumeSize(r.size());
}

void viewOfLiteral() {
  NameView v("literal");
  consume(v.view());
}

void constructorWithoutBody() {
  Opaque o(makeName());
  consumeSize(o.size());
}

void objectReassignedBeforeUse(const std::string &keep) {
  NameView v(std::string("padded"));
  v = NameView(keep);
  consume(v.view());
}

//===----------------------------------------------------------------------===//
// Functions returning an object that borrows
//===----------------------------------------------------------------------===//

NameView annotatedViewOf(const std::string &s [[clang::lifetimebound]]);
NameView inferredViewOf(const std::string &s) { return NameView(s); }
std::string_view firstWord(const std::string &s [[clang::lifetimebound]]);
std::span<const int> firstHalf(const std::vector<int> &v [[clang::lifetimebound]]);

void annotatedFactoryOfTemporary() {
  NameView v = annotatedViewOf(makeName()); // expect-note: ownership-dangling {{borrowed here}}
  // expect-note@-1: ownership-dangling {{temporary destroyed here}}
  consume(v.view()); // expect: ownership-dangling {{'v' used after the temporary it borrows from was destroyed}}
}

void inferredFactoryOfTemporary() {
  NameView v = inferredViewOf(makeName());
  consume(v.view()); // expect: ownership-dangling {{'v' used after the temporary}}
}

void stringViewResult() {
  std::string_view w = firstWord(makeName());
  consume(w); // expect: ownership-dangling {{'w' used after the temporary}}
}

void spanResult() {
  std::span<const int> half = firstHalf(makeNumbers());
  consumeSize(half.size()); // expect: ownership-dangling {{'half' used after the temporary}}
}

NameRef returnsBorrowOfLocal() {
  std::string s = makeName();
  return NameRef(s); // expect: ownership-dangling {{returned value borrows from local variable 's', which is destroyed when the function returns}}
}

NameView returnsBorrowOfByValueParameter(std::string s) {
  NameView v(s);
  return v; // expect: ownership-dangling {{returned value borrows from parameter 's'}}
}

// Not findings: the caller's argument outlives the call.
NameRef returnsBorrowOfReferenceParameter(const std::string &s) { return NameRef(s); }

void factoryOfLocal() {
  std::string s = makeName();
  NameView v = inferredViewOf(s);
  consume(v.view());
  std::string_view w = firstWord(s);
  consume(w);
}

NameCopy copyOf(const std::string &s) { return NameCopy(s); }

void factoryThatCopies() {
  NameCopy c = copyOf(makeName());
  consumeSize(c.size());
}

//===----------------------------------------------------------------------===//
// Stored in something that outlives the function
//===----------------------------------------------------------------------===//

NamePtr gCurrent(nullptr);

void storeIntoGlobal() {
  std::string s = makeName();
  gCurrent = NamePtr(&s); // expect: ownership-dangling {{'s' does not live long enough: 'gCurrent' still refers to it when the function returns}}
}

class Registry {
public:
  void rememberLocal() {
    std::string local = makeName();
    Last = NameView(local); // expect: ownership-dangling {{'local' does not live long enough: 'Last' still refers to it}}
  }
  void rememberArgument(const std::string &name) { Last = NameView(name); }

private:
  NameView Last{""};
};
