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


## the details of a change (rule syntax in backticks stays as written)
diff-kind-single = single choice
diff-kind-multi = multiple choice
diff-kind-yes-no = yes/no
diff-kind-integer = integer
diff-kind-decimal = decimal
diff-kind-text = free text
diff-none = none
diff-nothing = nothing
diff-exclude = exclude
diff-bool-true = true
diff-bool-false = false
diff-type = type: { $old } → { $new }
diff-section = section: { $old } → { $new }
diff-options-added = options added: { $options }
diff-options-removed = options removed: { $options }
diff-option-text = option `{ $id }` text: "{ $old }" → "{ $new }"
diff-text = text: "{ $old }" → "{ $new }"
diff-sources = sources: { $old } → { $new }
diff-ask-if-added = now asked only under a condition (ask_if added)
diff-ask-if-removed = now asked of every unit (ask_if removed)
diff-ask-if-changed = follow-up condition (ask_if) changed
diff-tokens = allowed tokens: { $old } → { $new }
diff-scoring = scoring: { $old } → { $new }
diff-hit-policy = hit policy: { $old } → { $new }
diff-inputs = inputs: { $old } → { $new }
diff-arm-removed = arm removed: `{ $row }`
diff-row-removed = row removed: `{ $row }`
diff-arm-changed = arm `{ $cells }`: { $old } → { $new }
diff-row-changed = row `{ $cells }`: { $old } → { $new }
diff-arm-added = arm added: `{ $row }`
diff-row-added = row added: `{ $row }`
diff-arms-reordered = arms reordered
diff-rows-reordered = rows reordered
diff-option-points = option `{ $id }`: { $old } → { $new }
diff-cap = cap: { $old } → { $new }
diff-floor = floor: { $old } → { $new }
diff-question = question: { $old } → { $new }
diff-handler = when { $state }: { $old } → { $new }
diff-maximum = maximum: { $old } → { $new }
diff-minimum = minimum: { $old } → { $new }
diff-expression-changed = expression changed
diff-definition-changed = definition changed
diff-title = title: "{ $old }" → "{ $new }"
diff-thresholds = thresholds: { $old } → { $new }
diff-thresholds-side = { $kind ->
    [upper] upper
   *[lower] lower
} { $bounds }
diff-max-points = maximum points: { $old } → { $new }
diff-zero-apart = zero apart: { $old } → { $new }
diff-applicable = applicable if: { $old } → { $new }
diff-applicable-default = answered_any (default)
diff-proportional = weights proportional: { $old } → { $new }
diff-weight = weight of { $section }: { $old } → { $new }
diff-min-sections = min_sections: { $old } → { $new }
diff-display = display/compare/rounding: { $old } → { $new }

## the impact: questions only one version knows, rejected units (the diagnostics after the
## colon are the input stage's, English in every language)
diff-note-old = { $n } { $n ->
    [one] unit
   *[other] units
} answered it; the new version does not know the question and ignores { $n ->
    [one] that answer
   *[other] these answers
}
diff-note-old-renamed = { $n } { $n ->
    [one] unit
   *[other] units
} answered it; the new version does not know the question and ignores { $n ->
    [one] that answer
   *[other] these answers
} (likely renamed to `{ $new }`: rename the column or key in the submissions to carry the answers over)
diff-note-new-none = no unit answered it (the submissions have no such column or key): every unit is unanswered in the new version
diff-note-new = { $n } { $n ->
    [one] unit
   *[other] units
} answered it; the old version does not know the question and ignores { $n ->
    [one] that answer
   *[other] these answers
}
diff-unit-rejected = unit `{ $unit }` rejected: { $problem }
diff-unit-not-evaluated = unit `{ $unit }` not evaluated: { $problem }
diff-rejected = rejected
diff-rejected-because = rejected: { $problem }
