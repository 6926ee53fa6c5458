# test: the ruleset's own tests (the lines `test NAME ... ok` keep the form of `cargo test`).

test-running = running { $n } { $n ->
    [one] test
   *[other] tests
} from { $file }
test-failures = failures
test-trace = trace
test-result-ok = test result: ok. { $passed } passed, { $failed } failed, { $filtered } filtered out
test-result-failed = test result: FAILED. { $passed } passed, { $failed } failed, { $filtered } filtered out


## a failed expectation; $what is the key written in the tests file (`rule.site`, `index`)
test-at-line = (line { $line })
test-expected = { $what }: expected { $expected }, actual { $actual }
test-expected-score = { $what }: expected { $expected }, actual { $actual } (exact { $exact })
test-expected-derived = { $what }: expected { $expected }, derived { $derived }
test-expected-not-computable = { $what }: expected not computable, actual score { $score } level { $level }
test-expected-a-score = { $what }: expected a score, actual not computable
test-excluded = excluded
test-no-constraint = none
test-breaks = the answers break { $names }: { $messages } (`eindex eval` rejects such a unit; correct the case, or add `expect.violates` if that is what it tests)
test-not-evaluated = the case could not be evaluated: { $error }

## the trace under a failed case (rule syntax in backticks stays as written)
test-trace-index = index = { $value } → compared { $compared } → level { $level } ({ $name }); { $thresholds }
test-trace-weight = { $section }: { $score } × weight { $weight }
test-trace-left-out = { $section }: left out ({ $reason })
test-trace-index-not-computable = index not computable: { $sections } { $sections ->
    [one] section
   *[other] sections
} scored, at least { $required } needed (missing: { $missing })
test-trace-section = section { $section }: { $points } of { $max } points = { $score } → compared { $compared } → level { $level } ({ $name }); { $thresholds }
test-trace-section-no-score = section { $section }: no score ({ $reason })
test-trace-rule = rule { $rule } ({ $place }): { $points }; { $why }; reads { $reads }
test-trace-built-in = built in
test-trace-not-asked = note: answered although not asked (the answers were ignored): { $questions }
test-why-arm = arm { $n } `{ $syntax }`
test-why-row = row { $n } `{ $syntax }`
test-why-no-match = no row matched (0 points)
test-why-handler = an input is { $state }: its handler applied
test-why-sum = sum of { $options } = { $sum }
test-why-sum-limited = sum of { $options } = { $sum }, limited by cap/floor
test-why-nothing = nothing
test-why-expression = expression

## --coverage
test-coverage = coverage: a case exercises a rule when it expects something of the rule, its section or the index
test-coverage-unanswered = rules no case gives an answer to
test-coverage-rows = table rows and match arms that never fire
test-coverage-options = options of `sum` rules never selected
test-coverage-none = { $title }: none
test-coverage-arm = { $rule } arm { $n }: `{ $syntax }` ({ $place })
test-coverage-row = { $rule } row { $n }: `{ $syntax }` ({ $place })
