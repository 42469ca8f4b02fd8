// ownership-double-free through owner objects: a std::unique_ptr or std::shared_ptr that
// adopted memory releases it when it is destroyed, reset or reassigned; releasing it by
// hand as well, or through a second owner made from get(), releases it twice.
#include <memory>

struct Node {
  int Value = 0;
};

void deleteAfterOwnerDied() {
  Node *P = new Node;
  {
    std::unique_ptr<Node> Owner(P);
  } // expect-note: ownership-double-free {{first released here, when 'Owner' is destroyed}}
  delete P; // expect: ownership-double-free {{memory owned by 'P' is released twice}}
}

void deleteInsteadOfOwner() {
  Node *P = new Node;
  {
    std::unique_ptr<Node> Owner(P);
    Owner.release(); // hands the memory back
  }
  delete P;
}

void deleteAfterReset() {
  Node *P = new Node;
  std::unique_ptr<Node> Owner(P);
  Owner.reset(); // expect-note: ownership-double-free {{first released here by 'Owner.reset()'}}
  delete P; // expect: ownership-double-free
}

void deleteTheGet() {
  std::unique_ptr<Node> Owner(new Node);
  delete Owner.get(); // expect-note: ownership-double-free {{first released here}}
} // expect: ownership-double-free {{memory owned by 'Owner' is released twice}}

void deleteTheReleased() {
  std::unique_ptr<Node> Owner(new Node);
  delete Owner.release();
}

void twoOwnersFromGet() {
  std::unique_ptr<Node> First(new Node);
  std::unique_ptr<Node> Second(First.get());
} // expect: ownership-double-free {{memory owned by 'First' is released twice}} expect-note: ownership-double-free {{first released here, when 'Second' is destroyed}}

void ownerFromReleased() {
  std::unique_ptr<Node> First(new Node);
  std::unique_ptr<Node> Second(First.release());
}

void ownerMovedOn() {
  std::unique_ptr<Node> First(new Node);
  std::unique_ptr<Node> Second(std::move(First));
}

void sharedOwnerAndDelete() {
  Node *P = new Node;
  {
    std::shared_ptr<Node> Owner(P);
  } // expect-note: ownership-double-free {{when 'Owner' is destroyed}}
  delete P; // expect: ownership-double-free
}

void sharedOwnerCopiedOut(std::shared_ptr<Node> &Out) {
  Node *P = new Node;
  {
    std::shared_ptr<Node> Owner(P);
    Out = Owner;
  }
  P->Value = 1;
}

// ===== The rule of three: a class that releases a pointer member, copied =====

class Buffer {
public:
  explicit Buffer(int *Data) : Data(Data) {}
  ~Buffer() { delete Data; } // expect-note: ownership-double-free {{'Buffer' cannot be copied member by member}}
  int first() const { return *Data; }

private:
  int *Data;
};

void copiedBuffer(int &Out) {
  Buffer A(new int(1));
  Buffer B = A; // expect: ownership-double-free {{memory owned by 'A' is released twice: 'B' is a copy of it that releases it too}}
  Out = B.first();
} // expect-note: ownership-double-free {{first released here, when 'B' is destroyed}} expect-note: ownership-double-free {{released again here, when 'A' is destroyed}}

int notCopiedBuffer() {
  Buffer A(new int(1));
  const Buffer &B = A;
  return B.first();
}

class DeepBuffer {
public:
  explicit DeepBuffer(int *Data) : Data(Data) {}
  DeepBuffer(const DeepBuffer &Other) : Data(new int(*Other.Data)) {}
  DeepBuffer &operator=(const DeepBuffer &) = delete;
  ~DeepBuffer() { delete Data; }

private:
  int *Data;
};

void copiedDeepBuffer() {
  DeepBuffer A(new int(1));
  DeepBuffer B = A;
}
