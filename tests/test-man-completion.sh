#!/usr/bin/env bash
# test-man-completion.sh — the man pages render without warnings and the bash
# completion for converc loads and completes. Prints TAP.
#
# Usage: test-man-completion.sh SOURCE_DIR
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
src=${1:?source dir}
n=0
failed=0
ok() { n=$((n + 1)); if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=1; fi; }

for page in converc.1 converc-webhooks.1; do
  if ! command -v man >/dev/null; then
    echo "ok $((n += 1)) - $page # SKIP man is not installed"; continue
  fi
  # man hides troff's warnings when its output is not a terminal: ask
  # groff itself (the formatter man runs) for every warning.
  warnings=$(LC_ALL=C.UTF-8 groff -man -Tutf8 -ww -z "$src/data/$page" 2>&1)
  [ -z "$warnings" ]; ok $? "$page formats without troff warnings (groff -ww)"
  [ -n "$warnings" ] && echo "$warnings" | sed 's/^/# /'
  text=$(LC_ALL=C.UTF-8 MANWIDTH=80 man -l "$src/data/$page" 2>&1)
  status=$?
  [ $status -eq 0 ] && grep -q 'NAME' <<<"$text"; ok $? "man -l $page renders"
  grep -q 'EXIT STATUS' <<<"$text"; ok $? "$page documents the exit status"
done

# Every option and command of `converc --help` is in converc.1.
if [ -n "${CONVERC_CLI:-}" ]; then
  text=$(LC_ALL=C.UTF-8 MANWIDTH=200 man -l "$src/data/converc.1" 2>/dev/null)
  missing=""
  for cmd in "" webhooks events verify login logout emulator "webhooks create" deliver "secret show" "secret store"; do
    for opt in $("$CONVERC_CLI" $cmd --help 2>&1 | grep -oE -- '--[a-z][a-z-]+' | sort -u); do
      case $opt in --help-all|--help-gapplication) continue ;; esac
      grep -q -- "$opt" <<<"$text" || missing="$missing $cmd:$opt"
    done
  done
  [ -z "$missing" ]; ok $? "converc.1 documents every option of converc --help${missing:+ (missing:$missing)}"
fi

completion=$(bash -c '
  source "$1" || exit 3
  complete -p converc >/dev/null || exit 4
  complete_words() { COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}; COMPREPLY=(); _converc; echo "${COMPREPLY[*]}"; }
  echo "1:$(complete_words converc we)"
  echo "2:$(complete_words converc webhooks cr)"
  echo "3:$(complete_words converc webhooks create --ev)"
  echo "4:$(complete_words converc events --type call.e)"
  echo "5:$(complete_words converc deliver --end)"
  echo "6:$(complete_words converc secret st)"
' _ "$src/data/converc.bash-completion" 2>&1)
status=$?
ok $status "the completion script loads in bash and registers _converc"
grep -qx '1:webhooks' <<<"$completion"; ok $? "converc we<Tab> completes to webhooks"
grep -qx '2:create' <<<"$completion"; ok $? "converc webhooks cr<Tab> completes to create"
grep -qx '3:--event' <<<"$completion"; ok $? "converc webhooks create --ev<Tab> completes to --event"
grep -qx '4:call.ended' <<<"$completion"; ok $? "converc events --type call.e<Tab> completes to call.ended"
grep -qx '5:--endpoint' <<<"$completion"; ok $? "converc deliver --end<Tab> completes to --endpoint"
grep -qx '6:store' <<<"$completion"; ok $? "converc secret st<Tab> completes to store"
[ $failed -eq 0 ] || echo "$completion" | sed 's/^/# /'

echo "1..$n"
exit $failed
