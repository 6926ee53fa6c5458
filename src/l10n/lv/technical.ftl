# Metodologa skats `eindex explain` izvadē (`--detail technical`): teksts, Markdown un HTML.
# Noteikumu sintakse (`several => 1`, `first`, `cap 3`) paliek, kā rakstīta noteikumos.
# Latviešu daudzskaitļa kategorijas (CLDR): zero (0, 10, 11–19, 20, …), one (1, 21, 31, …),
# other (2–9, 22–29, …).

tech-doc-title = { $survey }: skaidrojums
tech-contents = Saturs
tech-no-units = nav vienību, ko skaidrot
tech-no-level = bez līmeņa
tech-interval = intervāls { $interval }
tech-min-sections = minimālais sadaļu skaits: vajag vismaz { $required }, ir { $present }: { $held ->
    [yes] izpildīts
   *[no] NAV izpildīts
}
tech-missing-sections = trūkstošās sadaļas
tech-left-out = neiekļauta: { $reason }
tech-ignored = vērā neņemtās atbildes (to papildjautājuma nosacījums nav izpildīts)

## tabulu galvenes
tech-col-section = sadaļa
tech-col-weight = svars
tech-col-score = vērtējums
tech-col-contribution = ieguldījums
tech-col-note = piezīme
tech-col-rule = noteikums
tech-col-points = punkti
tech-col-why = kāpēc
tech-col-answers = atbildes
tech-col-question = jautājums
tech-col-change = izmaiņa
tech-col-source = avots

## attālums līdz nākamajam līmenim: "trūkst 1 punkta", "trūkst 15 punktu"
tech-gap = { $strict ->
    [yes] trūkst vairāk nekā { $n } { $n ->
        [one] punkta
       *[other] punktu
    }
   *[no] trūkst { $n } { $n ->
        [one] punkta
       *[other] punktu
    }
}, lai sasniegtu { $level }. līmeni „{ $name }”
tech-gap-rule-points = (vērtējuma punkti; noteikumu punktos — vēl vismaz { $n })

## sadaļa: "6 no 10 punktiem", "1 no 1 punkta"
tech-not-scored = bez vērtējuma: { $reason }
tech-score = vērtējums { $display } ({ $points } no { $max } { $max ->
    [one] punkta
   *[other] punktiem
})
tech-thresholds = sliekšņi ({ $kind ->
    [upper] līmeņu augšējās robežas
   *[lower] līmeņu apakšējās robežas
}): { $bounds }
tech-rules = noteikumi:
tech-points-of = { $points } no { $max }
tech-excluded = izslēgts (maks. { $max })
tech-lost = kur zaudēti punkti:
tech-points-lost = −{ $missed } no { $max }
tech-wins-over = (noteicošā pār citu atbildi { $value }, avots — { $source })

## kāpēc noteikums deva savus punktus
tech-why-arm = `match` zars Nr. { $rows } `{ $syntax }`: { $points }
tech-why-row = nostrādāja tabulas { $k ->
    [one] rinda
   *[other] rindas
} Nr. { $rows } ar trāpījumu politiku `{ $policy }` (`{ $syntax }`): { $points }
tech-why-no-match = neatbilda neviena rinda: { $points }
tech-why-handler = atbildes stāvoklis „{ $word }” (`{ $state }`): trūkstošo atbilžu noteikums piešķir { $points }
tech-why-sum = atzīmēto izvēļu punktu summa { $raw }: { $points }
tech-why-sum-limited = atzīmēto izvēļu punktu summa { $raw }, ierobežota ar `{ $limit }`: { $points }
tech-why-expression = izteiksme dod { $points }

## kas sasniegtu nākamo līmeni ($what: index vai section)
tech-improve-found = Ko mainīt, lai { $what ->
    [index] indekss
   *[section] sadaļa
} sasniegtu { $level }. līmeni „{ $name }”: { $k } { $k ->
    [zero] izmaiņu
    [one] izmaiņa
   *[other] izmaiņas
}
tech-improve-stopped-best = Ko mainīt, lai { $what ->
    [index] indekss
   *[section] sadaļa
} sasniegtu { $level }. līmeni „{ $name }”: { $k } { $k ->
    [zero] izmaiņu
    [one] izmaiņa
   *[other] izmaiņas
} (meklēšana apturēta priekšlaikus; labākais atrastais)
tech-improve-stopped = Meklēšana, kā { $what ->
    [index] indeksam
   *[section] sadaļai
} sasniegt { $level }. līmeni „{ $name }”, apturēta priekšlaikus
tech-improve-top = { $what ->
    [index] Indekss
   *[section] Sadaļa
} jau ir augstākajā līmenī
tech-improve-not-computable = { $what ->
    [index] Indeksam
   *[section] Sadaļai
} uzlabojumu nav: tas nav aprēķināms
tech-improve-out-of-reach = { $what ->
    [index] Indeksam
   *[section] Sadaļai
} { $level }. līmenis „{ $name }” nav sasniedzams
tech-dropped = atmesta atbilde: { $question } (jautājums vairs netiek uzdots; bija { $was })
tech-newly-asked = tagad uzdotie jautājumi, atstāti neatbildēti
tech-result = rezultāts: { $value } ({ $level }. līmenis), par { $over } virs līmeņa zemākās vērtības; { $minimal ->
    [yes] mazāka izmaiņu kopa to nesasniedz
   *[no] nav pierādīts, ka kopa ir mazākā
}

## kāpēc sadaļa nav iekļauta, kāpēc līmenis nav sasniedzams (iemeslu daļas)
tech-reason-no-answers-count = sadaļā nav atbilžu: nav atbildēts neviens no tās { $k } { $k ->
    [one] jautājuma
   *[other] jautājumiem
}
tech-reason-no-answers = sadaļā nav atbilžu
tech-reason-not-applicable = sadaļa nav attiecināma (tās `applicable if` nosacījums ir nepatiess)
tech-reason-all-excluded = visi sadaļas noteikumi ir izslēgti
tech-reason-weight-zero = svars indeksā ir 0
tech-reason-index-not-computable = indekss nav aprēķināms
tech-reason-index-needs = indeksam vajag vismaz { $required } { $required ->
    [zero] sadaļu
    [one] sadaļu
   *[other] sadaļas
} ar vērtējumu
tech-reason-unit-has = vienībai to ir { $present }
tech-reason-top = jau augstākajā līmenī
tech-reason-stopped = meklēšana apturēta priekšlaikus pēc { $n } { $n ->
    [one] aprēķina
   *[other] aprēķiniem
}
tech-reason-best-found = labākais atrastais
tech-reason-stopped-without = meklēšana apturēta priekšlaikus pēc { $n } { $n ->
    [one] aprēķina
   *[other] aprēķiniem
}, neatradusi kopu ar { $k } vai mazāk izmaiņām
tech-reason-not-verified = atrastā kopa neapstiprinājās, pārrēķinot ar vērtētāju
tech-reason-no-threshold = mērķa līmenim nav sliekšņa
tech-reason-no-combination = to nesasniedz neviena derīgu atbilžu kombinācija, ko vienība drīkst mainīt
tech-reason-bound = pat pilni punkti katrā noteikumā, ko uzlabo atļauta izmaiņa, { $what ->
    [index] indeksam
   *[section] sadaļai
} dotu ne vairāk kā { $most } (vajag { $needs })
tech-reason-no-raise = neviena atļauta atbildes izmaiņa nepaaugstina { $what ->
    [index] indeksu
   *[section] sadaļas vērtējumu
}
tech-reason-facts = fakti par pašvaldību, ko explain nekad nemaina: { $list }
tech-reason-fixed = jautājumi, ko mainīt nedrīkst (to avots nav starp vienības pašas avotiem): { $list }
tech-reason-keep = priekšlikumi saglabā katru vienības norādīto izvēli un skaitli (to atceļ --allow-removals)
