// ownership-leak for `T *p = u.release();` whose p is then dropped: the memory u held is
// p's to release now. Clean look-alikes: p deleted, p handed to a function that adopts it
// (as its body says), p stored in a member, p given back to an owner, u empty.
#include <memory>

struct Widget {
  int Value = 0;
};

class Pool {
public:
  ~Pool() { delete Kept; }
  void keep(Widget *W) { Kept = W; }

private:
  Widget *Kept = nullptr;
};

void destroy(Widget *W) { delete W; }
void look(const Widget *W);

void releasedAndDropped() {
  std::unique_ptr<Widget> Owner(new Widget);
  Widget *W = Owner.release(); // expect-note: ownership-leak {{handed over here}}
  W->Value = 1;
} // expect: ownership-leak {{memory handed over by 'release' (which hands over memory allocated with 'new') and owned by 'W' is leaked when 'W' goes out of scope}}

void releasedAssignedAndDropped(bool Early) {
  std::unique_ptr<Widget> Owner(new Widget);
  Widget *W = nullptr;
  W = Owner.release(); // expect-note: ownership-leak {{handed over here}}
  if (Early)
    return; // expect: ownership-leak {{owned by 'W' is leaked}}
  delete W;
}

void releasedAndOnlyRead() {
  std::unique_ptr<Widget> Owner = std::make_unique<Widget>();
  Widget *W = Owner.release(); // expect-note: ownership-leak {{handed over here}}
  look(W);
} // expect: ownership-leak {{owned by 'W' is leaked}}

void releasedAndDeleted() {
  std::unique_ptr<Widget> Owner(new Widget);
  Widget *W = Owner.release();
  W->Value = 2;
  delete W;
}

void releasedToAdoptingFunction() {
  std::unique_ptr<Widget> Owner(new Widget);
  Widget *W = Owner.release();
  destroy(W);
}

void releasedIntoMember(Pool &P) {
  std::unique_ptr<Widget> Owner(new Widget);
  Widget *W = Owner.release();
  P.keep(W);
}

void releasedBackToOwner() {
  std::unique_ptr<Widget> Owner(new Widget);
  Widget *W = Owner.release();
  std::unique_ptr<Widget> Again(W);
  Again->Value = 3;
}

Widget *releasedAndReturned() {
  std::unique_ptr<Widget> Owner(new Widget);
  Widget *W = Owner.release();
  return W;
}

void releasedFromEmpty() {
  std::unique_ptr<Widget> Owner;
  Widget *W = Owner.release();
  (void)W;
}

void releasedButStillHeld() {
  Widget *Raw = new Widget;
  std::unique_ptr<Widget> Owner(Raw);
  Widget *W = Owner.release();
  W->Value = 4;
  delete Raw;
}
