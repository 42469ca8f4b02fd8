//===- LibraryModels.h - Models of C libraries' ownership, from files ------===//
//
// Part of ownership-checker, under the MIT license.
//
// What C functions do to the memory they are given or return, read from model files:
// which functions allocate (and into which family), release, reallocate, take ownership
// of an argument, keep a pointer the caller still owns, only read, allocate into
// `*argument`, add an owner (`X509_up_ref`), return a pointer into an argument's memory,
// or never return (`exit`, a project's `die`).
// The checker ships models of the C library, POSIX and common libraries (models/*.yaml,
// compiled in); users add their own with --model-file or the configuration's ModelFiles.
// The call-effects model (CallEffects.h) is the one reader; docs/guide/library-models.rst
// describes the format.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_MODEL_LIBRARYMODELS_H
#define OWNERSHIP_CHECKER_MODEL_LIBRARYMODELS_H

#include "checker/model/Facts.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"

#include <optional>
#include <string>

namespace ownership::model {

/// The allocation family named \p Name: `new`, `new[]` and `malloc` are the language's
/// and the C library's; any other name (`X509`, `sqlite3`) is a library's family,
/// registered on first use for the whole process. std::nullopt when too many families
/// were registered.
std::optional<AllocFamily> allocFamilyNamed(llvm::StringRef Name);
/// The name of family \p F as a model file spells it; empty for Unknown.
llvm::StringRef allocFamilyName(AllocFamily F);
/// True for a family a model file named, as opposed to the built-in ones.
bool isLibraryFamily(AllocFamily F);
/// The first function a model says releases library family \p F (`X509_free`), for
/// messages; empty when none does.
llvm::StringRef libraryDeallocator(AllocFamily F);

/// What one library function does, as its model says. Argument indices start at 0.
struct FunctionModel {
  struct ArgumentFamily {
    unsigned Argument = 0;
    AllocFamily Family = AllocFamily::Unknown;
  };
  /// The result is fresh memory of this family that the caller owns.
  std::optional<AllocFamily> Allocates;
  /// With Allocates: only when this argument is a null pointer constant
  /// (`realpath(path, NULL)`); otherwise nothing is said about the result.
  std::optional<unsigned> AllocatesIfNull;
  /// `*argument` receives fresh memory of the family, whatever the call returns
  /// (`sqlite3_open(name, &db)`, `getline(&line, &n, f)`).
  std::optional<ArgumentFamily> AllocatesInto;
  /// The argument's memory is released now (`free`, `X509_free`).
  std::optional<ArgumentFamily> Releases;
  /// The argument is released when the call succeeds, and the result is a new block of
  /// the family (`realloc`).
  std::optional<ArgumentFamily> Reallocates;
  /// Ownership of these arguments passes to the library (it releases them later).
  llvm::SmallVector<unsigned, 2> Takes;
  /// The library keeps a pointer to these arguments, which the caller still owns and
  /// must release (after the library is done with them).
  llvm::SmallVector<unsigned, 2> Keeps;
  /// These arguments gain one more owner (`X509_up_ref`): each owner releases it once.
  llvm::SmallVector<unsigned, 2> Shares;
  /// Pointer arguments not named above are only read or written through, never kept.
  bool ReadsOnly = false;
  /// The result is storage in the caller's stack frame (`alloca`): it dies with the
  /// frame and is never released.
  bool AllocatesOnStack = false;
  /// The result points into the memory this argument points to, and dies with it
  /// (`xmlDocGetRootElement(doc)`).
  std::optional<unsigned> ReturnsBorrowed;
  /// The function never returns: it ends the process (`exit`, `abort`) or the thread, or
  /// jumps away; paths that call it end there.
  bool NoReturn = false;
  /// Where the model was read from (`models/posix.yaml:12`), for --dump-config.
  std::string Origin;
};

/// A table of function models by name; see the file comment.
class LibraryModels {
public:
  /// The models the checker ships (models/*.yaml, compiled in).
  static const LibraryModels &shipped();
  /// The error of a shipped file that does not parse (a broken build of the checker:
  /// the front ends refuse to run), or success.
  static llvm::Error checkShipped();

  /// Parses the model file \p Text, read from \p Path, and adds its functions; a
  /// function modelled again replaces the earlier model. A YAML error, an unknown key or
  /// a bad entry is an error of one line: "PATH:LINE:COL: what is wrong".
  llvm::Error addFile(llvm::StringRef Text, llvm::StringRef Path);
  /// Reads the file at \p Path and adds it (see addFile).
  llvm::Error addPath(llvm::StringRef Path);

  /// The model of the function named \p Name, if any.
  const FunctionModel *lookup(llvm::StringRef Name) const;
  size_t size() const { return Functions.size(); }

private:
  llvm::StringMap<FunctionModel> Functions;
};

} // namespace ownership::model

#endif // OWNERSHIP_CHECKER_MODEL_LIBRARYMODELS_H
