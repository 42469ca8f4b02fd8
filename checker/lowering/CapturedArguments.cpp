//===- CapturedArguments.cpp - Borrows that a call hands to another object ===//
//
// Part of ownership-checker, under the MIT license.
//
// The part of the borrow lowering for `[[clang::lifetime_capture_by(X)]]`: after
// `set.insert(std::string("x"))` on an `insert(std::string_view s
// [[clang::lifetime_capture_by(this)]])`, `set` borrows the temporary as well as what it
// borrowed before; a capturer that outlives the frame stores it. `global` and `unknown`
// name no storage of the frame: the callee keeps the argument where the function cannot
// see it, in a place that nothing clears: the static node of the callee's declaration (a
// place whose declaration is a function stands for such storage). With `global` that
// storage lives as long as the program (Rust's `'static`): a temporary or a local of the
// frame handed to it outlives the function. With `unknown` the capturer may be a local
// that dies first: only a temporary, which dies at the end of the full-expression, is sure
// to be outlived (what Clang's -Wdangling-capture warns about).
//===----------------------------------------------------------------------===//
#include "checker/lowering/BorrowLowering.h"

#include "checker/model/StdContainers.h"

#include "clang/AST/ExprCXX.h"

using namespace ownership::model;

using namespace clang;

namespace ownership::lowering {
namespace {

/// The object expression \p Keeper (an argument or a member call's object) stands for,
/// through a pointer when it is one: `&x` is x. Null for a pointer whose pointee is not
/// followed; \p IsThis is set for `this`.
const Expr *keptObject(const Expr *Keeper, bool &IsThis) {
  IsThis = false;
  if (!Keeper->getType()->isPointerType())
    return Keeper;
  const Expr *Bare = Keeper->IgnoreParenImpCasts();
  if (isa<CXXThisExpr>(Bare)) {
    IsThis = true;
    return nullptr;
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(Bare); UO && UO->getOpcode() == UO_AddrOf)
    return UO->getSubExpr();
  return nullptr;
}

} // namespace

bool BorrowLowering::carriesLoans(QualType T) {
  return isBorrowerType(T) || mayHoldBorrows(T);
}

void BorrowLowering::lowerCapturedArguments(const CFGBlock &B, const LoweredCall &Call) {
  const CallSite &Site = Call.Site;
  for (unsigned I = 0; I < Site.Args.size() && I < Call.Effects.Args.size(); ++I) {
    llvm::ArrayRef<compat::CaptureTarget> Keepers = Call.Effects.Args[I].CapturedBy;
    if (Keepers.empty())
      continue;
    QualType PT = Site.paramType(I);
    BorrowSources Sources = sourcesOf(Site.Args[I], !PT.isNull() && PT->isReferenceType());
    if (Sources.empty())
      continue;
    auto captureBeyondFrame = [&](BorrowSources Kept, bool Global) {
      if (!Global)
        llvm::erase_if(Kept, [&](const BorrowSource &S) {
          return S.IsCopy ||
                 Objects.node(Objects.root(S.Obj)).K != StorageNode::Kind::Temporary;
        });
      if (Kept.empty() || !Site.Callee)
        return;
      ObjectID Place = Objects.getStatic(Site.Callee->getCanonicalDecl());
      Facts.append(B, Facts.create<BorrowEscapeFact>(allocate(Kept), Site.E,
                                                     BorrowEscapeFact::Into::Add, Place));
    };
    for (const compat::CaptureTarget &T : Keepers) {
      const Expr *Keeper = nullptr;
      if (T.K == compat::CaptureTarget::Kind::This)
        Keeper = Site.Object;
      else if (T.K == compat::CaptureTarget::Kind::Param && T.Param < Site.Args.size() &&
               T.Param != I)
        Keeper = Site.Args[T.Param];
      if (T.K == compat::CaptureTarget::Kind::Global ||
          T.K == compat::CaptureTarget::Kind::Unknown) {
        captureBeyondFrame(Sources, T.K == compat::CaptureTarget::Kind::Global);
        continue;
      }
      if (!Keeper)
        continue;
      bool IsThis = false;
      const Expr *Obj = keptObject(Keeper, IsThis);
      if (IsThis) {
        if (outsideFrame(Objects.getThis()))
          store(B, {Objects.getThis(), false, Keeper}, Site.Args[I],
                !PT.isNull() && PT->isReferenceType(), Site.E);
        continue;
      }
      if (!Obj)
        continue;
      std::optional<ObjectID> Local = Objects.objectOf(Obj);
      if (Local && !outsideFrame(*Local)) {
        // The capturer keeps what it held: its value copies itself, plus the argument.
        BorrowSources Kept = Sources;
        Kept.push_back({true, *Local, LoanClass::Object, Obj, {}});
        Facts.append(B, Facts.create<BorrowFact>(*Local, allocate(Kept), Site.E));
        continue;
      }
      if (std::optional<StorePlace> P = placeOf(Obj, /*Exact=*/false))
        store(B, *P, Site.Args[I], !PT.isNull() && PT->isReferenceType(), Site.E);
    }
  }
}

} // namespace ownership::lowering
