#!/usr/bin/env bash
# build-aux/valgrind.sh — valgrind memcheck over the core tests and the
# command line; fails on any definite leak or memory error from our code.
# Run it under build-aux/headless.sh (the CLI's keyring calls need a session).
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -uo pipefail
cd "$(dirname "$0")/.."

BUILD=${BUILD_DIR:-_build}
if ! command -v valgrind >/dev/null; then
  echo "valgrind: not installed (run build-aux/deps.sh)" >&2
  echo "valgrind: 0 passed, 1 failed"
  exit 1
fi
if [ ! -f "$BUILD/build.ninja" ]; then
  echo "valgrind: no build in $BUILD (run build-aux/run-tests.sh first)" >&2
  echo "valgrind: 0 passed, 1 failed"
  exit 1
fi
if ! ninja -C "$BUILD" >"$BUILD/valgrind-build.log" 2>&1; then
  echo "valgrind: building $BUILD failed; the last lines of its output:" >&2
  tail -n 40 "$BUILD/valgrind-build.log" | sed 's/^/  | /' >&2
  echo "valgrind: 0 passed, 1 failed"
  exit 1
fi
export G_TEST_SRCDIR=$PWD/tests G_SLICE=always-malloc G_DEBUG=gc-friendly
VG=(valgrind --leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite
    --error-exitcode=9 --suppressions=build-aux/valgrind.supp --num-callers=30 -q)
failed=0
passed=0

check () {
  local name=$1
  shift
  local log=$BUILD/valgrind-$name.log
  local rc
  # The command's own exit status is its business (usage errors exit 2);
  # valgrind's error status (9) or a report in the log is ours.
  rm -f "$log"
  "${VG[@]}" --log-file="$log" "$@" >"$log.out" 2>&1
  rc=$?
  # No log means valgrind itself did not run (126, 127: not found or not
  # executable), which must not pass as "clean".
  if [ -f "$log" ] && [ $rc -ne 9 ] && [ $rc -lt 126 ] && ! grep -q "definitely lost\|Invalid \|uninitialised\|Mismatched" "$log"; then
    echo "valgrind: $name: clean (exit $rc)"
    passed=$((passed + 1))
  else
    echo "valgrind: $name: PROBLEMS (exit $rc), see $log"
    failed=$((failed + 1))
  fi
}

for t in test-timestamp test-signature test-parse test-event test-error test-event-types \
         test-event-details test-hostile test-client; do
  check "$t" "$BUILD/tests/$t"
done

# The command line against an emulator.
"$BUILD/src/cli/converc" emulator --seed > "$BUILD/valgrind-emulator.out" 2>&1 &
emulator=$!
for _ in $(seq 50); do grep -q "listening on" "$BUILD/valgrind-emulator.out" && break; sleep 0.1; done
url=$(sed -n 's/.*listening on \(http[^ ]*\).*/\1/p' "$BUILD/valgrind-emulator.out")
key=$(sed -n 's/^API key: //p' "$BUILD/valgrind-emulator.out")
if [ -z "$url" ] || [ -z "$key" ]; then
  # Without an emulator every CLI run below would only exercise its error path.
  echo "valgrind: the emulator did not start; its output:" >&2
  sed 's/^/  | /' "$BUILD/valgrind-emulator.out" >&2
  kill $emulator 2>/dev/null
  echo "valgrind: $passed passed, $((failed + 1)) failed"
  exit 1
fi
export CONVERC_BASE_URL=$url CONVERC_API_KEY=$key
C=$BUILD/src/cli/converc
check cli-list "$C" webhooks list
check cli-list-json "$C" --json webhooks list
check cli-create "$C" webhooks create --url "$url/demo-receiver/valgrind" --event call.ended
id=$("$C" --json webhooks list | /usr/bin/python3 -c 'import json,sys
hooks = json.load(sys.stdin)
hooks = hooks.get("webhooks", []) if isinstance(hooks, dict) else hooks
print([w["id"] for w in hooks if w["url"].endswith("/valgrind")][0])')
check cli-test "$C" webhooks test "$id"
check cli-disable "$C" webhooks disable "$id"
check cli-events "$C" events --count 200
check cli-events-json "$C" --json events --type call.ended
check cli-usage "$C" events --count nope
check cli-bad-key env CONVERC_API_KEY=wrong "$C" webhooks list
printf '{"a":1}' > "$BUILD/valgrind-body.json"
printf 'whsec_test' > "$BUILD/valgrind-secret.txt"
check cli-verify "$C" verify --secret-file "$BUILD/valgrind-secret.txt" \
  --header "t=1700000000,v1=00" --body-file "$BUILD/valgrind-body.json"
kill $emulator 2>/dev/null
wait $emulator 2>/dev/null

echo "valgrind: $passed passed, $failed failed"
[ $failed -eq 0 ]
