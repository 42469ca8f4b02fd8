//===- HeapRuleSupport.cpp - Wording shared by the heap rules ------------===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "rules/HeapRuleSupport.h"

#include "clang/AST/Decl.h"
#include "clang/AST/Stmt.h"

#include <fmt/format.h>

using namespace ownership::model;

using namespace clang;

namespace ownership::rules {
namespace {

llvm::StringRef deallocatorOf(AllocFamily F) {
  if (isLibraryFamily(F))
    return libraryDeallocator(F);
  switch (F) {
  case AllocFamily::New:
    return "delete";
  case AllocFamily::NewArray:
    return "delete[]";
  case AllocFamily::Malloc:
    return "free";
  case AllocFamily::Unknown:
    return "";
  }
  llvm_unreachable("unknown family");
}

/// `'new'`, `'new[]'`, `'malloc'` or `a user allocator`, for messages.
std::string familyName(AllocFamily F) {
  if (isLibraryFamily(F))
    return fmt::format("'{}'", allocFamilyName(F).str());
  switch (F) {
  case AllocFamily::Unknown:
    return "a user allocator";
  case AllocFamily::New:
    return "'new'";
  case AllocFamily::NewArray:
    return "'new[]'";
  case AllocFamily::Malloc:
    return "'malloc'";
  }
  llvm_unreachable("unknown family");
}

} // namespace

std::string describeAllocator(const AcquireFact &A) {
  if (A.isWellKnownAllocator() || A.getFamily() == AllocFamily::Unknown)
    return fmt::format("'{}'", A.getAllocator().str());
  return fmt::format("'{}' (which {} with {})", A.getAllocator().str(),
                     A.handsOver() ? "hands over memory allocated" : "allocates",
                     familyName(A.getFamily()));
}

std::string describeReleaser(const ReleaseFact &R) {
  llvm::StringRef Dealloc = deallocatorOf(R.getFamily());
  if (Dealloc.empty() || R.getReleaser() == Dealloc || R.getReleaser() == "realloc" ||
      R.getReleaser() == "reallocarray")
    return fmt::format("'{}'", R.getReleaser().str());
  return fmt::format("'{}' (which releases with '{}')", R.getReleaser().str(), Dealloc.str());
}

std::string describeStorage(const ObjectTable &Objects, ObjectID O) {
  const StorageNode &N = Objects.node(O);
  std::string Name = Objects.name(O);
  switch (N.K) {
  case StorageNode::Kind::Static: {
    const char *What = N.Type->isArrayType() ? "array" : "variable";
    switch (Objects.staticKind(O)) {
    case ObjectTable::StaticKind::StringLiteral:
      return "a string literal";
    case ObjectTable::StaticKind::StaticLocal:
      return fmt::format("static {} '{}'", What, Name);
    case ObjectTable::StaticKind::Global:
      return fmt::format("global {} '{}'", What, Name);
    }
    llvm_unreachable("unknown static storage");
  }
  case StorageNode::Kind::Field:
    return fmt::format("member '{}' of a local", Name);
  case StorageNode::Kind::Element:
    return fmt::format("element '{}' of local array '{}'", Name, Objects.name(*N.Parent));
  case StorageNode::Kind::HeapSite:
    // Only a stack allocation (`alloca`) is non-heap storage named by its expression.
    return "stack memory from 'alloca'";
  default:
    return fmt::format("local {} '{}'", N.Type->isArrayType() ? "array" : "variable", Name);
  }
}

bool isBefore(const SourceManager &SM, const Stmt *A, const Stmt *B) {
  return SM.isBeforeInTranslationUnit(A->getBeginLoc(), B->getBeginLoc());
}

SourceLocation lossLocation(const Fact &F) {
  const Stmt *S = F.getStmt();
  if (!S)
    return SourceLocation();
  if (llvm::isa<ScopeEndFact>(F))
    if (const auto *CS = dyn_cast<CompoundStmt>(S))
      return CS->getRBracLoc();
  return S->getBeginLoc();
}

SourceLocation releaseLocation(const ReleaseFact &R) {
  if (const auto *CS = dyn_cast_or_null<CompoundStmt>(R.getStmt()))
    return CS->getRBracLoc();
  return R.getStmt() ? R.getStmt()->getBeginLoc() : SourceLocation();
}

std::string ownerReleaseDetail(const ReleaseFact &R, const ObjectTable &Objects) {
  // An owner object is followed as a pointer; the releases it makes name it, not a
  // pointer the user freed.
  // A realloc frees the block it was given when it succeeds (the path tested its result).
  if (R.getMode() == ReleaseFact::Mode::Realloc)
    return fmt::format(" by '{}', which succeeded and moved the memory", R.getReleaser().str());
  std::optional<ObjectID> P = R.getPointer();
  if (!P || R.getMode() != ReleaseFact::Mode::Now)
    return "";
  QualType T = Objects.node(*P).Type;
  if (T.isNull() || T->isPointerType())
    return "";
  std::string Name = Objects.name(*P);
  if (R.getReleaser() == "reset")
    return fmt::format(" by '{}.reset()'", Name);
  if (R.getReleaser() == "operator=")
    return fmt::format(", when '{}' is reassigned", Name);
  if (R.getReleaser().starts_with("~"))
    return fmt::format(", when '{}' is destroyed", Name);
  return "";
}

} // namespace ownership::rules
