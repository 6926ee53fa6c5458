# report: the tables of `eindex report` (src/report): titles, column headers, notes, row labels.
# A column whose header ends in "(%)" holds percentages (0–100) in every format.

## Rows and labels
report-overall = Kopā
report-no-value = nav datu
report-yes = Jā
report-no = Nē
# quartile groups: "Q1 (≤ 0,20)", "Q2 (0,20–0,80]", "Q4 (> 0,95)"
report-quartile-first = Q1 (≤ { $to })
report-quartile-between = Q{ $k } ({ $from }–{ $to }]
report-quartile-last = Q4 (> { $from })
# a level with its name: column headers, the level cells of the results
report-level = { $level } – { $name }
report-level-count = { $level } – { $name } (skaits)
report-level-percent = { $level } – { $name } (%)
report-tie = dalīta vieta
report-small-base-flag = *n < { $min }
report-no-rows = (nav rindu)
report-contents = Saturs

## Column headers
report-col-grouping = Grupējums
report-col-group = Grupa
report-col-n = n
report-col-no-score = Bez vērtējuma
report-col-percent = Daļa (%)
report-col-mean = Vidējais
report-col-median = Mediāna
report-col-min = Mazākais
report-col-max = Lielākais
report-col-sum = Summa
report-col-rank = Vieta
report-col-unit = Vienība
report-col-score = Vērtējums
report-col-note = Piezīme
report-col-status = Statuss
# the level column of a measure in the results: "Saziņa ar sabiedrību un līdzdalība: līmenis"
report-col-level-of = { $measure }: līmenis
# an option's column in the answer tables: "Jā (%)"
report-col-option-percent = { $option } (%)

## Results per unit
report-results-title = Rezultāti pa vienībām
report-results-note = Viena rinda katrai novērtētajai vienībai, ievades secībā: { $index } un katras sadaļas vērtējums (0–100, ar { $decimals } { $decimals ->
    [one] zīmi
   *[other] zīmēm
} aiz komata) un līmenis; tukša šūna, ja vienībai vērtējuma nav.
report-status-evaluated = novērtēts
report-status-not-computable = nav aprēķināms: { $sections ->
    [one] vērtēta
   *[other] vērtētas
} { $sections } no { $total } sadaļām, { $required ->
    [one] nepieciešama
   *[other] nepieciešamas
} vismaz { $required } (trūkst: { $missing })

## Units per group
report-units-title = Vienības pa grupām
report-units-note = Novērtēto vienību skaits katrā grupā (n) un tā daļa (%) no visu novērtēto vienību skaita ({ $total }).

## Levels, averages, top lists of a measure (the index or a section)
report-levels-title = Līmeņu sadalījums: { $measure }
report-levels-note = Vienību skaits katrā brieduma līmenī un to daļa (%) no grupas vienībām ar vērtējumu (n). „Bez vērtējuma”: grupas vienības, kurām vērtējuma nav (nav aprēķināms vai sadaļa nav attiecināma); tās n neietilpst.
report-stats-title = Vidējie rādītāji: { $measure }
report-stats-note = Grupas vienību ar vērtējumu (n) precīzo vērtējumu (0–100) vidējais, mediāna, mazākais un lielākais, attēloti ar { $decimals } { $decimals ->
    [one] zīmi
   *[other] zīmēm
} aiz komata.
report-top-title = Augstākie rezultāti (līdz { $top }. vietai): { $measure }
report-top-note = Katrā grupā vienības ar augstākajiem precīzajiem vērtējumiem. Vienības ar vienādu vērtējumu dala vietu; parādītas visas vienības līdz { $top }. vietai ieskaitot (vienā vietā – nosaukumu secībā).

## Answer shares of a question
report-answers-note-single = To grupas vienību daļa (%), kas sniegušas katru atbildi, no vienībām, kas atbildējušas uz jautājumu (n).
report-answers-note-multi = Vairākatbilžu jautājums: to grupas vienību daļa (%), kas atzīmējušas katru atbildi, no vienībām, kas atbildējušas uz jautājumu (n); daļu summa var pārsniegt 100%.
report-answers-note-numeric = Bāze n: grupas vienības, kas atbildējušas uz jautājumu. Summa, mazākā un lielākā vērtība – kā atbildēts; vidējais un mediāna – precīzi, attēloti ar 1 zīmi aiz komata.
# "Bāzē neietilpst: nav jautāts – 4, nezinu – 1."
report-answers-left-out = Bāzē neietilpst: { $list }.
report-answers-left-out-item = { $what } – { $n }
report-answers-small-base = *Bāze šajā jautājumā ir neliela (n < { $min }), tāpēc procentuālajam attēlojumam ir ilustratīva nozīme.
# the caption of an answer chart: "Kopā un pa grupām: Pašvaldības veids"
report-chart-overall-and = { $overall } un pa grupām: { $grouping }

## What `eindex report` says on standard error when done
# "3 tabulas no 37 vienībām", "1 tabula no 21 vienības"
report-done = { $tables } { $tables ->
    [one] tabula
   *[other] tabulas
} no { $units } { $units ->
    [one] vienības
   *[other] vienībām
}
report-done-to = { $tables } { $tables ->
    [one] tabula
   *[other] tabulas
} no { $units } { $units ->
    [one] vienības
   *[other] vienībām
} { $tables ->
    [one] saglabāta
   *[other] saglabātas
}: { $path }

## Provenance
report-provenance-title = Datu izcelsme
report-provenance-note = Noteikumu kopas jaucējvērtība ir SHA-256 pār tās failiem nosaukumu secībā (nosaukums, NUL, saturs, NUL); katram failam seko tā paša SHA-256.
report-prov-col-item = Ieraksts
report-prov-col-value = Vērtība
report-prov-tool = rīks
report-prov-generated = izveidots
report-prov-ruleset = noteikumu kopa
report-prov-ruleset-file = noteikumu kopas fails
report-prov-input-file = ievades fails
report-prov-units = vienības
report-prov-units-value = nolasītas { $read }, pārskatā { $reported }, noraidītas { $rejected }
report-prov-groupings = grupējumi
report-prov-options = iestatījumi
report-prov-unreadable = nav nolasāms: { $reason }
