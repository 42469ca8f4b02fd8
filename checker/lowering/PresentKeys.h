//===- PresentKeys.h - Map subscripts whose key is already in the map -----===//
//
// Part of ownership-checker, under the MIT license.
//
// `m[k]` inserts a default element when k is not in m, and an insertion into an
// unordered map may rehash. When k is certainly present it inserts nothing and
// invalidates nothing: the key of the element a range-for over m is visiting, or a key
// whose presence the enclosing branch or loop condition has just tested.
//===----------------------------------------------------------------------===//
#ifndef OWNERSHIP_CHECKER_LOWERING_PRESENTKEYS_H
#define OWNERSHIP_CHECKER_LOWERING_PRESENTKEYS_H

#include "clang/AST/Expr.h"
#include "clang/AST/ParentMap.h"

namespace ownership::lowering {

/// True when the subscript \p Subscript (an `m[k]` call, \p Container is m and \p Key is
/// k) certainly names an element already in m: k is the `first` of the element a
/// range-for over m visits (and the subscript is in that loop's body), or the subscript is
/// in the first statement of an `if`/`while` whose condition requires `m.find(k) !=
/// m.end()`, `m.count(k)` or `m.contains(k)`.
bool subscriptKeyIsPresent(const clang::Expr *Subscript, const clang::Expr *Container,
                           const clang::Expr *Key, const clang::ParentMap &Parents);

} // namespace ownership::lowering

#endif // OWNERSHIP_CHECKER_LOWERING_PRESENTKEYS_H
