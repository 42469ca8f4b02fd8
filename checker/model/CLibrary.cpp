//===- CLibrary.cpp - What the checker knows about the C library by name --===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/model/CLibrary.h"

#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/StringSwitch.h"

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

CFunctionKind classifyCFunction(llvm::StringRef Name) {
  return llvm::StringSwitch<CFunctionKind>(Name)
      .Cases("malloc", "calloc", "strdup", "strndup", CFunctionKind::Allocator)
      .Cases("aligned_alloc", "valloc", "pvalloc", "memalign", "wcsdup", CFunctionKind::Allocator)
      .Cases("realloc", "reallocarray", CFunctionKind::Realloc)
      .Cases("free", "cfree", CFunctionKind::Free)
      .Case("alloca", CFunctionKind::StackAllocator)
      .Cases("memcpy", "memmove", "memset", "memcmp", "memchr", "bzero", CFunctionKind::NonOwning)
      .Cases("strcpy", "strncpy", "strcat", "strncat", "strcmp", "strncmp",
             CFunctionKind::NonOwning)
      .Cases("strlen", "strnlen", "strchr", "strrchr", "strstr", "strspn", "strcspn",
             CFunctionKind::NonOwning)
      .Cases("strcasecmp", "strncasecmp", "strcoll", "strxfrm", "strpbrk", CFunctionKind::NonOwning)
      .Cases("sprintf", "snprintf", "vsprintf", "vsnprintf", "sscanf", "vsscanf",
             CFunctionKind::NonOwning)
      .Cases("printf", "fprintf", "vprintf", "vfprintf", "puts", "fputs", "fgets",
             CFunctionKind::NonOwning)
      .Cases("fread", "fwrite", "read", "write", "recv", "send", "pread", "pwrite",
             CFunctionKind::NonOwning)
      .Cases("atoi", "atol", "atoll", "atof", "strtol", "strtoul", "strtoll",
             CFunctionKind::NonOwning)
      .Cases("strtoull", "strtod", "strtof", "qsort", "bsearch", CFunctionKind::NonOwning)
      .Cases("wcslen", "wcscpy", "wcsncpy", "wmemcpy", "wmemset", "wcscmp", "wprintf",
             CFunctionKind::NonOwning)
      .Default(CFunctionKind::Other);
}

} // namespace ownership::model
