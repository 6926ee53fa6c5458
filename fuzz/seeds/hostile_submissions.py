#!/usr/bin/env python3
"""Writes the hostile submission shapes of issue 18 as seeds for the `eval_submissions` target
(generated from the bundled 2022 data, not committed). Usage:
python3 fuzz/seeds/hostile_submissions.py DIR [SCALE]

Each seed starts with the target's mode byte (0 = CSV strict, 4 = CSV lenient, 1 = JSON Lines
strict, 5 = JSON Lines lenient; the 2022 model). SCALE multiplies the sizes (default 1.0: a 1 MB
line, 1 MiB without a line break)."""
import csv
import io
import json
import os
import sys

out = sys.argv[1]
scale = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
os.makedirs(out, exist_ok=True)
here = os.path.dirname(os.path.abspath(__file__))
data = os.path.join(here, "..", "..", "data", "2022", "synthetic-submissions-2022.csv")
rows = list(csv.reader(open(data, encoding="utf-8")))
head, row = rows[0], rows[1]
num = head.index("employees")


def n(x):
    return max(1, int(x * scale))


def as_csv(rs):
    s = io.StringIO()
    csv.writer(s, lineterminator="\n").writerows(rs)
    return s.getvalue()


def write(name, mode, body):
    with open(os.path.join(out, "hostile-" + name), "wb") as f:
        f.write(bytes([mode]) + body)


def with_cell(i, v):
    r = list(row)
    r[i] = v
    return r


write("utf16-no-bom", 0, as_csv([head, row]).encode("utf-16-le"))
write("utf32", 0, as_csv([head, row]).encode("utf-32"))
write("nul-unit", 4, as_csv([head, with_cell(0, "\x00")]).encode())
write("control-unit", 4, as_csv([head, with_cell(0, "\x1b[2J")]).encode())
write("digits-40", 4, as_csv([head, with_cell(num, "1" * 40)]).encode())
write("zeros-then-12", 4, as_csv([head, with_cell(num, "0" * 40 + "12")]).encode())
write("no-line-break", 0, b"\x00" * n(1 << 20))
write("long-cell", 4, as_csv([head, with_cell(num, "9" * n(1_000_000))]).encode())
obj = dict(zip(head, row))
obj["employees"] = int("1" * 40)
write("jsonl-digits-40", 5, (json.dumps(obj) + "\n").encode())
obj["employees"] = "1e999999999"
write("jsonl-exponent", 5, (json.dumps(obj) + "\n").encode())
write("jsonl-deep", 1, b"[" * n(100_000) + b"]" * n(100_000) + b"\n")
