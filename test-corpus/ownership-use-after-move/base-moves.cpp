// ownership-use-after-move: moving a derived object into its base class's move
// constructor or assignment, which takes only the base subobject.
#include <string>
#include <utility>
#include <vector>

struct Named {
  Named() = default;
  Named(Named &&) = default;
  Named &operator=(Named &&) = default;
  std::string Name;
};

//===----------------------------------------------------------------------===//
// The base constructor takes the base part only
//===----------------------------------------------------------------------===//

struct Indented : Named {
  Indented(Indented &&O) : Named(std::move(O)), Indent(std::move(O.Indent)), Width(O.Width) {}
  std::string Indent;
  int Width = 0;
};

struct ReadsBaseFieldAfterBaseMove : Named {
  ReadsBaseFieldAfterBaseMove(ReadsBaseFieldAfterBaseMove &&O)
      : Named(std::move(O)), // expect-note: ownership-use-after-move {{moved here}}
        Copy(O.Name) {}      // expect: ownership-use-after-move {{'O.Name' used after it was moved}}
  std::string Copy;
};

struct AssignsBaseThenOwnPart : Named {
  AssignsBaseThenOwnPart &operator=(AssignsBaseThenOwnPart &&O) {
    Named::operator=(std::move(O));
    Tags = std::move(O.Tags);
    return *this;
  }
  std::vector<std::string> Tags;
};

void derivedMovedIntoBaseThenOwnFieldRead(Indented D) {
  Named N(std::move(D));
  D.Indent.size(); // only the Named part was taken
}

void derivedMovedIntoBaseThenBaseFieldRead(Indented D) {
  Named N(std::move(D)); // expect-note: ownership-use-after-move {{moved here}}
  D.Name.size();         // expect: ownership-use-after-move {{'D.Name' used after it was moved}}
}

void derivedMovedWhole(Indented D) {
  Indented E(std::move(D)); // expect-note: ownership-use-after-move {{moved here}}
  D.Indent.size();          // expect: ownership-use-after-move {{'D.Indent' used after 'D' was moved}}
}

//===----------------------------------------------------------------------===//
// Defaulted move constructors of classes with an empty base
//===----------------------------------------------------------------------===//

struct NonCopyable {
  NonCopyable() = default;
  NonCopyable(NonCopyable &&) = default;
  NonCopyable(const NonCopyable &) = delete;
  NonCopyable &operator=(NonCopyable &&) = default;
};

class Actions : NonCopyable {
public:
  Actions() = default;
  Actions(Actions &&) = default; // the implicit body moves the empty base, then Items
  Actions &operator=(Actions &&) = default;

private:
  std::vector<int> Items;
};

Actions makeActions();

void moveActions() {
  Actions A = makeActions();
  Actions B(std::move(A));
  Actions C;
  C = std::move(B);
}
