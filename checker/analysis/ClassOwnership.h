//===- ClassOwnership.h - Which members of a class own what they point to ===//
//
// Part of ownership-checker, under the MIT license.
//
// Infers, once per class of a translation unit, which data members own the memory they
// point to, as Rust's structs own their fields: a raw pointer the class allocates into
// (or adopts from a constructor parameter) and releases in its destructor, a container of
// raw pointers whose elements the destructor deletes, a handle the destructor passes to a
// deallocator the call-effects model knows, a `gsl::owner<T*>`, or a member the
// configuration names (`ownership-leak.OwningMembers`). A member whose ownership is not
// clear (released only under a flag, never released) is unknown: no rule reports on it.
// The rules read the answer through FunctionAnalysis::classOwnership().
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_ANALYSIS_CLASSOWNERSHIP_H
#define OWNERSHIP_CHECKER_ANALYSIS_CLASSOWNERSHIP_H

#include "checker/analysis/TaggedUnions.h"
#include "checker/model/CallEffects.h"

#include "clang/AST/DeclCXX.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/GlobPattern.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ownership::analysis {

/// One member that owns what it points to.
struct OwningMember {
  /// A raw pointer (or handle) member, or a container whose raw pointer elements it owns.
  enum class Shape : uint8_t { Pointer, Container };
  /// Why the member counts as owning.
  enum class Evidence : uint8_t {
    Allocated, ///< The class allocates into it and its destructor releases it.
    Adopted,   ///< A constructor stores a parameter into it; the destructor releases it.
    Handle,    ///< The destructor passes it to a deallocator (`free`, a summarized helper).
    Elements,  ///< The destructor deletes its elements (a loop over the container).
    GslOwner,  ///< Declared `gsl::owner<T*>`.
    Option,    ///< Named by `ownership-leak.OwningMembers`.
  };
  const clang::FieldDecl *Field = nullptr;
  Shape S = Shape::Pointer;
  Evidence Why = Evidence::Allocated;
  /// Where the destructor releases it; null for GslOwner and Option without a release.
  const clang::Stmt *ReleasedAt = nullptr;
};

/// What is known about the members of one class.
struct ClassInfo {
  /// The class's user-written destructor, when it releases some owning member.
  const clang::CXXDestructorDecl *ReleasingDestructor = nullptr;
  llvm::SmallVector<OwningMember, 2> Members;
  /// A member a constructor allocates into that no code of the class releases and whose
  /// memory never leaves the class, in a class whose destructor releases other members.
  struct Unreleased {
    const clang::FieldDecl *Field;
    /// The allocation in a constructor.
    const clang::Expr *Allocation;
  };
  llvm::SmallVector<Unreleased, 1> NeverReleased;
  /// A release, by this class's destructor, of an owning member of a base class whose own
  /// destructor (which runs afterwards) releases it too, with nothing assigning the member
  /// in between.
  struct BaseRelease {
    const clang::Stmt *At;
    const OwningMember *BaseMember;
    const clang::CXXDestructorDecl *BaseDestructor;
  };
  llvm::SmallVector<BaseRelease, 1> BaseMemberReleases;
  /// The member functions the destructor calls on `*this`, directly or through each
  /// other, with the call in the destructor (or in the helper) that reaches each.
  llvm::SmallVector<std::pair<const clang::FunctionDecl *, const clang::CallExpr *>, 2>
      DestructorCalls;
  /// The call by which the destructor reaches member function \p FD, or null.
  const clang::CallExpr *destructorCallOf(const clang::FunctionDecl *FD) const;
  /// The union members whose alternatives the destructor destroys under a tag.
  std::vector<TaggedUnion> TaggedUnions;

  /// The owning member \p F, or null when \p F is not one (or is unknown).
  const OwningMember *find(const clang::FieldDecl *F) const;
};

/// A copy of a class whose destructor releases what its members own, through a copy or
/// move that only duplicates the pointers (implicit or defaulted): both objects release
/// the same memory. Found by owningCopiesIn().
struct OwningCopy {
  /// The construction or assignment that copies.
  const clang::Expr *At = nullptr;
  const clang::CXXRecordDecl *Class = nullptr;
  /// The copy constructor or assignment operator that runs.
  const clang::CXXMethodDecl *Copier = nullptr;
  /// The first owning member the copy duplicates.
  const OwningMember *Member = nullptr;
  const clang::CXXDestructorDecl *Destructor = nullptr;
};

/// Elements of an owning container dropped without being released: `items_.clear()`,
/// `items_.erase(k)`, `items_.pop_back()`, or `byKey_[k] = p` (which drops the pointer
/// stored under k, if there was one). Found by elementDropsIn().
struct ElementDrop {
  /// The call that removes elements, or the assignment through `operator[]`.
  const clang::Expr *At = nullptr;
  const OwningMember *Member = nullptr;
  /// True for an assignment through `operator[]`: it drops an element only when one is
  /// there.
  bool Overwrite = false;
};

/// A release, in a constructor's handler for what a `new` in the try block throws, of an
/// owning member that already held memory when that `new` ran: the handler neither
/// rethrows nor resets the member, so the constructor completes and the destructor
/// releases the same memory again. Found by handlerReleasesIn().
struct HandlerRelease {
  /// The `delete` or deallocation in the handler.
  const clang::Stmt *At = nullptr;
  const OwningMember *Member = nullptr;
  /// The `new` in the try block whose failure runs the handler.
  const clang::Expr *Throwing = nullptr;
  const clang::CXXDestructorDecl *Destructor = nullptr;
};

/// A read, in a copy assignment operator that never compares `this` with anything, of
/// the source object's pointer member after `*this`'s same member was released and before
/// it is assigned again: when the source is `*this` (self-assignment), that is a read of
/// released memory. Found by selfAssignmentReadsIn().
struct SelfAssignmentRead {
  /// `other.data_`.
  const clang::Expr *Read = nullptr;
  /// The release of `data_`.
  const clang::Stmt *Release = nullptr;
  const clang::FieldDecl *Field = nullptr;
  const clang::ParmVarDecl *Source = nullptr;
};

/// The member ownership of a translation unit's classes, inferred on first request per
/// class and kept; see the file comment.
class ClassOwnership {
public:
  /// \p Model says what the calls in destructors and member functions do; its options
  /// carry the member globs of `ownership-leak.OwningMembers`.
  explicit ClassOwnership(const model::CallEffectsModel &Model);
  ~ClassOwnership();

  /// What is known about \p RD's members; empty for a class without a definition or
  /// declared in a system header.
  const ClassInfo &of(const clang::CXXRecordDecl *RD) const;
  /// The owning member \p F, or null when it is not one.
  const OwningMember *owningMember(const clang::FieldDecl *F) const;

  /// The copies of classes with a releasing destructor made by \p Cfg's elements through
  /// an implicit or defaulted copy or move (not elided ones).
  std::vector<OwningCopy> owningCopiesIn(const clang::CFG &Cfg) const;

  /// The drops of elements of owning containers of `*this` in member function \p FD, when
  /// nothing else in \p FD could release or hand on those elements: \p FD releases
  /// nothing, calls no member function of its object, and names the container only in the
  /// drop. Empty otherwise (unknown).
  std::vector<ElementDrop> elementDropsIn(const clang::FunctionDecl *FD) const;

  /// The writes of tagged union alternatives in member function \p FD that may overwrite
  /// an owning alternative without destroying it (see unionOverwritesIn() in
  /// TaggedUnions.h); empty when \p FD calls member functions of its object.
  std::vector<UnionOverwrite> unionOverwritesIn(const clang::FunctionDecl *FD) const;

  /// The releases (see HandlerRelease) in constructor \p FD's handlers; empty for other
  /// functions, for a function try block (whose handler always rethrows), and when \p FD
  /// calls member functions of its object.
  std::vector<HandlerRelease> handlerReleasesIn(const clang::FunctionDecl *FD) const;

  /// The reads (see SelfAssignmentRead) of copy assignment operator \p FD; empty for
  /// other functions and for a source taken by value.
  std::vector<SelfAssignmentRead> selfAssignmentReadsIn(const clang::FunctionDecl *FD) const;

  /// True when \p FD may release or hand on the members of its own object other than by
  /// what its own statements do: it calls a member function on `*this` (or passes `this`
  /// on), whose effect on the members the facts do not say.
  bool mayTouchMembersThroughCalls(const clang::FunctionDecl *FD) const;

private:
  ClassInfo infer(const clang::CXXRecordDecl *RD) const;
  bool namedByOption(const clang::FieldDecl *F) const;

  const model::CallEffectsModel &Model;
  std::vector<llvm::GlobPattern> OptionGlobs;
  mutable llvm::DenseMap<const clang::CXXRecordDecl *, std::unique_ptr<ClassInfo>> Cache;
  /// mayTouchMembersThroughCalls() per function definition.
  mutable llvm::DenseMap<const clang::FunctionDecl *, bool> TouchCache;
};

} // namespace ownership::analysis

#endif // OWNERSHIP_CHECKER_ANALYSIS_CLASSOWNERSHIP_H
