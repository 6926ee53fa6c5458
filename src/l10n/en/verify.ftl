# verify: results compared with a published table and published facts.

verify-published-table = Published table: { $matched } of { $published } units matched
verify-differences = Differences
verify-facts = Facts: { $file }
verify-thresholds = Thresholds the facts allow (inclusive upper bounds of levels 1..{ $last }, on a grid of { $step }; ruleset value in brackets, * = pinned by the facts)
verify-inconsistent = Inconsistent in the source ({ $n })
verify-none-found = none found
verify-not-checked = Not checked ({ $n })
verify-verdict = Verdict: { $checks } checks: { $passed } passed, { $rounding } explained by rounding, { $failed } FAILED; { $inconsistent } inconsistent in the source; { $skipped } facts not checked
verify-verdict-tolerance = Verdict: { $checks } checks: { $passed } passed, { $rounding } explained by rounding, { $tolerant } within the share tolerance of { $tolerance } points, { $failed } FAILED; { $inconsistent } inconsistent in the source; { $skipped } facts not checked
verify-result-ok = Result: the ruleset reproduces every published figure it can check (up to rounding)
verify-result-ok-tolerance = Result: the ruleset reproduces every published figure it can check (up to rounding, and shares up to the tolerance of { $tolerance } points)
verify-result-ok-inconsistent = Result: the ruleset reproduces every published figure it can check (up to rounding); { $n } { $n ->
    [one] finding of the source contradicts
   *[other] findings of the source contradict
} other published figures (listed above)
verify-result-failed = Result: { $n } published { $n ->
    [one] figure
   *[other] figures
} NOT reproduced

## the header
verify-head-ruleset = ruleset
verify-head-submissions = submissions
verify-head-published = published
verify-head-facts = facts
verify-head-groups = groups
verify-head-inputs = inputs
# "(37 units)"
verify-units-count = { $n } { $n ->
    [one] unit
   *[other] units
}
verify-head-table = { $file } ({ $n } { $n ->
    [one] unit
   *[other] units
}; columns: { $columns })
verify-head-no-table = none: only the facts are checked
verify-head-metadata = metadata compared: { $columns }
verify-head-ignored = not compared: { $columns }
verify-head-grouping = by `{ $field }`: { $sizes }; names in the facts: { $names }
verify-none = none
verify-inputs-exact = taken as exact (--exact-inputs)
verify-inputs-rounded = decimal answers taken as rounded to their written decimals (whole numbers ±0.5)

## the published table
verify-col-column = column
verify-col-compared = compared
verify-col-equal = equal
verify-col-rounding = rounding
verify-col-failed = NOT explained
verify-col-largest = largest difference (published − computed)
verify-col-unit = unit
verify-col-published = published
verify-col-computed = computed
verify-col-difference = difference
verify-col-possible = computation gives
verify-col-verdict = verdict
verify-possible-footnote = computation gives: the values the computation can give with every rounded input anywhere in its rounding interval
verify-verdict-equal = equal
verify-verdict-rounding = explained by rounding
verify-verdict-tolerance-word = within tolerance
verify-verdict-failed = NOT explained
verify-verdict-source = inconsistent in the source
verify-verdict-not-checked = not checked
verify-row = row { $row }
verify-row-unit-published = row { $row }: unit in the published table
verify-row-metadata = row { $row }: metadata `{ $field }`
verify-listed = listed
verify-not-in-submissions = not in the submissions
verify-tool-no-value = the tool computes no value (section without a score, or index not computable)
verify-table-no-value = the published table has no value
verify-metadata-differs = the submissions' metadata differs from the published table
verify-unit-in-submissions = unit in the submissions
verify-not-in-table = not in the published table
verify-evaluated = evaluated
verify-difference-note = difference { $difference }; published { $published } stands for { $stands }, the computation can give { $possible }

## the fact checks
verify-status-passed = passed
verify-status-rounding = rounding
verify-status-tolerance = tolerance
verify-status-failed = FAILED
verify-status-source = SOURCE
verify-status-not-checked = not checked
verify-published = published
verify-computed = computed
verify-units-with-index = units with a computed index
verify-min-sections = sections needed for the index (min_sections)
verify-sections-total = sections of the ruleset
verify-level-names-lv = level names (Latvian)
verify-level-names-en = level names (English)
verify-units-with-option = units with { $field } = { $option }
verify-no-meaning = no generic meaning: nothing in the ruleset or the submissions to compare it with
verify-no-such-section = the ruleset has no section of this name
verify-unknown-fact = not a fact `eindex verify` knows (see docs/verify.md)
verify-no-such-field = no single-choice metadata field of this name in the schema
verify-not-an-option = `{ $option }` is not an option of `{ $field }`
verify-no-grouping = group `{ $name }`: no grouping given (use --group-by FIELD and --group { $name }=OPTION)
verify-unknown-group = group `{ $name }` is not an option of `{ $field }` ({ $options }); map it with --group { $name }=OPTION
verify-precise-value = precise value: { $unit }
verify-expected-number = expected a number
verify-unit-not-submitted = unit not in the submissions
verify-table-agrees = the table's value agrees: { $unit }
# "published table 72"
verify-in-table = table { $value }
verify-text-and-table-differ = the text and the table print different values for this unit
# "lacks 1 point to reach level 3 (definēts)"
verify-lacks = lacks { $points } { $points ->
    [one] point
   *[other] points
} to reach level { $level } ({ $name })
verify-lacks-unknown = lacks (a number of) points to reach level { $level } ({ $name })
verify-no-value = no value
verify-at-top-level = at the top level
verify-points-omitted = the report omits the number of points; the level agrees
verify-level-units-by-name = units at level { $level } ({ $name }), by name
verify-list-agrees = the list agrees with { $key }
verify-units-listed = { $n } { $n ->
    [one] unit
   *[other] units
} listed
verify-units-at-level = units at level { $level } ({ $name })
verify-count-can-be = with rounded inputs the count can be { $range }
verify-counts-add-up = level counts add up
verify-units-with-value = { $n } { $n ->
    [one] unit
   *[other] units
} with a value
verify-counts-exceed = the published counts name more units than have a value
# "2 at level 1"
verify-n-at-level = { $n } at level { $level }
verify-no-other-levels = no unit at the levels not listed (the counts cover all { $n })
verify-zero-score = units with a score of 0
verify-a-number = a number
verify-not-a-number = cannot read the fact: expected a number
verify-mean-of = mean of { $n } { $n ->
    [one] unit
   *[other] units
}
verify-no-unit = no unit
verify-mean-narrowed = { $note } (each unit's value narrowed to what the published table prints for it)
verify-top = top { $n }
verify-unit-no-value-here = `{ $unit }` has no value here; { $hint }
verify-list-length = the list names { $listed } { $listed ->
    [one] unit
   *[other] units
}, not { $n }
verify-tie = tie at rank { $rank } ({ $value }): also { $units }
verify-order-impossible = the listed order cannot hold even within the rounding intervals
verify-ranked-above = ranked above the list's last unit: { $units }
verify-order-note = the data give { $pairs }; the published order holds within rounding: with rounded inputs { $ranges }
# "Liepājas valstspilsētas pašvaldība 58.235 above Ventspils valstspilsētas pašvaldība 58.059"
verify-above = { $higher } above { $lower }
# "Ventspils valstspilsētas pašvaldība 57.559..58.559 (printed 58.4)"
verify-printed = { $range } (printed { $printed })
verify-order-holds-somewhere = the order holds for some values within the rounding intervals
verify-did-you-mean = did you mean `{ $name }`?
verify-no-units = there are no units to choose from here
verify-units-are = the units here are: { $units }
verify-no-such-unit = no unit is named like this; check the spelling

## grouping by another field
verify-grouping = grouping `{ $main }` against `{ $other }`
verify-grouping-needs = the group facts need `{ $main }`: { $sizes }
verify-grouping-fails = these group facts fail with `{ $main }` but hold with `{ $other }`: { $facts }
verify-grouping-inconsistent = units typed differently: { $units }. All { $held } group facts hold with `{ $main }`; with `{ $other }` these fail: { $facts }
verify-grouping-either = units typed differently: { $units }; the group facts hold either way
verify-grouping-failure = { $fact } ({ $what }: published { $published }, computed { $computed })

## thresholds
verify-step-exact = exact
verify-outside = OUTSIDE
# "communication u2 = 60 pinned by: …"
verify-pinned = { $bound } = { $value } pinned by: { $facts }
verify-not-used = { $target }: not used: { $fact }
verify-thresholds-what = thresholds the facts allow
verify-thresholds-exact = levels compare exact values (`compare exact`): threshold intervals are analysed only for `compare rounded d`
verify-no-thresholds-for = no thresholds satisfy every level fact of `{ $scope }`: { $conflict }
verify-thresholds-for = { $target }: thresholds that satisfy every level fact
verify-level-facts = level counts and "lacks" remarks
verify-no-thresholds = no thresholds satisfy them together
verify-facts-allow = facts allow { $bound }
verify-ruleset-bound = ruleset { $bound }
verify-bound-none = none
verify-counts-unused = { $fact }: the counts add up to { $total }, the set has { $n } { $n ->
    [one] unit
   *[other] units
} with a level above 0
# "levels { 4 = 2, 3 = 12, 2 = 23 }: 23 at levels ≤ 2, the highest 60"
verify-bound-at-most = { $fact }: { $n } at levels ≤ { $level }, the highest { $highest }
verify-bound-above = { $fact }: { $value } is above level { $level }
verify-bound-so-at = { $fact } (so it is at level { $level })
verify-bound-conflict = { $bound } must be ≥ { $lo } ({ $lo_from }) and ≤ { $hi } ({ $hi_from })

## the inconsistencies and the verdict
# the tool's own checks, where the facts file's checks show their key
verify-fact-table = table
verify-fact-grouping = grouping
verify-fact-thresholds = thresholds
verify-source-line = published: { $published } | tool: { $tool }
verify-failure = FAILED { $fact }: published { $published }, computed { $computed }

## answer facts
verify-no-such-question = the ruleset's schema has no question of this id (answer facts need an answer-level ruleset, e.g. rules/2022)
# "share with `instagram`"
verify-answer-share = share with { $option }
verify-answer-share-group = share with { $option } in { $group }
verify-answer-count = units with { $option }
verify-answer-count-group = units with { $option } in { $group }
verify-answer-answered = units answering (the base of the shares)
verify-answer-answered-group = units answering in { $group }
# "75.7% (28 of 37)"
verify-answer-share-computed = { $share }% ({ $k } of { $n })
verify-answer-count-computed = { $k } (of { $n } answering)
verify-answer-no-base = no unit answered here
verify-answer-share-note = { $k } of { $n } = { $exact }%; difference { $difference } points; published { $published }% stands for { $stands }
verify-answer-within-tolerance = within the share tolerance of { $tolerance } points (--share-tolerance)
