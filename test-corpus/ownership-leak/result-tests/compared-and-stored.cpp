// ownership-leak for callees that take ownership only when they succeed, followed through
// comparisons of their result (C-style `< 0`, `>= 0`, `!= -1`) and through a result stored
// in a local and tested later, outside the block of the call; with clean look-alikes, and
// the cases where the stored result cannot be followed (nothing is reported from them).

struct Item {
  int Value = 0;
};

class Table {
public:
  // Returns 0 when it stored the item, -1 when it is full.
  int put(Item *I) {
    if (Count == 4)
      return -1;
    Slots[Count++] = I;
    return 0;
  }
  // Returns true when it stored the item.
  bool add(Item *I) {
    if (Count == 4)
      return false;
    Slots[Count++] = I;
    return true;
  }

private:
  Item *Slots[4];
  int Count = 0;
};

void log(const char *Message);
void record(bool *Flag);

// ===== Comparisons of a C-style result =====

void negativeLeaks(Table &T) {
  Item *I = new Item; // expect-note: ownership-leak {{allocated here}}
  if (T.put(I) < 0)
    return; // expect: ownership-leak {{owned by 'I' is leaked}}
}

void negativeDeletes(Table &T) {
  Item *I = new Item;
  if (T.put(I) < 0)
    delete I;
}

void reversedComparisonLeaks(Table &T) {
  Item *I = new Item; // expect-note: ownership-leak {{allocated here}}
  if (0 > T.put(I))
    return; // expect: ownership-leak {{owned by 'I' is leaked}}
}

void successTestedDeletesOtherwise(Table &T) {
  Item *I = new Item;
  if (T.put(I) >= 0)
    return;
  delete I;
}

void successTestedLeaksOtherwise(Table &T) {
  Item *I = new Item; // expect-note: ownership-leak {{allocated here}}
  if (T.put(I) >= 0)
    return;
  log("full");
} // expect: ownership-leak {{owned by 'I' is leaked}}

void notMinusOneDeletesOtherwise(Table &T) {
  Item *I = new Item;
  if (T.put(I) != -1)
    return;
  delete I;
}

void notMinusOneLeaksOtherwise(Table &T) {
  Item *I = new Item; // expect-note: ownership-leak {{allocated here}}
  if (T.put(I) != -1)
    return;
  log("full");
} // expect: ownership-leak {{owned by 'I' is leaked}}

void zeroTestedDeletesOtherwise(Table &T) {
  Item *I = new Item;
  if (T.put(I) == 0)
    log("stored");
  else
    delete I;
}

// ===== A stored result, tested later =====

void storedIntTestedLaterLeaks(Table &T, bool Verbose) {
  Item *I = new Item; // expect-note: ownership-leak {{allocated here}}
  int Rc = T.put(I);
  if (Verbose)
    log("put");
  if (Rc != 0)
    return; // expect: ownership-leak {{owned by 'I' is leaked}}
}

void storedIntTestedLaterDeletes(Table &T, bool Verbose) {
  Item *I = new Item;
  int Rc = T.put(I);
  if (Verbose)
    log("put");
  if (Rc != 0)
    delete I;
}

void storedBoolTestedInLoopLeaks(Table &T, int N) {
  Item *I = new Item; // expect-note: ownership-leak {{allocated here}}
  bool Ok = T.add(I);
  for (int K = 0; K < N; ++K)
    log("step");
  if (!Ok)
    log("not stored");
} // expect: ownership-leak {{owned by 'I' may be leaked}}

void storedBoolTestedInLoopDeletes(Table &T, int N) {
  Item *I = new Item;
  bool Ok = T.add(I);
  for (int K = 0; K < N; ++K)
    log("step");
  if (!Ok)
    delete I;
}

void storedNegativeTestedLater(Table &T, bool Verbose) {
  Item *I = new Item;
  int Rc = T.put(I);
  if (Verbose)
    log("put");
  if (Rc < 0) {
    delete I;
    return;
  }
  log("stored");
}

// ===== Stored results that cannot be followed: the callee may have kept the item =====

void storedOverwritten(Table &T, bool Again) {
  Item *I = new Item;
  int Rc = T.put(I);
  if (Again)
    Rc = 0;
  if (Rc != 0)
    return;
}

void storedAddressEscapes(Table &T) {
  Item *I = new Item;
  bool Ok = T.add(I);
  record(&Ok);
  if (!Ok)
    return;
}

void testedOnSomePathsOnly(Table &T, bool Check) {
  Item *I = new Item;
  bool Ok = T.add(I);
  if (!Check)
    return;
  if (!Ok)
    delete I;
}

void pointerChangedBeforeTest(Table &T, Item *Other, bool Verbose) {
  Item *I = new Item;
  bool Ok = T.add(I);
  if (Verbose)
    log("added");
  I = Other;
  if (!Ok)
    return;
}
