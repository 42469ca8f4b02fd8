//===- SummaryBuilder.h - A function's summary, from its own analysis -----===//
//
// Part of ownership-checker, under the MIT license.
//
// Derives what calls to a function do (model::FunctionSummary) from that function's own
// analysis: the heap part from its heap states, the moves, borrows and invalidations
// parts from its body, reading what its own callees do from the call-effects model (whose
// summaries the translation unit computed first, bottom-up). It never starts another
// analysis.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_ANALYSIS_SUMMARYBUILDER_H
#define OWNERSHIP_CHECKER_ANALYSIS_SUMMARYBUILDER_H

#include "checker/model/CallEffects.h"
#include "checker/model/Summary.h"

namespace ownership::analysis {

class FunctionAnalysis;

/// The summary of \p Def, a model::summarizableDefinition(), as far as \p Parts asks.
/// \p FA is Def's analysis, needed for the heap part only (null: no heap part).
model::FunctionSummary summarize(const clang::FunctionDecl *Def, model::SummaryParts Parts,
                                 const FunctionAnalysis *FA, const model::CallEffectsModel &Model);

} // namespace ownership::analysis

#endif // OWNERSHIP_CHECKER_ANALYSIS_SUMMARYBUILDER_H
