// ownership-leak: a class keeps an owning value in a union and a tag that says which
// alternative is active; a member function switches to another alternative without
// destroying the one that may be active. Look-alikes destroy first, check the tag, or are
// helpers that their callers use only after destroying.
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <string>
#include <vector>

// ===== An anonymous union with a std::string, destroyed under the tag =====

class Value {
public:
  enum Kind { Int, Str };
  Value() : kind(Int), i(0) {}
  ~Value() {
    if (kind == Str)
      s.~basic_string(); // expect-note: ownership-leak x2 {{the destructor of 'Value' destroys 's' only when 'kind' selects it}}
  }

  void setIntLeaks(int v) {
    i = v; // expect: ownership-leak {{union member 'i' is written while 's' may be active: what 's' owns is never destroyed}}
    kind = Int; // expect-note: ownership-leak {{'kind' is changed here without being checked, and no member of the union is destroyed first}}
  }
  // Moving from another value without destroying this one's string.
  Value &operator=(Value &&o) {
    kind = o.kind; // expect-note: ownership-leak {{'kind' is changed here without being checked, and no member of the union is destroyed first}}
    if (o.kind == Int)
      i = o.i; // expect: ownership-leak {{union member 'i' is written while 's' may be active: what 's' owns is never destroyed}}
    else
      new (&s) std::string(std::move(o.s));
    return *this;
  }
  // Unknown: constructing the string itself without a look at the tag is what a storage
  // class's callers do only while it is empty.
  void constructStr(const char *p) {
    new (&s) std::string(p);
    kind = Str;
  }

  // Clean: destroys the active alternative first.
  void setIntDestroys(int v) {
    if (kind == Str)
      s.~basic_string();
    i = v;
    kind = Int;
  }
  // Clean: a string already active is assigned, not constructed over.
  void setStrChecks(const char *p) {
    if (kind == Str) {
      s = p;
      return;
    }
    new (&s) std::string(p);
    kind = Str;
  }
  // Clean: reset() destroys; a member function of the object is not followed.
  void setIntAfterReset(int v) {
    reset();
    i = v;
    kind = Int;
  }
  void reset() {
    if (kind == Str)
      s.~basic_string();
    kind = Int;
    i = 0;
  }
  // Clean: writes the active alternative without changing the tag (the caller knows).
  void bumpInt() { i = i + 1; }
  // Clean: std::destroy_at names the string it destroys.
  void setIntDestroyAt(int v) {
    if (kind == Str)
      std::destroy_at(&s);
    i = v;
    kind = Int;
  }

private:
  // Clean: a private helper its callers use only after destroying.
  void initInt(int v) {
    i = v;
    kind = Int;
  }

  Kind kind;
  union {
    int i;
    std::string s;
  };
};

// ===== A C-style tagged union: a char * freed when the tag says it is a string =====

struct Token {
  int type = 0;
  union {
    char *str;
    long num;
  } u;

  ~Token() {
    switch (type) {
    case 1:
      std::free(u.str); // expect-note: ownership-leak {{the destructor of 'Token' destroys 'str' only when 'type' selects it}}
      break;
    default:
      break;
    }
  }

  void setNumberLeaks(long n) {
    u.num = n; // expect: ownership-leak {{union member 'num' is written while 'str' may be active: what 'str' owns is never destroyed}}
    type = 2; // expect-note: ownership-leak {{'type' is changed here without being checked, and no member of the union is destroyed first}}
  }
  // Clean: frees the string first.
  void setNumberFrees(long n) {
    if (type == 1)
      std::free(u.str);
    u.num = n;
    type = 2;
  }
  // Clean: replaces the string it owns, knowing it is active (the tag is read).
  void setString(const char *p) {
    if (type == 1)
      std::free(u.str);
    u.str = strdup(p);
    type = 1;
  }
  // Clean: hands the string to the caller, who owns it from now on.
  char *takeString() {
    char *Out = u.str;
    u.num = 0;
    type = 0;
    return Out;
  }
};

// ===== Destroyed by a helper under a tag read through a getter =====

class Node {
public:
  enum Kind { Leaf, List };
  Kind kind() const { return kind_; }
  ~Node() { destroy(); }
  void makeLeafLeaks(int v) {
    kind_ = Leaf; // expect-note: ownership-leak {{'kind_' is changed here without being checked, and no member of the union is destroyed first}}
    leaf_ = v; // expect: ownership-leak {{union member 'leaf_' is written while 'children_' may be active: what 'children_' owns is never destroyed}}
  }
  // Clean: the tag is looked at.
  void makeLeafChecks(int v) {
    if (kind_ == List)
      return;
    leaf_ = v;
    kind_ = Leaf;
  }

private:
  void destroy() {
    if (kind() == List)
      children_.~vector(); // expect-note: ownership-leak {{the destructor of 'Node' destroys 'children_' only when 'kind_' selects it}}
  }
  Kind kind_ = Leaf;
  union {
    int leaf_;
    std::vector<Node *> children_;
  };
};

// ===== Clean: a union the destructor destroys without a tag is not a tagged union =====

struct Always {
  int mode = 0;
  union {
    char *buf;
    long raw;
  };
  ~Always() { std::free(buf); }
  void setRaw(long r) {
    raw = r;
    mode = 1;
  }
};

// ===== Clean: a union of trivial alternatives owns nothing =====

struct Plain {
  int type = 0;
  union {
    int i;
    double d;
  };
  ~Plain() {}
  void setDouble(double v) {
    d = v;
    type = 1;
  }
};

// ===== Clean: the whole union is copied, which says nothing about one alternative =====

struct Copied {
  int type = 0;
  union Storage {
    char *str;
    long num;
  } u;
  ~Copied() {
    if (type == 1)
      std::free(u.str);
  }
  void assignFrom(const Copied &o) {
    std::memcpy(&u, &o.u, sizeof u);
    u.num = 0;
    type = 2;
  }
};
