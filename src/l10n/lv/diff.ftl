# diff: what changed between two rulesets and what it does to the units.

## diff
diff-no-changes = anketā, noteikumos, sadaļās un indeksā izmaiņu nav
diff-questionnaire = anketa
diff-rules = noteikumi
diff-sections = sadaļas
diff-index = indekss
diff-metadata = metadati
diff-section-added = pievienota sadaļa: { $name }
diff-section-removed = izņemta sadaļa: { $name }
diff-question-added = pievienots jautājums: `{ $id }` ({ $kind }, { $section }) „{ $text }”
diff-question-removed = izņemts jautājums: `{ $id }` ({ $kind }, { $section }) „{ $text }”
diff-likely-rename = iespējams, pārdēvēts: `{ $old }` → `{ $new }` (tas pats teksts un atbilžu varianti)
diff-rule-added = pievienots noteikums: { $name }
diff-rule-removed = izņemts noteikums: { $name }
# "ietekme uz 5 vienībām (iesniegumi.csv)"
diff-impact = ietekme uz { $n } { $n ->
    [one] vienību
   *[other] vienībām
} ({ $files })
diff-level-none = { $name }: neviena vienība nemaina līmeni
# "web: līmeni maina 2 vienības (1 uz augšu, 1 uz leju): …"
diff-level-changes = { $name }: līmeni maina { $n } { $n ->
    [zero] vienību
    [one] vienība
   *[other] vienības
} ({ $up } uz augšu, { $down } uz leju): { $units }
diff-become-computable = indekss kļūst aprēķināms: { $units }
diff-stop-computable = indekss vairs nav aprēķināms: { $units }
diff-one-sided-old = `{ $question }` zina tikai vecā versija: { $note }
diff-one-sided-new = `{ $question }` zina tikai jaunā versija: { $note }
diff-input-problems-old = ievaddatu problēmas ar veco versiju ({ $n })
diff-input-problems-new = ievaddatu problēmas ar jauno versiju ({ $n })
diff-problem-old = vecā: { $problem }
diff-problem-new = jaunā: { $problem }
diff-no-unit-changes = nevienai vienībai nemainās ne vērtējumi, ne līmeņi, ne vieta
diff-col-unit = vienība
diff-col-index = indekss: bija → ir
diff-col-rank = vieta
diff-col-sections = mainītās sadaļas (vērtējums un līmenis: bija → ir)
diff-md-title = Noteikumu izmaiņas: `{ $old }` → `{ $new }`
diff-md-impact = Ietekme uz { $n } { $n ->
    [one] vienību
   *[other] vienībām
}
diff-md-submissions = Iesniegumi: { $files }
diff-md-col-changing = vienības, kas maina līmeni
diff-md-col-up = uz augšu
diff-md-col-down = uz leju
diff-md-col-which = kuras
diff-md-col-index = indekss
diff-md-problem-old = Ievaddatu problēma (vecā versija): { $problem }
diff-md-problem-new = Ievaddatu problēma (jaunā versija): { $problem }
diff-md-footnote = Vērtējumi, kā tos rāda, ar līmeni un tā nosaukumu; mainīts līmenis treknrakstā; – = nav aprēķināms.


## izmaiņu sīkāka informācija (noteikumu sintakse pēdiņās `…` paliek, kā rakstīta)
diff-kind-single = viena izvēle
diff-kind-multi = vairākas izvēles
diff-kind-yes-no = jā/nē
diff-kind-integer = vesels skaitlis
diff-kind-decimal = decimālskaitlis
diff-kind-text = brīvs teksts
diff-none = nav
diff-nothing = nekādas
diff-exclude = `exclude`
diff-bool-true = jā
diff-bool-false = nē
diff-type = tips: { $old } → { $new }
diff-section = sadaļa: { $old } → { $new }
diff-options-added = pievienoti atbilžu varianti: { $options }
diff-options-removed = izņemti atbilžu varianti: { $options }
diff-option-text = varianta `{ $id }` teksts: „{ $old }” → „{ $new }”
diff-text = teksts: „{ $old }” → „{ $new }”
diff-sources = avoti: { $old } → { $new }
diff-ask-if-added = tagad jautā tikai ar nosacījumu (pievienots `ask_if`)
diff-ask-if-removed = tagad jautā visām vienībām (`ask_if` izņemts)
diff-ask-if-changed = mainīts papildjautājuma nosacījums (`ask_if`)
diff-tokens = atļautās īpašās atbildes: { $old } → { $new }
diff-scoring = vērtēšanas veids: `{ $old }` → `{ $new }`
diff-hit-policy = trāpījumu politika: `{ $old }` → `{ $new }`
diff-inputs = ievaddatu skaits: { $old } → { $new }
diff-arm-removed = izņemts zars: `{ $row }`
diff-row-removed = izņemta rinda: `{ $row }`
diff-arm-changed = zars `{ $cells }`: { $old } → { $new }
diff-row-changed = rinda `{ $cells }`: { $old } → { $new }
diff-arm-added = pievienots zars: `{ $row }`
diff-row-added = pievienota rinda: `{ $row }`
diff-arms-reordered = mainīta zaru secība
diff-rows-reordered = mainīta rindu secība
diff-option-points = variants `{ $id }`: { $old } → { $new }
diff-cap = summas augšējā robeža (`cap`): { $old } → { $new }
diff-floor = summas apakšējā robeža (`floor`): { $old } → { $new }
diff-question = jautājums: { $old } → { $new }
diff-handler = `when { $state }`: { $old } → { $new }
diff-maximum = maksimums: { $old } → { $new }
diff-minimum = minimums: { $old } → { $new }
diff-expression-changed = mainīta izteiksme
diff-definition-changed = mainīta definīcija
diff-title = nosaukums: „{ $old }” → „{ $new }”
diff-thresholds = sliekšņi: { $old } → { $new }
# "augšējās robežas 40; 70"
diff-thresholds-side = { $kind ->
    [upper] augšējās robežas
   *[lower] apakšējās robežas
} { $bounds }
diff-max-points = maksimālie punkti: { $old } → { $new }
diff-zero-apart = `zero apart`: { $old } → { $new }
diff-applicable = `applicable if`: { $old } → { $new }
diff-applicable-default = answered_any (noklusējums)
diff-proportional = proporcionāli svari: { $old } → { $new }
diff-weight = sadaļas { $section } svars: { $old } → { $new }
diff-min-sections = minimālais sadaļu skaits (`min_sections`): { $old } → { $new }
diff-display = attēlošana/salīdzināšana/noapaļošana: { $old } → { $new }

## ietekme: jautājumi, ko zina tikai viena versija, noraidītās vienības (diagnostika aiz kola ir
## ievaddatu posma, visās valodās angliski)
# "uz to atbildēja 4 vienības", "… 1 vienība", "… 0 vienību"
diff-note-old = uz to atbildēja { $n } { $n ->
    [zero] vienību
    [one] vienība
   *[other] vienības
}; jaunā versija šo jautājumu nezina un { $n ->
    [one] šo atbildi
   *[other] šīs atbildes
} neņem vērā
diff-note-old-renamed = uz to atbildēja { $n } { $n ->
    [zero] vienību
    [one] vienība
   *[other] vienības
}; jaunā versija šo jautājumu nezina un { $n ->
    [one] šo atbildi
   *[other] šīs atbildes
} neņem vērā (iespējams, pārdēvēts par `{ $new }`: lai atbildes pārnestu, pārdēvējiet iesniegumos kolonnu vai atslēgu)
diff-note-new-none = neviena vienība uz to nav atbildējusi (iesniegumos nav tādas kolonnas vai atslēgas): jaunajā versijā tas visām vienībām ir neatbildēts
diff-note-new = uz to atbildēja { $n } { $n ->
    [zero] vienību
    [one] vienība
   *[other] vienības
}; vecā versija šo jautājumu nezina un { $n ->
    [one] šo atbildi
   *[other] šīs atbildes
} neņem vērā
diff-unit-rejected = vienība `{ $unit }` noraidīta: { $problem }
diff-unit-not-evaluated = vienība `{ $unit }` nav izvērtēta: { $problem }
diff-rejected = noraidīta
diff-rejected-because = noraidīta: { $problem }
