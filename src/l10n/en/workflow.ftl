# workflow: diff, verify and test.

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

## test (the lines `test NAME ... ok` keep the form of `cargo test`)
test-running = running { $n } { $n ->
    [one] test
   *[other] tests
} from { $file }
test-failures = failures
test-trace = trace
test-result-ok = test result: ok. { $passed } passed, { $failed } failed, { $filtered } filtered out
test-result-failed = test result: FAILED. { $passed } passed, { $failed } failed, { $filtered } filtered out

## verify (headings and the verdict; the lines of each check keep their technical words)
verify-published-table = Published table: { $matched } of { $published } units matched
verify-differences = Differences
verify-facts = Facts: { $file }
verify-thresholds = Thresholds the facts allow (inclusive upper bounds of levels 1..{ $last }, on a grid of { $step }; ruleset value in brackets, * = pinned by the facts)
verify-inconsistent = Inconsistent in the source ({ $n })
verify-none-found = none found
verify-not-checked = Not checked ({ $n })
verify-verdict = Verdict: { $checks } checks: { $passed } passed, { $rounding } explained by rounding, { $failed } FAILED; { $inconsistent } inconsistent in the source; { $skipped } facts not checked
verify-result-ok = Result: the ruleset reproduces every published figure it can check (up to rounding)
verify-result-ok-inconsistent = Result: the ruleset reproduces every published figure it can check (up to rounding); { $n } { $n ->
    [one] finding of the source contradicts
   *[other] findings of the source contradict
} other published figures (listed above)
verify-result-failed = Result: { $n } published { $n ->
    [one] figure
   *[other] figures
} NOT reproduced
