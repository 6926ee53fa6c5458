# report: the tables of `eindex report` (src/report): titles, column headers, notes, row labels.
# A column whose header ends in "(%)" holds percentages (0–100) in every format.

## Rows and labels
report-overall = Total
report-no-value = no data
report-yes = Yes
report-no = No
report-quartile-first = Q1 (≤ { $to })
report-quartile-between = Q{ $k } ({ $from }–{ $to }]
report-quartile-last = Q4 (> { $from })
report-level = { $level } – { $name }
report-level-count = { $level } – { $name } (count)
report-level-percent = { $level } – { $name } (%)
report-tie = tie
report-small-base-flag = *n < { $min }
report-no-rows = (no rows)
report-contents = Contents

## Column headers
report-col-grouping = Grouping
report-col-group = Group
report-col-n = n
report-col-no-score = No score
report-col-percent = Share (%)
report-col-mean = Mean
report-col-median = Median
report-col-min = Min
report-col-max = Max
report-col-sum = Sum
report-col-rank = Rank
report-col-unit = Unit
report-col-score = Score
report-col-note = Note
report-col-status = Status
report-col-level-of = { $measure }: level
report-col-option-percent = { $option } (%)

## Results per unit
report-results-title = Results per unit
report-results-note = One row per evaluated unit, in input order: the { $index } and each section's score (0–100, { $decimals } { $decimals ->
    [one] decimal
   *[other] decimals
}) and level; an empty cell where the unit has no score.
report-status-evaluated = evaluated
report-status-not-computable = not computable: { $sections } of { $total } sections, at least { $required } needed (missing: { $missing })

## Units per group
report-units-title = Units per group
report-units-note = Evaluated units per group (n), and their percentage of all evaluated units ({ $total }).

## Levels, averages, top lists of a measure (the index or a section)
report-levels-title = Level distribution: { $measure }
report-levels-note = Units per maturity level, and their percentage of the units of the group with a score (n). “No score”: units of the group without a score (not computable, or the section not applicable); they are not in n.
report-stats-title = Score statistics: { $measure }
report-stats-note = Mean, median, minimum and maximum of the exact scores (0–100) of the units of the group with a score (n), shown with { $decimals } { $decimals ->
    [one] decimal
   *[other] decimals
}.
report-top-title = Highest scores (top { $top }): { $measure }
report-top-note = Per group, the units with the highest exact scores. Units with equal scores share a rank; every unit ranked { $top } or better is listed (within a rank, by name).

## Answer shares of a question
report-answers-note-single = Of the units of the group that answered the question (n), the percentage giving each answer.
report-answers-note-multi = Multiple choice: of the units of the group that answered the question (n), the percentage selecting each option; the percentages can add up to more than 100%.
report-answers-note-numeric = Base n: the units of the group that answered the question. Sum, minimum and maximum as answered; mean and median exact, shown with 1 decimal.
report-answers-left-out = Not in the base: { $list }.
report-answers-left-out-item = { $n } { $what }
report-answers-small-base = *The base of this question is small (n < { $min }), so the percentages are only illustrative.
report-chart-overall-and = { $overall } and by { $grouping }

## What `eindex report` says on standard error when done
report-done = { $tables } { $tables ->
    [one] table
   *[other] tables
} from { $units } { $units ->
    [one] unit
   *[other] units
}
report-done-to = { $tables } { $tables ->
    [one] table
   *[other] tables
} from { $units } { $units ->
    [one] unit
   *[other] units
} written to { $path }

## Provenance
report-provenance-title = Provenance
report-provenance-note = The ruleset hash is SHA-256 over its files in name order (name, NUL, content, NUL); each file's own SHA-256 follows.
report-prov-col-item = Item
report-prov-col-value = Value
report-prov-tool = tool
report-prov-generated = generated
report-prov-ruleset = ruleset
report-prov-ruleset-file = ruleset file
report-prov-input-file = input file
report-prov-units = units
report-prov-units-value = { $read } read, { $reported } reported, { $rejected } rejected
report-prov-groupings = groupings
report-prov-options = options
report-prov-unreadable = unreadable: { $reason }
