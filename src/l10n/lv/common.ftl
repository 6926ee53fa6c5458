# Words every output shares. Latvian plural categories (CLDR): zero (0, 10, 11–19, 20, …),
# one (1, 21, 31, … but not 11), other (2–9, 22–29, …).

# "58 punkti", "1 punkts", "11 punktu"
points-nominative = { $n } { $n ->
    [zero] punktu
    [one] punkts
   *[other] punkti
}
# after "trūkst" and "no": "trūkst 1 punkta", "trūkst 2 punktu"
points-genitive = { $n } { $n ->
    [one] punkta
   *[other] punktu
}
# "3. līmenis „definēts”"
level-named = { $level }. līmenis „{ $name }”
level-word = līmenis
level-number = { $level }. līmenis
index-title = E-indekss
section-word = sadaļa
score-word = vērtējums
not-computable = nav aprēķināms
source-self = pašvērtējums
source-expert = ekspertu vērtējums
source-auto = automātiska pārbaude
answer-not-applicable = nav attiecināms
answer-dont-know = nezinu
answer-unanswered = nav atbildēts
answer-not-asked = nav jautāts
answer-yes = jā
answer-no = nē
answer-none-selected = nekas nav atzīmēts
language-name = latviešu
