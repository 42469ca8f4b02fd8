//===- TaggedUnions.h - Unions whose active alternative a tag member selects ===//
//
// Part of ownership-checker, under the MIT license.
//
// A class that keeps an owning value in a union (a `std::string` beside an `int`, a
// `char *` it frees) must destroy the active alternative before another one takes its
// storage, as Rust's enums do when a variant is overwritten. The class says which
// alternatives own, and which member tells which one is active, in its destructor:
// `if (kind == Str) s.~basic_string();`, `switch (type) { case T_STR: free(u.str); }`.
// inferTaggedUnions() reads that; unionOverwritesIn() then finds the member functions that
// switch the tag and write another alternative without looking at the tag or destroying
// anything, so that what the previously active alternative owned is lost.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_ANALYSIS_TAGGEDUNIONS_H
#define OWNERSHIP_CHECKER_ANALYSIS_TAGGEDUNIONS_H

#include "checker/model/CallEffects.h"

#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"

#include <vector>

namespace ownership::analysis {

/// An alternative of a union member that the destructor destroys or releases.
struct OwningAlternative {
  const clang::FieldDecl *Field = nullptr;
  /// The destructor call, `delete` or deallocation in the destructor (or a helper it
  /// calls).
  const clang::Stmt *DestroyedAt = nullptr;
};

/// A union member of a class whose destructor destroys some alternatives only when a tag
/// member selects them.
struct TaggedUnion {
  /// The class's member of union type (anonymous or named).
  const clang::FieldDecl *Union = nullptr;
  /// The member the destructor tests before destroying an alternative.
  const clang::FieldDecl *Tag = nullptr;
  llvm::SmallVector<OwningAlternative, 2> Owning;
};

/// A write of a union alternative other than \p Active, in a member function that changes
/// the tag without reading it and destroys no alternative: if \p Active was the active
/// alternative, what it owns is never destroyed.
struct UnionOverwrite {
  /// The assignment, placement new or `std::construct_at` that writes the alternative.
  const clang::Expr *At = nullptr;
  const clang::FieldDecl *Written = nullptr;
  const TaggedUnion *Union = nullptr;
  /// An owning alternative the function does not name, which may be active on entry.
  const OwningAlternative *Active = nullptr;
  /// The first assignment to the tag.
  const clang::Expr *TagWrite = nullptr;
};

/// The tagged unions of \p RD, read from its user-written destructor and the non-virtual
/// member functions it calls on `*this`; empty when the destructor destroys no
/// alternative, or destroys one without testing a tag.
std::vector<TaggedUnion> inferTaggedUnions(const model::CallEffectsModel &Model,
                                           const clang::CXXRecordDecl *RD);

/// The overwrites (see UnionOverwrite) that member function \p MD makes in \p Unions, the
/// tagged unions of its class. Constructors, destructors, private members (helpers that
/// callers use after destroying) and functions that call other member functions are not
/// read: empty.
std::vector<UnionOverwrite> unionOverwritesIn(const model::CallEffectsModel &Model,
                                              llvm::ArrayRef<TaggedUnion> Unions,
                                              const clang::CXXMethodDecl *MD);

} // namespace ownership::analysis

#endif // OWNERSHIP_CHECKER_ANALYSIS_TAGGEDUNIONS_H
