//===- OwningMembers.h - The contract of classes that own through members -===//
//
// Part of ownership-checker, under the MIT license.
//
// The findings about members that own what they point to (analysis::ClassOwnership says
// which): an owning member overwritten without releasing its old value
// (ownership-leak), and a class with a releasing destructor copied by an implicit or
// defaulted copy or move (ownership-double-free). The rules call these from check().
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_RULES_OWNINGMEMBERS_H
#define OWNERSHIP_CHECKER_RULES_OWNINGMEMBERS_H

#include "rules/FindingBuilder.h"

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace ownership::rules {

/// ownership-leak: in a member function of \p FA, an owning member of `*this` that is
/// overwritten while it still holds the value it had on entry, on every path, with no
/// other pointer holding that value, no release, no hand-over and no null test of it.
void checkOwningMemberOverwrites(const analysis::FunctionAnalysis &FA,
                                 const FindingBuilder &Findings);

/// ownership-leak: in a member function \p FA, a write of a tagged union's alternative
/// that changes the tag without reading it or destroying the owning alternative that may
/// be active (ClassOwnership::unionOverwritesIn).
void checkUnionOverwrites(const analysis::FunctionAnalysis &FA, const FindingBuilder &Findings);

/// ownership-leak: in a constructor \p FA, an allocation into a member that no code of
/// the class releases and that never leaves the class, while the class's destructor
/// releases other members (ClassInfo::NeverReleased).
void checkUnreleasedMembers(const analysis::FunctionAnalysis &FA, const FindingBuilder &Findings);

/// ownership-leak: in a member function \p FA, elements of an owning container dropped
/// (cleared, erased, popped, overwritten through `operator[]`) without being released
/// (ClassOwnership::elementDropsIn).
void checkElementDrops(const analysis::FunctionAnalysis &FA, const FindingBuilder &Findings);

/// ownership-double-free: every copy (or move) in \p FA of a class whose destructor
/// releases an owning member, made by an implicit or defaulted copy or move, except at
/// \p AlreadyReported (copies whose double release the function's dataflow reported).
void checkOwningCopies(const analysis::FunctionAnalysis &FA, const FindingBuilder &Findings,
                       const llvm::SmallPtrSetImpl<const clang::Stmt *> &AlreadyReported);

/// ownership-double-free: in a destructor \p FA, the release of a base class's owning
/// member that the base's destructor, which runs next, releases again
/// (ClassInfo::BaseMemberReleases).
void checkBaseMemberReleases(const analysis::FunctionAnalysis &FA,
                             const FindingBuilder &Findings);

/// ownership-double-free: in a public member function \p FA, an owning member whose
/// value on entry is released on every path and neither reset nor refilled: the
/// destructor releases it again.
void checkDanglingMembers(const analysis::FunctionAnalysis &FA, const FindingBuilder &Findings);

/// ownership-double-free: in a constructor \p FA, a handler for a failed `new` that
/// releases an owning member and lets the constructor complete, so that the destructor
/// releases it again (ClassOwnership::handlerReleasesIn).
void checkHandlerReleases(const analysis::FunctionAnalysis &FA, const FindingBuilder &Findings);

/// ownership-use-after-free: in a copy assignment operator \p FA, a read of the source's
/// member after `*this`'s same member was released (ClassOwnership::selfAssignmentReadsIn).
void checkSelfAssignmentReads(const analysis::FunctionAnalysis &FA,
                              const FindingBuilder &Findings);

/// The `Class::member` globs of option `ownership-leak.OwningMembers`: separated by `;`
/// or `,`, blanks trimmed, empty entries dropped.
std::vector<std::string> parseOwningMembers(llvm::StringRef Value);

} // namespace ownership::rules

#endif // OWNERSHIP_CHECKER_RULES_OWNINGMEMBERS_H
