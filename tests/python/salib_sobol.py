#!/usr/bin/env python3
"""SALib's first-order and total Sobol' indices for a Saltelli design evaluated elsewhere.

The reference that `eindex`'s own estimators (src/robust/stats.rs) are checked against
(tests/it/robust_salib.rs); usable on any design and outputs in the same layout, e.g. what
`eindex robustness --write-samples` writes.

Usage:
    python3 salib_sobol.py X.csv Y.csv [--bounds BOUNDS.json] [--resamples R] [--conf C] [--seed S]

Input:
    X.csv   the design matrix: a header line with the d input names, then n*(d+2) lines of d
            comma-separated numbers, in SALib's `calc_second_order=False` layout: for each base
            point j the rows A_j, AB_j^(1) ... AB_j^(d) (A_j with column i from B_j), B_j.
    Y.csv   the model outputs, one number per line, one per row of X.csv in the same order; a
            first line that is not a number is a header and skipped.
    BOUNDS.json  optional: a JSON list of [low, high] pairs, one per input (default [0, 1] each).
            SALib's estimators do not use them; the script checks that X lies within them.

The script checks the layout (every AB_j^(i) equals A_j except in column i, where it equals B_j)
and exits with status 2 and a message on stderr when X, Y or the bounds do not fit.

Output (stdout): one JSON object
    {"salib": "<SALib version>", "n": n, "d": d, "names": [...],
     "S1": [...], "ST": [...], "S1_conf": [...], "ST_conf": [...]}
from SALib.analyze.sobol.analyze(problem, Y, calc_second_order=False, num_resamples=R,
conf_level=C, seed=S) (defaults 100, 0.95, 1). Floats are printed so that they read back exactly
(Python's repr); a NaN or infinite value is printed as null. (For a constant Y SALib reports 0
for every index, after a numpy warning about 0/0.)
"""

import argparse
import csv
import json
import math
import sys
from importlib.metadata import version

import numpy as np
from SALib.analyze import sobol


def fail(message):
    print(f"salib_sobol.py: {message}", file=sys.stderr)
    sys.exit(2)


def read_matrix(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    if not rows or not rows[0]:
        fail(f"{path}: no header line")
    names = [name.strip() for name in rows[0]]
    try:
        x = np.array([[float(v) for v in row] for row in rows[1:] if row], dtype=np.float64)
    except ValueError as e:
        fail(f"{path}: {e}")
    if x.ndim != 2 or x.shape[1] != len(names):
        fail(f"{path}: every line needs {len(names)} values")
    return names, x


def read_outputs(path):
    with open(path) as f:
        lines = [line.strip() for line in f if line.strip()]
    values = []
    for k, line in enumerate(lines):
        try:
            values.append(float(line))
        except ValueError:
            if k == 0:
                continue
            fail(f"{path}: line {k + 1} is not a number: {line!r}")
    return np.array(values, dtype=np.float64)


def check_layout(x, n, d):
    blocks = x.reshape(n, d + 2, d)
    a, b = blocks[:, 0, :], blocks[:, d + 1, :]
    for i in range(d):
        expected = a.copy()
        expected[:, i] = b[:, i]
        bad = np.nonzero(np.any(blocks[:, 1 + i, :] != expected, axis=1))[0]
        if bad.size:
            j = int(bad[0])
            fail(f"row {j * (d + 2) + 1 + i + 1} of X is not AB^({i + 1}) of base point {j + 1}")


def clean(values):
    return [float(v) if math.isfinite(v) else None for v in np.asarray(values, dtype=np.float64)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("x")
    parser.add_argument("y")
    parser.add_argument("--bounds")
    parser.add_argument("--resamples", type=int, default=100)
    parser.add_argument("--conf", type=float, default=0.95)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    names, x = read_matrix(args.x)
    y = read_outputs(args.y)
    d = len(names)
    if x.shape[0] == 0 or x.shape[0] % (d + 2):
        fail(f"{x.shape[0]} rows of X: not n*(d+2) for d = {d}")
    n = x.shape[0] // (d + 2)
    if y.size != x.shape[0]:
        fail(f"{y.size} outputs for {x.shape[0]} rows of X")
    check_layout(x, n, d)
    bounds = [[0.0, 1.0]] * d
    if args.bounds:
        with open(args.bounds) as f:
            bounds = json.load(f)
        if len(bounds) != d or any(len(pair) != 2 for pair in bounds):
            fail(f"{args.bounds}: needs {d} [low, high] pairs")
    for i, (lo, hi) in enumerate(bounds):
        if np.any(x[:, i] < lo) or np.any(x[:, i] > hi):
            fail(f"column {names[i]} leaves its bounds [{lo}, {hi}]")

    problem = {"num_vars": d, "names": names, "bounds": bounds}
    si = sobol.analyze(
        problem,
        y,
        calc_second_order=False,
        num_resamples=args.resamples,
        conf_level=args.conf,
        seed=args.seed,
    )
    result = {"salib": version("SALib"), "n": n, "d": d, "names": names}
    for key in ("S1", "ST", "S1_conf", "ST_conf"):
        result[key] = clean(si[key])
    print(json.dumps(result))


if __name__ == "__main__":
    main()
