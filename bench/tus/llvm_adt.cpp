// Header-heavy benchmark TU: LLVM's ADT and Support headers (SmallVector, DenseMap,
// StringMap, APInt, Twine, raw_ostream, Error), whose inline code is dense in moves.
#include "llvm/ADT/APInt.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <string>
#include <utility>

llvm::Expected<unsigned> parseWidth(llvm::StringRef S) {
  unsigned W;
  if (S.getAsInteger(10, W))
    return llvm::createStringError(llvm::inconvertibleErrorCode(), "bad width '%s'",
                                   S.str().c_str());
  return W;
}

std::string summarize(llvm::ArrayRef<llvm::StringRef> Words) {
  llvm::StringMap<unsigned> Counts;
  llvm::DenseMap<unsigned, llvm::SmallVector<llvm::StringRef, 4>> ByLength;
  for (llvm::StringRef W : Words) {
    ++Counts[W];
    ByLength[W.size()].push_back(W);
  }
  llvm::SmallVector<std::pair<llvm::StringRef, unsigned>, 16> Sorted;
  for (const auto &E : Counts)
    Sorted.push_back({E.getKey(), E.getValue()});
  llvm::sort(Sorted, [](const auto &A, const auto &B) { return A.second > B.second; });
  llvm::SmallString<128> Out;
  llvm::raw_svector_ostream OS(Out);
  for (const auto &[Word, N] : Sorted)
    OS << Word << ": " << N << "\n";
  llvm::APInt Big(128, 1);
  Big <<= 100;
  Big += llvm::APInt(128, Words.size());
  OS << llvm::Twine("total ") + llvm::Twine(Big.getActiveBits()) << "\n";
  if (llvm::Expected<unsigned> W = parseWidth(Words.empty() ? "8" : Words.front()))
    OS << *W;
  else
    llvm::consumeError(W.takeError());
  auto Moved = std::move(ByLength);
  return std::string(Out.str()) + std::to_string(Moved.size());
}
