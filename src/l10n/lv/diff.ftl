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

