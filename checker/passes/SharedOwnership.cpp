//===- SharedOwnership.cpp - Who keeps whom alive through shared_ptr ------===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/passes/SharedOwnership.h"

#include "checker/model/Objects.h"
#include "checker/model/StdModel.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"

using namespace ownership::analysis;
using namespace ownership::model;

using namespace clang;

namespace ownership::passes {
namespace {

/// The name of the std class template \p T is a specialization of, or "".
llvm::StringRef stdClassName(QualType T) {
  const auto *RD = T.getCanonicalType()->getAsCXXRecordDecl();
  if (!RD || !RD->isInStdNamespace() || !RD->getIdentifier())
    return {};
  return RD->getName();
}

/// The first template argument type of a class template specialization.
QualType firstTemplateArg(QualType T) {
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      T.getCanonicalType()->getAsCXXRecordDecl());
  if (!Spec || Spec->getTemplateArgs().size() == 0 ||
      Spec->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
    return QualType();
  return Spec->getTemplateArgs()[0].getAsType();
}

/// Collects the classes of the translation unit outside system headers.
class RecordCollector : public RecursiveASTVisitor<RecordCollector> {
public:
  explicit RecordCollector(const SourceManager &SM) : SM(SM) {}
  bool shouldVisitTemplateInstantiations() const { return true; }

  bool TraverseDecl(Decl *D) {
    if (D && !isa<TranslationUnitDecl>(D) && SM.isInSystemHeader(D->getLocation()))
      return true;
    return RecursiveASTVisitor::TraverseDecl(D);
  }
  bool VisitCXXRecordDecl(CXXRecordDecl *RD) {
    if (RD->isThisDeclarationADefinition() && !RD->isDependentContext() &&
        !RD->isDependentType() && !RD->isLambda() && !RD->isInvalidDecl() &&
        !isa<ClassTemplatePartialSpecializationDecl>(RD))
      Records.push_back(RD);
    return true;
  }

  std::vector<const CXXRecordDecl *> Records;

private:
  const SourceManager &SM;
};

} // namespace

bool isStdSharedPtr(QualType T) { return stdClassName(T) == "shared_ptr"; }

TypeOwnershipGraph::TypeOwnershipGraph(ASTContext &Ctx) {
  RecordCollector Collector(Ctx.getSourceManager());
  Collector.TraverseDecl(Ctx.getTranslationUnitDecl());
  for (const CXXRecordDecl *RD : Collector.Records)
    Parent[RD] = RD;
  // A class and the classes it derives from (that are in the graph) form one family.
  for (const CXXRecordDecl *RD : Collector.Records)
    for (const CXXBaseSpecifier &Base : RD->bases())
      if (const CXXRecordDecl *B = Base.getType()->getAsCXXRecordDecl())
        if (Parent.count(B->getDefinition()))
          Parent[find(RD)] = find(B->getDefinition());
  llvm::SmallPtrSet<const CXXRecordDecl *, 32> Seen;
  for (const CXXRecordDecl *RD : Collector.Records) {
    const CXXRecordDecl *Family = find(RD);
    if (Seen.insert(Family).second)
      Families.push_back(Family);
    std::vector<TypeEdge> &Out = Edges[Family];
    for (const FieldDecl *F : RD->fields())
      addMemberEdges(Family, F, F->getType(), /*Many=*/false, Out);
  }
}

const CXXRecordDecl *TypeOwnershipGraph::find(const CXXRecordDecl *RD) const {
  const CXXRecordDecl *Root = RD;
  while (Parent.lookup(Root) != Root)
    Root = Parent.lookup(Root);
  Parent[RD] = Root;
  return Root;
}

const CXXRecordDecl *TypeOwnershipGraph::familyOf(const CXXRecordDecl *RD) const {
  if (!RD || !(RD = RD->getDefinition()) || !Parent.count(RD))
    return nullptr;
  return find(RD);
}

llvm::ArrayRef<TypeEdge> TypeOwnershipGraph::edgesFrom(const CXXRecordDecl *Family) const {
  auto It = Edges.find(Family);
  return It == Edges.end() ? llvm::ArrayRef<TypeEdge>() : llvm::ArrayRef<TypeEdge>(It->second);
}

void TypeOwnershipGraph::addMemberEdges(const CXXRecordDecl *Owner, const FieldDecl *F,
                                        QualType T, bool Many,
                                        std::vector<TypeEdge> &Out) const {
  T = T.getCanonicalType();
  while (const ArrayType *AT = T->getAsArrayTypeUnsafe()) {
    T = AT->getElementType().getCanonicalType();
    Many = true;
  }
  if (T->isReferenceType() || T->isPointerType())
    return; // borrowed, not owned
  llvm::StringRef Std = stdClassName(T);
  if (Std == "shared_ptr" || Std == "unique_ptr") {
    QualType Pointee = firstTemplateArg(T);
    if (!Pointee.isNull())
      if (const CXXRecordDecl *To = familyOf(Pointee->getAsCXXRecordDecl()))
        Out.push_back({Std == "shared_ptr" ? TypeEdge::Kind::Shared : TypeEdge::Kind::Unique,
                       Owner, To, F, Many});
    return;
  }
  if (Std == "weak_ptr" || Std == "function" || Std == "basic_string" ||
      Std == "reference_wrapper" || Std == "basic_string_view" || Std == "span")
    return;
  if (!Std.empty()) {
    // Containers, optional, variant, pair, tuple: whatever they hold, the member holds.
    bool Container = Std != "optional" && Std != "variant" && Std != "pair" && Std != "tuple";
    const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(T->getAsCXXRecordDecl());
    if (!Spec)
      return;
    for (const TemplateArgument &Arg : Spec->getTemplateArgs().asArray()) {
      if (Arg.getKind() == TemplateArgument::Type)
        addMemberEdges(Owner, F, Arg.getAsType(), Many || Container, Out);
      else if (Arg.getKind() == TemplateArgument::Pack)
        for (const TemplateArgument &P : Arg.pack_elements())
          if (P.getKind() == TemplateArgument::Type)
            addMemberEdges(Owner, F, P.getAsType(), Many || Container, Out);
    }
    return;
  }
  if (const CXXRecordDecl *To = familyOf(T->getAsCXXRecordDecl()))
    Out.push_back({TypeEdge::Kind::Contains, Owner, To, F, Many});
}

//===----------------------------------------------------------------------===//
// Stores in one function
//===----------------------------------------------------------------------===//

namespace {

/// Strips what stands between a stored value and the expression the user wrote:
/// conversions to std::function or to a base shared_ptr, temporaries, std::move.
const Expr *strip(const Expr *E) {
  while (E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(E))
      E = M->getSubExpr();
    else if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(E))
      E = B->getSubExpr();
    else if (const auto *C = dyn_cast<CXXConstructExpr>(E); C && C->getNumArgs() >= 1 &&
                                                            !isa<CXXTemporaryObjectExpr>(C))
      E = C->getArg(0);
    else if (const auto *FC = dyn_cast<CXXFunctionalCastExpr>(E))
      E = FC->getSubExpr();
    else if (const Expr *Moved = getMovedOperand(E))
      E = Moved;
    else if (const auto *EWC = dyn_cast<ExprWithCleanups>(E))
      E = EWC->getSubExpr();
    else
      return E;
  }
  return E;
}

/// A handle: a local shared_ptr variable, or `this`.
struct Handle {
  const ValueDecl *Var = nullptr;
  bool Valid = false;
};

Handle localSharedPtr(const Expr *E) {
  if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(E ? E->IgnoreParenImpCasts() : nullptr))
    if (isFunctionLocalStorage(DRE->getDecl()) && isStdSharedPtr(DRE->getType()))
      return {DRE->getDecl(), true};
  return {};
}

/// The object a `shared_from_this()` call shares: `this`, or the handle it is called on.
Handle sharedFromThis(const Expr *E) {
  const auto *Call = dyn_cast_or_null<CXXMemberCallExpr>(E);
  if (!Call || !Call->getMethodDecl() || !Call->getMethodDecl()->getIdentifier() ||
      Call->getMethodDecl()->getName() != "shared_from_this")
    return {};
  const Expr *Obj = Call->getImplicitObjectArgument()->IgnoreParenImpCasts();
  if (isa<CXXThisExpr>(Obj))
    return {nullptr, true};
  if (const auto *Arrow = dyn_cast<CXXOperatorCallExpr>(Obj);
      Arrow && Arrow->getOperator() == OO_Arrow)
    return localSharedPtr(Arrow->getArg(0));
  return {};
}

/// The handle whose object a member access `h->f`, `(*h).f` or `this->f` goes through.
Handle ownerOf(const MemberExpr *ME) {
  const Expr *Base = ME->getBase()->IgnoreParenImpCasts();
  if (isa<CXXThisExpr>(Base))
    return {nullptr, true};
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Base))
    if (Op->getOperator() == OO_Arrow || Op->getOperator() == OO_Star)
      return localSharedPtr(Op->getArg(0));
  return {};
}

/// Adds the stores of \p Value into \p Owner's \p Field.
void addStores(Handle Owner, const FieldDecl *Field, const Expr *Value, const Expr *Store,
               SharedStores &Out) {
  const Expr *V = strip(Value);
  if (!V)
    return;
  if (Handle H = localSharedPtr(V); H.Valid) {
    Out.Stores.push_back({Owner.Var, H.Var, Field, Store});
    return;
  }
  if (Handle H = sharedFromThis(V); H.Valid) {
    Out.Stores.push_back({Owner.Var, H.Var, Field, Store});
    return;
  }
  if (isa<CXXNullPtrLiteralExpr>(V) || isa<InitListExpr>(V) || isa<CXXScalarValueInitExpr>(V)) {
    Out.Resets.push_back({Owner.Var, nullptr, Field, Store});
    return;
  }
  const auto *Lambda = dyn_cast<LambdaExpr>(V);
  if (!Lambda)
    return;
  auto Init = Lambda->capture_init_begin();
  for (const LambdaCapture &C : Lambda->captures()) {
    const Expr *CaptureInit = Init != Lambda->capture_init_end() ? *Init++ : nullptr;
    if (C.getCaptureKind() != LCK_ByCopy || !CaptureInit)
      continue;
    const Expr *Held = strip(CaptureInit);
    Handle H = localSharedPtr(Held);
    if (!H.Valid)
      H = sharedFromThis(Held);
    if (H.Valid)
      Out.Stores.push_back({Owner.Var, H.Var, Field, Store, Lambda});
  }
}

bool isStrongHolder(QualType T) {
  llvm::StringRef Std = stdClassName(T.getNonReferenceType());
  return Std != "weak_ptr" && !T->isPointerType();
}

} // namespace

SharedStores findSharedStores(const FunctionAnalysis &FA) {
  SharedStores Out;
  for (const CFGBlock *B : FA.cfg())
    for (const CFGElement &E : *B) {
      auto S = E.getAs<CFGStmt>();
      if (!S)
        continue;
      const Stmt *St = S->getStmt();
      if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(St)) {
        if (Op->getOperator() != OO_Equal || Op->getNumArgs() != 2)
          continue;
        const Expr *LHS = Op->getArg(0)->IgnoreParenImpCasts();
        if (Handle H = localSharedPtr(LHS); H.Valid) {
          Out.Reassigned.insert(H.Var);
          continue;
        }
        const auto *ME = dyn_cast<MemberExpr>(LHS);
        const auto *F = ME ? dyn_cast<FieldDecl>(ME->getMemberDecl()) : nullptr;
        if (!F || !isStrongHolder(F->getType()))
          continue;
        if (Handle Owner = ownerOf(ME); Owner.Valid)
          addStores(Owner, F, Op->getArg(1), Op, Out);
        continue;
      }
      const auto *Call = dyn_cast<CXXMemberCallExpr>(St);
      if (!Call || !Call->getMethodDecl() || !Call->getMethodDecl()->getIdentifier())
        continue;
      llvm::StringRef Name = Call->getMethodDecl()->getName();
      const Expr *Obj = Call->getImplicitObjectArgument()->IgnoreParenImpCasts();
      if (Handle H = localSharedPtr(Obj); H.Valid) {
        if (Name == "reset" || Name == "swap")
          Out.Reassigned.insert(H.Var);
        continue;
      }
      const auto *ME = dyn_cast<MemberExpr>(Obj);
      const auto *F = ME ? dyn_cast<FieldDecl>(ME->getMemberDecl()) : nullptr;
      if (!F || !isStrongHolder(F->getType()))
        continue;
      Handle Owner = ownerOf(ME);
      if (!Owner.Valid)
        continue;
      if (Name == "reset" || Name == "clear") {
        Out.Resets.push_back({Owner.Var, nullptr, F, Call});
        continue;
      }
      if (Name == "push_back" || Name == "emplace_back" || Name == "push_front" ||
          Name == "emplace_front" || Name == "insert" || Name == "emplace" || Name == "push")
        for (const Expr *Arg : Call->arguments())
          addStores(Owner, F, Arg, Call, Out);
    }
  return Out;
}

} // namespace ownership::passes
