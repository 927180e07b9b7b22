# build-aux/bench-lib.sh — what the benchmark scripts share: medians and
# ratios of the figures they collect, and a Converc emulator in a process
# of its own. Sourced (bash), with $T a scratch folder and $BUILD the build.
#
# SPDX-License-Identifier: GPL-3.0-or-later

# median of the numbers on standard input, one a line
median () {
  sort -g | awk '{ a[NR] = $1 } END { if (NR == 0) print "nan";
    else if (NR % 2) print a[(NR + 1) / 2]; else printf "%.1f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}
# the largest number on standard input
maximum () { sort -g | tail -n 1; }
# value NAME FILE: the values of "@NAME v" or "NAME v" lines
value () { sed -n "s/^@\{0,1\}$1 //p" "$2"; }
ratio () { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "nan" }'; }
meets () { awk -v a="$1" -v g="$2" 'BEGIN { print (a <= g) ? "yes" : "NO" }'; }

# start_emulator ARGS...: `converc emulator ARGS` in the background; sets
# EMU_PID, URL and KEY once it listens (the caller kills $EMU_PID).
start_emulator () {
  "$BUILD/src/cli/converc" emulator "$@" > "$T/emulator.log" 2>&1 &
  EMU_PID=$!
  for _ in $(seq 600); do
    grep -q '^API key: ' "$T/emulator.log" 2>/dev/null && break
    sleep 0.1
  done
  URL=$(sed -n 's/^Emulator listening on //p' "$T/emulator.log")
  KEY=$(sed -n 's/^API key: //p' "$T/emulator.log")
  [ -n "$URL" ] && [ -n "$KEY" ] || { echo "the emulator did not start" >&2; exit 1; }
}

# fetch_reference COUNT: the curl + json-glib reference on the emulator's
# newest COUNT events, appending "curl_ms N" to $T/curl and json-glib's
# "parse_ms N" to $T/parse; the answer stays in $T/events.json.
fetch_reference () {
  curl -s -o "$T/events.json" -w 'curl_ms %{time_total}\n' \
       -H "Authorization: Bearer $KEY" "$URL/webhooks/events?display=$1" |
    awk '{ printf "curl_ms %.1f\n", $2 * 1000 }' >> "$T/curl"
  "$BUILD/tests/bench/bench-json-parse" "$T/events.json" >> "$T/parse"
}
