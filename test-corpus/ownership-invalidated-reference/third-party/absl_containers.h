// A stand-in for Abseil's hash containers, written for the corpus: the class names and
// the shape (an inline versioned namespace, members inherited from a base that the
// flat and the node tables share) of absl/container/{flat,node}_hash_map.h; no bodies.
#pragma once
#include <cstddef>
#include <utility>

namespace absl {
inline namespace lts_corpus {
namespace container_internal {

template <class K, class V> class raw_hash_set {
public:
  using value_type = std::pair<const K, V>;
  class iterator {
  public:
    value_type &operator*() const;
    value_type *operator->() const;
    iterator &operator++();
    bool operator==(const iterator &) const;
    bool operator!=(const iterator &) const;
  };
  iterator begin();
  iterator end();
  iterator find(const K &key);
  std::pair<iterator, bool> insert(const value_type &v);
  template <class... Args> std::pair<iterator, bool> emplace(Args &&...args);
  void erase(iterator it);
  std::size_t erase(const K &key);
  void clear();
  void reserve(std::size_t n);
  std::size_t size() const;
};

template <class K, class V> class raw_hash_map : public raw_hash_set<K, V> {
public:
  using iterator = typename raw_hash_set<K, V>::iterator;
  V &operator[](const K &key);
  V &at(const K &key);
  template <class... Args> std::pair<iterator, bool> try_emplace(const K &key, Args &&...args);
};

} // namespace container_internal

/// Open addressing: elements live in the table's array and move when it rehashes.
template <class K, class V>
class flat_hash_map : public container_internal::raw_hash_map<K, V> {};

/// One allocation per element: pointers to elements survive rehashing.
template <class K, class V>
class node_hash_map : public container_internal::raw_hash_map<K, V> {};

} // namespace lts_corpus
} // namespace absl
