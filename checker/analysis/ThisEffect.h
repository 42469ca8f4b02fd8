//===- ThisEffect.h - What a member function does to its own object -------===//
//
// Part of ownership-checker, under the MIT license.
//
// The `this` part of a member function's summary (model::FunctionSummary::ThisEffect):
// whether its body releases the object it is called on (`delete this`, intrusive
// reference counting), may release it or hands `this` to code that may keep it. Derived
// from the body, reading what its own callees do from the call-effects model, like the
// other syntactic parts of a summary (SummaryBuilder).
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_ANALYSIS_THISEFFECT_H
#define OWNERSHIP_CHECKER_ANALYSIS_THISEFFECT_H

#include "checker/model/CallEffects.h"
#include "checker/model/Summary.h"

namespace ownership::analysis {

/// Sets HasThis, ThisEffect and ThisFamily of \p Sum from the body of \p Def, a
/// non-virtual member function.
void summarizeThis(const clang::FunctionDecl *Def, const model::CallEffectsModel &Model,
                   model::FunctionSummary &Sum);

} // namespace ownership::analysis

#endif // OWNERSHIP_CHECKER_ANALYSIS_THISEFFECT_H
