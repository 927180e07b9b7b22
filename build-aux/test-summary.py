#!/usr/bin/python3
# build-aux/test-summary.py BUILD_DIR — counts the TAP subtests of the last
# `meson test` run in BUILD_DIR (meson-logs/testlog.json) and prints one line:
# "tests: N passed, N failed, N skipped".
#
# SPDX-License-Identifier: GPL-3.0-or-later
import json
import re
import sys

passed = failed = skipped = 0
# For a failed TAP test meson shows only stderr: name its failing subtest
# (or, after a crash or timeout, the last one that passed) here.
where = []
with open(sys.argv[1] + "/meson-logs/testlog.json", encoding="utf-8") as log:
    for line in log:
        test = json.loads(line)
        out = test.get("stdout") or ""
        skip = len(re.findall(r"^ok \d+.*# skip", out, re.M | re.I))
        ok = len(re.findall(r"^ok \d+", out, re.M)) - skip
        bad = len(re.findall(r"^not ok \d+", out, re.M))
        if ok + skip + bad == 0:
            # Not a TAP test: count the test itself.
            result = test.get("result")
            if result in ("OK", "EXPECTEDFAIL"):
                ok = 1
            elif result == "SKIP":
                skip = 1
            else:
                bad = 1
        elif test.get("result") not in ("OK", "EXPECTEDFAIL", "SKIP"):
            # A crash or timeout after some subtests: count it as a failure.
            bad = max(bad, 1)
        if bad and out:
            tap = [l for l in out.splitlines() if re.match(r"(not )?ok \d+", l)]
            failing = [l for l in tap if l.startswith("not ok")]
            if failing:
                where += [f"{test.get('name')}: {l}" for l in failing]
            else:
                last = tap[-1] if tap else "no subtest ran"
                where.append(f"{test.get('name')}: {test.get('result')} after: {last}")
        passed += ok
        skipped += skip
        failed += bad
for line in where:
    print(f"failed: {line}")
print(f"tests: {passed} passed, {failed} failed, {skipped} skipped")
