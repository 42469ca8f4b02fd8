# ownership-invalidated-reference.ContainerModels: the default is printed by
# --dump-config, a custom value maps the project's classes, a bad entry is a one-line
# warning that keeps the default.
source "$(dirname "$0")/lib.sh" "$1"

cat >"$TMP/pool.cpp" <<'CPP'
namespace mylib {
template <class T> class Pool {
public:
  T &operator[](unsigned i);
  void push_back(const T &v);
};
}
void use(int);
void f(mylib::Pool<int> &p) {
  int &first = p[0];
  p.push_back(1);
  use(first);
}
CPP

run "$CHECKER" --dump-config "$TMP/pool.cpp" --
expect_rc 0 "dump-config"
expect_out "ownership-invalidated-reference.ContainerModels: +'absl::flat_hash_map=flat_hash_map;.*llvm::SmallVector=vector;" \
  "dump-config prints the default models"

# Unknown to the defaults: nothing is reported.
run "$CHECKER" --no-cache "$TMP/pool.cpp" -- -std=c++17
expect_rc 0 "an unmapped class is not judged"

cat >"$TMP/vector.yaml" <<'YAML'
CheckOptions:
  ownership-invalidated-reference.ContainerModels: 'mylib::Pool=std::vector'
YAML
run "$CHECKER" --no-cache --config-file="$TMP/vector.yaml" "$TMP/pool.cpp" -- -std=c++17
expect_rc 1 "a class mapped to vector"
expect_out "pool.cpp:12:7: warning: 'first' used after it was invalidated \[ownership-invalidated-reference\]" \
  "a class mapped to vector: the finding"

cat >"$TMP/list.yaml" <<'YAML'
CheckOptions:
  ownership-invalidated-reference.ContainerModels: 'mylib::*=list'
YAML
run "$CHECKER" --no-cache --config-file="$TMP/list.yaml" "$TMP/pool.cpp" -- -std=c++17
expect_rc 0 "a class mapped to list by a glob"

cat >"$TMP/bad.yaml" <<'YAML'
CheckOptions:
  ownership-invalidated-reference.ContainerModels: 'mylib::Pool=linked_list'
YAML
run "$CHECKER" --no-cache --config-file="$TMP/bad.yaml" "$TMP/pool.cpp" -- -std=c++17
expect_rc 0 "a bad value keeps the default"
expect_err "invalid value 'mylib::Pool=linked_list' for option 'ownership-invalidated-reference.ContainerModels': entry 'mylib::Pool=linked_list' names 'linked_list', which is not a known container" \
  "a bad value: one line naming the entry"
printf 'CheckOptions:\n  ownership-invalidated-reference.ContainerModels: "mylib::Pool"\n' >"$TMP/noeq.yaml"
run "$CHECKER" --no-cache --config-file="$TMP/noeq.yaml" "$TMP/pool.cpp" -- -std=c++17
expect_err "entry 'mylib::Pool' is not 'class=container'" "an entry without '='"

finish
