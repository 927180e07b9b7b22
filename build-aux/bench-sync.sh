#!/usr/bin/env bash
# build-aux/bench-sync.sh — issue 14's ingest figure end to end, as a user
# meets it: `converc history sync` fetching a 10,000-event answer and
# storing it (process start to exit), against the goal's reference, curl
# fetching the same answer plus json-glib parsing it (≤ 1.5×). Runs are
# interleaved (reference, sync into an empty journal, sync into JOURNAL)
# so that each sees the same machine; medians and each run are printed.
# A benchmark run by hand, never a test.
#
# Usage: build-aux/bench-sync.sh [BUILD_DIR] [JOURNAL]     (default: _build)
#   JOURNAL: a journal file to sync into as well, a fresh copy each run,
#            e.g. bench-journal's bench-100000.sqlite (its events come
#            from another seed of the generator: the answer's are new)
#   RUNS=N   runs per figure (default 5)
#   EVENTS=N events in the answer (default 10000)
#   APP=1    also the app's own ingest, each run: `bench-events-journal
#            --ingest` on a fresh copy of JOURNAL in a headless session
#            (build-aux/headless.sh), request → the 10,000 events stored
#            and the Events page showing them; its emulator runs in the
#            app's process (another seed, the same size of answer), so the
#            figure carries that emulator's work too
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD=${1:-_build}
JOURNAL=${2:-}
RUNS=${RUNS:-5}
EVENTS=${EVENTS:-10000}

for f in src/cli/converc tests/bench/bench-json-parse; do
  if [ ! -x "$BUILD/$f" ]; then
    echo "bench-sync.sh: $BUILD/$f is missing; build first" >&2
    exit 1
  fi
done
command -v curl >/dev/null || { echo "bench-sync.sh: curl is needed" >&2; exit 1; }
if [ -n "$JOURNAL" ] && [ ! -f "$JOURNAL" ]; then
  echo "bench-sync.sh: no journal at $JOURNAL" >&2
  exit 1
fi

T=$(mktemp -d /tmp/converc-bench-sync.XXXXXX)
EMU_PID=
cleanup () {
  if [ -n "$EMU_PID" ]; then kill "$EMU_PID" 2>/dev/null || true; wait "$EMU_PID" 2>/dev/null || true; fi
  rm -rf "$T"
}
trap cleanup EXIT

. build-aux/bench-lib.sh

# sync_ms DATA_HOME: `converc history sync` into DATA_HOME's journal, its
# wall time from start to exit in ms; it must have stored every event.
sync_ms () {
  local start end
  start=$(date +%s%N)
  XDG_DATA_HOME="$1" CONVERC_BASE_URL="$URL" CONVERC_API_KEY="$KEY" \
    "$BUILD/src/cli/converc" history sync --count "$EVENTS" --json > "$T/sync.json"
  end=$(date +%s%N)
  if ! grep -q "\"added\": $EVENTS," "$T/sync.json"; then
    echo "bench-sync.sh: the sync did not store $EVENTS new events: $(cat "$T/sync.json")" >&2
    exit 1
  fi
  awk -v ns=$((end - start)) 'BEGIN { printf "%.1f\n", ns / 1e6 }'
}

# app_ms: the app's ingest of a 10,000-event answer into a copy of
# JOURNAL, request → stored and shown, in ms
app_ms () {
  rm -f "$T/app.sqlite"*
  cp "$JOURNAL" "$T/app.sqlite"
  bash build-aux/headless.sh "$BUILD/tests/bench/bench-events-journal" --ingest "$T/app.sqlite" \
    2>/dev/null > "$T/app.log"
  sed -n 's/^  request → answer stored and the list showing it: \([0-9.]*\) ms$/\1/p' "$T/app.log"
}

if [ -n "${APP:-}" ] && { [ -z "$JOURNAL" ] || [ "$EVENTS" != 10000 ]; }; then
  echo "bench-sync.sh: APP=1 needs JOURNAL, and 10,000 events (the size bench-events-journal asks for)" >&2
  exit 1
fi

start_emulator --events "$EVENTS"
echo "Converc Webhooks sync benchmark — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores," \
     "load average $(cut -d' ' -f1-3 /proc/loadavg), build $BUILD, $RUNS runs"

NAME=
for i in $(seq "$RUNS"); do
  fetch_reference "$EVENTS"
  reference=$(awk -v c="$(value curl_ms "$T/curl" | tail -n 1)" \
                  -v p="$(value parse_ms "$T/parse" | tail -n 1)" 'BEGIN { printf "%.1f", c + p }')
  echo "$reference" >> "$T/reference"

  rm -rf "$T/empty"
  empty=$(sync_ms "$T/empty")
  echo "$empty" >> "$T/empty-ms"
  # The journal's file name follows the base URL: the empty run made it.
  NAME=$(basename "$(ls "$T"/empty/converc-webhooks/journal-*.sqlite)")
  line="run $i: curl + json-glib $reference ms; sync into an empty journal $empty ms ($(ratio "$empty" "$reference")×)"

  if [ -n "$JOURNAL" ]; then
    rm -rf "$T/into"
    mkdir -p -m 0700 "$T/into/converc-webhooks"
    cp "$JOURNAL" "$T/into/converc-webhooks/$NAME"
    into=$(sync_ms "$T/into")
    echo "$into" >> "$T/into-ms"
    line="$line; into JOURNAL $into ms ($(ratio "$into" "$reference")×)"
  fi
  if [ -n "${APP:-}" ]; then
    app=$(app_ms)
    [ -n "$app" ] || { echo "bench-sync.sh: bench-events-journal --ingest printed no figure" >&2; exit 1; }
    echo "$app" >> "$T/app-ms"
    line="$line; the app's ingest into JOURNAL $app ms ($(ratio "$app" "$reference")×)"
  fi
  echo "$line"
done

REF=$(median < "$T/reference")
EMPTY=$(median < "$T/empty-ms")
echo
echo "answer: $EVENTS events, $(stat -c %s "$T/events.json" | awk '{ printf "%.1f", $1 / 1048576 }') MB"
echo "reference, curl + json-glib (medians): curl $(value curl_ms "$T/curl" | median) ms + json-glib $(value parse_ms "$T/parse" | median) ms; per run, median $REF ms"
echo "converc history sync into an empty journal: median $EMPTY ms, $(ratio "$EMPTY" "$REF")× (goal ≤ 1.5×: $(meets "$(ratio "$EMPTY" "$REF")" 1.5))"
echo "@sync_empty_ms $EMPTY"
echo "@sync_reference_ms $REF"
if [ -n "$JOURNAL" ]; then
  INTO=$(median < "$T/into-ms")
  echo "converc history sync into $JOURNAL: median $INTO ms, $(ratio "$INTO" "$REF")× (goal ≤ 1.5×: $(meets "$(ratio "$INTO" "$REF")" 1.5))"
  echo "@sync_into_ms $INTO"
fi
if [ -n "${APP:-}" ]; then
  APPM=$(median < "$T/app-ms")
  echo "the app's ingest into $JOURNAL, request → stored and shown: median $APPM ms, $(ratio "$APPM" "$REF")× (goal ≤ 1.5×: $(meets "$(ratio "$APPM" "$REF")" 1.5))"
  echo "@app_ingest_ms $APPM"
fi
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
