"""The year's training: Basis and Aufbau for coordinators and open courses, one Basis
course already held (with attendance, certificates and qualifications), courses open for
registration (one full with a waiting list), and topic wishes with votes.

Courses are looked up by series and title, so running the demo again adds nothing. Elif
(the shelter-coordinator persona) has not done Basis yet: she can register for the autumn
course and sees why Aufbau refuses her.
"""

from datetime import timedelta

from django.utils import timezone

from common.scoping import holders
from konten.models import User
from unterkuenfte.models import Unterkunft
from unterkuenfte.permissions import KOORDINIEREN

from .models import (
    Anmeldung,
    Anwesenheit,
    Erteilung,
    Kurs,
    Qualifikation,
    Reihe,
    Sitzung,
    Themenwunsch,
    Wunschstimme,
)

WUENSCHE = [
    ("Umgang mit Konflikten in der Unterkunft", 14),
    ("Traumasensibles Arbeiten mit Ehrenamtlichen", 11),
    ("Öffentlichkeitsarbeit für Vereine", 8),
    ("Ehrenamtliche gewinnen und halten", 6),
    ("Datenschutz im Alltag der Koordination", 3),
]


def _kurs(reihe, titel, beginn, sitzungen, **daten) -> tuple[Kurs, bool]:
    """The course with weekly sessions of three hours from ``beginn``; new only once."""
    vorhanden = Kurs.objects.filter(reihe=reihe, titel=titel).first()
    if vorhanden:
        return vorhanden, False
    daten.setdefault("anmeldung_ab", beginn - timedelta(days=60))
    daten.setdefault("anmeldung_bis", beginn - timedelta(days=2))
    daten.setdefault("abmeldung_bis", beginn - timedelta(days=7))
    kurs = Kurs.objects.create(reihe=reihe, titel=titel, **daten)
    Sitzung.objects.bulk_create(
        Sitzung(
            kurs=kurs,
            beginn=beginn + timedelta(weeks=woche),
            ende=beginn + timedelta(weeks=woche, hours=3),
            ort="Nachbarschaftshaus Urbanstraße, Raum 2",
        )
        for woche in range(sitzungen)
    )
    return kurs, True


def _um(tage: int, stunde: int):
    tag = timezone.localtime() + timedelta(days=tage)
    return tag.replace(hour=stunde, minute=0, second=0, microsecond=0)


def _koordination(ausser):
    """Demo shelter coordinators, in a fixed order, without the persona."""
    return list(
        holders(Unterkunft, KOORDINIEREN, Unterkunft.objects.all())
        .filter(is_active=True)
        .exclude(pk=ausser.pk)
        .order_by("email")
    )


def anlegen(kontext):
    jahr = timezone.localdate().year
    elif_ = kontext.objekte["ehrenamtskoordination_persona"]
    team = User.objects.get(email="fortbildung@demo.invalid")
    koordination = _koordination(elif_)

    basis, _n = Qualifikation.objects.get_or_create(
        name="Basis abgeschlossen",
        defaults={"beschreibung": "Fortbildungsreihe Freiwilligenkoordination – Basis"},
    )
    aufbau, _n = Qualifikation.objects.get_or_create(
        name="Aufbau abgeschlossen",
        defaults={"beschreibung": "Fortbildungsreihe Freiwilligenkoordination – Aufbau"},
    )
    reihen = {
        stufe: Reihe.objects.get_or_create(
            titel=titel,
            defaults={"stufe": stufe, "jahr": jahr, "zielgruppe": zielgruppe},
        )[0]
        for stufe, titel, zielgruppe in [
            ("basis", f"Freiwilligenkoordination – Basis {jahr}", "koordination"),
            ("aufbau", f"Freiwilligenkoordination – Aufbau {jahr}", "koordination"),
            ("offen", f"Offene Fortbildungen {jahr}", "alle"),
        ]
    }

    gehalten, neu = _kurs(
        reihen["basis"],
        "Basiskurs Frühjahr",
        _um(-120, 10),
        4,
        plaetze=16,
        vermittelt=basis,
        leitung="Dr. Miriam Yılmaz",
        beschreibung="Rolle und Aufgaben der Ehrenamtskoordination, Gewinnung und Begleitung "
        "von Freiwilligen, Zusammenarbeit mit dem Betreiber.",
    )
    if neu:
        _gehaltener_kurs(gehalten, koordination[:14], team, basis)

    herbst, neu = _kurs(
        reihen["basis"],
        "Basiskurs Herbst",
        _um(21, 10),
        4,
        plaetze=16,
        vermittelt=basis,
        leitung="Dr. Miriam Yılmaz",
        beschreibung="Der Einstieg für neue Ehrenamtskoordinator*innen: vier Vormittage.",
    )
    if neu:
        Anmeldung.objects.bulk_create(
            Anmeldung(kurs=herbst, person=person, status=Anmeldung.Status.ANGEMELDET)
            for person in koordination[20:31]
        )

    konflikte, neu = _kurs(
        reihen["aufbau"],
        "Aufbaukurs Konflikte und Deeskalation",
        _um(28, 14),
        2,
        plaetze=8,
        vermittelt=aufbau,
        leitung="Jonas Richter, Konfliktberatung",
    )
    if neu:
        konflikte.voraussetzungen.add(basis)
        absolvierte = koordination[:14]
        Anmeldung.objects.bulk_create(
            Anmeldung(
                kurs=konflikte,
                person=person,
                status=Anmeldung.Status.ANGEMELDET if i < 8 else Anmeldung.Status.WARTEND,
            )
            for i, person in enumerate(absolvierte[:11])
        )

    seminar, neu = _kurs(
        reihen["offen"],
        "Online-Seminar: Öffentlichkeitsarbeit für Vereine",
        _um(10, 18),
        1,
        plaetze=40,
        beschreibung="Für Ehrenamtliche, Koordinator*innen und Migrant*innenorganisationen.",
    )
    if neu:
        seminar.sitzungen.update(
            ort="", online_link="https://konferenz.example.org/oeffentlichkeit"
        )
    _wuensche(koordination, seminar)


def _gehaltener_kurs(kurs, personen, team, basis):
    """Attendance as taken: most came to every session; two missed too many to complete."""
    anmeldungen = Anmeldung.objects.bulk_create(
        Anmeldung(kurs=kurs, person=person, status=Anmeldung.Status.ANGEMELDET)
        for person in personen
    )
    sitzungen = list(kurs.sitzungen.all())
    Anwesenheit.objects.bulk_create(
        Anwesenheit(sitzung=sitzung, anmeldung=anmeldung, erfasst_von=team)
        for i, anmeldung in enumerate(anmeldungen)
        for nummer, sitzung in enumerate(sitzungen)
        if i < len(anmeldungen) - 2 or nummer < 2
    )
    fertig = anmeldungen[:-2]
    ende = sitzungen[-1].ende
    for anmeldung in fertig:
        anmeldung.abgeschlossen_am = ende
        anmeldung.code_vergeben()
    Anmeldung.objects.bulk_update(fertig, ["abgeschlossen_am", "bescheinigungscode"])
    Erteilung.objects.bulk_create(
        Erteilung(
            person=anmeldung.person,
            qualifikation=basis,
            erteilt_am=ende.date(),
            kurs=kurs,
            erteilt_von=team,
        )
        for anmeldung in fertig
    )


def _wuensche(koordination, seminar):
    if Themenwunsch.objects.exists():
        return
    for nummer, (titel, stimmen) in enumerate(WUENSCHE):
        waehlende = koordination[nummer : nummer + stimmen]
        wunsch = Themenwunsch.objects.create(titel=titel, vorgeschlagen_von=waehlende[0])
        Wunschstimme.objects.bulk_create(
            Wunschstimme(wunsch=wunsch, person=person) for person in waehlende
        )
        if titel == "Öffentlichkeitsarbeit für Vereine":
            Kurs.objects.filter(pk=seminar.pk).update(themenwunsch=wunsch)
