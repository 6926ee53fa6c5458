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

## html
robust-html-ranks = Rank intervals, by nominal rank
robust-html-ranks-note = Bar: the 5th to the 95th percentile of the unit's rank over the runs; dot: the median rank; diamond: the nominal rank.
robust-html-ranks-axis = rank (1 = best)
robust-html-interval = ranks 5–95 %
robust-html-median = median rank
robust-html-nominal-rank = nominal rank
robust-html-levels = Probability of each index level
robust-html-levels-note = Each bar splits the runs by the unit's index level; where a unit can get more than one level, its nominal level is outlined; ! marks a unit whose nominal level is not the most likely.
robust-html-flagged = the nominal level is not the most likely
robust-html-sections = Probability of each section level
robust-html-sections-note = Levels by number (names as in the legend above), with the share of runs that give them.
robust-html-sobol-rank = Sobol indices: mean rank shift
robust-html-sobol-level = Sobol indices: share of units whose level changes
robust-html-s1 = S1 (first-order)
robust-html-st = ST (total)
robust-html-whiskers = whiskers: { $confidence } % confidence interval (bootstrap)
robust-html-undefined = undefined: this output does not vary
robust-html-moves = Which choices move which units
robust-html-moves-note = The probability that redrawing that choice alone, the others unchanged, changes the unit's index level.
robust-html-moves-none = No choice changes any unit's index level.
robust-html-no-score = no score
robust-html-summary = Summary

## xlsx
robust-xlsx-sheet-about = Summary
robust-xlsx-sheet-inputs = Choices
robust-xlsx-sheet-units = Units
robust-xlsx-sheet-levels = Index levels
robust-xlsx-sheet-sections = Section levels
robust-xlsx-sheet-sensitivity = Sobol indices
robust-xlsx-sheet-moves = Moves
robust-xlsx-head-count = number of values
robust-xlsx-head-level-name = level name
robust-xlsx-head-most-likely = most likely level
robust-xlsx-head-median = median rank
robust-xlsx-head-p05 = rank 5 %
robust-xlsx-head-p95 = rank 95 %
robust-xlsx-head-flag = nominal level not the most likely
robust-xlsx-head-holds = same level in every run
robust-xlsx-head-ci = { $of } ±
robust-xlsx-head-section-level = { $section }: { $level }
