#!/usr/bin/env python3
"""Independent reference scorer of the benchmark model eindex-bench-v1 (../shared/bench/MODEL.md).

Reads a CSV written by ../shared/bench/gen.py and prints the output MODEL.md section 5 defines.
Exact arithmetic (fractions.Fraction); shares no code with eindex. Stdlib only.

Usage: python3 bench/reference.py subs_N.csv > expected.csv
"""
import sys
from fractions import Fraction

SECTIONS = 5
WEIGHTS = (2, 3, 2, 8, 2)
SECTION_MAX = 86
SINGLE_POINTS = {"A": 0, "B": 1, "C": 2, "D": 3}
THRESHOLDS = (20, 40, 60, 80)

# MODEL.md section 1, combination table: (q01 cell, q30 cell, points); None = wildcard "-".
COMBINATION = (
    ({"D"}, {"D"}, 3),
    ({"D"}, None, 2),
    ({"C"}, {"C", "D"}, 2),
    (None, {"A"}, 0),
    ({"B", "C"}, None, 1),
    (None, None, 0),
)


def cell_matches(cell, value):
    if cell is None:
        return True
    return value is not None and value in cell


def combination(q01, q30):
    for c1, c30, pts in COMBINATION:
        if cell_matches(c1, q01) and cell_matches(c30, q30):
            return pts
    raise AssertionError("row 6 always matches")


def question_points(q, v):
    """Points of question number q (1..30) answered with raw cell text v (non-empty)."""
    if q <= 15:
        return SINGLE_POINTS[v]
    if q <= 25:
        return min(len(v.split("|")), 3)
    if q <= 29:
        n = int(v)
        return 0 if n < 10 else (1 if n <= 100 else 2)
    return 0  # q30: only in the combination table


def level(x):
    return 1 + sum(1 for t in THRESHOLDS if x >= t)


def fmt6(x):
    """`%.6f` of an exact non-negative Fraction, rounding half up (ties never occur: MODEL.md 5)."""
    scaled = x * 1_000_000
    q, r = divmod(scaled.numerator, scaled.denominator)
    if 2 * r >= scaled.denominator:
        q += 1
    return f"{q // 1_000_000}.{q % 1_000_000:06d}"


def score_row(cells):
    """cells: the 150 raw cells (None = unanswered). Returns the output fields after `id`."""
    pts, pct, lvl = [], [], []
    num = den = 0
    for k in range(SECTIONS):
        sec = cells[30 * k: 30 * k + 30]
        p = sum(question_points(q, v) for q, v in enumerate(sec, 1) if v is not None)
        p += combination(sec[0], sec[29])
        pts.append(str(p))
        if any(v is not None for v in sec):
            x = Fraction(100 * p, SECTION_MAX)
            pct.append(fmt6(x))
            lvl.append(str(level(x)))
            num += WEIGHTS[k] * p
            den += SECTION_MAX * WEIGHTS[k]
        else:
            pct.append("")
            lvl.append("")
    if den:
        total = Fraction(100 * num, den)
        t, tl = fmt6(total), str(level(total))
    else:
        t, tl = "", ""
    return pts + pct + [t] + lvl + [tl]


def main():
    path = sys.argv[1]
    out = sys.stdout
    out.write(
        "id,"
        + ",".join(f"s{k}_pts" for k in range(1, 6)) + ","
        + ",".join(f"s{k}_pct" for k in range(1, 6)) + ",total,"
        + ",".join(f"s{k}_lvl" for k in range(1, 6)) + ",total_lvl\n"
    )
    with open(path, newline="") as f:
        header = f.readline().rstrip("\n").split(",")
        expected = ["id"] + [f"s{k}_q{q:02d}" for k in range(1, 6) for q in range(1, 31)]
        assert header == expected, "unexpected header"
        for line in f:
            fields = line.rstrip("\n").split(",")
            cells = [c if c != "" else None for c in fields[1:]]
            out.write(fields[0] + "," + ",".join(score_row(cells)) + "\n")


if __name__ == "__main__":
    main()
