// With ownership-invalidated-reference.ContainerModels set (.ownership-checker.yaml next
// to this file), the project's own classes follow the guarantees of the standard
// container they are mapped to, and the defaults no longer apply.
#include "../third-party/llvm_adt.h"

void use(int);

namespace mylib {
template <class T> class Pool { // a list: elements never move
public:
  T &operator[](unsigned i);
  T &back();
  void push_back(const T &v);
  void pop_back();
};
template <class T> class ByteBuffer { // a vector
public:
  T &operator[](unsigned i);
  void push_back(const T &v);
};
template <class T> class RingBufferIterator { // named like an iterator: never a container
public:
  T &operator*() const;
  void push_back(const T &v);
};
} // namespace mylib

void poolReferenceSurvivesPushBack(mylib::Pool<int> &p) {
  int &first = p[0];
  p.push_back(1);
  use(first);
}

void poolPopBackRemovesBack(mylib::Pool<int> &p) {
  int &last = p.back();
  p.pop_back();
  use(last); // expect: ownership-invalidated-reference {{'last' used after}}
}

void bufferReferenceThenPushBack(mylib::ByteBuffer<char> &b) {
  char &first = b[0];
  b.push_back('x');
  use(first); // expect: ownership-invalidated-reference {{'first' used after}}
}

void iteratorNamedClassIsNotAContainer(mylib::RingBufferIterator<int> &it) {
  int &value = *it;
  it.push_back(1);
  use(value);
}

void defaultsReplaced(llvm::SmallVector<int> &v) {
  int &first = v[0];
  v.push_back(1);
  use(first);
}
