#!/usr/bin/env python3
"""Writes a large ruleset for timing `eindex check`: at least 10,000 lines of .rules.

Usage: python3 bench/gen-large-ruleset.py [OUTDIR]   (default: bench/data/large-ruleset)

20 sections x 50 questions (single, multi, integer, yes/no), one rule per question (`match`,
`sum ... cap`, numeric ranges, yes/no), one `table first` and one `table unique` per section over
two single choices, one `let` and one `points` rule per section, spread over one .rules file per
section. Deterministic, stdlib only. `eindex check` must report it clean.
"""
import os
import sys

SECTIONS = 20
QUESTIONS = 50


def qid(k, q):
    return f"s{k:02d}_q{q:02d}"


def kind(q):
    return ("single", "multi", "integer", "yes_no")[q % 4]


def questionnaire():
    out = ["[survey]", 'name = "large"', 'unit_column = "id"', ""]
    for k in range(1, SECTIONS + 1):
        out += [f"[sections.s{k:02d}]", f'lv = "Sadaļa {k}"', ""]
    for k in range(1, SECTIONS + 1):
        for q in range(1, QUESTIONS + 1):
            t = kind(q)
            out += ["[[question]]", f'id = "{qid(k, q)}"', f'section = "s{k:02d}"', f'lv = "Jautājums {k}.{q}"',
                    f'type = "{t}"', 'source = "self"']
            if t in ("single", "multi"):
                n = 5 if t == "single" else 6
                out.append("options = [" + ", ".join(f'{{ id = "o{i}", lv = "Atbilde {i}" }}' for i in range(n)) + "]")
            if t == "integer":
                out += ["min = 0", "max = 100000"]
            out.append("")
    return "\n".join(out)


def model():
    weights = "\n".join(f"    s{k:02d} {1 + k % 4}" for k in range(1, SECTIONS + 1))
    return f"""survey "large" {{
  schema "questionnaire.toml"
  display 2
  compare rounded 0
}}

levels {{
  1 "situatīvs"
  2 "intuitīvs"
  3 "definēts"
  4 "pārvaldīts"
  5 "optimāls"
}}

defaults {{
  unanswered => 0
}}

index "large" {{
  weights {{
{weights}
  }}
  min_sections 3
  thresholds upper 20, 40, 60, 80
}}
"""


def section(k):
    out = [f"# section {k}", f"section s{k:02d} {{", "  thresholds upper 20, 40, 60, 80", "}", ""]
    singles = [q for q in range(1, QUESTIONS + 1) if kind(q) == "single"]
    ints = [q for q in range(1, QUESTIONS + 1) if kind(q) == "integer"]
    out += [f"let s{k:02d}_total = {qid(k, ints[0])} + {qid(k, ints[1])}", ""]
    for q in range(1, QUESTIONS + 1):
        t = kind(q)
        out.append(f'rule r_{qid(k, q)} "Jautājums {k}.{q}" in s{k:02d} {{')
        if t == "single":
            out += [f"  match {qid(k, q)} {{"] + [f"    o{i} => {i}" for i in range(5)] + ["  }"]
        elif t == "multi":
            out += [f"  sum {qid(k, q)} {{"] + [f"    o{i} => {1 + i % 2}" for i in range(6)] + ["  }", "  cap 5"]
        elif t == "integer":
            out += [f"  match {qid(k, q)} {{", "    < 10 => 0", "    [10, 100) => 1", "    [100, 1000) => 2",
                    "    >= 1000 => 3", "  }"]
        else:
            out += [f"  match {qid(k, q)} {{", "    yes => 2", "    no => 0", "  }"]
        out += ["}", ""]
    a, b = qid(k, singles[0]), qid(k, singles[1])
    out += [f"rule t_first_{k:02d} in s{k:02d} {{", f"  table first ({a}, {b}) {{",
            "    o4, o4 => 4", "    o4 | o3, - => 3", "    not o0, o2 | o3 | o4 => 2", "    -, not o0 => 1",
            "    -, - => 0", "  }", "}", ""]
    out += [f"rule t_unique_{k:02d} in s{k:02d} {{", f"  table unique ({a}, {b}) {{",
            "    o0 | o1, - => 0", "    o2 | o3 | o4, o0 | o1 => 1", "    o2 | o3 | o4, o2 | o3 | o4 => 2",
            "    missing, - => 0", "  }", "}", ""]
    out += [f"rule total_{k:02d} in s{k:02d} {{",
            f"  points if s{k:02d}_total >= 1000 then 2 else if s{k:02d}_total >= 100 then 1 else 0", "}", ""]
    return "\n".join(out)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "large-ruleset")
    os.makedirs(out, exist_ok=True)
    files = {"questionnaire.toml": questionnaire(), "model.rules": model()}
    for k in range(1, SECTIONS + 1):
        files[f"s{k:02d}.rules"] = section(k)
    lines = 0
    for name, text in files.items():
        with open(os.path.join(out, name), "w", newline="\n") as f:
            f.write(text)
        if name.endswith(".rules"):
            lines += text.count("\n")
    print(f"wrote {out}: {lines} lines of .rules")


if __name__ == "__main__":
    main()
