// A header that test-cli/system-headers.test.sh includes once as a system header
// (-isystem) and once as a user header (-I). Two of its function bodies do not compile.
#pragma once

inline int vendor_helper() { return undeclared_in_vendor_body; }

template <class T> void vendor_visit(T &t) { t.no_such_member(); }

// Constant evaluation needs this body, so clang parses it even in a system header.
constexpr int vendor_size() { return 4; }
