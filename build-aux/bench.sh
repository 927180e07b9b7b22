#!/usr/bin/env bash
# build-aux/bench.sh — the performance figures of issue 7, side by side with
# their references, each the median of several runs. A benchmark run by
# hand, never a test: figures depend on the machine and its load.
#
# Usage: build-aux/bench.sh [BUILD_DIR]       (default: _build-perf)
#   RUNS=N   runs per figure (default 5; start-up takes RUNS+2)
#   EVENTS=N events for the load, memory and search figures (default 10000)
#   ENDPOINTS=N endpoints for the scrolling figure (default 5000)
# Build first, preferably optimised:
#   meson setup _build-perf -Dapp=true -Dbuildtype=release && ninja -C _build-perf
# It runs itself inside build-aux/headless.sh (Xvfb, private D-Bus).
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD=${1:-_build-perf}
RUNS=${RUNS:-5}
EVENTS=${EVENTS:-10000}
ENDPOINTS=${ENDPOINTS:-5000}

if [ -z "${CONVERC_BENCH_INSIDE:-}" ]; then
  for f in src/app/converc-webhooks src/cli/converc tests/bench/bench-events \
           tests/bench/bench-endpoints tests/bench/bench-minimal-window \
           tests/bench/bench-startup tests/bench/bench-app tests/bench/bench-json-parse; do
    if [ ! -x "$BUILD/$f" ]; then
      echo "bench.sh: $BUILD/$f is missing; build with -Dapp=true first" >&2
      exit 1
    fi
  done
  command -v curl >/dev/null || { echo "bench.sh: curl is needed" >&2; exit 1; }
  export CONVERC_BENCH_INSIDE=1
  exec build-aux/headless.sh "$0" "$@"
fi

B=$BUILD/tests/bench
T=$(mktemp -d /tmp/converc-bench.XXXXXX)
EMU_PID=
cleanup () {
  if [ -n "$EMU_PID" ]; then kill "$EMU_PID" 2>/dev/null || true; wait "$EMU_PID" 2>/dev/null || true; fi
  rm -rf "$T"
}
trap cleanup EXIT
export GSETTINGS_SCHEMA_DIR="$PWD/$BUILD/data"

. build-aux/bench-lib.sh

echo "Converc Webhooks benchmark — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores," \
     "load average $(cut -d' ' -f1 /proc/loadavg), build $BUILD" \
     "($(meson introspect "$BUILD" --buildoptions 2>/dev/null | /usr/bin/python3 -c \
        'import json,sys; print([o["value"] for o in json.load(sys.stdin) if o["name"]=="buildtype"][0])' \
        2>/dev/null || echo '?')), $RUNS runs per figure"

# 1. Start-up: the app in demo mode vs a minimal AdwApplicationWindow,
#    interleaved so that both see the same machine.
echo "start-up ..." >&2
for i in $(seq $((RUNS + 2))); do
  timeout 60 "$B/bench-startup" "$B/bench-minimal-window" >> "$T/minimal" 2>/dev/null
  timeout 60 "$B/bench-startup" "$B/bench-app" --demo >> "$T/app" 2>/dev/null
  GSK_RENDERER=cairo timeout 60 "$B/bench-startup" "$B/bench-minimal-window" >> "$T/minimal-cairo" 2>/dev/null
done
START_APP=$(value startup_ms "$T/app" | median)
START_REF=$(value startup_ms "$T/minimal" | median)
START_REF_CAIRO=$(value startup_ms "$T/minimal-cairo" | median)

# 2–4. Events: a server in another process with EVENTS realistic events.
echo "events ..." >&2
start_emulator --events "$EVENTS"

# The reference: the same request with curl, then json-glib alone.
for i in $(seq "$RUNS"); do
  fetch_reference "$EVENTS"
done
JSON_MB=$(stat -c %s "$T/events.json" | awk '{ printf "%.1f", $1 / 1048576 }')
CURL_MS=$(value curl_ms "$T/curl" | median)
PARSE_MS=$(value parse_ms "$T/parse" | median)
LOAD_REF=$(awk -v a="$CURL_MS" -v b="$PARSE_MS" 'BEGIN { printf "%.1f", a + b }')

for i in $(seq "$RUNS"); do
  timeout 300 "$B/bench-events" --single "$EVENTS" "$URL" "$KEY" > "$T/events.$i" 2>/dev/null
  cat "$T/events.$i" >> "$T/events"
done
# The stall again with GTK 4.8's default GL renderer forced: the app (and the
# bench programs, like its main()) draw with cairo when GL is software.
for i in $(seq "$RUNS"); do
  GSK_RENDERER=gl timeout 300 "$B/bench-events" --single "$EVENTS" "$URL" "$KEY" >> "$T/events-gl" 2>/dev/null
done
RENDERER=$(value renderer "$T/events" | sort | uniq -c | sort -rn | awk 'NR == 1 { print $2 }')
STALL_GL=$(value load_stall_ms "$T/events-gl" | median)
STALL_GL_MAX=$(value load_stall_ms "$T/events-gl" | maximum)
LOAD=$(value load_ms "$T/events" | median)
STALL=$(value load_stall_ms "$T/events" | median)
STALL_MAX=$(value load_stall_ms "$T/events" | maximum)
RSS=$(value rss_delta_mb "$T/events" | median)
SEARCH=$(value search_ms "$T/events" | median)
SEARCH_PAINT=$(value search_paint_ms "$T/events" | median)

kill "$EMU_PID"; wait "$EMU_PID" 2>/dev/null || true; EMU_PID=

# 5. Endpoints: listed and scrolled end to end, one page a frame.
echo "endpoints ..." >&2
for i in $(seq "$RUNS"); do
  timeout 600 "$B/bench-endpoints" "$ENDPOINTS" >> "$T/endpoints" 2>/dev/null
done
# The same with GTK 4.8's default GL renderer forced (on llvmpipe it draws
# on the CPU, which is most of a scroll frame).
for i in $(seq "$RUNS"); do
  GSK_RENDERER=gl timeout 600 "$B/bench-endpoints" "$ENDPOINTS" >> "$T/endpoints-gl" 2>/dev/null
done
FRAME_GL=$(value endpoints_worst_frame_ms "$T/endpoints-gl" | median)
MEDIAN_FRAME_GL=$(value endpoints_median_frame_ms "$T/endpoints-gl" | median)
MEDIAN_FRAME=$(value endpoints_median_frame_ms "$T/endpoints" | median)
FRAME=$(value endpoints_worst_frame_ms "$T/endpoints" | median)
FRAME_MAX=$(value endpoints_worst_frame_ms "$T/endpoints" | maximum)
LIST=$(value endpoints_list_ms "$T/endpoints" | median)

echo
echo "The app's renderer here: ${RENDERER:-?} (GL_RENDERER of this display: software GL makes it cairo; see src/app/support/cw-renderer.c)"
row () { printf '| %-40s | %10s | %-42s | %5s | %-8s | %-3s |\n' "$@"; }
echo
row "figure (median of $RUNS)" "measured" "reference" "ratio" "goal" "met"
row "$(printf "%040d" 0 | tr 0 -)" "---------:" "$(printf "%042d" 0 | tr 0 -)" "----:" "--------" "---"
row "start-up to populated list (demo)" "$START_APP ms" "minimal AdwApplicationWindow $START_REF ms" \
    "$(ratio "$START_APP" "$START_REF")" "≤ 1.3×" "$(meets "$(ratio "$START_APP" "$START_REF")" 1.3)"
row "  same, vs minimal window on cairo" "$START_APP ms" "minimal, GSK_RENDERER=cairo $START_REF_CAIRO ms" \
    "$(ratio "$START_APP" "$START_REF_CAIRO")" "≤ 1.3×" "$(meets "$(ratio "$START_APP" "$START_REF_CAIRO")" 1.3)"
row "load $EVENTS events ($JSON_MB MB), painted" "$LOAD ms" "curl $CURL_MS + json-glib $PARSE_MS ms" \
    "$(ratio "$LOAD" "$LOAD_REF")" "≤ 1.5×" "$(meets "$(ratio "$LOAD" "$LOAD_REF")" 1.5)"
row "longest main-loop stall in the load" "$STALL ms" "(max of runs $STALL_MAX ms)" "" "≤ 50 ms" "$(meets "$STALL_MAX" 50)"
row "  same, GSK_RENDERER=gl forced" "$STALL_GL ms" "(max of runs $STALL_GL_MAX ms)" "" "≤ 50 ms" "$(meets "$STALL_GL_MAX" 50)"
row "peak RSS, loaded − empty window" "$RSS MB" "JSON size $JSON_MB MB" \
    "$(ratio "$RSS" "$JSON_MB")" "≤ 3×" "$(meets "$(ratio "$RSS" "$JSON_MB")" 3)"
row "search keystroke → list updated" "$SEARCH ms" "one frame, 16 ms" \
    "$(ratio "$SEARCH" 16)" "≤ 16 ms" "$(meets "$SEARCH" 16)"
row "search keystroke → frame painted" "$SEARCH_PAINT ms" "(for information)" "" "" ""
row "$ENDPOINTS endpoints scrolled, worst frame" "$FRAME ms" "one frame, 16 ms (max $FRAME_MAX)" \
    "$(ratio "$FRAME" 16)" "≤ 16 ms" "$(meets "$FRAME_MAX" 16)"
row "  same, median frame" "$MEDIAN_FRAME ms" "(for information)" "" "" ""
row "  same, GSK_RENDERER=gl forced, worst" "$FRAME_GL ms" "one frame, 16 ms" \
    "$(ratio "$FRAME_GL" 16)" "≤ 16 ms" "$(meets "$FRAME_GL" 16)"
row "  same, GSK_RENDERER=gl forced, median" "$MEDIAN_FRAME_GL ms" "(for information)" "" "" ""
row "$ENDPOINTS endpoints, request → painted" "$LIST ms" "(for information)" "" "" ""
