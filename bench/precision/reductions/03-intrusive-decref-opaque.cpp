// From re2, re2/parse.cc, Regexp::Parse and Regexp::ParseState::ParseCharClass
// [ownership-leak] "memory allocated by 'new' and owned by 're' is leaked when 're' goes
// out of scope".
// Pattern: intrusive reference counting whose release is defined in another translation
// unit. 'new' gives the object one reference; Decref() drops it and deletes the object when
// the count reaches zero. A member call that may 'delete this' releases the object; when its
// body is not visible, the call is unknown, and nothing should be reported from it.
struct Builder {};

struct Regexp {
  explicit Regexp(int op) : op_(op) {}
  void Decref();  // defined elsewhere: if (--ref_ == 0) delete this;
  int op_;
  int ref_ = 1;
  Builder* ccb_ = nullptr;
};

enum Status { kOk, kError, kNothing };
Status parseGroup(Builder* ccb);
bool push(Regexp* re);

Regexp* parse(bool group) {
  if (group) {
    Regexp* re = new Regexp(1);
    re->ccb_ = new Builder;
    switch (parseGroup(re->ccb_)) {
      case kOk:
        return push(re) ? re : nullptr;
      case kError:
        re->Decref();
        return nullptr;
      case kNothing:
        re->Decref();
        break;
    }
  }  // reported: 're' leaked here, after re->Decref()
  return nullptr;
}
