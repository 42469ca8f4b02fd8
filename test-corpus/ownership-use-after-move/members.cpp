// ownership-use-after-move: data members, constructors and member functions.
#include <string>
#include <utility>
#include <vector>

void consume(std::string S);
void consumeAll(std::vector<std::string> V);
class Buffer;
void refillBuffer(Buffer &B);
void inspectBuffer(const Buffer &B);

//===----------------------------------------------------------------------===//
// Constructors and member initializers
//===----------------------------------------------------------------------===//

class NameAndLength {
public:
  NameAndLength(std::string S) : Name(std::move(S)), Length(S.size()) {} // expect: ownership-use-after-move {{'S' used after it was moved}} expect-note: ownership-use-after-move {{moved here}}

private:
  std::string Name;
  size_t Length;
};

class LengthAndName {
public:
  // Members are initialized in declaration order: Length reads S before Name takes it.
  LengthAndName(std::string S) : Length(S.size()), Name(std::move(S)) {}

private:
  size_t Length;
  std::string Name;
};

class NameAndLengthFromMember {
public:
  NameAndLengthFromMember(std::string S) : Name(std::move(S)), Length(Name.size()) {}

private:
  std::string Name;
  size_t Length;
};

class MoveInBody {
public:
  MoveInBody(std::string S) {
    Name = std::move(S); // expect-note: ownership-use-after-move {{moved here}}
    Copy = S;            // expect: ownership-use-after-move {{'S' used after it was moved}}
  }

private:
  std::string Name, Copy;
};

class MoveConstructible {
public:
  MoveConstructible(MoveConstructible &&Other) : Items(std::move(Other.Items)) {
    Other.Items.clear(); // reinitializes the moved-from member
    Other.Items.size();
  }

private:
  std::vector<std::string> Items;
};

class MoveConstructibleBad {
public:
  MoveConstructibleBad(MoveConstructibleBad &&Other) : Items(std::move(Other.Items)) { // expect-note: ownership-use-after-move {{moved here}}
    Count = Other.Items.size(); // expect: ownership-use-after-move {{'Other.Items' used after it was moved}}
  }

private:
  std::vector<std::string> Items;
  size_t Count = 0;
};

//===----------------------------------------------------------------------===//
// Members moved in member functions
//===----------------------------------------------------------------------===//

class Buffer {
public:
  std::string takeThenRead() {
    std::string Out = std::move(Buf); // expect-note: ownership-use-after-move {{moved here}}
    if (Buf.empty()) // expect: ownership-use-after-move {{'Buf' used after it was moved}}
      return Out;
    return Out + "!";
  }

  std::string takeThenReadThroughThis() {
    std::string Out = std::move(this->Buf); // expect-note: ownership-use-after-move {{moved here}}
    Out += this->Buf; // expect: ownership-use-after-move {{'Buf' used after it was moved}}
    return Out;
  }

  std::string takeAndReset() {
    std::string Out = std::move(Buf);
    Buf.clear(); // back to a known state
    Buf += "reset";
    return Out;
  }

  std::string takeAndAssign() {
    std::string Out = std::move(Buf);
    Buf = "reset";
    return Out + Buf;
  }

  std::string takeThenCallMutatingMember() {
    std::string Out = std::move(Buf);
    refill(); // may assign Buf: not a finding
    return Out + Buf;
  }

  std::string takeThenRefillThroughLambda() {
    std::string Out = std::move(Buf);
    auto Refill = [this] { Buf = "fresh"; };
    Refill(); // the lambda may assign any field of *this
    return Out + Buf;
  }

  std::string takeThenRefillThroughHelper() {
    std::string Out = std::move(Buf);
    refillBuffer(*this); // may assign any field
    return Out + Buf;
  }

  std::string takeThenInspectThroughHelper() {
    std::string Out = std::move(Buf); // expect-note: ownership-use-after-move {{moved here}}
    inspectBuffer(*this); // a const reference: assigns nothing
    return Out + Buf; // expect: ownership-use-after-move {{'Buf' used after it was moved}}
  }

  std::string takeOneReadOther() {
    std::string Out = std::move(Buf);
    return Out + Other; // a different member
  }

  void flushParts() {
    consumeAll(std::move(Parts)); // expect-note: ownership-use-after-move {{moved here}}
    Parts.push_back("next"); // expect: ownership-use-after-move {{'Parts' used after it was moved}}
  }

  void flushPartsAndClear() {
    consumeAll(std::move(Parts));
    Parts.clear();
    Parts.push_back("next");
  }

  static void moveFromOtherObject(Buffer &A, Buffer &B) {
    B.Buf = std::move(A.Buf); // expect-note: ownership-use-after-move {{moved here}}
    consume(A.Buf); // expect: ownership-use-after-move {{'A.Buf' used after it was moved}}
  }

  static void moveFromOneObjectReadAnother(Buffer &A, Buffer &B) {
    B.Buf = std::move(A.Buf);
    consume(B.Buf);
  }

private:
  void refill();
  std::string Buf, Other;
  std::vector<std::string> Parts;
};

//===----------------------------------------------------------------------===//
// Move constructors and assignments of a class with members
//===----------------------------------------------------------------------===//

struct Record {
  std::string Key;
  std::vector<int> Values;
};

void moveWholeRecordThenReadMember() {
  Record R{"k", {1}};
  Record T = std::move(R); // expect-note: ownership-use-after-move {{moved here}}
  consume(R.Key); // expect: ownership-use-after-move {{'R.Key' used after 'R' was moved}}
}

void moveOneMemberThenMoveTheOther() {
  Record R{"k", {1}};
  consume(std::move(R.Key));
  std::vector<int> V = std::move(R.Values);
}

void moveWholeRecordThenReassignMember() {
  Record R{"k", {1}};
  Record T = std::move(R);
  R.Key = "new"; // assigning one member reads nothing of R
}

void moveMemberThenReassignWholeRecord() {
  Record R{"k", {1}};
  consume(std::move(R.Key));
  R = Record{"k2", {}};
  consume(R.Key);
}
