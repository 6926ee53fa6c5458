# tables: eval's table (`eval --format table`), the level-name columns and eval's workbook.

eval-table-unit = vienība
# "noraidīts: …" (a unit rejected with --lenient; the reason is the program's)
eval-table-rejected = noraidīts: { $reason }
# "nav aprēķināms: 1 no 3 sadaļām, vajag vismaz 2 (trūkst: Dokumentu aprite, Atvērtie dati)"
eval-table-not-computable = nav aprēķināms: { $sections } no { $total } { $total ->
    [one] sadaļas
   *[other] sadaļām
}, vajag vismaz { $required } (trūkst: { $missing })
# the legend: "Līmeņi: 0 0%, 1 situatīvs, …"
eval-table-levels = Līmeņi
# above every section's full title, when a head was cut
eval-table-sections = Sadaļas
eval-xlsx-title = Rezultāti pa vienībām
eval-xlsx-note = { $survey }: viena rinda katrai vienībai, ievades secībā; katras sadaļas vērtējums (0–100, { $decimals } { $decimals ->
    [zero] zīmju
    [one] zīme
   *[other] zīmes
} aiz komata), līmenis un līmeņa nosaukums, E-indekss, tā līmenis un nosaukums; tukša šūna, kur vērtējuma nav. Kolonnu nosaukumi ir tie paši, kas `eindex eval --format csv`.
