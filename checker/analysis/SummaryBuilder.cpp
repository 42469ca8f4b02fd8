//===- SummaryBuilder.cpp - A function's summary, from its own analysis ---===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/analysis/SummaryBuilder.h"

#include "checker/analysis/ClassOwnership.h"
#include "checker/analysis/FlagOwnership.h"
#include "checker/analysis/ConstructedBorrows.h"
#include "checker/analysis/FunctionAnalysis.h"
#include "checker/analysis/KeptByResult.h"
#include "checker/analysis/NullReturns.h"
#include "checker/analysis/ThisEffect.h"
#include "checker/lowering/BorrowSources.h"
#include "checker/lowering/Cfg.h"
#include "checker/model/StdModel.h"
#include "checker/support/MemberAccess.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/RecursiveASTVisitor.h"

using namespace ownership::lowering;
using namespace ownership::model;
using namespace ownership::passes;

using namespace clang;

namespace ownership::analysis {
namespace {

//===----------------------------------------------------------------------===//
// Heap: from the heap states at the function's exit and returns
//===----------------------------------------------------------------------===//

/// What the pointer parameters' memory has become when the function returns.
void summarizeParams(const FunctionAnalysis &FA, const HeapState &Exit, FunctionSummary &Sum) {
  // Tracked parameters got an Entry fact in the entry block.
  for (const Fact *F : FA.facts().factsOf(FA.cfg().getEntry())) {
    const auto *PA = llvm::dyn_cast<PointerAssignFact>(F);
    if (!PA || PA->getFrom() != PointerAssignFact::From::Entry)
      continue;
    const auto *P = llvm::dyn_cast_or_null<ParmVarDecl>(FA.objects().node(PA->getDest()).Decl);
    if (!P || P->getFunctionScopeIndex() >= Sum.PointerParams.size())
      continue;
    unsigned I = P->getFunctionScopeIndex();
    Pointee E{Pointee::Kind::Entry, PA->getDest()};
    const HeapState::ReleaseSet *Rels = Exit.Freed.lookup(E);
    if (Rels && Exit.MustFreed.contains(E)) {
      // Released on every path that returns: the caller's pointer dangles afterwards.
      bool Adopted = false;
      std::optional<AllocFamily> Family;
      for (const ReleaseFact *R : *Rels) {
        Adopted |= R->getMode() != ReleaseFact::Mode::Now;
        if (!Family)
          Family = R->getFamily();
        else if (*Family != R->getFamily())
          Family = AllocFamily::Unknown;
      }
      if (!Adopted) {
        Sum.PointerParams[I] = PointerParamEffect::Frees;
        Sum.FreeFamilies[I] = Family.value_or(AllocFamily::Unknown);
        continue;
      }
    }
    if (Rels || Exit.Escaped.contains(E))
      continue; // Escapes
    Sum.PointerParams[I] = PointerParamEffect::None;
  }
}

/// The field of `*this` that object \p O is, if it is one.
const FieldDecl *fieldOfThis(const ObjectTable &Objects, ObjectID O) {
  const StorageNode &N = Objects.node(O);
  if (N.K != StorageNode::Kind::Field || !N.Parent ||
      Objects.node(*N.Parent).K != StorageNode::Kind::ThisObject)
    return nullptr;
  return llvm::dyn_cast_or_null<FieldDecl>(N.Decl);
}

/// The family that the release at \p At (a `delete` or a call the model says releases)
/// expects; Unknown when it says none.
AllocFamily releaseFamilyAt(const Stmt *At, const CallEffectsModel &Model) {
  if (const auto *Del = dyn_cast_or_null<CXXDeleteExpr>(At))
    return Del->isArrayForm() ? AllocFamily::NewArray : AllocFamily::New;
  std::optional<CallSite> Site = At ? getCallSite(At) : std::nullopt;
  if (!Site)
    return AllocFamily::Unknown;
  for (const ArgumentEffect &A : Model.effectsOf(*Site).Args)
    if (A.Heap == HeapEffect::Releases)
      return A.Family;
  return AllocFamily::Unknown;
}

/// When \p P, returned in state \p S, is the value an owning pointer member of `*this`
/// held on entry and that member holds something else now (`T *p = p_; p_ = nullptr;
/// return p;`): the family the class releases the member with. The caller owns it then.
std::optional<AllocFamily> handedOverMember(const FunctionAnalysis &FA, const HeapAnalysis &H,
                                            const HeapState &S, const Pointee &P,
                                            const CallEffectsModel &Model) {
  const FieldDecl *F =
      P.K == Pointee::Kind::Opaque ? fieldOfThis(FA.objects(), P.Obj) : nullptr;
  if (!F || !FA.classOwnership() || S.Freed.lookup(P) || S.Escaped.contains(P) ||
      H.pointsTo(S, P.Obj).contains(P))
    return std::nullopt;
  const OwningMember *M = FA.classOwnership()->owningMember(F);
  if (!M || M->S != OwningMember::Shape::Pointer)
    return std::nullopt;
  return releaseFamilyAt(M->ReleasedAt, Model);
}

/// What every return hands back, if each is fresh memory (or null): allocated here,
/// returned by a helper that allocates, or handed over by an owning member.
struct FreshReturn {
  AllocFamily Family;
  bool HandedOver;
};

// Longer than 80 lines: one walk over the returns sorts each returned value into fresh,
// handed over or anything else; split up, each part would repeat the walk.
std::optional<FreshReturn> freshReturn(const FunctionAnalysis &FA, const HeapAnalysis &H,
                                       const CallEffectsModel &Model) {
  bool Fresh = true, AnyHeap = false, HandedOver = false;
  std::optional<AllocFamily> Family;
  auto AddFamily = [&](AllocFamily F) {
    AnyHeap = true;
    if (!Family)
      Family = F;
    else if (*Family != F)
      Family = AllocFamily::Unknown;
  };
  auto AddHeap = [&](ObjectID Site) {
    const AcquireFact *A = H.acquireOf(Site);
    if (!A) {
      Fresh = false;
      return;
    }
    AddFamily(A->getFamily());
  };
  FA.forEachFact([&](const Fact &F) {
    const auto *E = llvm::dyn_cast<EscapeFact>(&F);
    if (!E || E->getVia() != EscapeFact::Via::Return || !Fresh)
      return;
    const HeapState *S = H.stateBefore(*E);
    if (!S)
      return; // unreachable return
    if (std::optional<Pointee> D = E->getDirect()) {
      if (D->K == Pointee::Kind::Heap)
        AddHeap(D->Obj);
      else if (D->K != Pointee::Kind::Null)
        Fresh = false;
      return;
    }
    if (!E->getObject()) {
      Fresh = false;
      return;
    }
    for (const Pointee &P : H.pointsTo(*S, *E->getObject())) {
      if (P.K == Pointee::Kind::Null)
        continue;
      if (P.K == Pointee::Kind::Heap && S->Live.contains(P.Obj) &&
          !S->Dangling.lookup(*E->getObject())) {
        AddHeap(P.Obj);
      } else if (std::optional<AllocFamily> Member = handedOverMember(FA, H, *S, P, Model);
                 Member && !S->Dangling.lookup(*E->getObject())) {
        AddFamily(*Member);
        HandedOver = true;
      } else {
        Fresh = false;
      }
    }
  });
  if (Fresh && AnyHeap)
    return FreshReturn{Family.value_or(AllocFamily::Unknown), HandedOver};
  return std::nullopt;
}

/// A constructor: the pointer fields that hold a parameter's value when it returns.
void summarizeStoredParams(const FunctionAnalysis &FA, const HeapState &Exit,
                           FunctionSummary &Sum) {
  const ObjectTable &Objects = FA.objects();
  for (const auto &[Key, Set] : Exit.Points) {
    const FieldDecl *F = fieldOfThis(Objects, Key);
    if (!F || ++Set.begin() != Set.end() || Set.begin()->K != Pointee::Kind::Entry)
      continue;
    const auto *P = llvm::dyn_cast_or_null<ParmVarDecl>(Objects.node(Set.begin()->Obj).Decl);
    if (!P || P->getFunctionScopeIndex() >= Sum.StoredInField.size() ||
        Exit.Freed.lookup(*Set.begin()))
      continue;
    Sum.StoredInField[P->getFunctionScopeIndex()] = F;
  }
}

/// A copy or move constructor: the pointer fields that hold the source's same field's
/// value when it returns.
void summarizeCopiedFields(const FunctionAnalysis &FA, const HeapState &Exit,
                           FunctionSummary &Sum) {
  const ObjectTable &Objects = FA.objects();
  for (const auto &[Key, Set] : Exit.Points) {
    const FieldDecl *F = fieldOfThis(Objects, Key);
    if (!F || ++Set.begin() != Set.end() || Set.begin()->K != Pointee::Kind::Opaque)
      continue;
    // The source's field: a field of the parameter, read and never assigned here.
    const StorageNode &Src = Objects.node(Set.begin()->Obj);
    if (Src.K != StorageNode::Kind::Field || Src.Decl != F || !Src.Parent ||
        Objects.node(*Src.Parent).K != StorageNode::Kind::Param)
      continue;
    Sum.CopiedFields.push_back(F);
  }
}

/// A destructor: the pointer fields of `*this` whose memory it releases on every path.
void summarizeFreedFields(const FunctionAnalysis &FA, const HeapState &Exit,
                          FunctionSummary &Sum) {
  for (const auto &[Target, Rels] : Exit.Freed) {
    // A field without an entry value points to its own opaque value on entry.
    if (Target.K != Pointee::Kind::Opaque || !Exit.MustFreed.contains(Target))
      continue;
    const FieldDecl *F = fieldOfThis(FA.objects(), Target.Obj);
    if (!F)
      continue;
    std::optional<AllocFamily> Family;
    bool Now = true;
    for (const ReleaseFact *R : Rels) {
      Now &= R->getMode() == ReleaseFact::Mode::Now;
      Family = !Family || *Family == R->getFamily() ? R->getFamily() : AllocFamily::Unknown;
    }
    if (Now && Family)
      Sum.FreedFields.push_back({F, *Family});
  }
}

void summarizeHeap(const FunctionDecl *Def, const FunctionAnalysis &FA, FunctionSummary &Sum,
                   const CallEffectsModel &Model) {
  Sum.PointerParams.assign(Def->getNumParams(), PointerParamEffect::Escapes);
  Sum.FreeFamilies.assign(Def->getNumParams(), AllocFamily::Unknown);
  // A body that does not compile, or is too big, says nothing; one whose heap pass gave up
  // or that never returns keeps every parameter, as far as callers can tell.
  if (FA.isSkipped())
    return;
  Sum.HasHeap = true;
  const HeapAnalysis *H = FA.heap();
  if (!H)
    return;
  const HeapState *Exit = H->exitState();
  if (!Exit)
    return;
  summarizeParams(FA, *Exit, Sum);
  Sum.KeptByResults = keptByResult(Def, FA, Sum.PointerParams);
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Def)) {
    Sum.StoredInField.assign(Def->getNumParams(), nullptr);
    summarizeStoredParams(FA, *Exit, Sum);
    if (Ctor->isCopyOrMoveConstructor())
      summarizeCopiedFields(FA, *Exit, Sum);
  }
  if (isa<CXXDestructorDecl>(Def))
    summarizeFreedFields(FA, *Exit, Sum);
  if (Def->getReturnType()->isPointerType())
    if (std::optional<FreshReturn> R = freshReturn(FA, *H, Model)) {
      Sum.ReturnsFresh = R->Family;
      Sum.ReturnsHandedOver = R->HandedOver;
    }
  if (Sum.ReturnsFresh)
    Sum.ReturnsNullWhenZero = nullReturnsWhenZero(Def, FA.cfg());
}

//===----------------------------------------------------------------------===//
// Moves: the rvalue-reference parameters the body hands to a consumer
//===----------------------------------------------------------------------===//

/// Finds the places where a body hands one of its parameters to std::move, std::forward
/// or a `T&&` cast.
class MovedParamFinder : public RecursiveASTVisitor<MovedParamFinder> {
public:
  explicit MovedParamFinder(const FunctionDecl *FD) : FD(FD) {}

  bool VisitExpr(Expr *E) {
    if (const Expr *Operand = getMovedOperand(E))
      if (const auto *DRE = dyn_cast<DeclRefExpr>(Operand->IgnoreParenImpCasts()))
        if (const auto *P = dyn_cast<ParmVarDecl>(DRE->getDecl()))
          if (P->getDeclContext() == FD && P->getFunctionScopeIndex() < FD->getNumParams())
            Found.push_back({P->getFunctionScopeIndex(), E->IgnoreParenImpCasts()});
    return true;
  }

  struct MovedParam {
    unsigned Index;
    const Expr *MoveCall;
  };
  llvm::SmallVector<MovedParam, 4> Found;

private:
  const FunctionDecl *FD;
};

/// True when \p MoveCall, a `std::move(param)`-like expression, may be consumed: anything
/// but an argument bound to a `const T&` parameter, or to a `T&&` parameter of a callee
/// that does not consume it in turn (nlohmann's concat_length).
bool isConsumed(const Expr *MoveCall, const ParentMap &Parents, const CallEffectsModel &Model) {
  const Stmt *P = Parents.getParentIgnoreParenImpCasts(const_cast<Expr *>(MoveCall));
  std::optional<CallSite> Site = P ? getCallSite(P) : std::nullopt;
  if (!Site || !Site->Callee)
    return true;
  for (unsigned I = 0; I < Site->Args.size(); ++I) {
    if (Site->Args[I]->IgnoreParenImpCasts() != MoveCall)
      continue;
    QualType PT;
    if (I < Site->Callee->getNumParams())
      PT = Site->Callee->getParamDecl(I)->getType();
    if (PT.isNull() || !PT->isReferenceType())
      return true;
    bool ConsumingRef = PT->isRValueReferenceType() && !PT->getPointeeType().isConstQualified();
    return ConsumingRef && Model.mayConsume(Site->Callee, I);
  }
  return true; // the object of a member call
}

llvm::SmallBitVector consumedParams(const FunctionDecl *Def, const CallEffectsModel &Model) {
  llvm::SmallBitVector Bits(Def->getNumParams());
  MovedParamFinder Finder(Def);
  Finder.TraverseDecl(const_cast<FunctionDecl *>(Def));
  if (Finder.Found.empty())
    return Bits;
  ParentMap Parents(Def->getBody());
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Def))
    for (const CXXCtorInitializer *Init : Ctor->inits())
      if (Init->getInit())
        Parents.addStmt(Init->getInit());
  for (const MovedParamFinder::MovedParam &M : Finder.Found)
    if (!Bits.test(M.Index) && isConsumed(M.MoveCall, Parents, Model))
      Bits.set(M.Index);
  return Bits;
}

//===----------------------------------------------------------------------===//
// Borrows: which inputs the returned reference, pointer or view borrows from
//===----------------------------------------------------------------------===//

/// Collects the return statements of one function body, not of the lambdas in it.
class ReturnFinder : public RecursiveASTVisitor<ReturnFinder> {
public:
  llvm::SmallVector<const ReturnStmt *, 4> Returns;
  bool VisitReturnStmt(ReturnStmt *R) {
    Returns.push_back(R);
    return true;
  }
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool TraverseDecl(Decl *D) {
    return D && isa<FunctionDecl>(D) ? true : RecursiveASTVisitor::TraverseDecl(D);
  }
};

/// Functions with more return statements than this are not inferred (generated code).
constexpr unsigned MaxReturns = 16;
/// Locals followed back to their initializers at most this deep.
constexpr unsigned MaxLocalHops = 4;

/// Follows the locals among \p Found back to their initializers:
/// `auto it = m.find(k); return it->second;` borrows from m.
void followLocals(BorrowSources &Found, ObjectTable &Scratch, BorrowSourceFinder &Sources) {
  for (unsigned Hop = 0; Hop < MaxLocalHops; ++Hop) {
    BorrowSources Next;
    bool Followed = false;
    for (const BorrowSource &S : Found) {
      const StorageNode &N = Scratch.node(S.Obj);
      const auto *VD = dyn_cast_or_null<VarDecl>(N.Decl);
      if (S.IsCopy && N.K == StorageNode::Kind::Local && VD && VD->getInit()) {
        if (VD->getType()->isReferenceType())
          Sources.referent(VD->getInit(), LoanClass::Object, Next);
        else
          Sources.value(VD->getInit(), Next);
        Followed = true;
        continue;
      }
      Next.push_back(S);
    }
    Found = std::move(Next);
    if (!Followed)
      return;
  }
}

/// Records in \p Sum the parameter or implicit object that source \p S is rooted at.
void addReturnedInput(const FunctionDecl *Def, const ObjectTable &Scratch, const BorrowSource &S,
                      FunctionSummary &Sum) {
  // The root of the storage: `p.name` is rooted at parameter p.
  ObjectID Root = S.Obj;
  while (Scratch.node(Root).Parent)
    Root = *Scratch.node(Root).Parent;
  const StorageNode &N = Scratch.node(Root);
  if (N.K == StorageNode::Kind::ThisObject && !S.IsCopy) {
    Sum.ReturnBorrowsThis = true;
    return;
  }
  if (N.K != StorageNode::Kind::Param)
    return;
  const auto *PVD = cast<ParmVarDecl>(N.Decl);
  // A loan on a by-value parameter is a borrow of the callee's own copy: it dangles inside
  // the callee, and says nothing about the caller's argument.
  if (!S.IsCopy && !PVD->getType()->isReferenceType())
    return;
  // A copy of a parameter's value: only a borrower parameter carries loans.
  if (S.IsCopy && Root != S.Obj)
    return;
  unsigned Index = PVD->getFunctionScopeIndex();
  if (PVD->getDeclContext() == Def && Index < Sum.ReturnBorrowsParams.size())
    Sum.ReturnBorrowsParams.set(Index);
}

void summarizeReturnBorrows(const FunctionDecl *Def, const CallEffectsModel &Model,
                            FunctionSummary &Sum) {
  Sum.ReturnBorrowsParams.resize(Def->getNumParams());
  ReturnFinder Finder;
  Finder.TraverseStmt(Def->getBody());
  if (Finder.Returns.size() > MaxReturns)
    return;
  // A scratch graph: its nodes only name the function's parameters and locals.
  ObjectTable Scratch;
  BorrowSourceFinder Sources(Scratch, Model);
  bool ReturnsRef = Def->getReturnType()->isReferenceType();
  for (const ReturnStmt *Ret : Finder.Returns) {
    if (!Ret->getRetValue())
      continue;
    BorrowSources Found;
    if (ReturnsRef)
      Sources.referent(Ret->getRetValue(), LoanClass::Object, Found);
    else
      Sources.value(Ret->getRetValue(), Found);
    followLocals(Found, Scratch, Sources);
    for (const BorrowSource &S : Found)
      addReturnedInput(Def, Scratch, S, Sum);
  }
}

//===----------------------------------------------------------------------===//
// Invalidations: what the body does to the containers its parameters refer to
//===----------------------------------------------------------------------===//

/// The parameter of \p Def that \p E names, through `&p` and `*p`.
const ParmVarDecl *paramNamed(const Expr *E, const FunctionDecl *Def) {
  E = E->IgnoreParenImpCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    if (UO->getOpcode() == UO_AddrOf || UO->getOpcode() == UO_Deref)
      E = UO->getSubExpr()->IgnoreParenImpCasts();
  const auto *DRE = dyn_cast<DeclRefExpr>(E);
  const auto *P = DRE ? dyn_cast<ParmVarDecl>(DRE->getDecl()) : nullptr;
  return P && P->getDeclContext() == Def ? P : nullptr;
}

/// Collects what one function body does to the containers its parameters refer to and,
/// for a member function, to the container members of `*this`: the invalidating member
/// calls on them, the calls that pass them on, and (for members) the member functions it
/// calls on `*this`. Only what invalidates every element is a summary's business: which
/// element a `pop_back` in the callee removes is not known to the caller.
class ContainerMutationFinder : public RecursiveASTVisitor<ContainerMutationFinder> {
public:
  ContainerMutationFinder(const FunctionDecl *Def, const CallEffectsModel &Model,
                          llvm::SmallVectorImpl<unsigned> &Masks, bool Members,
                          FunctionSummary &Sum)
      : Def(Def), Model(Model), Masks(Masks), Members(Members), Sum(Sum) {}

  bool VisitCallExpr(CallExpr *Call) {
    std::optional<CallSite> Site = getCallSite(Call);
    if (!Site || !Site->Callee)
      return true;
    if (Site->Object) {
      if (std::optional<Invalidation> Inv =
              invalidationOf(dyn_cast<CXXMethodDecl>(Site->Callee), &Model.containers(),
                             Site->Object->getType());
          Inv && Inv->Only.empty() && !Inv->ErasesKey)
        add(Site->Object, Inv->Mask);
      if (Members && isa<CXXThisExpr>(Site->Object->IgnoreParenImpCasts()))
        for (const auto &[F, Mask] : Model.memberInvalidations(Site->Callee))
          addMember(F, Mask);
    }
    llvm::ArrayRef<unsigned> Inner = Model.paramInvalidations(Site->Callee);
    for (unsigned I = 0; I < Site->Args.size() && I < Inner.size(); ++I)
      if (Inner[I])
        add(Site->Args[I], Inner[I]);
    return true;
  }
  // A lambda's body runs when it is called, which we do not follow.
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }

private:
  /// Records \p Mask for the parameter or member of `*this` that \p E names.
  void add(const Expr *E, unsigned Mask) {
    if (const ParmVarDecl *P = paramNamed(E, Def)) {
      if (unsigned Index = P->getFunctionScopeIndex(); Index < Masks.size())
        Masks[Index] |= Mask;
    } else if (const FieldDecl *F = Members ? memberOfThis(E) : nullptr) {
      addMember(F, Mask);
    }
  }
  void addMember(const FieldDecl *F, unsigned Mask) {
    for (auto &[Field, Known] : Sum.MemberInvalidations)
      if (Field == F) {
        Known |= Mask;
        return;
      }
    Sum.MemberInvalidations.push_back({F, Mask});
  }
  const FunctionDecl *Def;
  const CallEffectsModel &Model;
  llvm::SmallVectorImpl<unsigned> &Masks;
  bool Members;
  FunctionSummary &Sum;
};

/// What \p E returns as it is: through parentheses, qualification and base conversions,
/// cleanups and the elided copy of an iterator; not through a read of the element's value
/// (`Instruction *get(Id i) { return byId_[i]; }` returns the pointer stored there, which
/// borrows nothing of the vector).
const Expr *returnedAsItIs(const Expr *E) {
  while (E) {
    E = E->IgnoreParens();
    if (const auto *Cast = dyn_cast<ImplicitCastExpr>(E);
        Cast && (Cast->getCastKind() == CK_NoOp || Cast->getCastKind() == CK_DerivedToBase ||
                 Cast->getCastKind() == CK_UncheckedDerivedToBase))
      E = Cast->getSubExpr();
    else if (const auto *Full = dyn_cast<FullExpr>(E))
      E = Full->getSubExpr();
    else if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(E))
      E = Bind->getSubExpr();
    else if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(E))
      E = MTE->getSubExpr();
    else if (const auto *Copy = dyn_cast<CXXConstructExpr>(E);
             Copy && Copy->isElidable() && Copy->getNumArgs() == 1)
      E = Copy->getArg(0);
    else
      return E;
  }
  return E;
}

/// The container member of `*this` and the loan, when every return of \p Def hands out
/// an element of it, or an iterator into it (`return items_[i];`, `return
/// items_.begin();`).
void summarizeReturnedElement(const FunctionDecl *Def, FunctionSummary &Sum) {
  struct Finder : RecursiveASTVisitor<Finder> {
    const FieldDecl *Field = nullptr;
    std::optional<LoanClass> Loan;
    bool Other = false;
    bool VisitReturnStmt(ReturnStmt *R) {
      std::optional<CallSite> Site =
          R->getRetValue() ? getCallSite(returnedAsItIs(R->getRetValue())) : std::nullopt;
      const FieldDecl *F = Site && Site->Object ? memberOfThis(Site->Object) : nullptr;
      std::optional<LoanClass> C =
          F ? ownerAccessorLoan(dyn_cast_or_null<CXXMethodDecl>(Site->Callee)) : std::nullopt;
      if (!C || (Field && (Field != F || *Loan != *C)))
        Other = true;
      Field = F;
      Loan = C;
      return !Other;
    }
    bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  } V;
  V.TraverseStmt(Def->getBody());
  if (V.Other || !V.Field || !isOwnerType(V.Field->getType()))
    return;
  Sum.ReturnsElementOf = V.Field;
  Sum.ReturnsElementLoan = *V.Loan;
}

void summarizeInvalidations(const FunctionDecl *Def, const CallEffectsModel &Model,
                            FunctionSummary &Sum) {
  const auto *M = dyn_cast<CXXMethodDecl>(Def);
  bool Members = M && M->isInstance() && !isa<CXXConstructorDecl, CXXDestructorDecl>(M);
  llvm::SmallVector<unsigned, 4> Masks(Def->getNumParams(), 0);
  ContainerMutationFinder(Def, Model, Masks, Members, Sum).TraverseStmt(Def->getBody());
  if (llvm::any_of(Masks, [](unsigned Mask) { return Mask != 0; }))
    Sum.ParamInvalidations = std::move(Masks);
  if (Members)
    summarizeReturnedElement(Def, Sum);
}

//===----------------------------------------------------------------------===//
// NoReturn: every path of the body ends in a call that does not return, or a throw
//===----------------------------------------------------------------------===//

/// True when \p S ends its path: a throw, or a call the model says never returns.
bool endsPath(const Stmt *S, const CallEffectsModel &Model) {
  if (isa<CXXThrowExpr>(S))
    return true;
  std::optional<CallSite> Site = getCallSite(S);
  return Site && Model.neverReturns(Site->Callee);
}

/// Finds whether a body (not its lambdas) has anything that ends a path at all: most
/// bodies have not, and need no CFG.
class PathEndFinder : public RecursiveASTVisitor<PathEndFinder> {
public:
  explicit PathEndFinder(const CallEffectsModel &Model) : Model(Model) {}
  bool VisitStmt(Stmt *S) {
    Found = Found || endsPath(S, Model);
    return !Found;
  }
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool Found = false;

private:
  const CallEffectsModel &Model;
};

/// True when no path from the entry of \p Def's body reaches its exit without passing a
/// throw or a call that does not return (declared so, or summarised so before: callees come
/// first). \p FA's CFG is used when there is one.
bool neverReturns(const FunctionDecl *Def, const FunctionAnalysis *FA,
                  const CallEffectsModel &Model) {
  PathEndFinder Finder(Model);
  Finder.TraverseStmt(Def->getBody());
  if (!Finder.Found)
    return false;
  std::unique_ptr<CFG> Own;
  const CFG *Cfg = FA && !FA->isSkipped() ? &FA->cfg() : nullptr;
  if (!Cfg) {
    Own = buildFunctionCfg(Def, Def->getBody(), Def->getASTContext());
    Cfg = Own.get();
  }
  if (!Cfg)
    return false;
  llvm::BitVector Seen(Cfg->getNumBlockIDs());
  llvm::SmallVector<const CFGBlock *, 16> Work{&Cfg->getEntry()};
  Seen.set(Cfg->getEntry().getBlockID());
  while (!Work.empty()) {
    const CFGBlock *B = Work.pop_back_val();
    if (B == &Cfg->getExit())
      return false;
    bool Ends = B->hasNoReturnElement();
    for (const CFGElement &E : *B)
      if (std::optional<CFGStmt> CS = E.getAs<CFGStmt>(); !Ends && CS)
        // A throw goes to the exit block (it leaves the function) or to a handler.
        Ends = isa<CXXThrowExpr>(CS->getStmt()) ? !B->succ_empty() &&
                                                      *B->succ_begin() == &Cfg->getExit()
                                                : endsPath(CS->getStmt(), Model);
    if (Ends)
      continue;
    for (const CFGBlock *Succ : B->succs())
      if (Succ && !Seen.test(Succ->getBlockID())) {
        Seen.set(Succ->getBlockID());
        Work.push_back(Succ);
      }
  }
  return true;
}

} // namespace

FunctionSummary summarize(const FunctionDecl *Def, SummaryParts Parts, const FunctionAnalysis *FA,
                          const CallEffectsModel &Model) {
  FunctionSummary Sum;
  if (Parts.Heap && FA)
    summarizeHeap(Def, *FA, Sum, Model);
  // Ownership under a flag member: read from the statements, whatever the heap pass did.
  if (Parts.Heap) {
    if (const auto *Dtor = dyn_cast<CXXDestructorDecl>(Def))
      Sum.FlagReleases = flagReleases(Dtor, Model);
    if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Def))
      Sum.StoredFlags = storedFlags(Ctor);
  }
  if (Parts.Moves)
    Sum.ConsumedParams = consumedParams(Def, Model);
  if (Parts.Borrows)
    summarizeReturnBorrows(Def, Model, Sum);
  if (Parts.Invalidations)
    summarizeInvalidations(Def, Model, Sum);
  if (Parts.NoReturn)
    Sum.NoReturn = neverReturns(Def, FA, Model);
  if (Parts.This)
    summarizeThis(Def, Model, Sum);
  if (Parts.Constructs)
    summarizeConstructedBorrows(cast<CXXConstructorDecl>(Def), Model, Sum);
  return Sum;
}

} // namespace ownership::analysis
