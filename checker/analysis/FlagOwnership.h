//===- FlagOwnership.h - Ownership that a flag member decides -------------===//
//
// Part of ownership-checker, under the MIT license.
//
// A part of the summaries of constructors and destructors, for classes that own what a
// pointer member points to only when a flag member says so: `Wrapper(T *p, bool own) :
// p_(p), own_(own) {}` with `~Wrapper() { if (own_) delete p_; }`. The destructor's
// summary says which member it releases under which flag; the constructor's, which
// parameter each flag gets. A construction that passes a constant for the flag then
// adopts the pointer (true) or leaves it to the caller (false): the call-effects model
// joins the two. Derived from the bodies' statements, asking the model what their calls
// release.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_ANALYSIS_FLAGOWNERSHIP_H
#define OWNERSHIP_CHECKER_ANALYSIS_FLAGOWNERSHIP_H

#include "checker/model/CallEffects.h"

#include "clang/AST/DeclCXX.h"

namespace ownership::analysis {

/// The pointer members \p Dtor releases exactly when a flag member is set: a statement
/// of its body `if (flag_) <release of p_>` (the flag a bool or integer member; also
/// `if (flag_ && p_)`), with no other release of that member in the body.
llvm::SmallVector<model::FlagRelease, 1> flagReleases(const clang::CXXDestructorDecl *Dtor,
                                                      const model::CallEffectsModel &Model);

/// Per parameter of \p Ctor, the bool or integer member its initializer list sets to that
/// parameter (`: own_(own)`) and its body never assigns; null for the others.
std::vector<const clang::FieldDecl *> storedFlags(const clang::CXXConstructorDecl *Ctor);

} // namespace ownership::analysis

#endif // OWNERSHIP_CHECKER_ANALYSIS_FLAGOWNERSHIP_H
