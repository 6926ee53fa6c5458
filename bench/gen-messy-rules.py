#!/usr/bin/env python3
"""Writes the messy and hostile rulesets that bench/run.sh times `eindex check` on.

    python3 bench/gen-messy-rules.py OUT_DIR

Each case is a folder OUT_DIR/<case>/ made of the shared check schema
(tests/cases/check/schema.toml), its clean prelude and the case's own file(s). The same cases are
tests in tests/it/messy_rules.rs (behaviour); this script exists so that their time is measured by
a benchmark and not asserted by a test.
"""
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CHECK = os.path.join(ROOT, "tests", "cases", "check")


def read(name):
    with open(os.path.join(CHECK, name), encoding="utf-8") as f:
        return f.read()


def case(out, name, files, prelude=None, schema_extra=""):
    d = os.path.join(out, name)
    os.makedirs(d, exist_ok=True)
    for f in os.listdir(d):
        os.remove(os.path.join(d, f))
    with open(os.path.join(d, "schema.toml"), "w", encoding="utf-8") as f:
        f.write(read("schema.toml") + schema_extra)
    p = read("prelude.rules")
    with open(os.path.join(d, "a_prelude.rules"), "wb") as f:
        f.write((prelude(p) if prelude else p).encode("utf-8"))
    for fname, text in files.items():
        with open(os.path.join(d, fname), "wb") as f:
            f.write(text.encode("utf-8"))


def big_table(step):
    rows = []
    for i in range(5000):
        opt = ["regular", "irregular", "none"][i % 3]
        rows.append(f"    {opt}, [{i * step:g}, {(i + 1) * step:g}) => {i % 5}\n")
    return ("rule big \"Liela tabula\" in customer_service {\n  table first (q_ux, q_docs) {\n"
            + "".join(rows)
            + "    -, - => 0\n  }\n  when unanswered => 0\n  when not_asked => 0\n}\n")


def dense_table():
    # four inputs, ~100 atoms on each numeric column: the most combinations the analysis
    # enumerates, 2,000 rows
    rows = []
    for i in range(2000):
        opt = ["regular", "irregular", "none"][i % 3]
        yn = ["yes", "no"][i % 2]
        a, b = (i * 7) % 98, (i * 13) % 98
        rows.append(f"    {opt}, {yn}, [{a * 10}, {a * 10 + 10}), [{b * 10}, {b * 10 + 10}) => {i % 4}\n")
    return ("rule dense in customer_service {\n  table max (q_ux, q_sat_measured, q_docs, q_edocs) {\n"
            + "".join(rows)
            + "    -, -, -, - => 0\n  }\n  when unanswered => 0\n  when not_asked => 0\n}\n")


def choice_questions(n, k):
    """Schema questions q_t0 ... with k options each (table inputs)."""
    out = []
    for q in range(n):
        opts = ", ".join(f'{{ id = "o{o}", lv = "O {o}" }}' for o in range(k))
        out.append(f'\n[[question]]\nid = "q_t{q}"\nsection = "communication"\nlv = "T {q}"\n'
                   f'type = "single"\noptions = [{opts}]\n')
    return "".join(out)


def let_chain(n, reverse):
    lines = [f"let l{i} = l{i + 1} + 1" for i in range(n)] + [f"let l{n} = q_docs"]
    if reverse:
        lines.reverse()
    return "\n".join(lines) + "\nrule chain in open_data { points if l0 > 5 then 1 else 0 }\n"


def wide_table(policy, rows):
    """20 inputs of 10 options; `rows` rows with wildcards and option sets (fixed seed)."""
    import random
    rnd = random.Random(1)
    out = []
    for r in range(rows):
        cells = [rnd.choice(["-", "-", "-", f"o{rnd.randrange(10)}",
                             f"o{rnd.randrange(10)} | o{rnd.randrange(10)}"]) for _ in range(20)]
        out.append("    " + ", ".join(cells) + f" => {r % 3}\n")
    inputs = ", ".join(f"q_t{q}" for q in range(20))
    return f"rule wide in communication {{\n  table {policy} ({inputs}) {{\n" + "".join(out) + "  }\n}\n"


def hostile(out):
    """The cases of issue 18 (rules side)."""
    opts = ", ".join(f"zz{i}" for i in range(100000))
    case(out, "unknown-options-100000",
         {"b.rules": f"rule zz in communication {{ points if q_ux in {{{opts}}} then 1 else 0 }}\n"})
    name = "a" * (1 << 20)
    case(out, "near-miss-1mb-name", {"b.rules": f"let {name}b = 1\nlet y = {name}c\n"})
    case(out, "unique-6x10-one-row",
         {"b.rules": "rule t in communication {\n  table unique ("
          + ", ".join(f"q_t{q}" for q in range(6)) + ") {\n    "
          + ", ".join(["o3"] * 6) + " => 1\n  }\n}\n"},
         schema_extra=choice_questions(6, 10))
    for policy in ["unique", "first", "max"]:
        case(out, f"table-{policy}-20x10-2000-rows", {"b.rules": wide_table(policy, 2000)},
             schema_extra=choice_questions(20, 10))
    for n in [10000, 100000]:
        case(out, f"let-chain-{n}", {"b.rules": let_chain(n, False)})
        case(out, f"let-chain-{n}-reversed", {"b.rules": let_chain(n, True)})
    case(out, "let-cycle-10000", {"b.rules": "".join(
        f"let l{i} = l{(i + 1) % 10000} + 1\n" for i in range(10000))})
    case(out, "deep-if-100000", {"b.rules": "let x = " + "if q_docs > 1 then " * 100000 + "1"
                                 + " else 0" * 100000 + "\n"})


def main():
    out = sys.argv[1]
    n = 10000
    case(out, "crlf-bom-tabs", {},
         prelude=lambda p: "\ufeff" + p.replace("  ", "\t").replace("\n", "\r\n"))
    case(out, "unterminated-string",
         {"b.rules": "rule r \"Nepabeigts in communication {\n  match q_ux { regular => 1 }\n}\n"})
    case(out, "table-5000-rows", {"b.rules": big_table(0.2)})
    case(out, "table-5000-rows-3999-errors", {"b.rules": big_table(1)})
    case(out, "table-4-inputs-2000-rows", {"b.rules": dense_table()})
    schema = "".join(f"\n[sections.s{i}]\nlv = \"Sadaļa {i}\"\n" for i in range(1000))
    rules = ("index \"Liels\" {\n  weights {" + "".join(f" s{i} 1" for i in range(1000))
             + " }\n  min_sections 1\n  thresholds upper 20, 40, 60, 80\n}\n"
             + "".join(f"section s{i} {{ thresholds upper 20, 40, 60, 80 }}\n"
                       f"rule r{i} in s{i} {{ match q_ux {{ regular => 2  irregular => 1  none => 0 }} }}\n"
                       for i in range(1000)))

    def no_index(p):
        cut = p.index("index \"E-indekss\"")
        end = p.index("let e_share")
        return (p[:cut] + p[end:]).replace("in communication", "in s0") \
            .replace("in customer_service", "in s1").replace("in open_data", "in s2")
    case(out, "sections-1000", {"b.rules": rules}, prelude=no_index, schema_extra=schema)
    case(out, "nested-10000-brackets", {"b.rules": "let x = " + "(" * n + "1" + ")" * n + "\n"})
    case(out, "nested-10000-sum", {"b.rules": "let x = " + " + ".join(["q_docs"] * n) + "\n"})
    case(out, "nested-10000-calls", {"b.rules": "let x = " + "min(" * n + "1" + ")" * n + "\n"})
    case(out, "cycle-across-3-files", {
        "b.rules": "let a = b + 1\n",
        "c.rules": "let b = c * 2\n",
        "d.rules": "let c = a - 1\nrule uses in communication { match a { < 1 => 0  >= 1 => 1 } }\n",
    })
    hostile(out)


if __name__ == "__main__":
    main()
