# The explanation for a municipality (`eindex explain`, `--detail plain`).

plain-title = { $unit }: E-index { $year }
plain-title-no-year = { $unit }: E-index
plain-subtitle = The municipality's e-government maturity assessment: why it got each level, and what it takes to reach the next.
plain-survey = Data: { $survey }.
plain-index-line = E-index: { $score } of 100 points, { $level }.
plain-index-not-computable = The E-index cannot be computed: { $present } of { $total } sections { $present ->
    [one] was
   *[other] were
} assessed, at least { $required } are needed.
plain-level = level { $level } “{ $name }”
plain-level-zero = “{ $name }”
plain-gap = To reach { $level } it needs { $n ->
    [one] { $n } more point
   *[other] { $n } more points
}.
plain-gap-more = To reach { $level } it needs more than { $n ->
    [one] { $n } more point
   *[other] { $n } more points
}.
plain-top = The highest level is reached.
plain-level-target = level { $level } “{ $name }”
plain-sections-heading = Sections
plain-section-line = { $section }: { $score ->
    [one] { $score } point
   *[other] { $score } points
}, { $level }.
plain-col-section = Section
plain-col-score = Points (of 100)
plain-col-level = Level
plain-col-next = To the next level
plain-section-missing = not assessed
plain-next-points = { $n ->
    [one] { $n } point
   *[other] { $n } points
}
plain-next-more = more than { $n }
plain-next-top = highest level
plain-bands-caption = Level bounds: { $bands }
plain-band = { $name } up to { $high }
plain-well-heading = What the municipality already does well
plain-well-none = No criterion of this section is fully met yet.
plain-lost-heading = Where the most points were lost
plain-lost-item = { $title }: { $got } of { $max }
plain-lost-none = No points were lost.
plain-actions-heading = What to do to reach the next level
plain-actions-intro = The smallest set of answer changes that reaches the next level. Only answers the municipality can influence are changed; facts about the municipality never are.
plain-actions-for = { $what }: { $level }
plain-actions-count = { $n ->
    [one] { $n } action
   *[other] { $n } actions
}
plain-action-add = Also provide: { $options }.
plain-action-remove = No longer select: { $options }.
plain-action-choose = Make the answer “{ $to }” (now: “{ $from }”).
plain-action-number = Make the answer { $to } (now: { $from }).
plain-action-question = Question: { $question }
plain-action-by-expert = Experts assess this on the municipality's website.
plain-action-by-auto = This is checked automatically.
plain-action-result = Afterwards: { $score ->
    [one] { $score } point
   *[other] { $score } points
}, { $level }.
plain-action-not-minimal = The search stopped before it had tried every smaller set: fewer actions may be enough.
plain-out-of-reach = Changing only answers the municipality can influence, { $level } cannot be reached.
plain-action-result-index = Afterwards: E-index { $score }, { $level }.
plain-stopped = The search stopped before it found a way to { $level }.
plain-not-computable = Not computable, so there is no advice.
plain-section-not-scored = The section is not assessed: the municipality did not answer its questions, or they do not apply to it.
plain-footer = Prepared with eindex under the rules of { $survey }. Points are the section's points of 100, rounded as in the report.
plain-no-units = There is no unit to explain.
plain-index-heading = Contents
plain-index-col-unit = Municipality
plain-index-col-index = E-index
plain-index-col-level = Level
plain-none-selected = nothing
# on standard error after --out-dir: "37 files and index.html written to out"
plain-out-dir-done = { $files } { $files ->
    [one] file
   *[other] files
} and { $index } written to { $dir }
