//===- Facts.cpp - Ownership events of one function -----------------------===//
//
// Part of ownership-checker, under the MIT license.
//===----------------------------------------------------------------------===//
#include "checker/core/Facts.h"

namespace ownership {

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

} // namespace ownership
