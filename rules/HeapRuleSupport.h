//===- HeapRuleSupport.h - Wording shared by the heap rules --------------===//
//
// Part of ownership-checker, under the MIT license.
//
// How the heap rules name allocators, releasers and storage in their messages, and the
// source-order helpers they share. No analysis here: the states come from HeapAnalysis.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_RULES_HEAPRULESUPPORT_H
#define OWNERSHIP_CHECKER_RULES_HEAPRULESUPPORT_H

#include "checker/analysis/FunctionAnalysis.h"

#include "clang/Basic/SourceManager.h"

#include <string>

namespace ownership::rules {

/// `'malloc'`, `'new[]'`, or `'make_buffer' (which allocates with 'malloc')`.
std::string describeAllocator(const model::AcquireFact &A);
/// `'free'`, `'delete'`, or `'destroy' (which releases with 'free')`.
std::string describeReleaser(const model::ReleaseFact &R);
/// `local variable 'x'`, `local array 'buf'`, `global variable 'g'`, `a string literal`.
std::string describeStorage(const model::ObjectTable &Objects, model::ObjectID O);
/// Where release \p R happens: the `}` of the scope that destroys an owner object, else
/// the releasing expression.
clang::SourceLocation releaseLocation(const model::ReleaseFact &R);
/// What a note at release \p R adds after "freed here" when an owner object releases:
/// `, when 'u' is destroyed`, ` by 'u.reset()'`, `, when 'u' is reassigned`, or for a
/// realloc that succeeded ` by 'realloc', which succeeded and moved the memory`; else empty.
std::string ownerReleaseDetail(const model::ReleaseFact &R, const model::ObjectTable &Objects);
/// True when \p A comes before \p B in the translation unit.
bool isBefore(const clang::SourceManager &SM, const clang::Stmt *A, const clang::Stmt *B);
/// The location a lost owner is reported at: the `}` of a scope, a `return`, an
/// assignment.
clang::SourceLocation lossLocation(const model::Fact &F);

} // namespace ownership::rules

#endif // OWNERSHIP_CHECKER_RULES_HEAPRULESUPPORT_H
