# diff: what changed between two rulesets and what it does to the units.

## diff
diff-no-changes = no changes in the questionnaire, rules, sections or index
diff-questionnaire = questionnaire
diff-rules = rules
diff-sections = sections
diff-index = index
diff-metadata = metadata
diff-section-added = section added: { $name }
diff-section-removed = section removed: { $name }
diff-question-added = question added: `{ $id }` ({ $kind }, { $section }) "{ $text }"
diff-question-removed = question removed: `{ $id }` ({ $kind }, { $section }) "{ $text }"
diff-likely-rename = likely rename: `{ $old }` → `{ $new }` (same text and options)
diff-rule-added = rule added: { $name }
diff-rule-removed = rule removed: { $name }
diff-impact = impact on { $n } { $n ->
    [one] unit
   *[other] units
} ({ $files })
diff-level-none = { $name }: no unit changes level
diff-level-changes = { $name }: { $n } { $n ->
    [one] unit changes
   *[other] units change
} level ({ $up } up, { $down } down): { $units }
diff-become-computable = index becomes computable: { $units }
diff-stop-computable = index stops being computable: { $units }
diff-one-sided-old = `{ $question }` is known only to the old version: { $note }
diff-one-sided-new = `{ $question }` is known only to the new version: { $note }
diff-input-problems-old = input problems with the old version ({ $n })
diff-input-problems-new = input problems with the new version ({ $n })
diff-problem-old = old: { $problem }
diff-problem-new = new: { $problem }
diff-no-unit-changes = no unit's scores, levels or rank change
diff-col-unit = unit
diff-col-index = index old → new
diff-col-rank = rank
diff-col-sections = changed sections (score and level old → new)
diff-md-title = Ruleset change: `{ $old }` → `{ $new }`
diff-md-impact = Impact on { $n } { $n ->
    [one] unit
   *[other] units
}
diff-md-submissions = Submissions: { $files }
diff-md-col-changing = units changing level
diff-md-col-up = up
diff-md-col-down = down
diff-md-col-which = which
diff-md-col-index = index
diff-md-problem-old = Input problem (old version): { $problem }
diff-md-problem-new = Input problem (new version): { $problem }
diff-md-footnote = Scores as displayed, with the level and its name; a changed level is in bold; – = not computable.

