# robustness: how sure each unit's level is under the method choices left open.

robust-title = Robustuma analīze: { $survey }
robust-method-exhaustive = Metode: katra no { $combinations } izvēļu kombinācijām aprēķināta vienreiz (precīzas varbūtības)
robust-method-sampled = Metode: Sobola secība (Ovena sajaukta), N = { $samples }, { $runs } aprēķini (Saltelli shēma), sēkla { $seed }; ticamības intervāli: { $resamples } bootstrap atkārtojumi, { $confidence } %
robust-inputs = Nenoteiktās metodes izvēles ({ $n })
robust-nominal = nominālā: { $value }
robust-units = Vienības pēc nominālās vietas (!: nominālais līmenis nav visticamākais; =: tas pats līmenis katrā aprēķinā)
robust-head-rank = vieta
robust-head-unit = vienība
robust-head-level = nominālais līmenis
robust-head-probability = tā varbūtība
robust-head-ranks = vieta: mediāna (5–95 %)
robust-head-other-levels = citi iespējamie līmeņi
robust-head-movers = līmeni maina
robust-head-input = izvēle
robust-head-values = vērtības
robust-head-nominal = nominālā vērtība
robust-head-declared = kur noteikta
robust-head-rank-s1 = vietas nobīde S1
robust-head-rank-st = vietas nobīde ST
robust-head-level-s1 = līmeņa maiņa S1
robust-head-level-st = līmeņa maiņa ST
robust-sensitivity = Jutīgums: Sobola indeksi (S1 – pirmās kārtas, ST – kopējais) vidējai vietas nobīdei un vienību daļai, kuru līmenis mainās
robust-no-variance = Neviena izvēle nemaina nevienas vienības līmeni: indeksi nav definēti (—).
robust-no-index = nav indeksa
robust-summary = Nominālais līmenis saglabājas katrā aprēķinā { $holds } no { $units } vienībām; no izvēlēm tas atkarīgs { $depends } { $depends ->
    [one] vienībai
   *[other] vienībām
}.
robust-summary-flagged = Nominālais līmenis nav visticamākais { $n } { $n ->
    [one] vienībai
   *[other] vienībām
}: { $units }
robust-no-samples = piezīme: visas kombinācijas tika aprēķinātas, izlases nav; --write-samples neko neraksta (izlasi var pieprasīt ar --sample)
robust-written = Robustuma analīze ierakstīta: { $path }
robust-values-count = { $n } { $n ->
    [one] vērtība
   *[other] vērtības
}

## html
robust-html-ranks = Vietu intervāli pēc nominālās vietas
robust-html-ranks-note = Josla: vienības vieta aprēķinos no 5. līdz 95. procentilei; punkts: vietas mediāna; rombs: nominālā vieta.
robust-html-ranks-axis = vieta (1 – labākā)
robust-html-interval = vietas 5–95 %
robust-html-median = vietas mediāna
robust-html-nominal-rank = nominālā vieta
robust-html-levels = Katra indeksa līmeņa varbūtība
robust-html-levels-note = Katra josla sadala aprēķinus pēc vienības indeksa līmeņa; ja vienībai iespējami vairāki līmeņi, tās nominālais līmenis ir apvilkts; ! iezīmē vienību, kuras nominālais līmenis nav visticamākais.
robust-html-flagged = nominālais līmenis nav visticamākais
robust-html-sections = Katra sadaļas līmeņa varbūtība
robust-html-sections-note = Līmeņi ar numuriem (nosaukumi kā leģendā augstāk) un aprēķinu daļa, kurā tie iznāk.
robust-html-sobol-rank = Sobola indeksi: vidējā vietas nobīde
robust-html-sobol-level = Sobola indeksi: vienību daļa, kuru līmenis mainās
robust-html-s1 = S1 (pirmās kārtas)
robust-html-st = ST (kopējais)
robust-html-whiskers = ūsas: { $confidence } % ticamības intervāls (bootstrap)
robust-html-undefined = nav definēts: šis rādītājs nemainās
robust-html-moves = Kuras izvēles maina kuru vienību līmeni
robust-html-moves-note = Varbūtība, ka, mainot tikai šo izvēli un atstājot pārējās, mainās vienības indeksa līmenis.
robust-html-moves-none = Neviena izvēle nemaina nevienas vienības indeksa līmeni.
robust-html-no-score = nav vērtējuma
robust-html-summary = Kopsavilkums

## xlsx
robust-xlsx-sheet-about = Kopsavilkums
robust-xlsx-sheet-inputs = Izvēles
robust-xlsx-sheet-units = Vienības
robust-xlsx-sheet-levels = Indeksa līmeņi
robust-xlsx-sheet-sections = Sadaļu līmeņi
robust-xlsx-sheet-sensitivity = Sobola indeksi
robust-xlsx-sheet-moves = Līmeņa maiņas
robust-xlsx-head-count = vērtību skaits
robust-xlsx-head-level-name = līmeņa nosaukums
robust-xlsx-head-most-likely = visticamākais līmenis
robust-xlsx-head-median = vietas mediāna
robust-xlsx-head-p05 = vieta 5 %
robust-xlsx-head-p95 = vieta 95 %
robust-xlsx-head-flag = nominālais līmenis nav visticamākais
robust-xlsx-head-holds = tas pats līmenis katrā aprēķinā
robust-xlsx-head-ci = { $of } ±
robust-xlsx-head-section-level = { $section }: { $level }
