// ownership-dangling: a borrow of what an owner keeps on the heap (the pointee of a
// std::unique_ptr, the elements of a std::vector) moves with the owner: once the owner is
// moved into storage that outlives the frame, its own scope end ends nothing.
#include <memory>
#include <optional>
#include <stack>
#include <utility>
#include <vector>

struct Marker {
  int column = 0;
};

void useMarker(const Marker &);

//===----------------------------------------------------------------------===//
// Moved into a member container
//===----------------------------------------------------------------------===//

struct Scanner {
  std::stack<Marker *> indents_;
  std::vector<std::unique_ptr<Marker>> refs_;
  std::vector<std::vector<int>> rows_;
  std::vector<int *> cells_;
  std::optional<int> held_;
  int *slot_ = nullptr;

  void pushThenKeepOwner(int column) {
    std::unique_ptr<Marker> p(new Marker{column});
    Marker &m = *p;
    if (column < 0)
      return;
    indents_.push(&m);
    refs_.push_back(std::move(p));
  }

  void keepOwnerThenPush(int column) {
    auto p = std::make_unique<Marker>();
    Marker *m = p.get();
    refs_.push_back(std::move(p));
    indents_.push(m);
  }

  void elementsMoveWithTheirVector() {
    std::vector<int> row(4);
    cells_.push_back(&row[0]);
    rows_.push_back(std::move(row));
  }

  void pushWithoutKeepingOwner(int column) {
    std::unique_ptr<Marker> p(new Marker{column});
    Marker &m = *p; // expect-note: ownership-dangling {{borrowed here}}
    indents_.push(&m); // expect: ownership-dangling {{'p' does not live long enough}}
  } // expect-note: ownership-dangling {{'p' goes out of scope here}}

  void optionalKeepsItsValueInline() {
    std::optional<int> v = 3;
    slot_ = &*v; // expect: ownership-dangling {{'v' does not live long enough}}
                 // expect-note@-1: ownership-dangling {{borrowed here}}
    held_ = std::move(v);
  } // expect-note: ownership-dangling {{'v' goes out of scope here}}
};

//===----------------------------------------------------------------------===//
// Moved into a local
//===----------------------------------------------------------------------===//

void usedAfterOwnerMovedToLongerLocal() {
  std::vector<std::unique_ptr<Marker>> keep;
  const Marker *m = nullptr;
  {
    auto p = std::make_unique<Marker>();
    m = p.get();
    keep.push_back(std::move(p));
  }
  useMarker(*m); // keep owns the Marker now
}

void usedAfterOwnerDiedWithoutMove() {
  const Marker *m = nullptr;
  {
    auto p = std::make_unique<Marker>();
    m = p.get();
  } // expect-note: ownership-use-after-free {{freed here, when 'p' is destroyed}}
  // One bug, one finding: the heap analysis knows p's memory was freed, so the use is
  // ownership-use-after-free's, and this rule stays quiet.
  useMarker(*m); // expect: ownership-use-after-free {{'m' used after the memory it points to was freed}}
}
