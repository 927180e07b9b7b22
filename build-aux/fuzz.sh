#!/usr/bin/env bash
# build-aux/fuzz.sh — build the libFuzzer harnesses with clang, ASan and UBSan,
# and run each for a while, seeded from tests/data.
#
# Usage: build-aux/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
# A crash leaves its input in _build-fuzz/crashes/<target>/: turn it into a
# regression test under tests/data and fix the parser.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-30}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(webhook-list create-response disable-response test-response event-list event event-details
           timestamp signature error-body delivery-doctor)
fi

bash build-aux/deps.sh

BUILD=_build-fuzz
mkdir -p "$BUILD"

# Setup and build are quiet when they work; when they fail, say which step
# failed, show the end of its output and stop with a non-zero status.
quiet () {
  local what=$1 out=$2
  shift 2
  if ! "$@" >"$out" 2>&1; then
    echo "fuzz: $what failed; the last lines of $out:" >&2
    tail -n 40 "$out" | sed 's/^/  | /' >&2
    echo "fuzz: BUILD FAILED ($what), no harness ran" >&2
    exit 1
  fi
}

if [ ! -f "$BUILD/build.ninja" ]; then
  quiet "meson setup (clang, -Dfuzzing=true)" "$BUILD/setup.log" \
    env CC=clang meson setup "$BUILD" -Dfuzzing=true -Dapp=false -Dbuildtype=debugoptimized \
      -Db_sanitize=address,undefined -Db_lundef=false
fi
quiet "ninja (the fuzz-* harnesses)" "$BUILD/build.log" \
  ninja -C "$BUILD" $(for t in "${targets[@]}"; do echo "tests/fuzz/fuzz-$t"; done)

status=0
for t in "${targets[@]}"; do
  corpus=$BUILD/corpus/$t
  crashes=$BUILD/crashes/$t
  mkdir -p "$corpus" "$crashes"
  # Seeds: every JSON sample the tests use, plus a few header and time strings.
  cp tests/data/*.json "$corpus"/ 2>/dev/null || true
  printf 't=1700000000,v1=%s' "$(printf 'x%.0s' {1..64} | tr x a)" > "$corpus/sig-seed"
  printf '2024-01-01T00: 00: 0002' > "$corpus/time-seed"
  printf 'POST /hook HTTP/1.1\r\nX-IC-Signature: t=1700000000,v1=%s\r\nContent-Length: 2\r\n\r\n{}\n' \
    "$(printf 'x%.0s' {1..64} | tr x b)" > "$corpus/request-seed"
  log=$BUILD/fuzz-$t.log
  if UBSAN_OPTIONS=halt_on_error=1 ASAN_OPTIONS=detect_leaks=1 \
     "$BUILD/tests/fuzz/fuzz-$t" -max_total_time="$seconds" -max_len=65536 \
       -artifact_prefix="$crashes/" -print_final_stats=1 "$corpus" >"$log" 2>&1; then
    runs=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}')
    echo "fuzz-$t: ${runs:-?} executions in ${seconds}s, no crash"
  else
    echo "fuzz-$t: CRASH — see $log and $crashes/"
    status=1
  fi
done
exit $status
