# robustness: how sure each unit's level is under the method choices left open.

robust-title = Robustness analysis: { $survey }
robust-method-exhaustive = Method: each of the { $combinations } combinations of the choices computed once (exact probabilities)
robust-method-sampled = Method: Sobol sequence (Owen-scrambled), N = { $samples }, { $runs } runs (Saltelli design), seed { $seed }; confidence intervals: { $resamples } bootstrap resamples, { $confidence } %
robust-inputs = Uncertain method choices ({ $n })
robust-nominal = nominal: { $value }
robust-units = Units by nominal rank (!: the nominal level is not the most likely; =: the same level in every run)
robust-head-rank = rank
robust-head-unit = unit
robust-head-level = nominal level
robust-head-probability = its probability
robust-head-ranks = rank: median (5–95 %)
robust-head-other-levels = other possible levels
robust-head-movers = level moved by
robust-head-input = choice
robust-head-values = values
robust-head-nominal = nominal value
robust-head-declared = declared at
robust-head-rank-s1 = rank shift S1
robust-head-rank-st = rank shift ST
robust-head-level-s1 = level change S1
robust-head-level-st = level change ST
robust-sensitivity = Sensitivity: Sobol indices (S1 first-order, ST total) of the mean rank shift and of the share of units whose level changes
robust-no-variance = No choice changes any unit's level: the indices are undefined (—).
robust-no-index = no index
robust-summary = The nominal level holds in every run for { $holds } of { $units } units; it depends on the choices for { $depends }.
robust-summary-flagged = The nominal level is not the most likely for { $n } { $n ->
    [one] unit
   *[other] units
}: { $units }
robust-no-samples = note: every combination was computed, there is no sample; --write-samples writes nothing (ask for a sample with --sample)
robust-written = Robustness analysis written: { $path }
robust-values-count = { $n } { $n ->
    [one] value
   *[other] values
}
