//===- ConstructedBorrows.h - What a constructor keeps a borrow of ---------===//
//
// Part of ownership-checker, under the MIT license.
//
// The constructor part of a summary (model::FunctionSummary::ConstructedBorrowsParams):
// which parameters the object a constructor makes keeps a borrow of, because its
// initializers or its body store the parameter (or what it refers to) in a reference,
// pointer, view or borrowing member (`Holder(const std::string &s) : s_(s) {}`). Derived
// from the body alone, like the other syntactic parts of a summary (SummaryBuilder).
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_ANALYSIS_CONSTRUCTEDBORROWS_H
#define OWNERSHIP_CHECKER_ANALYSIS_CONSTRUCTEDBORROWS_H

#include "checker/model/CallEffects.h"
#include "checker/model/Summary.h"

namespace ownership::analysis {

/// Sets ConstructedBorrowsParams of \p Sum from the initializers and body of \p Ctor.
void summarizeConstructedBorrows(const clang::CXXConstructorDecl *Ctor,
                                 const model::CallEffectsModel &Model,
                                 model::FunctionSummary &Sum);

} // namespace ownership::analysis

#endif // OWNERSHIP_CHECKER_ANALYSIS_CONSTRUCTEDBORROWS_H
