#!/usr/bin/env python3
"""Writes the hostile shapes of issue 18 as seeds for the `check_rules` target (generated, not
committed: some are megabytes). Usage: python3 fuzz/seeds/hostile_rules.py DIR [SCALE]

SCALE (default 1.0) multiplies every size; the full sizes are those the issue names (a 1 MB
identifier, a 100,000-option set, 100,000-deep nesting, a 1 MB line). libFuzzer's -max_len must
be at least the largest seed for the seeds to be read whole."""
import os
import sys

out = sys.argv[1]
scale = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
os.makedirs(out, exist_ok=True)


def n(x):
    return max(1, int(x * scale))


def write(name, text):
    with open(os.path.join(out, "hostile-" + name), "w", encoding="utf-8") as f:
        f.write(text)


SECTION = "section communication { thresholds upper 20, 60, 80, 95 }\n"

# a diagnostic past column 65,535
write("long-spaces", "let y = " + " " * n(65_600) + "unknown_name_zz\n")
# `if` nested deep
d = n(100_000)
write("deep-if", "let y = " + "if q_od_published then " * d + "1" + " else 0" * d + "\n")
# parentheses nested deep
write("deep-parens", "let y = " + "(" * d + "1" + ")" * d + "\n")
# a huge `in { … }` set of unknown options on one line
k = n(100_000)
write(
    "in-set",
    SECTION
    + "rule zz in communication { points if q_ux_research in {"
    + ", ".join(f"zz{i}" for i in range(k))
    + "} then 1 else 0 }\n",
)
# a 1 MB identifier used with a near-miss spelling
m = "a" * n(1_000_000)
write("long-ident", f"let {m}b = 1\nlet y = {m}c + 1\n")
# a one-row `unique` table over 6 single choices (coverage beyond enumeration)
qs = ["q_websites_count", "q_ux_research", "q_web_languages", "q_cs_requirements",
      "q_cs_satisfaction_use", "q_proactive"]
write(
    "unique-6",
    SECTION
    + "rule t in communication {\n  table unique (" + ", ".join(qs) + ") {\n    "
    + ", ".join("-" for _ in qs) + " => 1\n  }\n}\n",
)
# a chain of lets in reverse order (each reads the next)
c = n(250)
write("let-chain", "".join(f"let l{i} = l{i + 1} + 1\n" for i in range(c)) + f"let l{c} = 1\n")
# a 1 MB line of text in a comment and a string
write("long-line", "# " + "x" * n(1_000_000) + "\n" + 'rule r "' + "ā" * n(300_000) + '" in communication { points 1 }\n')
# NUL and control characters
write("control", "let y\x00 = 1\nrule r\x01 in communication { points 1 }\n\x1b[31m\n")
