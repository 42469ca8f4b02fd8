# Per-function limits (issue 8): a function whose analysis exceeds --function-budget is
# skipped with a note on stderr naming it, the other functions are still analysed, and
# the exit code says what the findings say.
source "$(dirname "$0")/lib.sh" "$1"

cat >"$TMP/two.cpp" <<'CPP'
#include <string>
#include <utility>
void take(std::string);

void small() {
  std::string S = "s";
  take(std::move(S));
  take(S);
}

int big(int N) {
  std::string Acc;
  int Sum = 0;
  for (int I = 0; I < N; ++I) {
    std::string Part = std::to_string(I);
    if (I % 3 == 0)
      Acc += Part;
    else if (I % 3 == 1)
      Sum += static_cast<int>(Part.size());
    else
      take(std::move(Part));
    switch (I % 4) {
    case 0: Sum += 1; break;
    case 1: Sum += 2; break;
    case 2: Sum += 3; break;
    default: Sum -= 1; break;
    }
  }
  return Sum + static_cast<int>(Acc.size());
}
CPP

# With the default budget both functions are analysed and no note is printed.
run "$CHECKER" "$TMP/two.cpp" -- -std=c++17
expect_rc 1 "default budget"
expect_out "two.cpp:8:8: warning: 'S' used after it was moved" "finding in small()"
[ -z "$ERR" ] || fail "default budget printed on stderr: $ERR"

# --dump=states reports the steps each function took; pick a budget between them.
run "$CHECKER" --function-budget=0 --dump=states "$TMP/two.cpp" -- -std=c++17
SMALL=$(sed -n "s/^function 'small' (\([0-9]*\) steps).*/\1/p" <<<"$OUT")
BIG=$(sed -n "s/^function 'big' (\([0-9]*\) steps).*/\1/p" <<<"$OUT")
if [ -z "$SMALL" ] || [ -z "$BIG" ]; then
  fail "--dump=states does not show the steps of each function: $OUT"
elif [ "$SMALL" -ge "$BIG" ]; then
  fail "small() took $SMALL steps, big() $BIG: expected fewer"
else
  LIMIT=$(((SMALL + BIG) / 2))
  run "$CHECKER" --function-budget=$LIMIT "$TMP/two.cpp" -- -std=c++17
  expect_rc 1 "budget between the two"
  expect_out "two.cpp:8:8: warning: 'S' used after it was moved" "small() still analysed"
  expect_err "two.cpp:11:5: note: function 'big' was not analysed: its analysis needed more than $LIMIT steps \(see --function-budget\)" \
    "note naming the skipped function"
  [ "$(grep -c . <<<"$ERR")" -eq 1 ] || fail "expected one note, got: $ERR"
fi

# A budget too small for anything: every function is named, nothing crashes, and with
# no finding left the exit code is 0.
run "$CHECKER" --function-budget=1 "$TMP/two.cpp" -- -std=c++17
expect_rc 0 "budget of one step"
expect_err "note: function 'small' was not analysed" "small() named"
expect_err "note: function 'big' was not analysed" "big() named"

run "$CHECKER" --function-budget=many "$TMP/two.cpp" -- -std=c++17
expect_rc 2 "non-numeric budget"
expect_one_error_line "non-numeric budget"

finish
