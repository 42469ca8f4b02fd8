//===- CLibrary.cpp - C functions known by name, through the library models -===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/model/CLibrary.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Lex/Lexer.h"

using namespace clang;

namespace ownership::model {

llvm::StringRef cLibraryName(const FunctionDecl *FD) {
  if (!FD || !FD->getIdentifier() || isa<CXXMethodDecl>(FD))
    return {};
  const DeclContext *DC = FD->getDeclContext()->getRedeclContext();
  if (!DC->isTranslationUnit() && !FD->isInStdNamespace() && !FD->isExternC())
    return {};
  llvm::StringRef Name = FD->getName();
  Name.consume_front("__builtin_");
  return Name;
}

const FunctionModel *cFunctionModel(const LibraryModels *Libraries, const FunctionDecl *FD) {
  if (!Libraries)
    return nullptr;
  llvm::StringRef Name = cLibraryName(FD);
  return Name.empty() ? nullptr : Libraries->lookup(Name);
}

llvm::StringRef cCallName(const CallExpr *Call, const ASTContext &Ctx) {
  if (const FunctionDecl *FD = Call->getDirectCallee())
    return cLibraryName(FD);
  const Expr *Callee = Call->getCallee()->IgnoreParenImpCasts();
  if (const auto *Deref = dyn_cast<UnaryOperator>(Callee); Deref && Deref->getOpcode() == UO_Deref)
    Callee = Deref->getSubExpr()->IgnoreParenImpCasts();
  // A global function pointer (libxml2's `xmlFree` without threads).
  if (const auto *DRE = dyn_cast<DeclRefExpr>(Callee))
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
        VD && VD->getIdentifier() && VD->hasGlobalStorage() &&
        VD->getDeclContext()->getRedeclContext()->isTranslationUnit())
      return VD->getName();
  // A macro whose body is a call through a pointer (libxml2's thread-safe `xmlFree`,
  // `(*(__xmlFree()))`). A macro argument is the caller's text, not the macro's.
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation Loc = Call->getCallee()->getBeginLoc();
  if (Loc.isMacroID() && SM.isMacroBodyExpansion(Loc))
    return Lexer::getImmediateMacroName(Loc, SM, Ctx.getLangOpts());
  return {};
}

const FunctionModel *cCallModel(const LibraryModels *Libraries, const CallExpr *Call,
                                const ASTContext &Ctx) {
  if (!Libraries || !Call)
    return nullptr;
  llvm::StringRef Name = cCallName(Call, Ctx);
  return Name.empty() ? nullptr : Libraries->lookup(Name);
}

} // namespace ownership::model
