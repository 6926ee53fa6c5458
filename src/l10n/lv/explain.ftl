# The explanation for a municipality (`eindex explain`, `--detail plain`).

plain-title = { $unit }: E-indekss { $year }
plain-title-no-year = { $unit }: E-indekss
plain-subtitle = Pašvaldības e-pārvaldes brieduma novērtējums: kāpēc iegūts katrs līmenis un kas jādara, lai sasniegtu nākamo.
plain-survey = Dati: { $survey }.
plain-index-line = E-indekss: { $score } no 100 punktiem, { $level }.
plain-index-not-computable = E-indeksu nevar aprēķināt: { $present ->
    [one] novērtēta { $present } sadaļa
   *[other] novērtētas { $present } sadaļas
} no { $total }, vajag vismaz { $required }.
# The level of a section or the index: "3. līmenis „definēts”"; level 0 has its name only.
plain-level = { $level }. līmenis „{ $name }”
plain-level-zero = „{ $name }”
plain-gap = Līdz { $level } trūkst { $n ->
    [one] { $n } punkta
   *[other] { $n } punktu
}.
plain-gap-more = Līdz { $level } trūkst vairāk nekā { $n ->
    [one] { $n } punkta
   *[other] { $n } punktu
}.
plain-top = Sasniegts augstākais līmenis.
# after "Līdz": the dative-free form the sentence needs ("Līdz 3. līmenim „definēts”")
plain-level-target = { $level }. līmenim „{ $name }”
plain-sections-heading = Sadaļas
# a section in text: "Saziņa …: 66 punkti, 3. līmenis „definēts”."
plain-section-line = { $section }: { $score ->
    [zero] { $score } punktu
    [one] { $score } punkts
   *[other] { $score } punkti
}, { $level }.
plain-col-section = Sadaļa
plain-col-score = Punkti (no 100)
plain-col-level = Līmenis
plain-col-next = Līdz nākamajam līmenim
plain-section-missing = nav novērtēta
plain-next-points = { $n ->
    [zero] { $n } punktu
    [one] { $n } punkts
   *[other] { $n } punkti
}
plain-next-more = vairāk nekā { $n }
plain-next-top = augstākais līmenis
plain-bands-caption = Līmeņu robežas: { $bands }
plain-band = { $name } līdz { $high }
plain-well-heading = Ko pašvaldība jau dara labi
plain-well-none = Šajā sadaļā vēl nav neviena pilnībā izpildīta kritērija.
plain-lost-heading = Kur zaudēts visvairāk punktu
plain-lost-item = { $title }: iegūti { $got } no { $max }
plain-lost-none = Punkti nav zaudēti.
plain-actions-heading = Kas jādara, lai sasniegtu nākamo līmeni
plain-actions-intro = Mazākais atbilžu maiņu kopums, ar ko sasniedz nākamo līmeni. Mainītas tikai atbildes, ko pašvaldība var ietekmēt; fakti par pašvaldību netiek mainīti.
plain-actions-for = { $what }: { $level }
plain-actions-count = { $n ->
    [one] { $n } darbība
   *[other] { $n } darbības
}
plain-action-add = Papildus nodrošināt: { $options }.
plain-action-remove = Vairs neatzīmēt: { $options }.
plain-action-choose = Panākt, lai atbilde būtu „{ $to }” (tagad: „{ $from }”).
plain-action-number = Panākt, lai atbilde būtu { $to } (tagad: { $from }).
plain-action-question = Jautājums: { $question }
plain-action-by-expert = To novērtē eksperti, apmeklējot pašvaldības tīmekļvietni.
plain-action-by-auto = To pārbauda automātiski.
plain-action-result = Pēc tam: { $score ->
    [zero] { $score } punktu
    [one] { $score } punkts
   *[other] { $score } punkti
}, { $level }.
plain-action-not-minimal = Meklēšana apstājās pirms pārbaudīja visus mazākos kopumus: varbūt pietiek ar mazāk darbībām.
plain-out-of-reach = Mainot tikai atbildes, ko pašvaldība var ietekmēt, { $level } nav sasniedzams.
plain-action-result-index = Pēc tam: E-indekss { $score }, { $level }.
plain-stopped = Meklēšana apstājās, pirms atrada ceļu līdz { $level }.
plain-not-computable = Nav aprēķināms, tāpēc ieteikumu nav.
plain-section-not-scored = Sadaļa nav novērtēta: pašvaldība nav atbildējusi uz tās jautājumiem, vai tie uz to neattiecas.
plain-footer = Sagatavots ar eindex pēc { $survey } noteikumiem. Punkti ir sadaļas punkti no 100, noapaļoti kā ziņojumā.
plain-no-units = Nav nevienas vienības, ko skaidrot.
plain-index-heading = Saturs
plain-index-col-unit = Pašvaldība
plain-index-col-index = E-indekss
plain-index-col-level = Līmenis
plain-none-selected = nekas
# on standard error after --out-dir: "37 faili un index.html saglabāti mapē out"
plain-out-dir-done = { $files } { $files ->
    [zero] failu
    [one] fails
   *[other] faili
} un { $index } saglabāti mapē { $dir }
