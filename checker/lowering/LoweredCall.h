//===- LoweredCall.h - A call being lowered, with what the model says of it -===//
//
// Part of ownership-checker, under the MIT license.
//
// The FactGenerator asks the call-effects model once per call, operator call or
// construction it meets in the CFG, and hands the answer to each part of the lowering.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_LOWERING_LOWEREDCALL_H
#define OWNERSHIP_CHECKER_LOWERING_LOWEREDCALL_H

#include "checker/model/CallEffects.h"
#include "checker/model/CallSite.h"

namespace ownership::lowering {

/// A call in the CFG: its site and its effects.
struct LoweredCall {
  model::CallSite Site;
  model::CallEffects Effects;
};

} // namespace ownership::lowering

#endif // OWNERSHIP_CHECKER_LOWERING_LOWEREDCALL_H
