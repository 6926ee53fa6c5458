# test: the ruleset's own tests (the lines `test NAME ... ok` keep the form of `cargo test`).

# "izpilda 2 testus no tests.toml"
test-running = izpilda { $n } { $n ->
    [zero] testu
    [one] testu
   *[other] testus
} no { $file }
test-failures = neizdevās
test-trace = aprēķina gaita
test-result-ok = testu rezultāts: ok. izdevās { $passed }, neizdevās { $failed }, atlasē neiekļauti { $filtered }
test-result-failed = testu rezultāts: NEIZDEVĀS. izdevās { $passed }, neizdevās { $failed }, atlasē neiekļauti { $filtered }

