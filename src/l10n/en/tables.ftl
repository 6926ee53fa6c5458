# tables: eval's table (`eval --format table`), the level-name columns and eval's workbook.

eval-table-unit = unit
eval-table-rejected = rejected: { $reason }
eval-table-not-computable = not computable: { $sections } of { $total } { $total ->
    [one] section
   *[other] sections
}, at least { $required } needed (missing: { $missing })
eval-table-levels = Levels
eval-table-sections = Sections
eval-xlsx-title = Results per unit
eval-xlsx-note = { $survey }: one row per unit, in input order; each section's score (0–100, { $decimals } { $decimals ->
    [one] decimal
   *[other] decimals
}), level and level name, the E-index, its level and level name; an empty cell where there is no score. The columns are those of `eindex eval --format csv`.
