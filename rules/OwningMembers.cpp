//===- OwningMembers.cpp - The contract of classes that own through members ===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "rules/OwningMembers.h"

#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringExtras.h"

#include <algorithm>
#include <fmt/format.h>

using namespace ownership::analysis;
using namespace ownership::model;
using namespace ownership::passes;

using namespace clang;

namespace ownership::rules {
namespace {

/// The member of `*this` that node \p P is, if it is one (not a member of a member).
const FieldDecl *memberOfThis(const ObjectTable &Objects, ObjectID P) {
  const StorageNode &N = Objects.node(P);
  if (N.K != StorageNode::Kind::Field || !N.Parent ||
      Objects.node(*N.Parent).K != StorageNode::Kind::ThisObject)
    return nullptr;
  return dyn_cast_or_null<FieldDecl>(N.Decl);
}

/// True when every constructor of \p Field's class (other than copy and move ones, which
/// copy an object that has it) initializes the member with a `new` expression or an
/// allocating call, so that the
/// member holds memory on entry to any member function. A member that a constructor may
/// leave null may be empty when it is overwritten: nothing is known to leak.
bool allocatedByEveryConstructor(const FieldDecl *Field) {
  const auto *RD = dyn_cast<CXXRecordDecl>(Field->getParent());
  if (!RD)
    return false;
  bool Any = false;
  for (const CXXConstructorDecl *Ctor : RD->ctors()) {
    if (Ctor->isCopyOrMoveConstructor() || Ctor->isDeleted())
      continue;
    if (!Ctor->isUserProvided() && !Ctor->isDefaulted())
      return false;
    const CXXConstructorDecl *Def = dyn_cast_or_null<CXXConstructorDecl>(Ctor->getDefinition());
    if (!Def)
      return false;
    Any = true;
    bool Allocates = false;
    for (const CXXCtorInitializer *Init : Def->inits())
      if (Init->getMember() == Field && Init->getInit())
        Allocates = isa<CXXNewExpr, CallExpr>(Init->getInit()->IgnoreParenCasts());
    if (!Allocates && Field->hasInClassInitializer() && Field->getInClassInitializer())
      Allocates = isa<CXXNewExpr, CallExpr>(Field->getInClassInitializer()->IgnoreParenCasts());
    if (!Allocates)
      return false;
  }
  return Any;
}

/// True when, in \p S, \p P still holds the value it had on entry on every path, and
/// nothing released it, handed it on or copied it to another pointer.
bool holdsOnlyItsEntryValue(const HeapAnalysis &H, const HeapState &S, ObjectID P) {
  Pointee Entry{Pointee::Kind::Opaque, P};
  HeapState::PointeeSet Set = H.pointsTo(S, P);
  if (Set.isEmpty() || !Set.contains(Entry) || ++Set.begin() != Set.end())
    return false;
  if (S.Dangling.lookup(P) || S.Freed.lookup(Entry) || S.Escaped.contains(Entry))
    return false;
  if (const auto *Holders = S.PointedBy.lookup(Entry))
    for (ObjectID Other : *Holders)
      if (Other != P)
        return false;
  return true;
}

/// Notes at why \p M owns what it points to.
void noteOwnership(Report &Out, const OwningMember &M, llvm::StringRef Class) {
  std::string Name = M.Field->getNameAsString();
  switch (M.Why) {
  case OwningMember::Evidence::GslOwner:
    Out.note(M.Field->getLocation(), fmt::format("'{}' is declared gsl::owner", Name));
    return;
  case OwningMember::Evidence::Option:
    Out.note(M.Field->getLocation(),
             fmt::format("'{}' owns what it points to (option OwningMembers)", Name));
    return;
  case OwningMember::Evidence::Allocated:
  case OwningMember::Evidence::Adopted:
  case OwningMember::Evidence::Handle:
  case OwningMember::Evidence::Elements:
    break;
  }
  Out.note(M.Field->getLocation(), fmt::format("'{}' owns what it points to", Name));
  if (M.ReleasedAt)
    Out.note(M.ReleasedAt->getBeginLoc(),
             fmt::format("the destructor of '{}' releases it here", Class));
}

} // namespace

void checkOwningMemberOverwrites(const FunctionAnalysis &FA, const FindingBuilder &Findings) {
  const auto *MD = dyn_cast<CXXMethodDecl>(FA.decl());
  const ClassOwnership *Classes = FA.classOwnership();
  // In a constructor the member holds nothing yet (or what an initializer just gave it,
  // which the heap facts follow); a destructor's overwrites do not outlive it.
  if (!MD || !Classes || MD->isStatic() || isa<CXXConstructorDecl, CXXDestructorDecl>(MD))
    return;
  const HeapAnalysis *H = FA.heap();
  // A call of a member function on `*this` may release or replace the member in a way the
  // facts of this function do not show: unknown.
  if (!H || Classes->mayTouchMembersThroughCalls(MD))
    return;
  const ObjectTable &Objects = FA.objects();
  llvm::DenseSet<uint32_t> NullTested;
  FA.forEachFact([&](const Fact &F) {
    if (const auto *N = dyn_cast<NullTestFact>(&F))
      NullTested.insert(N->getPointer().Value);
  });
  llvm::DenseSet<uint32_t> Reported;
  FA.forEachFact([&](const Fact &F) {
    std::optional<ObjectID> Dest;
    if (const auto *A = dyn_cast<AcquireFact>(&F))
      Dest = A->getDest();
    else if (const auto *PA = dyn_cast<PointerAssignFact>(&F))
      Dest = PA->getDest();
    if (!Dest || NullTested.count(Dest->Value) || Reported.count(Dest->Value))
      return;
    // A setter that stores a pointer parameter (`void set(T *p) { m_ = p; }`) takes
    // ownership in: its callers may call it only while the member is empty, which the
    // function cannot see (its entry value may be null): unknown.
    if (const auto *PA = dyn_cast<PointerAssignFact>(&F);
        PA && PA->getFrom() == PointerAssignFact::From::Copy && PA->getSource() &&
        Objects.node(*PA->getSource()).K == StorageNode::Kind::Param)
      return;
    const FieldDecl *Field = memberOfThis(Objects, *Dest);
    const OwningMember *M = Field ? Classes->owningMember(Field) : nullptr;
    const HeapState *S = H->stateBefore(F);
    if (!M || M->S != OwningMember::Shape::Pointer || !S ||
        !holdsOnlyItsEntryValue(*H, *S, *Dest) || !allocatedByEveryConstructor(Field))
      return;
    Reported.insert(Dest->Value);
    std::string Class = Field->getParent()->getNameAsString();
    Report Out = Findings.report(
        F.getStmt()->getBeginLoc(),
        fmt::format("memory owned by member '{}' is leaked when '{}' is overwritten",
                    Field->getName(), Field->getName()));
    noteOwnership(Out, *M, Class);
  });
}

void checkUnionOverwrites(const FunctionAnalysis &FA, const FindingBuilder &Findings) {
  const ClassOwnership *Classes = FA.classOwnership();
  if (!Classes)
    return;
  for (const UnionOverwrite &O : Classes->unionOverwritesIn(FA.decl())) {
    std::string Active = O.Active->Field->getNameAsString();
    std::string Tag = O.Union->Tag->getNameAsString();
    std::string Class = O.Union->Union->getParent()->getNameAsString();
    Findings
        .report(O.At->getBeginLoc(),
                fmt::format("union member '{}' is written while '{}' may be active: what "
                            "'{}' owns is never destroyed",
                            O.Written->getName(), Active, Active))
        .note(O.TagWrite->getBeginLoc(),
              fmt::format("'{}' is changed here without being checked, and no member of "
                          "the union is destroyed first",
                          Tag))
        .note(O.Active->DestroyedAt->getBeginLoc(),
              fmt::format("the destructor of '{}' destroys '{}' only when '{}' selects it",
                          Class, Active, Tag));
  }
}

void checkUnreleasedMembers(const FunctionAnalysis &FA, const FindingBuilder &Findings) {
  const auto *Ctor = dyn_cast<CXXConstructorDecl>(FA.decl());
  const ClassOwnership *Classes = FA.classOwnership();
  if (!Ctor || !Classes)
    return;
  const ClassInfo &Info = Classes->of(Ctor->getParent());
  const SourceManager &SM = FA.context().getSourceManager();
  SourceRange Range = Ctor->getSourceRange();
  for (const ClassInfo::Unreleased &U : Info.NeverReleased) {
    SourceLocation At = U.Allocation->getBeginLoc();
    if (SM.isBeforeInTranslationUnit(At, Range.getBegin()) ||
        SM.isBeforeInTranslationUnit(Range.getEnd(), At))
      continue;
    std::string Class = Ctor->getParent()->getNameAsString();
    Findings
        .report(At, fmt::format("memory allocated into member '{}' is never released: the "
                                "destructor of '{}' releases other members, not this one",
                                U.Field->getName(), Class))
        .note(U.Field->getLocation(), fmt::format("'{}' is declared here", U.Field->getName()))
        .note(Info.ReleasingDestructor->getLocation(),
              fmt::format("the destructor of '{}' is defined here", Class));
  }
}

void checkElementDrops(const FunctionAnalysis &FA, const FindingBuilder &Findings) {
  const ClassOwnership *Classes = FA.classOwnership();
  if (!Classes)
    return;
  for (const ElementDrop &D : Classes->elementDropsIn(FA.decl())) {
    std::string Member = D.Member->Field->getNameAsString();
    std::string Class = D.Member->Field->getParent()->getNameAsString();
    std::string Message =
        D.Overwrite
            ? fmt::format("the pointer '{}' held at this key or index, if any, is "
                          "overwritten without being released: '{}' owns its elements",
                          Member, Member)
            : fmt::format("elements removed from '{}' are not released: '{}' owns the "
                          "memory its elements point to",
                          Member, Member);
    Report Out = Findings.report(D.At->getBeginLoc(), Message);
    Out.maybe(D.Overwrite);
    noteOwnership(Out, *D.Member, Class);
  }
}

void checkOwningCopies(const FunctionAnalysis &FA, const FindingBuilder &Findings,
                       const llvm::SmallPtrSetImpl<const Stmt *> &AlreadyReported) {
  const ClassOwnership *Classes = FA.classOwnership();
  if (!Classes)
    return;
  for (const OwningCopy &C : Classes->owningCopiesIn(FA.cfg())) {
    if (AlreadyReported.count(C.At))
      continue;
    std::string Class = C.Class->getNameAsString();
    std::string Member = C.Member->Field->getNameAsString();
    bool Moves = C.Copier->getParamDecl(0)->getType()->isRValueReferenceType();
    bool Assigns = !isa<CXXConstructorDecl>(C.Copier);
    std::string What = fmt::format("{} {}", Moves ? "move" : "copy",
                                   Assigns ? "assignment" : "constructor");
    Report Out = Findings.report(
        C.At->getBeginLoc(),
        fmt::format("{} '{}' with its {} {} duplicates the {} '{}' owns: "
                    "both objects release the same memory",
                    Moves ? "moving" : "copying", Class,
                    C.Copier->isImplicit() ? "implicit" : "defaulted", What,
                    C.Member->S == OwningMember::Shape::Container ? "pointers" : "pointer",
                    Member));
    noteOwnership(Out, *C.Member, Class);
    if (!C.Copier->isImplicit())
      Out.note(C.Copier->getLocation(), fmt::format("the {} is defaulted here", What));
  }
}

void checkBaseMemberReleases(const FunctionAnalysis &FA, const FindingBuilder &Findings) {
  const auto *Dtor = dyn_cast<CXXDestructorDecl>(FA.decl());
  const ClassOwnership *Classes = FA.classOwnership();
  if (!Dtor || !Classes)
    return;
  const SourceManager &SM = FA.context().getSourceManager();
  SourceRange Range = Dtor->getSourceRange();
  for (const ClassInfo::BaseRelease &R : Classes->of(Dtor->getParent()).BaseMemberReleases) {
    SourceLocation At = R.At->getBeginLoc();
    // A release in a helper the destructor calls is reported in the helper's own terms
    // only when it lies in this destructor's body.
    if (SM.isBeforeInTranslationUnit(At, Range.getBegin()) ||
        SM.isBeforeInTranslationUnit(Range.getEnd(), At))
      continue;
    std::string Base = R.BaseDestructor->getParent()->getNameAsString();
    Findings
        .report(At, fmt::format("member '{}' of base class '{}' is released here and again "
                                "by the destructor of '{}'",
                                R.BaseMember->Field->getName(), Base, Base))
        .note(R.BaseMember->ReleasedAt->getBeginLoc(),
              fmt::format("the destructor of '{}', which runs after this one, releases it "
                          "again here",
                          Base));
  }
}

void checkDanglingMembers(const FunctionAnalysis &FA, const FindingBuilder &Findings) {
  const auto *MD = dyn_cast<CXXMethodDecl>(FA.decl());
  const ClassOwnership *Classes = FA.classOwnership();
  const HeapAnalysis *H = FA.heap();
  // A private or protected helper may be called only by code that refills the member
  // afterwards; a call of another member function may refill it: unknown.
  if (!MD || !Classes || !H || MD->isStatic() || MD->getAccess() != AS_public ||
      isa<CXXConstructorDecl, CXXDestructorDecl>(MD))
    return;
  const HeapState *Exit = H->exitState();
  const ObjectTable &Objects = FA.objects();
  if (!Exit || llvm::none_of(Exit->Dangling,
                             [&](const auto &Entry) { return memberOfThis(Objects, Entry.first); }) ||
      Classes->mayTouchMembersThroughCalls(MD))
    return;
  const ClassInfo &Info = Classes->of(MD->getParent());
  const SourceManager &SM = FA.context().getSourceManager();
  for (const auto &[P, Releases] : Exit->Dangling) {
    const FieldDecl *Field = memberOfThis(Objects, P);
    const OwningMember *M = Field ? Info.find(Field) : nullptr;
    if (!M || M->S != OwningMember::Shape::Pointer || !M->ReleasedAt ||
        !Info.ReleasingDestructor)
      continue;
    // On every path the member still holds the value it had on entry, released, or null.
    Pointee Entry{Pointee::Kind::Opaque, P};
    bool Released = Exit->MustFreed.contains(Entry);
    for (const Pointee &T : H->pointsTo(*Exit, P))
      Released &= T == Entry || T.K == Pointee::Kind::Null;
    if (!Released || Exit->Escaped.contains(Entry))
      continue;
    const ReleaseFact *First = nullptr;
    for (const ReleaseFact *R : Releases)
      if (!First || SM.isBeforeInTranslationUnit(R->getStmt()->getBeginLoc(),
                                                 First->getStmt()->getBeginLoc()))
        First = R;
    if (!First)
      continue;
    std::string Member = Field->getNameAsString();
    std::string Class = MD->getParent()->getNameAsString();
    // The destructor's own release may be this very function, which it calls.
    SourceRange Body = MD->getSourceRange();
    bool ReleasedHere = !SM.isBeforeInTranslationUnit(M->ReleasedAt->getBeginLoc(),
                                                      Body.getBegin()) &&
                        !SM.isBeforeInTranslationUnit(Body.getEnd(),
                                                      M->ReleasedAt->getBeginLoc());
    const Stmt *Again = M->ReleasedAt;
    if (ReleasedHere && !(Again = Info.destructorCallOf(MD)))
      continue;
    Report Out = Findings.report(
        First->getStmt()->getBeginLoc(),
        fmt::format("'{}' is released here and left dangling: the destructor of '{}' "
                    "releases it again",
                    Member, Class));
    Out.note(Again->getBeginLoc(),
             ReleasedHere
                 ? fmt::format("the destructor of '{}' calls '{}' again here", Class,
                               MD->getNameAsString())
                 : fmt::format("the destructor of '{}' releases '{}' again here", Class,
                               Member));
  }
}

void checkHandlerReleases(const FunctionAnalysis &FA, const FindingBuilder &Findings) {
  const ClassOwnership *Classes = FA.classOwnership();
  if (!Classes)
    return;
  for (const HandlerRelease &R : Classes->handlerReleasesIn(FA.decl())) {
    std::string Member = R.Member->Field->getNameAsString();
    std::string Class = R.Destructor->getParent()->getNameAsString();
    Findings
        .report(R.At->getBeginLoc(),
                fmt::format("'{}' is released here when an allocation in the try block "
                            "fails, and the constructor still completes: the destructor of "
                            "'{}' releases it again",
                            Member, Class))
        .note(R.Throwing->getBeginLoc(),
              fmt::format("if this allocation throws, '{}' already holds memory", Member))
        .note(R.Member->ReleasedAt->getBeginLoc(),
              fmt::format("the destructor of '{}' releases '{}' again here", Class, Member));
  }
}

void checkSelfAssignmentReads(const FunctionAnalysis &FA, const FindingBuilder &Findings) {
  const ClassOwnership *Classes = FA.classOwnership();
  if (!Classes)
    return;
  for (const SelfAssignmentRead &R : Classes->selfAssignmentReadsIn(FA.decl())) {
    std::string Source = R.Source->getNameAsString();
    std::string Member = R.Field->getNameAsString();
    Findings
        .report(R.Read->getBeginLoc(),
                fmt::format("'{}.{}' is read after '{}' was released: when '{}' is '*this' "
                            "(self-assignment), this reads freed memory",
                            Source, Member, Member, Source))
        .maybe()
        .note(R.Release->getBeginLoc(),
              fmt::format("'{}' is released here, with no test that '{}' is another object",
                          Member, Source));
  }
}

std::vector<std::string> parseOwningMembers(llvm::StringRef Value) {
  std::string Text = Value.str();
  std::replace(Text.begin(), Text.end(), ',', ';');
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  llvm::StringRef(Text).split(Parts, ';', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
  std::vector<std::string> Out;
  for (llvm::StringRef P : Parts)
    if (llvm::StringRef Glob = P.trim(); !Glob.empty())
      Out.push_back(Glob.str());
  return Out;
}

} // namespace ownership::rules
