//===- HeapOffsets.cpp - How far into its block an advanced pointer points ===//
//
// Part of ownership-checker, under the MIT license.
//
// The part of HeapAnalysis that follows pointer arithmetic on a pointer (`p++`,
// `p -= 2`, `q = p + 1`): how many elements past the start of its block it points, so
// that releasing it there (which only the block's start may be) can be told apart from
// releasing the block.
//===----------------------------------------------------------------------===//
#include "checker/passes/Heap.h"

#include "llvm/Support/ErrorHandling.h"

using namespace ownership::model;

namespace ownership::passes {

llvm::ImmutableMap<ObjectID, int64_t> HeapAnalysis::offsetsAfter(const HeapState &S,
                                                                 const PointerAssignFact &F) {
  ObjectID D = F.getDest();
  const int64_t *Old = S.Offsets.lookup(D);
  switch (F.getFrom()) {
  case PointerAssignFact::From::Advance: {
    int64_t Now = Old ? *Old : 0;
    if (Now == HeapState::UnknownOffset || !F.getDelta())
      return ValueFactory.add(S.Offsets, D, HeapState::UnknownOffset);
    Now += *F.getDelta();
    return Now == 0 ? ValueFactory.remove(S.Offsets, D) : ValueFactory.add(S.Offsets, D, Now);
  }
  case PointerAssignFact::From::Copy:
    if (*F.getSource() == D)
      return S.Offsets;
    if (const int64_t *Src = S.Offsets.lookup(*F.getSource()))
      return ValueFactory.add(S.Offsets, D, *Src);
    return ValueFactory.remove(S.Offsets, D);
  case PointerAssignFact::From::Null:
  case PointerAssignFact::From::Address:
  case PointerAssignFact::From::Entry:
  case PointerAssignFact::From::Opaque:
  case PointerAssignFact::From::Own:
  case PointerAssignFact::From::Disown:
    return Old ? ValueFactory.remove(S.Offsets, D) : S.Offsets;
  }
  llvm_unreachable("unknown pointer assignment");
}

llvm::ImmutableMap<ObjectID, int64_t> HeapAnalysis::joinOffsets(const HeapState &A,
                                                                const HeapState &B) {
  if (A.Offsets == B.Offsets)
    return A.Offsets;
  // A pointer advanced on one path only, or by different amounts: not known.
  llvm::ImmutableMap<ObjectID, int64_t> R = A.Offsets;
  for (const auto &[K, V] : A.Offsets)
    if (const int64_t *Other = B.Offsets.lookup(K); !Other || *Other != V)
      R = ValueFactory.add(R, K, HeapState::UnknownOffset);
  for (const auto &[K, V] : B.Offsets)
    if (!A.Offsets.lookup(K))
      R = ValueFactory.add(R, K, HeapState::UnknownOffset);
  return R;
}

std::optional<int64_t> HeapAnalysis::releaseOffset(const ReleaseFact &F) const {
  if (!F.getPointer())
    return 0;
  const HeapState *S = stateBefore(F);
  if (!S)
    return std::nullopt;
  const int64_t *Off = S->Offsets.lookup(*F.getPointer());
  if (Off && *Off == HeapState::UnknownOffset)
    return std::nullopt;
  return (Off ? *Off : 0) + F.getArgOffset();
}

} // namespace ownership::passes
