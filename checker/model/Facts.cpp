//===- Facts.cpp - Ownership events of one function -----------------------===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/model/Facts.h"

#include "clang/AST/ExprCXX.h"

namespace ownership::model {

bool AcquireFact::runsUserConstructor() const {
  const auto *New = llvm::dyn_cast<clang::CXXNewExpr>(getAllocExpr());
  if (!New)
    return false;
  const clang::CXXConstructExpr *Construct = New->getConstructExpr();
  return Construct && Construct->getConstructor()->isUserProvided();
}

void dumpPointee(llvm::raw_ostream &OS, const Pointee &P, const ObjectTable &Objects) {
  switch (P.K) {
  case Pointee::Kind::Null:
    OS << "null";
    return;
  case Pointee::Kind::Heap:
    OS << "site " << P.Obj.Value;
    return;
  case Pointee::Kind::NonHeap:
    OS << "&" << Objects.name(P.Obj);
    return;
  case Pointee::Kind::Entry:
    OS << "entry(" << Objects.name(P.Obj) << ")";
    return;
  case Pointee::Kind::Opaque:
    OS << "opaque(" << Objects.name(P.Obj) << ")";
    return;
  case Pointee::Kind::Unknown:
    OS << "unknown";
    return;
  }
  llvm_unreachable("unknown pointee kind");
}

// Longer than 80 lines: one case per fact kind, each a line or two of output.
void Fact::dump(llvm::raw_ostream &OS, const ObjectTable &Objects) const {
  switch (K) {
  case Kind::Move:
    OS << "Move " << Objects.name(llvm::cast<MoveFact>(this)->getObject());
    return;
  case Kind::Use:
    OS << "Use " << Objects.name(llvm::cast<UseFact>(this)->getObject());
    return;
  case Kind::Reinit:
    OS << "Reinit " << Objects.name(llvm::cast<ReinitFact>(this)->getObject());
    return;
  case Kind::ScopeEnd:
    OS << "ScopeEnd " << Objects.name(llvm::cast<ScopeEndFact>(this)->getObject());
    return;
  case Kind::TestPoint:
    OS << "TestPoint " << llvm::cast<TestPointFact>(this)->getName();
    return;
  case Kind::Acquire: {
    const auto *A = llvm::cast<AcquireFact>(this);
    OS << "Acquire " << A->getAllocator() << " site " << A->getSite().Value;
    if (A->getDest())
      OS << " -> " << Objects.name(*A->getDest());
    if (A->isDiscarded())
      OS << " discarded";
    return;
  }
  case Kind::Release: {
    const auto *R = llvm::cast<ReleaseFact>(this);
    static const char *Modes[] = {"", " adopt", " realloc"};
    OS << "Release " << R->getReleaser() << Modes[static_cast<int>(R->getMode())] << " ";
    if (R->getPointer())
      OS << Objects.name(*R->getPointer());
    else if (R->getDirect())
      dumpPointee(OS, *R->getDirect(), Objects);
    return;
  }
  case Kind::Access:
    OS << "Access " << Objects.name(llvm::cast<AccessFact>(this)->getPointer());
    if (llvm::cast<AccessFact>(this)->isValueOnly())
      OS << " (value)";
    return;
  case Kind::Escape: {
    const auto *E = llvm::cast<EscapeFact>(this);
    static const char *Vias[] = {"return", "store", "call", "capture", "other"};
    OS << "Escape " << Vias[static_cast<int>(E->getVia())] << " ";
    if (E->getObject())
      OS << Objects.name(*E->getObject());
    else if (E->getDirect())
      dumpPointee(OS, *E->getDirect(), Objects);
    return;
  }
  case Kind::PointerAssign: {
    const auto *P = llvm::cast<PointerAssignFact>(this);
    static const char *Froms[] = {"null",   "copy", "address", "entry",
                                  "opaque", "own",  "disown",  "advance"};
    OS << "PointerAssign " << Objects.name(P->getDest()) << " = "
       << Froms[static_cast<int>(P->getFrom())];
    if (P->getSource())
      OS << " " << Objects.name(*P->getSource());
    if (P->getFrom() == PointerAssignFact::From::Advance) {
      if (P->getDelta())
        OS << " by " << *P->getDelta();
      else
        OS << " by unknown";
    }
    return;
  }
  case Kind::Borrow:
  case Kind::BorrowEscape: {
    const BorrowedValue &V = K == Kind::Borrow ? llvm::cast<BorrowFact>(this)->getValue()
                                               : llvm::cast<BorrowEscapeFact>(this)->getValue();
    if (K == Kind::Borrow)
      OS << "Borrow " << Objects.name(llvm::cast<BorrowFact>(this)->getBorrower()) << " <-";
    else if (const auto *E = llvm::cast<BorrowEscapeFact>(this); E->getPlace()) {
      static const char *Intos[] = {"return", "replace", "add", "clear", "detach"};
      OS << "BorrowEscape " << Intos[static_cast<int>(E->getInto())] << " "
         << Objects.name(*E->getPlace()) << " <-";
    } else {
      OS << "BorrowEscape";
    }
    static const char *Classes[] = {"object", "element", "iterator"};
    for (const Loan *L : V.Loans)
      OS << " loan(" << Objects.name(L->Owner) << ", " << Classes[static_cast<int>(L->Class)]
         << ")";
    for (ObjectID From : V.CopiedFrom)
      OS << " copy(" << Objects.name(From) << ")";
    return;
  }
  case Kind::Invalidate: {
    const auto *I = llvm::cast<InvalidateFact>(this);
    OS << "Invalidate " << Objects.name(I->getOwner());
    if (I->getBorrower())
      OS << " held by " << Objects.name(*I->getBorrower());
    else
      OS << (I->invalidates(LoanClass::ElementRef) ? " references" : "")
         << (I->invalidates(LoanClass::ElementIter) ? " iterators" : "");
    return;
  }
  case Kind::NullTest: {
    const auto *N = llvm::cast<NullTestFact>(this);
    OS << "NullTest " << Objects.name(N->getPointer())
       << (N->isNullOnTrueBranch() ? " null-on-true" : " null-on-false");
    if (N->getStorage())
      OS << " (against &" << Objects.name(*N->getStorage()) << ")";
    return;
  }
  case Kind::ValueTest: {
    const auto *V = llvm::cast<ValueTestFact>(this);
    OS << "ValueTest " << Objects.name(V->getVar()) << " == " << V->getValue()
       << (V->isEqualOnTrueBranch() ? " on-true" : " on-false");
    if (V->getKnown())
      OS << " (known " << *V->getKnown() << ")";
    if (V->isOncePerCall())
      OS << " once-per-call";
    return;
  }
  case Kind::KeepTest: {
    const auto *K = llvm::cast<KeepTestFact>(this);
    OS << "KeepTest " << Objects.name(K->getPointer()) << " kept"
       << (K->mayBeKeptOn(0) ? " on-true" : "") << (K->mayBeKeptOn(1) ? " on-false" : "");
    return;
  }
  case Kind::SharedStore: {
    const auto *S = llvm::cast<SharedStoreFact>(this);
    static const char *Actions[] = {"store", "reset", "reassign"};
    OS << "SharedStore " << Actions[static_cast<int>(S->getAction())] << " "
       << Objects.name(S->getOwner());
    if (S->getField())
      OS << "->" << S->getField()->getName();
    if (S->getOwned())
      OS << " <- " << Objects.name(*S->getOwned()) << (S->getViaLambda() ? " (captured)" : "");
    return;
  }
  }
  llvm_unreachable("unknown fact kind");
}

size_t FactManager::size() const {
  size_t N = 0;
  for (const auto &Facts : BlockFacts)
    N += Facts.size();
  return N;
}

void FactManager::dump(llvm::raw_ostream &OS, const clang::CFG &Cfg,
                       const ObjectTable &Objects) const {
  for (const clang::CFGBlock *B : Cfg) {
    OS << "  B" << B->getBlockID() << ":\n";
    for (const Fact *F : factsOf(*B)) {
      OS << "    ";
      F->dump(OS, Objects);
      OS << "\n";
    }
  }
}

//===----------------------------------------------------------------------===//
// Elements of a container
//===----------------------------------------------------------------------===//

namespace {

/// The expression a key argument is written as, under the conversions and temporaries
/// that bind it to `const key_type&` (`m.erase("x")` builds a `std::string`).
const clang::Expr *keyExpression(const clang::Expr *E) {
  for (int I = 0; I < 8 && E; ++I) {
    E = E->IgnoreParenImpCasts();
    if (const auto *FE = llvm::dyn_cast<clang::FullExpr>(E))
      E = FE->getSubExpr();
    else if (const auto *MTE = llvm::dyn_cast<clang::MaterializeTemporaryExpr>(E))
      E = MTE->getSubExpr();
    else if (const auto *BTE = llvm::dyn_cast<clang::CXXBindTemporaryExpr>(E))
      E = BTE->getSubExpr();
    else if (const auto *CE = llvm::dyn_cast<clang::CXXConstructExpr>(E);
             CE && CE->getNumArgs() >= 1 && !CE->getArg(0)->isDefaultArgument() &&
             (CE->getNumArgs() == 1 || CE->getArg(1)->isDefaultArgument()))
      E = CE->getArg(0);
    else
      return E;
  }
  return E;
}

} // namespace

bool sameKey(const clang::Expr *A, const clang::Expr *B) {
  if (!A || !B)
    return false;
  A = keyExpression(A);
  B = keyExpression(B);
  if (const auto *IA = llvm::dyn_cast<clang::IntegerLiteral>(A)) {
    const auto *IB = llvm::dyn_cast<clang::IntegerLiteral>(B);
    return IB && llvm::APInt::isSameValue(IA->getValue(), IB->getValue());
  }
  if (const auto *CA = llvm::dyn_cast<clang::CharacterLiteral>(A)) {
    const auto *CB = llvm::dyn_cast<clang::CharacterLiteral>(B);
    return CB && CA->getValue() == CB->getValue();
  }
  if (const auto *SA = llvm::dyn_cast<clang::StringLiteral>(A)) {
    const auto *SB = llvm::dyn_cast<clang::StringLiteral>(B);
    return SB && SA->getBytes() == SB->getBytes() && SA->getCharByteWidth() == SB->getCharByteWidth();
  }
  const auto *DA = llvm::dyn_cast<clang::DeclRefExpr>(A);
  const auto *DB = llvm::dyn_cast<clang::DeclRefExpr>(B);
  if (!DA || !DB || DA->getDecl()->getCanonicalDecl() != DB->getDecl()->getCanonicalDecl())
    return false;
  if (llvm::isa<clang::EnumConstantDecl>(DA->getDecl()))
    return true;
  // A variable keeps its value only if nothing can assign it: a const object, or a
  // reference to one (which, in a well-formed program, nothing in this function changes).
  // A const local declared in a loop body has a new value in each iteration, so only
  // parameters and variables with static storage count.
  const auto *VD = llvm::dyn_cast<clang::VarDecl>(DA->getDecl());
  if (!VD || (!llvm::isa<clang::ParmVarDecl>(VD) && !VD->hasGlobalStorage()))
    return false;
  clang::QualType T = VD->getType();
  if (T->isReferenceType())
    T = T->getPointeeType();
  return T.isConstQualified() && !T->isPointerType();
}

bool ElementSelector::overlaps(const ElementSelector &Other) const {
  if (Positions & Other.Positions)
    return true;
  return Key && Other.Key && sameKey(Key, Other.Key);
}

} // namespace ownership::model
