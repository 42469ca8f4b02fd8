// Stand-ins for Folly's F14 maps and Boost.Container, written for the corpus: the class
// names of folly/container/F14Map.h and boost/container/*.hpp; no bodies.
#pragma once
#include <cstddef>
#include <utility>

namespace folly {

template <class K, class V> class F14ValueMap {
public:
  V &operator[](const K &key);
  std::pair<V *, bool> insert(const std::pair<const K, V> &kv);
  std::size_t erase(const K &key);
};

template <class K, class V> class F14NodeMap {
public:
  V &operator[](const K &key);
  std::pair<V *, bool> insert(const std::pair<const K, V> &kv);
  std::size_t erase(const K &key);
};

} // namespace folly

namespace boost {
namespace container {

template <class T> class vector {
public:
  T &operator[](std::size_t i);
  T &front();
  T &back();
  void push_back(const T &v);
  void pop_back();
  std::size_t size() const;
};

template <class T> class stable_vector {
public:
  T &operator[](std::size_t i);
  T &front();
  T &back();
  void push_back(const T &v);
  void pop_back();
};

template <class T, std::size_t N> class small_vector : public vector<T> {};

template <class K, class V> class flat_map {
public:
  V &operator[](const K &key);
  std::pair<V *, bool> insert(const std::pair<K, V> &kv);
};

} // namespace container
} // namespace boost
