#!/usr/bin/env python3
"""Writes hostile questionnaire shapes (issue 18) as seeds for the `load_schema` target
(generated, not committed). Usage: python3 fuzz/seeds/hostile_schema.py DIR [SCALE]"""
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


HEAD = '[survey]\nname = "x"\nyear = 2022\n\n[sections.a]\nlv = "A"\nen = "A"\n\n'
write("long-type", HEAD + '[[question]]\nid = "q"\nsection = "a"\nlv = "Q"\nen = "Q"\ntype = "'
      + "z" * n(70_000) + '"\n')
write("long-line", HEAD + '[[question]]\nid = "q"\nsection = "a"\nlv = "' + "ā" * n(500_000)
      + '"\nen = "Q"\ntype = "bogus"\n')
write("many-options", HEAD + '[[question]]\nid = "q"\nsection = "a"\nlv = "Q"\nen = "Q"\ntype = "single"\noptions = ['
      + ", ".join(f'{{ id = "o{i}", lv = "O" }}' for i in range(n(100_000))) + "]\n")
write("deep-array", HEAD + "x = " + "[" * n(100_000) + "]" * n(100_000) + "\n")
write("ask-if-deep", HEAD + '[[question]]\nid = "q"\nsection = "a"\nlv = "Q"\nen = "Q"\ntype = "yes_no"\nask_if = "'
      + "not " * n(100_000) + 'q"\n')
