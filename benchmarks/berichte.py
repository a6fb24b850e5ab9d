"""Benchmark of the region reports (berichte/) on a country-sized data set.

From the project root::

    .venv/bin/python -m benchmarks.berichte            # create, fill once, measure
    .venv/bin/python -m benchmarks.berichte --neu      # drop and rebuild the data set first
    .venv/bin/python -m benchmarks.berichte --explain  # plus EXPLAIN ANALYZE, slowest queries
    .venv/bin/python -m benchmarks.berichte --periode 2026  # another year (default: last)

It needs PostgreSQL (default ``postgres://postgres@127.0.0.1:5432/bench_berichte``, or
``DATABASE_URL`` / ``--db``), creates the database if missing and migrates it. Once, it
builds the country with the matching benchmark's generator (16 states, sub-regions,
districts, 3,000 shelters, 30,000 needs, 200,000 volunteers) and adds three years of
history: 1,000,000 assignments with their accepted applications, confirmed hours for 40 %
of them, shelter coordinators, jour-fixe meetings with attendance, training courses with
registrations, distribution lists with member organisations and network events.

It then measures the reports as a page serves them: the closed year frozen by the monthly
job, the running year stored provisionally by the hourly one. Targets: the all-regions
report side by side for a year under 2 s, one state and one of its sub-regions under
0.5 s each. It also prints what the live computation without stored figures costs, how long
the monthly and the hourly job take for all regions, and the streamed CSV of the
assignment figures at a quarter, half and all of the data (time, rows, peak memory: it must
stay flat). The exit code is 1 when a target is missed. See benchmarks/README.md.
"""

import argparse
import os
import random
import statistics
import sys
import time
import tracemalloc
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from datetime import time as uhrzeit
from pathlib import Path
from zoneinfo import ZoneInfo

from benchmarks.matching import (
    BATCH,
    DOMAIN,
    PASSWORT_HASH,
    Welt,
    _perzentil,
    datensatz_bereitstellen,
    schritte_ausfuehren,
)

DB_STANDARD = "bench_berichte"
EINSAETZE = 1_000_000
PROFILE = 200_000
BEDARFE = 30_000
UNTERKUENFTE = 3_000
#: the history reaches this many days back from today (about three years)
TAGE_GESCHICHTE = round(3 * 365.25)
#: the platform starts with this share of its needs (posted in its first two months)
ANFANGSBESTAND = 0.25
#: assignments that have confirmed or unconfirmed hours (1–3 entries each)
ANTEIL_MIT_STUNDEN = 0.4
#: assignments written per COPY round; keeps the generator's memory flat
BLOCK = 100_000
ZIEL_ALLE_S = 2.0
ZIEL_REGION_S = 0.5
#: the CSV counts as flat when its Python peak at full size is at most this much above the
#: peak at a quarter: rows add nothing, but psycopg keeps the text of its last 128 queries
#: (each region's query has its own server-side cursor name), a few KB per region
ZIEL_SPEICHER_ZUWACHS = 2**20
BERLIN = ZoneInfo("Europe/Berlin")


# --- bulk writing ------------------------------------------------------------------------------


def _spalten(model, felder) -> str:
    from django.db import connection

    spalten = (model._meta.get_field(name).column for name in felder)
    return ", ".join(connection.ops.quote_name(s) for s in spalten)


def _kopieren(model, felder: list[str], zeilen) -> int:
    """COPY rows (tuples in the order of ``felder``) into the model's table: several times
    faster than INSERT, and it writes ``created_at`` as given (auto_now_add would not)."""
    from django.db import connection

    tabelle = connection.ops.quote_name(model._meta.db_table)
    anzahl = 0
    sql = f"COPY {tabelle} ({_spalten(model, felder)}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for zeile in zeilen:
            copy.write_row(zeile)
            anzahl += 1
    return anzahl


def _naechste_id(model) -> int:
    from django.db.models import Max

    return (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1


def _sequenz_nachziehen(model) -> None:
    """After COPY with explicit keys: the identity continues behind the largest key."""
    from django.db import connection

    tabelle = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence(%s, 'id'), "  # noqa: S608 - our table name
            f"(SELECT COALESCE(MAX(id), 1) FROM {connection.ops.quote_name(tabelle)}))",
            [tabelle],
        )


def _zeitpunkt(tag: date, stunde: int, minute: int = 0) -> datetime:
    return datetime.combine(tag, uhrzeit(stunde, minute), tzinfo=UTC)


# --- generation ----------------------------------------------------------------------------------


class Geschichte:
    """Three years of a country's work on top of the matching benchmark's ``Welt``."""

    def __init__(self, welt: Welt, jetzt: datetime):
        self.welt = welt
        self.rng = welt.rng
        self.jetzt = jetzt
        self.heute = welt.heute
        self.start = self.heute - timedelta(days=TAGE_GESCHICHTE)
        self.koordination_je_unterkunft = defaultdict(list)  # unterkunft pk -> [user pk]
        self.koordination_je_region = defaultdict(list)  # region pk (sub-region) -> [user pk]
        self.bedarfe = []  # (pk, unterkunft pk, land index, seit, bis)

    # coordinators -------------------------------------------------------------------------

    def koordination_anlegen(self):
        """One or two coordinators per shelter (the grant ``koordinieren``)."""
        from django.contrib.auth.models import Permission

        from konten.models import User
        from unterkuenfte.models import UnterkunftUserObjectPermission
        from unterkuenfte.permissions import KOORDINIEREN

        rng = self.rng
        recht = Permission.objects.get(
            codename=KOORDINIEREN, content_type__app_label="unterkuenfte"
        )
        unterkuenfte = [u for liste in self.welt.unterkuenfte_je_land.values() for u in liste]
        paare, personen = [], []
        for unterkunft in unterkuenfte:
            for _n in range(rng.choices((1, 2), weights=(2, 1))[0]):
                personen.append(
                    User(
                        email=f"koordination{len(personen)}@{DOMAIN}",
                        anzeigename=f"Koordination {unterkunft.name}",
                        password=PASSWORT_HASH,
                    )
                )
                paare.append(unterkunft)
        User.objects.bulk_create(personen, batch_size=BATCH)
        UnterkunftUserObjectPermission.objects.bulk_create(
            [
                UnterkunftUserObjectPermission(
                    content_object=unterkunft, user=person, permission=recht
                )
                for unterkunft, person in zip(paare, personen, strict=True)
            ],
            batch_size=BATCH,
        )
        for unterkunft, person in zip(paare, personen, strict=True):
            self.koordination_je_unterkunft[unterkunft.pk].append(person.pk)
            self.koordination_je_region[unterkunft.region_id].append(person.pk)
        print(f"  {len(personen):,} Koordinator*innen")

    # needs over three years -----------------------------------------------------------------

    def bedarfe_datieren(self):
        """Spreads the needs' posting over the three years (a quarter at the start, the rest
        evenly); filled needs get the day they were filled and ``anzahl_besetzt``. Their
        assignments are accepted before that day, so "days until filled" has data."""
        from django.db import connection

        from unterkuenfte.models import Bedarf

        rng = self.rng
        land_von = {
            pk: index
            for index, liste in self.welt.bedarfe_je_land.items()
            for pk, _unterkunft in liste
        }
        spanne = (self.heute - self.start).days - 7
        neu = []
        zeilen = Bedarf.objects.values_list("pk", "unterkunft_id", "status", "anzahl_helfende")
        for pk, unterkunft, status, helfende in zeilen.order_by("pk"):
            tage = rng.randint(0, 60) if rng.random() < ANFANGSBESTAND else rng.randint(0, spanne)
            seit = _zeitpunkt(self.start + timedelta(days=tage), rng.randint(7, 19))
            besetzt = 0
            bis = self.jetzt
            if status == "besetzt" or (status == "geschlossen" and rng.random() < 0.5):
                bis = min(self.jetzt, seit + timedelta(days=rng.randint(3, 240)))
                besetzt = helfende
            neu.append((pk, seit, besetzt))
            self.bedarfe.append((pk, unterkunft, land_von[pk], seit, bis))
        with connection.cursor() as cursor:
            cursor.execute(
                "CREATE TEMP TABLE bench_bedarf (id bigint, seit timestamptz, besetzt int)"
                " ON COMMIT DROP"
            )
            with cursor.cursor.copy("COPY bench_bedarf FROM STDIN") as copy:
                for zeile in neu:
                    copy.write_row(zeile)
            cursor.execute(
                "UPDATE unterkuenfte_bedarf b SET created_at = n.seit, updated_at = n.seit,"
                " anzahl_besetzt = n.besetzt FROM bench_bedarf n WHERE b.id = n.id"
            )

    # assignments and hours -------------------------------------------------------------------

    def einsaetze_anlegen(self, anzahl: int):
        """``anzahl`` assignments, each with its accepted application, written with COPY in
        blocks; a need draws assignments in proportion to how long it was open, so states
        weigh by population (through the shelters) and the history grows over the years."""
        from freiwillige.models import Bewerbung, Einsatz, Stundeneintrag

        rng = self.rng
        gewichte, summe = [], 0.0
        for _pk, _unterkunft, _land, seit, bis in self.bedarfe:
            summe += max((bis - seit).total_seconds(), 3600)
            gewichte.append(summe)
        bewerbung_id = _naechste_id(Bewerbung)
        einsatz_id = _naechste_id(Einsatz)
        personen = self.welt.personen_je_land
        start = time.perf_counter()
        stunden_gesamt = 0
        for anfang in range(0, anzahl, BLOCK):
            groesse = min(BLOCK, anzahl - anfang)
            bewerbungen, einsaetze, stunden = [], [], []
            for bedarf in rng.choices(self.bedarfe, cum_weights=gewichte, k=groesse):
                pk, unterkunft, land, seit, bis = bedarf
                person = rng.choice(personen[land])
                angenommen = seit + (bis - seit) * rng.random()
                beginn = (angenommen + timedelta(days=rng.randint(0, 10))).date()
                if bis < self.jetzt:  # a filled need: everyone began before it was full
                    beginn = min(beginn, bis.date())
                ende = None
                if rng.random() < 0.7:
                    ende = beginn + timedelta(days=int(rng.triangular(7, 720, 60)))
                    if ende > self.heute and rng.random() < 0.5:
                        ende = None  # still running, no end planned
                if ende is not None and ende <= self.heute:
                    status = "beendet"
                else:
                    status = "aktiv" if rng.random() < 0.85 else "pausiert"
                beworben = max(seit, angenommen - timedelta(hours=rng.randint(2, 240)))
                bewerbungen.append(
                    (bewerbung_id, pk, person, "", "angenommen", beworben, angenommen)
                )
                einsaetze.append(
                    (einsatz_id, bewerbung_id, person, pk, unterkunft, status, beginn, ende)
                    + (angenommen, angenommen)
                )
                if rng.random() < ANTEIL_MIT_STUNDEN:
                    stunden.extend(self._stunden(einsatz_id, person, unterkunft, beginn, ende))
                bewerbung_id += 1
                einsatz_id += 1
            _kopieren(
                Bewerbung,
                ["id", "bedarf", "person", "nachricht", "status", "created_at", "updated_at"],
                bewerbungen,
            )
            _kopieren(
                Einsatz,
                ["id", "bewerbung", "person", "bedarf", "unterkunft", "status", "beginn", "ende"]
                + ["created_at", "updated_at"],
                einsaetze,
            )
            stunden_gesamt += _kopieren(
                Stundeneintrag,
                ["einsatz", "datum", "stunden", "taetigkeit", "erfasst_von", "bestaetigt_von"]
                + ["bestaetigt_am", "created_at", "updated_at"],
                stunden,
            )
            print(
                f"  {anfang + groesse:>9,} Einsätze, {stunden_gesamt:>9,} Stundeneinträge"
                f" ({time.perf_counter() - start:.0f} s)"
            )
        _sequenz_nachziehen(Bewerbung)
        _sequenz_nachziehen(Einsatz)

    def _stunden(self, einsatz, person, unterkunft, beginn, ende):
        rng = self.rng
        letzter = min(ende or self.heute, self.heute)
        if letzter < beginn:
            return []
        zeilen = []
        for _n in range(rng.choices((1, 2, 3), weights=(4, 3, 3))[0]):
            datum = beginn + timedelta(days=rng.randint(0, (letzter - beginn).days))
            erfasst = _zeitpunkt(datum, 20)
            bestaetigt, von = None, None
            if rng.random() < 0.9 and datum < self.heute:
                bestaetigt = min(self.jetzt, erfasst + timedelta(hours=rng.randint(2, 240)))
                koordination = self.koordination_je_unterkunft.get(unterkunft)
                von = rng.choice(koordination) if koordination else None
            menge = rng.choice(("1.50", "2.00", "2.00", "2.50", "3.00", "3.00", "4.00", "6.00"))
            zeilen.append(
                (einsatz, datum, menge, "", person, von, bestaetigt, erfasst, bestaetigt or erfasst)
            )
        return zeilen

    # jour fixe ------------------------------------------------------------------------------

    def jourfixe_anlegen(self):
        """A monthly jour fixe per state and sub-region (second Wednesday, 17:00), some
        meetings cancelled; coordinators of the area answer and attend."""
        from regionen.models import JourFixeSerie, Teilnahme, Termin

        rng = self.rng
        serien, kreise = [], []
        for land, unter, _bezirke, _gewicht in self.welt.laender:
            alle = [p for r in unter for p in self.koordination_je_region[r.pk]]
            for region, personen in [(land, alle)] + [
                (r, self.koordination_je_region[r.pk]) for r in unter
            ]:
                serien.append(
                    JourFixeSerie(
                        region=region,
                        titel=f"Jour fixe {region.name}",
                        regel="FREQ=MONTHLY;BYDAY=2WE",
                        erster_tag=self.start,
                        beginn=uhrzeit(17),
                        ende=uhrzeit(19),
                        ort="Rathaus, Raum 1",
                    )
                )
                kreise.append(personen)
        JourFixeSerie.objects.bulk_create(serien)

        termine, eingeladen = [], []
        for serie, personen in zip(serien, kreise, strict=True):
            monat = self.start.replace(day=1)
            while monat <= self.heute + timedelta(days=60):
                erster_mittwoch = monat + timedelta(days=(2 - monat.weekday()) % 7)
                beginn = datetime.combine(erster_mittwoch + timedelta(days=7), uhrzeit(17))
                beginn = beginn.replace(tzinfo=BERLIN)
                abgesagt = rng.random() < 0.08
                termine.append(
                    Termin(
                        serie=serie,
                        vorgesehen=beginn,
                        beginn=beginn,
                        ende=beginn + timedelta(hours=2),
                        status="abgesagt" if abgesagt else "geplant",
                        absagegrund="Krankheit" if abgesagt else "",
                    )
                )
                eingeladen.append(personen)
                monat = (monat + timedelta(days=32)).replace(day=1)
        Termin.objects.bulk_create(termine, batch_size=BATCH)

        teilnahmen = []
        for termin, personen in zip(termine, eingeladen, strict=True):
            vorbei = termin.beginn < self.jetzt and termin.status == "geplant"
            for person in rng.sample(personen, min(len(personen), rng.randint(5, 25))):
                antwort = rng.choices(("ja", "vielleicht", "nein"), weights=(6, 2, 2))[0]
                anwesend = None
                if vorbei:
                    anwesend = rng.random() < (0.9 if antwort == "ja" else 0.2)
                teilnahmen.append(
                    Teilnahme(termin=termin, person_id=person, antwort=antwort, anwesend=anwesend)
                )
        Teilnahme.objects.bulk_create(teilnahmen, batch_size=BATCH)
        print(f"  {len(serien)} Reihen, {len(termine):,} Termine, {len(teilnahmen):,} Teilnahmen")

    # training -----------------------------------------------------------------------------------

    def fortbildung_anlegen(self):
        """Forty courses a year (20–300 seats); volunteers and coordinators register in the
        window, the rest of a full course waits, some cancel, most complete."""
        from fortbildung.models import Anmeldung, Kurs, Reihe

        rng = self.rng
        freiwillige = [p for liste in self.welt.personen_je_land.values() for p in liste]
        koordination = [p for liste in self.koordination_je_unterkunft.values() for p in liste]
        reihen, kurse = [], []
        for jahr in range(self.start.year, self.heute.year + 1):
            for stufe, zielgruppe in (
                ("basis", "freiwillige"),
                ("aufbau", "koordination"),
                ("offen", "alle"),
            ):
                reihen.append(
                    Reihe(titel=f"{stufe} {jahr}", stufe=stufe, jahr=jahr, zielgruppe=zielgruppe)
                )
        Reihe.objects.bulk_create(reihen)
        for reihe in reihen:
            for nummer in range(rng.randint(10, 16)):
                ab = datetime(reihe.jahr, 1, 1, 9, tzinfo=UTC) + timedelta(days=rng.randint(0, 330))
                bis = ab + timedelta(days=rng.randint(14, 45))
                kurse.append(
                    Kurs(
                        reihe=reihe,
                        titel=f"{reihe.titel} Kurs {nummer}",
                        plaetze=rng.choice((20, 25, 30, 40, 60, 100, 300)),
                        anmeldung_ab=ab,
                        anmeldung_bis=bis,
                        abmeldung_bis=bis - timedelta(days=2),
                    )
                )
        kurse = [k for k in kurse if k.anmeldung_ab < self.jetzt]
        Kurs.objects.bulk_create(kurse)

        def zeilen():
            for kurs in kurse:
                anzahl = rng.randint(kurs.plaetze // 2, kurs.plaetze + 30)
                aus_koordination = anzahl // 4 if kurs.reihe.zielgruppe != "freiwillige" else 0
                personen = rng.sample(koordination, aus_koordination)
                personen += rng.sample(freiwillige, anzahl - aus_koordination)
                ende = min(kurs.anmeldung_bis, self.jetzt)
                zeitpunkte = sorted(
                    kurs.anmeldung_ab + (ende - kurs.anmeldung_ab) * rng.random() for _p in personen
                )
                vorbei = kurs.anmeldung_bis + timedelta(days=45) < self.jetzt
                for platz, (person, am) in enumerate(zip(personen, zeitpunkte, strict=True)):
                    status, abgemeldet, abgeschlossen = "angemeldet", None, None
                    if platz >= kurs.plaetze:
                        status = "wartend"
                        if vorbei and rng.random() < 0.5:
                            status, abgemeldet = "abgemeldet", kurs.anmeldung_bis
                    elif rng.random() < 0.12:
                        status, abgemeldet = "abgemeldet", min(self.jetzt, am + timedelta(days=3))
                    elif vorbei and rng.random() < 0.8:
                        abgeschlossen = kurs.anmeldung_bis + timedelta(days=45)
                    yield (kurs.pk, person, status, abgemeldet, abgeschlossen, am, am)

        anzahl = _kopieren(
            Anmeldung,
            ["kurs", "person", "status", "abgemeldet_am", "abgeschlossen_am"]
            + ["created_at", "updated_at"],
            zeilen(),
        )
        _sequenz_nachziehen(Anmeldung)
        print(f"  {len(kurse)} Kurse, {anzahl:,} Anmeldungen")

    # network -----------------------------------------------------------------------------------

    def netzwerk_anlegen(self):
        """A distribution list per state and sub-region with the operators and further
        organisations as members (some inactive or removed), and about 3,000 events."""
        from netzwerk.models import Mitgliedschaft, Organisation, Veranstaltung, Verteiler

        rng = self.rng
        verteiler = {}
        for land, unter, _bezirke, _gewicht in self.welt.laender:
            for region in (land, *unter):
                verteiler[region.pk] = Verteiler(name=f"Netzwerk {region.name}", region=region)
        Verteiler.objects.bulk_create(verteiler.values())

        weitere = [
            Organisation(
                name=f"Initiative {nummer} {land.name}",
                art=rng.choice(("mso", "projekt", "buendnis", "sonstige")),
                region=rng.choice([land, *unter]),
            )
            for land, unter, _bezirke, _gewicht in self.welt.laender
            for nummer in range(15)
        ]
        Organisation.objects.bulk_create(weitere)
        oben = {r.pk: land for land, unter, _b, _g in self.welt.laender for r in (land, *unter)}
        betreiber = [o for liste in self.welt.betreiber.values() for o in liste]
        mitglieder = []
        for organisation in betreiber + weitere:
            land = oben[organisation.region_id]
            listen = {organisation.region_id, land.pk}
            if rng.random() < 0.3:
                listen.add(rng.choice(list(verteiler)))
            for region_id in listen:
                mitglieder.append(
                    Mitgliedschaft(
                        verteiler=verteiler[region_id],
                        organisation=organisation,
                        status=rng.choices(
                            ("aktiv", "inaktiv", "entfernt", "abgemeldet"), weights=(70, 15, 10, 5)
                        )[0],
                        letzte_aktivitaet=self.jetzt - timedelta(days=rng.randint(0, 700)),
                    )
                )
        Mitgliedschaft.objects.bulk_create(mitglieder, batch_size=BATCH)

        veranstaltungen = []
        spanne = (self.heute - self.start).days + 90
        for nummer in range(3_000):
            land, unter, bezirke, _gewicht = self.welt.laender[self.welt._land_index()]
            region = rng.choice([land, *unter])
            beginn = _zeitpunkt(self.start + timedelta(days=rng.randint(0, spanne)), 16)
            veranstaltungen.append(
                Veranstaltung(
                    art=rng.choice(("werkstatt", "netzwerktreffen", "konferenz", "fest")),
                    titel=f"Veranstaltung {nummer} {region.name}",
                    region=region,
                    bezirk=rng.choice(bezirke) if rng.random() < 0.4 else None,
                    beginn=beginn,
                    ende=beginn + timedelta(hours=3),
                    veroeffentlicht=rng.random() < 0.92,
                    abgesagt=rng.random() < 0.05,
                )
            )
        Veranstaltung.objects.bulk_create(veranstaltungen, batch_size=BATCH)
        print(
            f"  {len(verteiler)} Verteiler, {len(mitglieder):,} Mitgliedschaften,"
            f" {len(veranstaltungen):,} Veranstaltungen"
        )


def daten_erzeugen(einsaetze: int, profile: int, bedarfe: int, seed: int) -> float:
    """Generates the whole data set; returns the seconds it took."""
    from django.utils import timezone

    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    welt = Welt(rng, timezone.localdate())
    geschichte = Geschichte(welt, timezone.now())
    return schritte_ausfuehren(
        [
            ("Regionen, Bezirke, Träger", welt.regionen_anlegen),
            ("Unterkünfte", lambda: welt.unterkuenfte_anlegen(max(20, bedarfe // 10))),
            ("Bedarfe", lambda: welt.bedarfe_anlegen(bedarfe)),
            ("Freiwillige", lambda: welt.freiwillige_anlegen(profile)),
            ("Koordination der Unterkünfte", geschichte.koordination_anlegen),
            ("Bedarfe über drei Jahre", geschichte.bedarfe_datieren),
            ("Einsätze, Bewerbungen, Stunden", lambda: geschichte.einsaetze_anlegen(einsaetze)),
            ("Jours fixes", geschichte.jourfixe_anlegen),
            ("Fortbildungen", geschichte.fortbildung_anlegen),
            ("Netzwerk", geschichte.netzwerk_anlegen),
        ]
    )


# --- measuring ---------------------------------------------------------------------------------


def _abfragen(funktion) -> tuple[int, list]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as erfasst:
        funktion()
    return len(erfasst.captured_queries), erfasst.captured_queries


def _reihe(titel: str, funktion, laeufe: int, aufwaermen: int, ziel: float | None) -> dict:
    for _n in range(aufwaermen):
        funktion()
    dauern = []
    for _n in range(laeufe):
        beginn = time.perf_counter()
        funktion()
        dauern.append(time.perf_counter() - beginn)
    anzahl, _erfasst = _abfragen(funktion)
    zeile = {
        "titel": titel,
        "n": laeufe,
        "median": statistics.median(dauern),
        "p95": _perzentil(dauern, 0.95),
        "max": max(dauern),
        "abfragen": anzahl,
        "ziel": ziel,
    }
    print(f"  {titel}: Median {zeile['median'] * 1000:.0f} ms")
    return zeile


def _eingefroren_loeschen(perioden) -> int:
    from berichte.models import Berichtsstand

    return Berichtsstand.objects.filter(periode__in=[p.schluessel for p in perioden]).delete()[0]


def _anteile(periode, laeufe: int) -> list[tuple[str, float]]:
    """Median seconds of each part of ``kennzahlen`` for all areas of the country."""
    from berichte import kennzahlen
    from berichte.bericht import baum

    bereiche = baum(None).bereiche
    ergebnis = []
    for teil in kennzahlen.TEILE:
        dauern = []
        for _n in range(laeufe):
            beginn = time.perf_counter()
            teil(bereiche, periode)
            dauern.append(time.perf_counter() - beginn)
        ergebnis.append((teil.__name__, statistics.median(dauern)))
    return ergebnis


class _Senke:
    """A text sink that only counts: the CSV is measured, not the disk."""

    def __init__(self):
        self.aufrufe = 0
        self.zeichen = 0

    def write(self, text):
        self.aufrufe += 1
        self.zeichen += len(text)
        return len(text)


def _rss_spitze_zuruecksetzen() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM of this process (Linux)
    except OSError:
        return False
    return True


def _status_kb(name: str) -> int | None:
    try:
        for zeile in Path("/proc/self/status").read_text().splitlines():
            if zeile.startswith(name + ":"):
                return int(zeile.split()[1])
    except OSError:
        pass
    return None


def _csv_lauf(region_ids, speicher: bool) -> dict:
    from berichte.exporte import einsaetze_csv

    senke = _Senke()
    if speicher:
        rss_vorher = _status_kb("VmRSS") if _rss_spitze_zuruecksetzen() else None
        tracemalloc.start()
    beginn = time.perf_counter()
    einsaetze_csv(senke, region_ids)
    dauer = time.perf_counter() - beginn
    ergebnis = {"dauer": dauer, "zeilen": senke.aufrufe - 2, "zeichen": senke.zeichen}
    if speicher:
        ergebnis["peak"] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        spitze = _status_kb("VmHWM")
        ergebnis["rss"] = max(0, spitze - rss_vorher) * 1024 if rss_vorher and spitze else None
    return ergebnis


def _csv_messen(laeufe: int) -> tuple[list[dict], bool]:
    """The assignment CSV for regions holding about 25 %, 50 % and all assignments."""
    from django.db.models import Count

    from freiwillige.models import Einsatz
    from regionen.models import Region

    ids = list(Region.objects.order_by("pfad").values_list("pk", flat=True))
    je_region = dict(
        Einsatz.objects.values_list("bedarf__region_id").annotate(n=Count("pk")).order_by()
    )
    gesamt = sum(je_region.values())
    stufen = []
    for anteil in (0.25, 0.5):
        summe, auswahl = 0, []
        for region_id in ids:
            auswahl.append(region_id)
            summe += je_region.get(region_id, 0)
            if summe >= anteil * gesamt:
                break
        stufen.append((auswahl, summe))
    stufen.append((ids, gesamt))

    zeilen = []
    for auswahl, einsaetze in stufen:
        _csv_lauf(auswahl, speicher=False)  # warm-up
        dauern = [_csv_lauf(auswahl, speicher=False)["dauer"] for _n in range(laeufe)]
        mit_speicher = _csv_lauf(auswahl, speicher=True)
        zeilen.append(
            {
                "regionen": len(auswahl),
                "einsaetze": einsaetze,
                "anteil": einsaetze / gesamt,
                "median": statistics.median(dauern),
                "max": max(dauern),
                "n": laeufe,
                **{k: v for k, v in mit_speicher.items() if k != "dauer"},
            }
        )
        print(f"  CSV {einsaetze / gesamt:.0%}: Median {zeilen[-1]['median']:.1f} s")
    flach = zeilen[-1]["peak"] - zeilen[0]["peak"] <= ZIEL_SPEICHER_ZUWACHS
    return zeilen, flach


def _erklaeren(erfasst: list, anzahl: int) -> None:
    """EXPLAIN (ANALYZE, BUFFERS) of the slowest captured queries."""
    from django.db import connection

    langsam = sorted(erfasst, key=lambda q: float(q["time"]), reverse=True)[:anzahl]
    for nummer, abfrage in enumerate(langsam, 1):
        sql = abfrage["sql"]
        print(f"\n=== {nummer}. langsamste Abfrage ({float(abfrage['time']) * 1000:.0f} ms) ===")
        print(sql if len(sql) <= 3000 else sql[:3000] + f" … ({len(sql):,} Zeichen)")
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
            print("\n".join(zeile[0] for zeile in cursor.fetchall()))


def _mb(wert) -> str:
    return "—" if wert is None else f"{wert / 2**20:.1f} MiB"


def messen(periode, laeufe: int, aufwaermen: int, csv_laeufe: int, explain: int) -> bool:
    from django.db.models import Count
    from django.utils import timezone

    from berichte.bericht import baum, bericht_erstellen
    from berichte.tasks import einfrieren, offene_perioden, zwischenstaende_berechnen
    from berichte.zeitraum import JAHR, Periode
    from regionen.models import Region

    perioden = (periode, periode.vorige())
    geloescht = _eingefroren_loeschen(perioden)
    print(
        f"\nZeitraum {periode} (Vorjahr {periode.vorige()}); {geloescht} eingefrorene Stände"
        f" gelöscht. {laeufe} Läufe je Messung nach {aufwaermen} Aufwärmläufen."
    )
    # the largest state (most assignments) and its largest sub-region
    land = (
        Region.objects.filter(oberregion__isnull=True)
        .annotate(n=Count("unterregionen__bedarfe__einsaetze"))
        .order_by("-n")
        .first()
    )
    unter = (
        land.unterregionen.annotate(n=Count("bedarfe__einsaetze")).order_by("-n").first()
        if land
        else None
    )

    # computed live from the assignments: what a page would cost without stored figures
    zeilen = [
        _reihe(
            f"live: alle Regionen {periode}",
            lambda: bericht_erstellen(None, periode, nebeneinander=True),
            laeufe,
            aufwaermen,
            None,
        ),
        _reihe(
            f"live: Land {land.name} {periode}",
            lambda: bericht_erstellen(land, periode),
            laeufe,
            aufwaermen,
            None,
        ),
        _reihe(
            f"live: Unterregion {unter.name} {periode}",
            lambda: bericht_erstellen(unter, periode),
            laeufe,
            aufwaermen,
            None,
        ),
    ]
    _anzahl, erfasst = _abfragen(lambda: bericht_erstellen(None, periode, nebeneinander=True))
    bericht = bericht_erstellen(None, periode, nebeneinander=True)
    anteile, bereiche = _anteile(periode, max(3, laeufe // 3)), len(baum(None).bereiche)

    # as in operation: the closed year frozen by the monthly job, the running year stored
    # provisionally by the hourly one; the page reads those
    print("Friere das Vorjahr ein und berechne die Zwischenstände des laufenden Jahres …")
    beginn = time.perf_counter()
    for p in perioden:
        einfrieren(p)
    einfrieren_s = time.perf_counter() - beginn
    heute = timezone.localdate()
    offen = Periode(heute.year, JAHR)
    laufend = offene_perioden(heute)
    _eingefroren_loeschen(laufend)
    beginn = time.perf_counter()
    zwischenstaende_berechnen(heute.isoformat())
    zwischen_s = time.perf_counter() - beginn
    for titel, funktion, ziel in (
        (
            f"Seite: alle Regionen {offen}",
            lambda: bericht_erstellen(None, offen, nebeneinander=True),
            ZIEL_ALLE_S,
        ),
        (f"Seite: Land {land.name} {offen}", lambda: bericht_erstellen(land, offen), ZIEL_REGION_S),
        (
            f"Seite: Unterregion {unter.name} {offen}",
            lambda: bericht_erstellen(unter, offen),
            ZIEL_REGION_S,
        ),
        (
            f"Seite: alle Regionen {periode} (eingefroren)",
            lambda: bericht_erstellen(None, periode, nebeneinander=True),
            ZIEL_ALLE_S,
        ),
    ):
        zeilen.append(_reihe(titel, funktion, laeufe, aufwaermen, ziel))
    # the next run measures the live path again
    _eingefroren_loeschen([*perioden, *laufend])

    csv_zeilen, flach = [], True
    if csv_laeufe:
        print("Miss den CSV-Export der Einsatzzahlen …")
        csv_zeilen, flach = _csv_messen(csv_laeufe)

    # --- the figures ---
    alles_gut = True
    print(
        f"\n{'Messung':<44} {'Läufe':>5} {'Median':>9} {'p95':>9} {'max':>9} {'Abfr.':>6}"
        "  Ziel (p95)"
    )
    for z in zeilen:
        if z["ziel"] is None:
            urteil = "(ohne Ziel)"
        elif z["p95"] < z["ziel"]:
            urteil = f"ok (< {z['ziel']:g} s)"
        else:
            urteil, alles_gut = f"VERFEHLT (< {z['ziel']:g} s)", False
        print(
            f"{z['titel']:<44} {z['n']:>5} {z['median'] * 1000:>7.0f}ms"
            f" {z['p95'] * 1000:>7.0f}ms {z['max'] * 1000:>7.0f}ms {z['abfragen']:>6}  {urteil}"
        )
    print(f"Einfrieren von {perioden[0]} und {perioden[1]} (alle Bereiche): {einfrieren_s:.1f} s")
    print(f"Stündlicher Zwischenstand {', '.join(map(str, laufend))}: {zwischen_s:.1f} s")

    print(f"\nAnteile der Kennzahlen, alle {bereiche} Bereiche, ein Zeitraum (Median):")
    for name, dauer in anteile:
        print(f"  {name:<16} {dauer * 1000:>7.0f} ms")
    print(f"  {'Summe':<16} {sum(d for _n, d in anteile) * 1000:>7.0f} ms")

    print("\nAlle Regionen gesamt, wie angezeigt:")
    gesamt = bericht.spalten[-1]
    for zeile in bericht.zeilen:
        print(f"  {zeile.label!s:<36} {gesamt.zellen[zeile.key].text:>12}")

    if not csv_zeilen:
        if explain:
            _erklaeren(erfasst, explain)
        return alles_gut
    print(
        f"\nCSV der Einsatzzahlen (Region × Monat × Tätigkeitsfeld), {csv_zeilen[0]['n']} Läufe:"
        f"\n  {'Anteil':>6} {'Regionen':>8} {'Einsätze':>10} {'Zeilen':>7} {'Größe':>10}"
        f" {'Median':>8} {'max':>8} {'Python-Spitze':>14} {'RSS-Zuwachs':>12}"
    )
    for z in csv_zeilen:
        print(
            f"  {z['anteil']:>6.0%} {z['regionen']:>8} {z['einsaetze']:>10,} {z['zeilen']:>7,}"
            f" {_mb(z['zeichen']):>10} {z['median']:>7.1f}s {z['max']:>7.1f}s"
            f" {_mb(z['peak']):>14} {_mb(z['rss']):>12}"
        )
    print(
        f"  Speicher flach (Python-Spitze bei 100 % höchstens {_mb(ZIEL_SPEICHER_ZUWACHS)}"
        f" über der beim kleinsten Teil): " + ("ok" if flach else "VERFEHLT")
    )
    alles_gut &= flach

    if explain:
        _erklaeren(erfasst, explain)
    return alles_gut


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.berichte", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--db", default=os.environ.get("BENCH_DB", DB_STANDARD))
    parser.add_argument("--neu", action="store_true", help="drop and rebuild the data set")
    parser.add_argument("--einsaetze", type=int, default=EINSAETZE, help="assignments")
    parser.add_argument("--profile", type=int, default=PROFILE, help="volunteer profiles")
    parser.add_argument("--bedarfe", type=int, default=BEDARFE, help="needs")
    parser.add_argument(
        "--periode", help="the measured year (default: the last full year), e.g. 2025"
    )
    parser.add_argument("--laeufe", type=int, default=15, help="measured runs per report")
    parser.add_argument("--aufwaermen", type=int, default=2, help="warm-up runs per report")
    parser.add_argument("--csv-laeufe", type=int, default=3, help="measured runs per CSV size")
    parser.add_argument("--ohne-csv", action="store_true", help="skip the CSV measurement")
    parser.add_argument("--seed", type=int, default=2015)
    parser.add_argument(
        "--explain",
        type=int,
        nargs="?",
        const=3,
        default=0,
        metavar="N",
        help="EXPLAIN ANALYZE the N slowest queries of the all-regions report (default 3)",
    )
    args = parser.parse_args(argv)
    name = datensatz_bereitstellen(
        args, lambda: daten_erzeugen(args.einsaetze, args.profile, args.bedarfe, args.seed)
    )
    from django.utils import timezone

    from berichte.zeitraum import Periode
    from freiwillige.models import Einsatz, Stundeneintrag
    from konten.models import User

    einsaetze = Einsatz.objects.count()
    print(
        f"Datenbank {name}: {einsaetze:,} Einsätze,"
        f" {Stundeneintrag.objects.count():,} Stundeneinträge, {User.objects.count():,} Konten"
    )
    if einsaetze != args.einsaetze:
        print("  (weicht von --einsaetze ab; --neu erzeugt den Datensatz neu)")

    periode = Periode.aus_schluessel(args.periode or str(timezone.localdate().year - 1))
    csv_laeufe = 0 if args.ohne_csv else max(1, args.csv_laeufe)
    ok = messen(periode, args.laeufe, args.aufwaermen, csv_laeufe, args.explain)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
