# Words every output shares.

points-nominative = { $n } { $n ->
    [one] point
   *[other] points
}
points-genitive = { $n } { $n ->
    [one] point
   *[other] points
}
level-named = level { $level } “{ $name }”
level-word = level
level-number = level { $level }
index-title = E-index
section-word = section
score-word = score
not-computable = not computable
source-self = self-assessment
source-expert = expert assessment
source-auto = automated check
answer-not-applicable = not applicable
answer-dont-know = don't know
answer-unanswered = not answered
answer-not-asked = not asked
answer-yes = yes
answer-no = no
answer-none-selected = nothing selected
language-name = English
