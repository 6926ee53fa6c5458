# The methodologist's view of `eindex explain` (`--detail technical`): text, Markdown and HTML.
# Rule syntax (`several => 1`, `first`, `cap 3`) stays as written in the rules.

tech-doc-title = { $survey }: explanation
tech-contents = Contents
tech-no-units = no units to explain
tech-no-level = no level
tech-interval = interval { $interval }
tech-min-sections = minimum sections: at least { $required } needed, { $present } present: { $held ->
    [yes] held
   *[no] NOT held
}
tech-missing-sections = missing sections
tech-left-out = left out: { $reason }
tech-ignored = ignored answers (their follow-up condition is false)

## table headers
tech-col-section = section
tech-col-weight = weight
tech-col-score = score
tech-col-contribution = contribution
tech-col-note = note
tech-col-rule = rule
tech-col-points = points
tech-col-why = why
tech-col-answers = answers
tech-col-question = question
tech-col-change = change
tech-col-source = source

## distance to the next level
tech-gap = { $strict ->
    [yes] lacks more than { $n } { $n ->
        [one] point
       *[other] points
    }
   *[no] lacks { $n } { $n ->
        [one] point
       *[other] points
    }
} to reach level { $level } “{ $name }”
tech-gap-rule-points = (score points; in rule points: at least { $n } more)

## a section
tech-not-scored = not scored: { $reason }
tech-score = score { $display } ({ $points } of { $max } { $max ->
    [one] point
   *[other] points
})
tech-thresholds = thresholds { $kind } { $bounds }
tech-rules = rules:
tech-points-of = { $points } of { $max }
tech-excluded = excluded (max { $max })
tech-lost = where the points were lost:
tech-points-lost = −{ $missed } of { $max }
tech-wins-over = (wins over the { $source } answer { $value })

## why a rule gave its points
tech-why-arm = match arm { $rows } `{ $syntax }`: { $points }
tech-why-row = table { $k ->
    [one] row
   *[other] rows
} { $rows } fired under hit policy `{ $policy }` (`{ $syntax }`): { $points }
tech-why-no-match = no row matched: { $points }
tech-why-handler = input is { $word } (`{ $state }`): handler gives { $points }
tech-why-sum = selected options sum to { $raw }: { $points }
tech-why-sum-limited = selected options sum to { $raw }, limited by `{ $limit }`: { $points }
tech-why-expression = expression gives { $points }

## what would reach the next level ($what: index or section)
tech-improve-found = What would reach level { $level } “{ $name }” for { $what ->
    [index] the index
   *[section] this section
}: { $k } { $k ->
    [one] change
   *[other] changes
}
tech-improve-stopped-best = What would reach level { $level } “{ $name }” for { $what ->
    [index] the index
   *[section] this section
}: { $k } { $k ->
    [one] change
   *[other] changes
} (search stopped early; best found)
tech-improve-stopped = level { $level } “{ $name }” for { $what ->
    [index] the index
   *[section] this section
}: search stopped early
tech-improve-top = { $what ->
    [index] the index
   *[section] this section
} is already at the highest level
tech-improve-not-computable = no improvement for { $what ->
    [index] the index
   *[section] this section
}: it is not computable
tech-improve-out-of-reach = level { $level } “{ $name }” is out of reach for { $what ->
    [index] the index
   *[section] this section
}
tech-dropped = dropped: { $question } (no longer asked; was { $was })
tech-newly-asked = newly asked, left unanswered
tech-result = result: { $value } (level { $level }), { $over } above the least value of the level; { $minimal ->
    [yes] no smaller set reaches it
   *[no] not proven minimal
}

## why a section is left out, why a level is out of reach (the parts of the reasons)
tech-reason-no-answers-count = no answers in this section: none of its { $k } questions is answered
tech-reason-no-answers = no answers in this section
tech-reason-not-applicable = section not applicable (its `applicable if` is false)
tech-reason-all-excluded = every rule of the section was excluded
tech-reason-weight-zero = weight 0 in the index
tech-reason-index-not-computable = the index is not computable
tech-reason-index-needs = the index needs at least { $required } sections with a score
tech-reason-unit-has = the unit has { $present }
tech-reason-top = already at the highest level
tech-reason-stopped = search stopped early after { $n } evaluations
tech-reason-best-found = best found
tech-reason-stopped-without = search stopped early after { $n } evaluations without finding a set of { $k } or fewer changes
tech-reason-not-verified = the set found did not verify with the evaluator
tech-reason-no-threshold = the target level has no threshold
tech-reason-no-combination = no combination of valid answers the unit may change reaches it
tech-reason-bound = even full points in every rule that an allowed change improves would give { $what ->
    [index] the index
   *[section] the section
} at most { $most } (needs { $needs })
tech-reason-no-raise = no allowed change of an answer raises { $what ->
    [index] the index
   *[section] the section
}
tech-reason-facts = facts about the municipality, which explain never changes: { $list }
tech-reason-fixed = questions it may not change (their source is not among the unit's own): { $list }
tech-reason-keep = proposals keep every option and number the unit reports (--allow-removals lifts this)
