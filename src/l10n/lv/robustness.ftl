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
