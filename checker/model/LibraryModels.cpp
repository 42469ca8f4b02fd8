//===- LibraryModels.cpp - Models of C libraries' ownership, from files ----===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/model/LibraryModels.h"
#include "checker/support/YamlDiagnostic.h"

#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/YAMLTraits.h"

#include <mutex>
#include <vector>

namespace ownership::model {
namespace {

/// One entry of a model file as written: names, not yet families.
struct ArgumentFamilySpec {
  unsigned Argument = 0;
  std::string Family;
};

struct EntrySpec {
  std::vector<std::string> Names;
  std::optional<std::string> Allocates;
  std::optional<unsigned> AllocatesIfNull;
  std::optional<ArgumentFamilySpec> AllocatesInto, Releases, Reallocates;
  std::vector<unsigned> Takes, Keeps, Shares;
  bool ReadsOnly = false;
  bool AllocatesOnStack = false;
  bool NoReturn = false;
  std::optional<unsigned> ReturnsBorrowed;
};

struct FileSpec {
  std::vector<EntrySpec> Functions;
};

} // namespace
} // namespace ownership::model

LLVM_YAML_IS_SEQUENCE_VECTOR(ownership::model::EntrySpec)

namespace llvm::yaml {

template <> struct MappingTraits<ownership::model::ArgumentFamilySpec> {
  static void mapping(IO &IO, ownership::model::ArgumentFamilySpec &A) {
    IO.mapRequired("Argument", A.Argument);
    IO.mapRequired("Family", A.Family);
  }
  static std::string validate(IO &, ownership::model::ArgumentFamilySpec &A) {
    return A.Family.empty() ? "'Family' must name a family" : "";
  }
};

template <> struct MappingTraits<ownership::model::EntrySpec> {
  static void mapping(IO &IO, ownership::model::EntrySpec &E) {
    IO.mapRequired("Names", E.Names);
    IO.mapOptional("Allocates", E.Allocates);
    IO.mapOptional("AllocatesIfNull", E.AllocatesIfNull);
    IO.mapOptional("AllocatesInto", E.AllocatesInto);
    IO.mapOptional("Releases", E.Releases);
    IO.mapOptional("Reallocates", E.Reallocates);
    IO.mapOptional("Takes", E.Takes);
    IO.mapOptional("Keeps", E.Keeps);
    IO.mapOptional("Shares", E.Shares);
    IO.mapOptional("ReadsOnly", E.ReadsOnly, false);
    IO.mapOptional("AllocatesOnStack", E.AllocatesOnStack, false);
    IO.mapOptional("NoReturn", E.NoReturn, false);
    IO.mapOptional("ReturnsBorrowed", E.ReturnsBorrowed);
  }
  // A model that says two contradictory things, or nothing, is a mistake of its author.
  // Checked in a second reading (with a context), after the first found no unknown key:
  // YAML I/O stops at the first error, and a misspelled key explains the rest.
  static std::string validate(IO &IO, ownership::model::EntrySpec &E) {
    if (!IO.getContext())
      return "";
    if (E.Names.empty())
      return "'Names' lists no function";
    for (const std::string &N : E.Names)
      if (N.empty())
        return "'Names' has an empty name";
    if (E.Allocates && E.Allocates->empty())
      return "'Allocates' must name a family";
    if (E.AllocatesIfNull && !E.Allocates)
      return "'AllocatesIfNull' needs 'Allocates'";
    int Results = bool(E.Allocates) + bool(E.Reallocates) + bool(E.ReturnsBorrowed) +
                  E.AllocatesOnStack;
    if (Results > 1)
      return "at most one of 'Allocates', 'Reallocates', 'ReturnsBorrowed' and "
             "'AllocatesOnStack' (they say what the result is)";
    if (E.AllocatesInto && (E.Allocates || E.Reallocates))
      return "'AllocatesInto' cannot be combined with an allocating result";
    bool Any = Results || E.AllocatesInto || E.Releases || !E.Takes.empty() ||
               !E.Keeps.empty() || !E.Shares.empty() || E.ReadsOnly || E.NoReturn;
    if (!Any)
      return "the entry says nothing about the functions it names";
    return "";
  }
};

template <> struct MappingTraits<ownership::model::FileSpec> {
  static void mapping(IO &IO, ownership::model::FileSpec &F) {
    IO.mapRequired("Functions", F.Functions);
  }
};

} // namespace llvm::yaml

namespace ownership::model {
namespace {

/// The registry of library families; see allocFamilyNamed().
struct FamilyRegistry {
  /// Library families start here, leaving room for more built-in ones.
  static constexpr unsigned First = 16;
  std::mutex Lock;
  std::vector<std::string> Names;
  std::vector<std::string> Deallocators;
  llvm::StringMap<unsigned> Index;

  static FamilyRegistry &get() {
    static FamilyRegistry R;
    return R;
  }
};

using support::FirstDiagnostic;

llvm::Error modelError(const llvm::Twine &Message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Message.str());
}

void noteDeallocator(AllocFamily F, llvm::StringRef Function) {
  if (!isLibraryFamily(F))
    return;
  FamilyRegistry &R = FamilyRegistry::get();
  std::lock_guard<std::mutex> Guard(R.Lock);
  std::string &D = R.Deallocators[static_cast<unsigned>(F) - FamilyRegistry::First];
  if (D.empty())
    D = Function.str();
}

/// The model \p E says, its family names resolved; an error names the family that did
/// not fit.
llvm::Expected<FunctionModel> resolve(const EntrySpec &E, llvm::StringRef Path) {
  FunctionModel M;
  M.Origin = Path.str();
  auto Family = [&](llvm::StringRef Name) -> llvm::Expected<AllocFamily> {
    if (std::optional<AllocFamily> F = allocFamilyNamed(Name))
      return *F;
    return modelError(Path + ": too many allocation families; cannot add '" + Name + "'");
  };
  auto ArgFamily = [&](const std::optional<ArgumentFamilySpec> &S,
                       std::optional<FunctionModel::ArgumentFamily> &Out) -> llvm::Error {
    if (!S)
      return llvm::Error::success();
    llvm::Expected<AllocFamily> F = Family(S->Family);
    if (!F)
      return F.takeError();
    Out = FunctionModel::ArgumentFamily{S->Argument, *F};
    return llvm::Error::success();
  };
  if (E.Allocates) {
    llvm::Expected<AllocFamily> F = Family(*E.Allocates);
    if (!F)
      return F.takeError();
    M.Allocates = *F;
  }
  M.AllocatesIfNull = E.AllocatesIfNull;
  if (llvm::Error Err = ArgFamily(E.AllocatesInto, M.AllocatesInto))
    return std::move(Err);
  if (llvm::Error Err = ArgFamily(E.Releases, M.Releases))
    return std::move(Err);
  if (llvm::Error Err = ArgFamily(E.Reallocates, M.Reallocates))
    return std::move(Err);
  M.Takes.assign(E.Takes.begin(), E.Takes.end());
  M.Keeps.assign(E.Keeps.begin(), E.Keeps.end());
  M.Shares.assign(E.Shares.begin(), E.Shares.end());
  M.ReadsOnly = E.ReadsOnly;
  M.AllocatesOnStack = E.AllocatesOnStack;
  M.NoReturn = E.NoReturn;
  M.ReturnsBorrowed = E.ReturnsBorrowed;
  return M;
}

/// A model file compiled into the checker.
struct EmbeddedModel {
  const char *Path;
  const char *Text;
  size_t Size;
};

#include "ShippedModels.inc"

} // namespace

std::optional<AllocFamily> allocFamilyNamed(llvm::StringRef Name) {
  if (Name == "malloc")
    return AllocFamily::Malloc;
  if (Name == "new")
    return AllocFamily::New;
  if (Name == "new[]")
    return AllocFamily::NewArray;
  FamilyRegistry &R = FamilyRegistry::get();
  std::lock_guard<std::mutex> Guard(R.Lock);
  auto It = R.Index.find(Name);
  if (It != R.Index.end())
    return static_cast<AllocFamily>(It->second);
  unsigned Next = FamilyRegistry::First + R.Names.size();
  if (Next > 255)
    return std::nullopt;
  R.Names.push_back(Name.str());
  R.Deallocators.emplace_back();
  R.Index[Name] = Next;
  return static_cast<AllocFamily>(Next);
}

bool isLibraryFamily(AllocFamily F) {
  return static_cast<unsigned>(F) >= FamilyRegistry::First;
}

llvm::StringRef allocFamilyName(AllocFamily F) {
  switch (F) {
  case AllocFamily::Unknown:
    return "";
  case AllocFamily::New:
    return "new";
  case AllocFamily::NewArray:
    return "new[]";
  case AllocFamily::Malloc:
    return "malloc";
  default:
    break;
  }
  FamilyRegistry &R = FamilyRegistry::get();
  std::lock_guard<std::mutex> Guard(R.Lock);
  unsigned I = static_cast<unsigned>(F) - FamilyRegistry::First;
  // The strings are never removed, so the reference outlives the lock.
  return I < R.Names.size() ? llvm::StringRef(R.Names[I]) : llvm::StringRef();
}

llvm::StringRef libraryDeallocator(AllocFamily F) {
  if (!isLibraryFamily(F))
    return "";
  FamilyRegistry &R = FamilyRegistry::get();
  std::lock_guard<std::mutex> Guard(R.Lock);
  unsigned I = static_cast<unsigned>(F) - FamilyRegistry::First;
  return I < R.Deallocators.size() ? llvm::StringRef(R.Deallocators[I]) : llvm::StringRef();
}

namespace {

struct Shipped {
  LibraryModels Models;
  std::string Error; ///< The first error of a shipped file; empty when they all parse.
};

const Shipped &shippedModels() {
  static const Shipped S = [] {
    Shipped Out;
    for (const EmbeddedModel *M = ShippedModelFiles; M->Path; ++M)
      if (llvm::Error E = Out.Models.addFile(llvm::StringRef(M->Text, M->Size), M->Path))
        if (Out.Error.empty())
          Out.Error = llvm::toString(std::move(E));
        else
          llvm::consumeError(std::move(E));
    return Out;
  }();
  return S;
}

} // namespace

const LibraryModels &LibraryModels::shipped() { return shippedModels().Models; }

llvm::Error LibraryModels::checkShipped() {
  const std::string &E = shippedModels().Error;
  return E.empty() ? llvm::Error::success() : modelError("shipped model " + E);
}

llvm::Error LibraryModels::addFile(llvm::StringRef Text, llvm::StringRef Path) {
  FileSpec Spec;
  for (bool Check : {false, true}) {
    Spec = FileSpec();
    FirstDiagnostic Diag;
    int Validate = 0;
    llvm::yaml::Input In(Text, Check ? &Validate : nullptr, FirstDiagnostic::handle, &Diag);
    In >> Spec;
    if (In.error() || Diag.Seen) {
      if (!Diag.Seen)
        return modelError(Path + ": not a valid model file");
      return modelError(Path + ":" + llvm::Twine(Diag.Line) + ":" + llvm::Twine(Diag.Column) +
                        ": " + Diag.Message);
    }
  }
  for (const EntrySpec &E : Spec.Functions) {
    llvm::Expected<FunctionModel> M = resolve(E, Path);
    if (!M)
      return M.takeError();
    if (M->Releases)
      for (const std::string &N : E.Names)
        noteDeallocator(M->Releases->Family, N);
    for (const std::string &N : E.Names)
      Functions[N] = *M;
  }
  return llvm::Error::success();
}

llvm::Error LibraryModels::addPath(llvm::StringRef Path) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer =
      llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buffer)
    return modelError(Path + ": cannot read model file: " + Buffer.getError().message());
  return addFile((*Buffer)->getBuffer(), Path);
}

const FunctionModel *LibraryModels::lookup(llvm::StringRef Name) const {
  auto It = Functions.find(Name);
  return It == Functions.end() ? nullptr : &It->second;
}

} // namespace ownership::model
