//===- ClangCompat.h - What differs between the LLVM versions we build on -===//
//
// Part of ownership-checker, under the MIT license.
//
// The checker builds against LLVM/Clang 19 and 22 (CMake's OWNERSHIP_LLVM_VERSION). Every
// API that differs between them is wrapped here, once, so that the rest of the code calls
// ownership::compat and never tests CLANG_VERSION_MAJOR itself. To support another version,
// build against it and add a branch here for each call that no longer compiles.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_SUPPORT_CLANGCOMPAT_H
#define OWNERSHIP_CHECKER_SUPPORT_CLANGCOMPAT_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/Basic/Version.h"
#include "llvm/ADT/StringRef.h"

#include <string>
#include <utility>

#if CLANG_VERSION_MAJOR != 19 && CLANG_VERSION_MAJOR != 22
#error "ownership-checker supports LLVM/Clang 19 and 22 (see checker/support/ClangCompat.h)"
#endif

/// The clang-tidy header that declares ClangTidyModuleRegistry, for
/// `#include OWNERSHIP_CLANG_TIDY_REGISTRY_HEADER`. Clang 22 moved the registry into
/// ClangTidyModule.h and made ClangTidyModuleRegistry.h a deprecated shim that warns.
#if CLANG_VERSION_MAJOR >= 22
#define OWNERSHIP_CLANG_TIDY_REGISTRY_HEADER "clang-tidy/ClangTidyModule.h"
#else
#define OWNERSHIP_CLANG_TIDY_REGISTRY_HEADER "clang-tidy/ClangTidyModuleRegistry.h"
#endif

namespace ownership::compat {

/// The canonical type that a class, struct, union or enum declares (no qualifiers, no
/// sugar for how a name was written): what `ASTContext::getRecordType(RD)` and
/// `QualType(TD->getTypeForDecl(), 0)` gave up to Clang 21. Clang 22 removed both, together
/// with ElaboratedType, and names this type ASTContext::getCanonicalTagType.
/// Precondition: TD != nullptr.
inline clang::QualType tagType(const clang::TagDecl *TD) {
#if CLANG_VERSION_MAJOR >= 22
  return TD->getASTContext().getCanonicalTagType(TD);
#else
  return TD->getASTContext().getTagDeclType(TD);
#endif
}

/// The qualified name of a declaration as Clang 19 spells it, e.g.
/// `outer()::(anonymous class)::operator()` for a lambda's call operator: findings carry it
/// (their function), and baselines match on it, so it must not change with the LLVM
/// version. Clang 22 spells the unnamed classes in it `(lambda)` and `(unnamed struct)`
/// where Clang 19 says `(anonymous class)` and `(anonymous struct)`; those words are
/// mapped back. No identifier holds a parenthesis, so nothing else is rewritten.
/// Precondition: D != nullptr.
inline std::string qualifiedName(const clang::NamedDecl *D) {
  std::string Name = D->getQualifiedNameAsString();
#if CLANG_VERSION_MAJOR >= 22
  static constexpr std::pair<llvm::StringLiteral, llvm::StringLiteral> Spellings[] = {
      {"(lambda)", "(anonymous class)"},
      {"(unnamed struct)", "(anonymous struct)"},
      {"(unnamed class)", "(anonymous class)"},
      {"(unnamed union)", "(anonymous union)"},
      {"(unnamed enum)", "(anonymous enum)"}};
  for (const auto &[New, Old] : Spellings)
    for (size_t At = Name.find(New.str()); At != std::string::npos;
         At = Name.find(New.str(), At + Old.size()))
      Name.replace(At, New.size(), Old.str());
#endif
  return Name;
}

// Not wrapped, because both versions compile it: LLVM 22 deprecates StringSwitch::Cases
// with the cases as separate arguments (-Wdeprecated-declarations) in favour of an
// initializer list, which LLVM 19 lacks. When a version removes the old form, wrap it here.

} // namespace ownership::compat

#endif // OWNERSHIP_CHECKER_SUPPORT_CLANGCOMPAT_H
