# test: the ruleset's own tests (the lines `test NAME ... ok` keep the form of `cargo test`).

test-running = running { $n } { $n ->
    [one] test
   *[other] tests
} from { $file }
test-failures = failures
test-trace = trace
test-result-ok = test result: ok. { $passed } passed, { $failed } failed, { $filtered } filtered out
test-result-failed = test result: FAILED. { $passed } passed, { $failed } failed, { $filtered } filtered out

