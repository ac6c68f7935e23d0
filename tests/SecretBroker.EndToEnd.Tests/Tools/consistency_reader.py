#!/usr/bin/env python3
"""Independent reader for the crash-consistency test.

Reads the sidecar's output files in a tight loop until a stop file appears, and counts violations:
  partial  - a file (opened by its user-visible path) whose content is not one complete value
  mixed    - the secrets of one generation (..data resolved once) that do not belong to the same rotation
  missing  - a user-visible file that cannot be opened after it was once read: a delivered secret must never vanish
             (before its first delivery, "not there yet" is expected and counted as waiting)
Opening a file of a generation that was just deleted (ENOENT) is not a violation: the reader retries.
Prints one JSON object with the counts on stdout when it stops.
"""
import json
import os
import re
import sys
import time

out_dir, stop_file, names = sys.argv[1], sys.argv[2], sys.argv[3].split(",")
VALUE = re.compile(r"^(?P<name>[a-z0-9-]+)\|(?P<n>\d{8})\|(?P<pad>[0-9a-f]+)\|(?P=n)\|end$")
counts = {"reads": 0, "set_reads": 0, "partial": 0, "mixed": 0, "vanished": 0, "missing": 0, "waiting": 0, "examples": []}


def parse(name, data):
    m = VALUE.match(data)
    if not m or m.group("name") != name or len(m.group("pad")) != 4096:
        return None
    return int(m.group("n"))


def note(kind, detail):
    counts[kind] += 1
    if len(counts["examples"]) < 5:
        counts["examples"].append(f"{kind}: {detail[:200]}")


delivered = set()
# Stop on the stop file, or when the test's directory is gone (a failed test that never wrote it).
while not os.path.exists(stop_file) and os.path.isdir(os.path.dirname(stop_file)):
    # 1. Each file through its user-visible path must always be complete.
    for name in names:
        try:
            with open(os.path.join(out_dir, name), "r", encoding="utf-8") as f:
                data = f.read()
        except FileNotFoundError:
            if name in delivered:
                note("missing", name)
            else:
                counts["waiting"] += 1
            continue
        counts["reads"] += 1
        delivered.add(name)
        if parse(name, data) is None:
            note("partial", f"{name}: {data!r}")
    # 2. One generation, resolved once, must hold one rotation's set.
    try:
        target = os.readlink(os.path.join(out_dir, "..data"))
        gen = os.path.join(out_dir, target)
        values = []
        for name in names:
            with open(os.path.join(gen, name), "r", encoding="utf-8") as f:
                values.append((name, f.read()))
    except FileNotFoundError:
        counts["vanished"] += 1
        continue
    counts["set_reads"] += 1
    ns = set()
    for name, data in values:
        n = parse(name, data)
        if n is None:
            note("partial", f"{target}/{name}: {data!r}")
        ns.add(n)
    if len(ns) != 1:
        note("mixed", f"{target}: {sorted(str(x) for x in ns)}")

print(json.dumps(counts))
