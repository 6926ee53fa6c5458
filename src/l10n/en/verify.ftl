# verify: results compared with a published table and published facts.

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
