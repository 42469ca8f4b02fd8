// ownership-invalidated-reference: containers outside namespace std behave like the
// standard container whose guarantees they document (the ContainerModels option; these
// are its defaults). The headers in third-party/ mimic the libraries' class names.
#include "third-party/absl_containers.h"
#include "third-party/folly_boost.h"
#include "third-party/llvm_adt.h"

void use(int);

//===----------------------------------------------------------------------===//
// Abseil: flat_hash_map moves its elements when it rehashes, node_hash_map does not
//===----------------------------------------------------------------------===//

void flatHashMapReferenceThenInsert(absl::flat_hash_map<int, int> &m) {
  int &value = m[1];  // expect-note: ownership-invalidated-reference {{borrowed here}}
  m.insert({2, 2});   // expect-note: ownership-invalidated-reference {{'m' modified here}}
  use(value);         // expect: ownership-invalidated-reference {{'value' used after it was invalidated}}
}

void nodeHashMapReferenceSurvivesInsert(absl::node_hash_map<int, int> &m) {
  int &value = m[1];
  m.insert({2, 2});
  use(value);
}

void flatHashMapReferenceThenTryEmplace(absl::flat_hash_map<int, int> &m) {
  int &value = m.at(1);
  m.try_emplace(3, 3);
  use(value); // expect: ownership-invalidated-reference {{'value' used after}}
}

void nodeHashMapReferenceSurvivesTryEmplace(absl::node_hash_map<int, int> &m) {
  int &value = m.at(1);
  m.try_emplace(3, 3);
  use(value);
}

void flatHashMapEraseOfThatKey(absl::flat_hash_map<int, int> &m) {
  int &value = m[7];
  m.erase(7);
  use(value); // expect: ownership-invalidated-reference {{'value' used after}}
}

void flatHashMapEraseOfAnotherKey(absl::flat_hash_map<int, int> &m) {
  int &value = m[7];
  m.erase(8); // erasing does not rehash: other elements stay where they are
  use(value);
}

//===----------------------------------------------------------------------===//
// LLVM: SmallVector is a vector, DenseMap an open-addressing table
//===----------------------------------------------------------------------===//

void smallVectorReferenceThenPushBack(llvm::SmallVector<int> &v) {
  int &first = v[0];
  v.push_back(1);
  use(first); // expect: ownership-invalidated-reference {{'first' used after}}
}

void smallVectorPopBackKeepsFront(llvm::SmallVector<int> &v) {
  int &first = v.front();
  v.pop_back();
  use(first);
}

void smallVectorPopBackValRemovesBack(llvm::SmallVector<int> &v) {
  int &last = v.back();
  v.pop_back_val();
  use(last); // expect: ownership-invalidated-reference {{'last' used after}}
}

void denseMapReferenceThenSubscript(llvm::DenseMap<int, int> &m) {
  int &value = m[1];
  m[2] = 3; // may grow the table: every element moves
  use(value); // expect: ownership-invalidated-reference {{'value' used after}}
}

void denseMapReadsOnly(llvm::DenseMap<int, int> &m) {
  int &value = m[1];
  m.erase(2);
  use(value);
}

//===----------------------------------------------------------------------===//
// Folly F14 and Boost.Container
//===----------------------------------------------------------------------===//

void f14ValueMapReferenceThenInsert(folly::F14ValueMap<int, int> &m) {
  int &value = m[1];
  m.insert({2, 2});
  use(value); // expect: ownership-invalidated-reference {{'value' used after}}
}

void f14NodeMapReferenceSurvivesInsert(folly::F14NodeMap<int, int> &m) {
  int &value = m[1];
  m.insert({2, 2});
  use(value);
}

void boostVectorReferenceThenPushBack(boost::container::vector<int> &v) {
  int &first = v[0];
  v.push_back(1);
  use(first); // expect: ownership-invalidated-reference {{'first' used after}}
}

void boostSmallVectorReferenceThenPushBack(boost::container::small_vector<int, 8> &v) {
  int &first = v.front();
  v.push_back(1);
  use(first); // expect: ownership-invalidated-reference {{'first' used after}}
}

void boostStableVectorReferenceSurvivesPushBack(boost::container::stable_vector<int> &v) {
  int &first = v[0];
  v.push_back(1);
  use(first);
}

void boostFlatMapReferenceThenInsert(boost::container::flat_map<int, int> &m) {
  int &value = m[1];
  m.insert({2, 2}); // a sorted vector: inserting shifts the elements after it
  use(value); // expect: ownership-invalidated-reference {{'value' used after}}
}

//===----------------------------------------------------------------------===//
// Classes no model names stay unknown
//===----------------------------------------------------------------------===//

namespace mylib {
template <class T> class Pool {
public:
  T &operator[](unsigned i);
  void push_back(const T &v);
};
} // namespace mylib

void unknownContainerIsNotJudged(mylib::Pool<int> &p) {
  int &first = p[0];
  p.push_back(1);
  use(first);
}
