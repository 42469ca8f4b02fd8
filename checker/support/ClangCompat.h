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
#include "clang/AST/Attr.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Basic/Version.h"
#include "llvm/ADT/SmallVector.h"
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

/// The major version of the Clang the checker is built against, for what a newer Clang
/// adds and an older one ignores (the corpus runner's `REQUIRES-CLANG:` lines).
constexpr unsigned clangMajorVersion() { return CLANG_VERSION_MAJOR; }

/// True when Clang knows `[[clang::lifetime_capture_by(X)]]` (Clang 20 and later); an
/// older Clang warns that the attribute is unknown and drops it.
constexpr bool hasLifetimeCaptureBy() { return CLANG_VERSION_MAJOR >= 20; }

/// Who `[[clang::lifetime_capture_by(X)]]` says captures an argument.
struct CaptureTarget {
  enum class Kind {
    This,    ///< the implicit object of the call (`lifetime_capture_by(this)`)
    Param,   ///< another argument of the call, by parameter index
    Global,  ///< storage that lives as long as the program (`global`)
    Unknown, ///< storage the declaration does not name (`unknown`)
  };
  Kind K = Kind::Unknown;
  unsigned Param = 0; ///< For Kind::Param: the index in FunctionDecl::parameters().
};

/// What `[[clang::lifetime_capture_by(X)]]` on parameter \p I of \p FD (on any of its
/// declarations) says captures that argument; empty without the attribute, and always
/// with Clang 19, which does not know it. Attributes Clang adds by itself (to the standard
/// containers' insertions) are left out: the standard library is described by name.
inline llvm::SmallVector<CaptureTarget, 2> lifetimeCaptureBy(const clang::FunctionDecl *FD,
                                                             unsigned I) {
  llvm::SmallVector<CaptureTarget, 2> Out;
#if CLANG_VERSION_MAJOR >= 20
  // Clang numbers the implicit object 0 in a member function and the parameters after it.
  const auto *M = llvm::dyn_cast<clang::CXXMethodDecl>(FD);
  int First = M && M->isInstance() ? 1 : 0;
  for (const clang::FunctionDecl *Redecl : FD->redecls()) {
    if (I >= Redecl->getNumParams())
      continue;
    for (const auto *A : Redecl->getParamDecl(I)->specific_attrs<clang::LifetimeCaptureByAttr>()) {
      if (A->isImplicit())
        continue;
      for (int Idx : A->params()) {
        CaptureTarget T;
        if (Idx == clang::LifetimeCaptureByAttr::Global)
          T.K = CaptureTarget::Kind::Global;
        else if (First && Idx == clang::LifetimeCaptureByAttr::This)
          T.K = CaptureTarget::Kind::This;
        else if (Idx >= First && unsigned(Idx - First) < FD->getNumParams()) {
          T.K = CaptureTarget::Kind::Param;
          T.Param = unsigned(Idx - First);
        }
        Out.push_back(T);
      }
    }
    if (!Out.empty())
      break;
  }
#else
  (void)FD;
  (void)I;
#endif
  return Out;
}

// Not wrapped, because both versions compile it: LLVM 22 deprecates StringSwitch::Cases
// with the cases as separate arguments (-Wdeprecated-declarations) in favour of an
// initializer list, which LLVM 19 lacks. When a version removes the old form, wrap it here.

} // namespace ownership::compat

#endif // OWNERSHIP_CHECKER_SUPPORT_CLANGCOMPAT_H
