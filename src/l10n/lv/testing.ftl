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


## neizpildīta gaidāmā vērtība; $what ir atslēga, kā rakstīta testu failā (`rule.site`, `index`)
test-at-line = ({ $line }. rinda)
test-expected = { $what }: gaidīts { $expected }, faktiski { $actual }
test-expected-score = { $what }: gaidīts { $expected }, faktiski { $actual } (precīzi { $exact })
test-expected-derived = { $what }: gaidīts { $expected }, aprēķināts { $derived }
test-expected-not-computable = { $what }: gaidīts „nav aprēķināms”, faktiski vērtējums { $score }, līmenis { $level }
test-expected-a-score = { $what }: gaidīts vērtējums, faktiski nav aprēķināms
test-excluded = izslēgts
test-no-constraint = neviens
test-breaks = atbildes pārkāpj { $names }: { $messages } (`eindex eval` šādu vienību noraida; izlabojiet gadījumu vai pievienojiet `expect.violates`, ja gadījums pārbauda tieši to)
test-not-evaluated = gadījumu nevarēja izvērtēt: { $error }

## aprēķina gaita zem neizdevušās pārbaudes (noteikumu sintakse pēdiņās paliek, kā rakstīta)
test-trace-index = indekss = { $value } → salīdzināšanai { $compared } → { $level }. līmenis ({ $name }); { $thresholds }
test-trace-weight = { $section }: { $score } × svars { $weight }
test-trace-left-out = { $section }: neiekļauta ({ $reason })
# "vērtējums ir 1 sadaļai", "vērtējums ir 3 sadaļām"
test-trace-index-not-computable = indekss nav aprēķināms: vērtējums ir { $sections } { $sections ->
    [one] sadaļai
   *[other] sadaļām
}, vajag vismaz { $required } (trūkst: { $missing })
# "2 no 5 punktiem", "1 no 1 punkta"
test-trace-section = sadaļa { $section }: { $points } no { $max } { $max ->
    [one] punkta
   *[other] punktiem
} = { $score } → salīdzināšanai { $compared } → { $level }. līmenis ({ $name }); { $thresholds }
test-trace-section-no-score = sadaļa { $section }: bez vērtējuma ({ $reason })
test-trace-rule = noteikums { $rule } ({ $place }): { $points }; { $why }; nolasītās atbildes: { $reads }
test-trace-built-in = iebūvēts
test-trace-not-asked = piezīme: atbildēts, lai gan nav jautāts (atbildes neņemtas vērā): { $questions }
test-why-arm = zars Nr. { $n } `{ $syntax }`
test-why-row = rinda Nr. { $n } `{ $syntax }`
test-why-no-match = neatbilda neviena rinda (0 punktu)
# $state: unanswered, not_asked, not_applicable, dont_know (rule syntax)
test-why-handler = atbildes stāvoklis „{ $state ->
    [unanswered] nav atbildēts
    [not_asked] nav jautāts
    [not_applicable] nav attiecināms
   *[dont_know] nezinu
}” (`{ $state }`): piemērots trūkstošo atbilžu noteikums `when { $state }`
test-why-sum = atzīmēto variantu summa: { $options } = { $sum }
test-why-sum-limited = atzīmēto variantu summa: { $options } = { $sum }, ierobežota ar `cap`/`floor`
test-why-nothing = nekas
test-why-expression = izteiksme

## --coverage
test-coverage = pārklājums: gadījums pārbauda noteikumu, ja tas kaut ko sagaida no šī noteikuma, tā sadaļas vai indeksa
test-coverage-unanswered = noteikumi, kuru jautājumiem neviens gadījums nedod atbildi
test-coverage-rows = tabulu rindas un `match` zari, kas nekad nenostrādā
test-coverage-options = `sum` noteikumu atbilžu varianti, kas nekad netiek atzīmēti
test-coverage-none = { $title }: nav
test-coverage-arm = { $rule }, zars Nr. { $n }: `{ $syntax }` ({ $place })
test-coverage-row = { $rule }, rinda Nr. { $n }: `{ $syntax }` ({ $place })
