// A stand-in for LLVM's ADT containers, written for the corpus: the class names and the
// shape (SmallVector's members live in SmallVectorImpl, DenseMap's in DenseMapBase, whose
// first template argument is the derived class) of llvm/ADT/SmallVector.h and
// DenseMap.h; no bodies.
#pragma once
#include <cstddef>
#include <utility>

namespace llvm {

template <class T> class SmallVectorImpl {
public:
  T *begin();
  T *end();
  T &operator[](std::size_t i);
  T &front();
  T &back();
  T *data();
  std::size_t size() const;
  void push_back(const T &v);
  template <class... Args> T &emplace_back(Args &&...args);
  void pop_back();
  T pop_back_val();
  void reserve(std::size_t n);
  T *erase(const T *pos);
  void clear();
};

template <class T, unsigned N = 4> class SmallVector : public SmallVectorImpl<T> {};

template <class Derived, class K, class V> class DenseMapBase {
public:
  V &operator[](const K &key);
  V &at(const K &key);
  bool erase(const K &key);
  std::pair<V *, bool> insert(const std::pair<K, V> &kv);
  template <class... Args> std::pair<V *, bool> try_emplace(const K &key, Args &&...args);
  void clear();
};

template <class K, class V> class DenseMap : public DenseMapBase<DenseMap<K, V>, K, V> {};

} // namespace llvm
