# verify: results compared with a published table and published facts.

verify-published-table = Publicētā tabula: saskaņotas { $matched } no { $published } vienībām
verify-differences = Atšķirības
verify-facts = Fakti: { $file }
verify-thresholds = Sliekšņi, ko pieļauj fakti (līmeņu 1..{ $last } augšējās robežas ieskaitot, ar soli { $step }; noteikumu vērtība iekavās, * = to nosaka fakti)
verify-inconsistent = Pretrunas avotā ({ $n })
verify-none-found = nav atrastas
verify-not-checked = Nepārbaudīti fakti ({ $n })
verify-verdict = Slēdziens: pārbaudes kopā { $checks }: atbilst { $passed }, izskaidro noapaļošana { $rounding }, NEATBILST { $failed }; pretrunas avotā: { $inconsistent }; nepārbaudīti fakti: { $skipped }
verify-verdict-tolerance = Slēdziens: pārbaudes kopā { $checks }: atbilst { $passed }, izskaidro noapaļošana { $rounding }, iekļaujas īpatsvaru pielaidē (procentpunktos ±{ $tolerance }) { $tolerant }, NEATBILST { $failed }; pretrunas avotā: { $inconsistent }; nepārbaudīti fakti: { $skipped }
verify-result-ok = Rezultāts: noteikumi atveido katru publicēto skaitli, ko var pārbaudīt (līdz noapaļošanai)
verify-result-ok-tolerance = Rezultāts: noteikumi atveido katru publicēto skaitli, ko var pārbaudīt (līdz noapaļošanai, īpatsvarus – līdz pielaidei procentpunktos ±{ $tolerance })
verify-result-ok-inconsistent = Rezultāts: noteikumi atveido katru publicēto skaitli, ko var pārbaudīt (līdz noapaļošanai); avota pretrunas ar citiem publicētajiem skaitļiem (uzskaitītas augstāk): { $n }
verify-result-failed = Rezultāts: NAV atveidoti publicētie skaitļi: { $n }

## galva
verify-head-ruleset = noteikumi
verify-head-submissions = iesniegumi
verify-head-published = publicētā tabula
verify-head-facts = fakti
verify-head-groups = grupas
verify-head-inputs = ievaddati
# "(37 vienības)", "(1 vienība)", "(10 vienību)"
verify-units-count = { $n } { $n ->
    [zero] vienību
    [one] vienība
   *[other] vienības
}
verify-head-table = { $file } ({ $n } { $n ->
    [zero] vienību
    [one] vienība
   *[other] vienības
}; kolonnas: { $columns })
verify-head-no-table = nav: pārbauda tikai faktus
verify-head-metadata = salīdzināti arī metadati: { $columns }
verify-head-ignored = nesalīdzinātās kolonnas: { $columns }
verify-head-grouping = pēc lauka `{ $field }`: { $sizes }; nosaukumi faktu failā: { $names }
verify-none = nav
verify-inputs-exact = visas atbildes uzskatītas par precīzām (--exact-inputs)
verify-inputs-rounded = decimālskaitļu atbildes uzskatītas par noapaļotām līdz tik zīmēm aiz komata, cik uzrakstīts (veseli skaitļi ±0,5)

## publicētā tabula
verify-col-column = kolonna
verify-col-compared = salīdzinātas
verify-col-equal = vienādas
verify-col-rounding = noapaļošana
verify-col-failed = NEIZSKAIDROTAS
verify-col-largest = lielākā starpība (publicēts − aprēķināts)
verify-col-unit = vienība
verify-col-published = publicēts
verify-col-computed = aprēķināts
verify-col-difference = starpība
verify-col-possible = aprēķina intervāls
verify-col-verdict = slēdziens
verify-possible-footnote = aprēķina intervāls: vērtības, ko aprēķins var dot, ja katra noapaļotā ievadvērtība ir jebkur savā noapaļošanas intervālā
verify-verdict-equal = vienāds
verify-verdict-rounding = izskaidro noapaļošana
verify-verdict-tolerance-word = pielaides robežās
verify-verdict-failed = NEIZSKAIDROTS
verify-verdict-source = pretruna avotā
verify-verdict-not-checked = nepārbaudīts
verify-row = { $row }. rinda
verify-row-unit-published = { $row }. rinda: vienība publicētajā tabulā
verify-row-metadata = { $row }. rinda: metadati `{ $field }`
verify-listed = ir tabulā
verify-not-in-submissions = nav iesniegumos
verify-tool-no-value = rīks vērtību neaprēķina (sadaļai nav vērtējuma vai indekss nav aprēķināms)
verify-table-no-value = publicētajā tabulā vērtības nav
verify-metadata-differs = iesniegumu metadati atšķiras no publicētās tabulas
verify-unit-in-submissions = vienība iesniegumos
verify-not-in-table = nav publicētajā tabulā
verify-evaluated = novērtēta
verify-difference-note = starpība { $difference }; publicētais { $published } nozīmē { $stands }, aprēķins var dot { $possible }

## faktu pārbaudes
verify-status-passed = atbilst
verify-status-rounding = noapaļ.
verify-status-tolerance = pielaidē
verify-status-failed = NEATBILST
verify-status-source = PRETRUNA
verify-status-not-checked = nepārbaudīts
verify-published = publicēts
verify-computed = aprēķināts
verify-units-with-index = vienības ar aprēķinātu indeksu
verify-min-sections = indeksam vajadzīgās sadaļas (min_sections)
verify-sections-total = sadaļas noteikumos
verify-level-names-lv = līmeņu nosaukumi (latviski)
verify-level-names-en = līmeņu nosaukumi (angliski)
verify-units-with-option = vienības ar { $field } = { $option }
verify-no-meaning = nav vispārējas nozīmes: noteikumos un iesniegumos nav nekā, ar ko to salīdzināt
verify-no-such-section = noteikumos nav sadaļas ar šādu nosaukumu
verify-unknown-fact = `eindex verify` šādu faktu nepazīst (sk. docs/verify.md)
verify-no-such-field = shēmā nav šāda vienas izvēles metadatu lauka
verify-not-an-option = `{ $option }` nav lauka `{ $field }` variants
verify-no-grouping = grupa `{ $name }`: grupējums nav norādīts (lietojiet --group-by FIELD un --group { $name }=OPTION)
verify-unknown-group = grupa `{ $name }` nav lauka `{ $field }` variants ({ $options }); piesaistiet to ar --group { $name }=OPTION
verify-precise-value = precīza vērtība: { $unit }
verify-expected-number = gaidīts skaitlis
verify-unit-not-submitted = vienības nav iesniegumos
verify-table-agrees = tabulas vērtība saskan: { $unit }
# "publicēts tabulā 72"
verify-in-table = tabulā { $value }
verify-text-and-table-differ = teksts un tabula šai vienībai rāda dažādas vērtības
# kā ziņojumā: "trūka 1%, lai nonāktu 3. brieduma līmenī"; "trūkst 1 punkta", "trūkst 2 punktu"
verify-lacks = trūkst { $points } { $points ->
    [one] punkta
   *[other] punktu
}, lai nonāktu { $level }. līmenī ({ $name })
verify-lacks-unknown = trūkst punktu (skaits nav minēts), lai nonāktu { $level }. līmenī ({ $name })
verify-no-value = nav vērtības
verify-at-top-level = augstākajā līmenī
verify-points-omitted = ziņojumā punktu skaits nav minēts; līmenis sakrīt
verify-level-units-by-name = vienības { $level }. līmenī ({ $name }) pēc nosaukumiem
verify-list-agrees = saraksts saskan ar { $key }
# "publicēts sarakstā 3" (vienību skaits sarakstā)
verify-units-listed = sarakstā { $n }
verify-units-at-level = vienības { $level }. līmenī ({ $name })
verify-count-can-be = ar noapaļotām ievadvērtībām skaits var būt { $range }
verify-counts-add-up = līmeņu skaitu summa
verify-units-with-value = { $n } { $n ->
    [zero] vienību
    [one] vienība
   *[other] vienības
} ar vērtību
verify-counts-exceed = publicētie skaiti aptver vairāk vienību, nekā ir vienību ar vērtību
# "2 1. līmenī"
verify-n-at-level = { $n } { $level }. līmenī
verify-no-other-levels = neminētajos līmeņos nav nevienas vienības (skaiti aptver visas { $n })
verify-zero-score = vienības ar vērtējumu 0
verify-a-number = skaitlis
verify-not-a-number = faktu nevar nolasīt: gaidīts skaitlis
verify-mean-of = { $n } { $n ->
    [one] vienības
   *[other] vienību
} vidējais
verify-no-unit = nav vienību
verify-mean-narrowed = { $note } (katras vienības vērtība sašaurināta līdz tai, ko par to rāda publicētā tabula)
# "3 augstākie rezultāti", kā ziņojumā ("visaugstākie rezultāti")
verify-top = { $n } { $n ->
    [zero] augstāko rezultātu
    [one] augstākais rezultāts
   *[other] augstākie rezultāti
}
verify-unit-no-value-here = `{ $unit }` šeit nav vērtības; { $hint }
verify-list-length = sarakstā ir { $listed } { $listed ->
    [zero] vienību
    [one] vienība
   *[other] vienības
}, nevis { $n }
verify-tie = { $rank }. vietā vienāds rezultāts ({ $value }): arī { $units }
verify-order-impossible = publicētā secība nav iespējama pat noapaļošanas intervālu robežās
verify-ranked-above = augstāk par saraksta pēdējo vienību: { $units }
verify-order-note = pēc datiem { $pairs }; publicētā secība ir iespējama noapaļošanas robežās: ar noapaļotām ievadvērtībām { $ranges }
# "Liepājas valstspilsētas pašvaldība 58,235 ir augstāk par Ventspils valstspilsētas pašvaldība 58,059"
verify-above = { $higher } ir augstāk par { $lower }
# "Ventspils valstspilsētas pašvaldība 57,559..58,559 (publicēts 58,4)"
verify-printed = { $range } (publicēts { $printed })
verify-order-holds-somewhere = secība ir iespējama ar dažām vērtībām noapaļošanas intervālos
verify-did-you-mean = vai domāta `{ $name }`?
verify-no-units = šeit nav vienību, no kurām izvēlēties
verify-units-are = šeit ir šādas vienības: { $units }
verify-no-such-unit = nevienai vienībai nav šāda nosaukuma; pārbaudiet rakstību

## grupējums pēc cita lauka
verify-grouping = grupējums `{ $main }` pret `{ $other }`
verify-grouping-needs = grupu faktiem vajag `{ $main }`: { $sizes }
verify-grouping-fails = šie grupu fakti neatbilst ar `{ $main }`, bet atbilst ar `{ $other }`: { $facts }
verify-grouping-inconsistent = atšķirīgi iedalītas vienības: { $units }. Ar `{ $main }` atbilst visi grupu fakti ({ $held }); ar `{ $other }` neatbilst šie: { $facts }
verify-grouping-either = atšķirīgi iedalītas vienības: { $units }; grupu fakti atbilst abos gadījumos
verify-grouping-failure = { $fact } ({ $what }: publicēts { $published }, aprēķināts { $computed })

## sliekšņi
verify-step-exact = precīzi
verify-outside = ĀRPUS
# "communication u2 = 60, to nosaka: …"
verify-pinned = { $bound } = { $value }, to nosaka: { $facts }
verify-not-used = { $target }: neizmantots: { $fact }
verify-thresholds-what = sliekšņi, ko pieļauj fakti
verify-thresholds-exact = līmeņus nosaka pēc precīzām vērtībām (`compare exact`): sliekšņu intervālus analizē tikai ar `compare rounded d`
verify-no-thresholds-for = nav sliekšņu, kas atbilstu visiem `{ $scope }` līmeņu faktiem: { $conflict }
verify-thresholds-for = { $target }: sliekšņi, kas atbilst visiem līmeņu faktiem
verify-level-facts = līmeņu skaiti un piezīmes „trūkst”
verify-no-thresholds = nav sliekšņu, kas atbilstu tiem visiem kopā
verify-facts-allow = fakti pieļauj { $bound }
verify-ruleset-bound = noteikumos { $bound }
verify-bound-none = nav
verify-counts-unused = { $fact }: skaitu summa ir { $total }, bet kopā ir { $n } { $n ->
    [zero] vienību
    [one] vienība
   *[other] vienības
} ar līmeni virs 0
# "levels { 4 = 2, 3 = 12, 2 = 23 }: 23 līmeņos ≤ 2, augstākā vērtība 60"
verify-bound-at-most = { $fact }: { $n } līmeņos ≤ { $level }, augstākā vērtība { $highest }
verify-bound-above = { $fact }: { $value } ir virs { $level }. līmeņa
verify-bound-so-at = { $fact } (tātad tā ir { $level }. līmenī)
verify-bound-conflict = { $bound } jābūt ≥ { $lo } ({ $lo_from }) un ≤ { $hi } ({ $hi_from })

## pretrunas un slēdziens
# the tool's own checks, where the facts file's checks show their key
verify-fact-table = tabula
verify-fact-grouping = grupas
verify-fact-thresholds = sliekšņi
verify-source-line = publicēts: { $published } | rīks: { $tool }
verify-failure = NEATBILST { $fact }: publicēts { $published }, aprēķināts { $computed }

## atbilžu fakti
verify-no-such-question = noteikumu shēmā nav jautājuma ar šādu id (atbilžu faktiem vajag atbilžu līmeņa noteikumus, piem., rules/2022)
# "atbilžu `instagram` īpatsvars"
verify-answer-share = atbilžu { $option } īpatsvars
verify-answer-share-group = atbilžu { $option } īpatsvars grupā { $group }
verify-answer-count = vienības ar atbildi { $option }
verify-answer-count-group = vienības ar atbildi { $option } grupā { $group }
verify-answer-answered = vienības, kas atbildējušas (īpatsvaru bāze)
verify-answer-answered-group = vienības, kas atbildējušas, grupā { $group }
# "75,7% (28 no 37)"
verify-answer-share-computed = { $share }% ({ $k } no { $n })
verify-answer-count-computed = { $k } (no { $n } atbildējušajām)
verify-answer-no-base = šeit neviena vienība nav atbildējusi
verify-answer-share-note = { $k } no { $n } = { $exact }%; starpība procentpunktos { $difference }; publicētais { $published }% nozīmē { $stands }
verify-answer-within-tolerance = iekļaujas īpatsvaru pielaidē (procentpunktos ±{ $tolerance }, --share-tolerance)
