# verify: results compared with a published table and published facts.

verify-published-table = Publicētā tabula: saskaņotas { $matched } no { $published } vienībām
verify-differences = Atšķirības
verify-facts = Fakti: { $file }
verify-thresholds = Sliekšņi, ko pieļauj fakti (līmeņu 1..{ $last } augšējās robežas ieskaitot, ar soli { $step }; noteikumu vērtība iekavās, * = to nosaka fakti)
verify-inconsistent = Pretrunas avotā ({ $n })
verify-none-found = nav atrastas
verify-not-checked = Nepārbaudīti fakti ({ $n })
verify-verdict = Slēdziens: pārbaudes kopā { $checks }: izdevās { $passed }, noapaļošana izskaidro { $rounding }, NEIZDEVĀS { $failed }; pretrunas avotā: { $inconsistent }; nepārbaudīti fakti: { $skipped }
verify-result-ok = Rezultāts: noteikumi atveido katru publicēto skaitli, ko var pārbaudīt (līdz noapaļošanai)
verify-result-ok-inconsistent = Rezultāts: noteikumi atveido katru publicēto skaitli, ko var pārbaudīt (līdz noapaļošanai); avota pretrunas ar citiem publicētajiem skaitļiem (uzskaitītas augstāk): { $n }
verify-result-failed = Rezultāts: NAV atveidoti publicētie skaitļi: { $n }
