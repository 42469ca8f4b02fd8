// ownership-double-free when the callee decides who owns: memory a member function hands
// out (its summary says the caller owns it) released twice, and a pointer released by
// hand after an object whose constructor was told to own it adopted it.

struct Widget {
  int Value = 0;
};

class Holder {
public:
  Holder() : W(new Widget) {}
  ~Holder() { delete W; }
  Widget *release() {
    Widget *Out = W;
    W = nullptr;
    return Out;
  }

private:
  Widget *W;
};

void releasedTwice(Holder &H) {
  Widget *W = H.release();
  delete W; // expect-note: ownership-double-free {{first released here}}
  delete W; // expect: ownership-double-free {{memory owned by 'W' is released twice}}
}

void releasedOnce(Holder &H) {
  Widget *W = H.release();
  delete W;
  W = H.release();
  delete W;
}
