//===- ID.h - Strongly typed dense identifiers -----------------------------===//
//
// Part of ownership-checker, under the MIT license.
//
// Small integer IDs with a tag type, so that an ObjectID can never be passed where a
// FactID is expected. They index dense tables owned by a FunctionAnalysis.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_MODEL_ID_H
#define OWNERSHIP_CHECKER_MODEL_ID_H

#include "llvm/ADT/FoldingSet.h"
#include <cstdint>

namespace ownership::model {

/// A dense identifier tagged with the kind of thing it names.
template <typename Tag> struct ID {
  uint32_t Value = 0;

  ID() = default;
  explicit ID(uint32_t V) : Value(V) {}

  bool operator==(const ID &O) const { return Value == O.Value; }
  bool operator!=(const ID &O) const { return Value != O.Value; }
  bool operator<(const ID &O) const { return Value < O.Value; }
  /// Lets IDs live in llvm::ImmutableSet / ImmutableMap.
  void Profile(llvm::FoldingSetNodeID &FID) const { FID.AddInteger(Value); }
};

} // namespace ownership::model

#endif // OWNERSHIP_CHECKER_MODEL_ID_H
