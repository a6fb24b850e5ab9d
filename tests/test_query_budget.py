"""Every list route costs the same number of queries for 5 rows as for 50.

A list route is any Django list view or API ``list`` action; each needs an entry in
LISTEN that fills its list with n rows visible to the persona that requests it.
"""

import itertools
from datetime import time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.views.generic.list import MultipleObjectMixin

from common.models import Sprache
from freiwillige.models import Bewerbung, Einsatz, Nachweis
from konten import roles
from konten.services import einladung_create
from tests.factories import (
    BedarfFactory,
    BezirkFactory,
    OrganisationFactory,
    RegionFactory,
    UnterkunftFactory,
    UserFactory,
    freiwillige_bereit,
)
from tests.routes import url_patterns
from unterkuenfte.models import Anforderungsart, Taetigkeitsfeld, Unterkunftsart


def _unterregionen(welt, n):
    regionen = RegionFactory.create_batch(n, oberregion=welt.nord)
    for region in regionen:
        BezirkFactory.create_batch(2, region=region)
    return [region.name for region in regionen]


def _einladungen(welt, n):
    emails = []
    for region in RegionFactory.create_batch(n, oberregion=welt.nord):
        email = f"eingeladen-{region.pk}@test.invalid"
        einladung_create(welt.admin, email, "regionalkoordination", region)
        emails.append(email)
    return emails


def _api_zugaenge(welt, n):
    from konten.services import api_zugang_create

    namen = [f"Zugang {next(_nummern):03}" for _ in range(n)]
    for name in namen:
        api_zugang_create(welt.ek_a, name, zweiter_faktor=False)
    return namen


def _bezirke(welt, n):
    return [bezirk.name for bezirk in BezirkFactory.create_batch(n, region=welt.nord)]


def _unterkuenfte_nord(welt, n):
    """Shelters in Nord, each with needs in several languages and a coordinator."""
    pankow = welt.unterkunft_a.bezirk
    arabisch, farsi = Sprache.objects.get(code="ar"), Sprache.objects.get(code="fa")
    unterkuenfte = UnterkunftFactory.create_batch(n, bezirk=pankow)
    for unterkunft in unterkuenfte:
        unterkunft.sprachen.add(arabisch, farsi)
        unterkunft.anforderungen.set(Anforderungsart.objects.all()[:2])
        BedarfFactory(unterkunft=unterkunft).sprachen.add(arabisch)
        roles.rolle("ehrenamtskoordination").grant(UserFactory(), unterkunft)
    return [unterkunft.name for unterkunft in unterkuenfte]


def _bedarfe(unterkunft_name):
    def fill(welt, n):
        arabisch = Sprache.objects.get(code="ar")
        bedarfe = BedarfFactory.create_batch(n, unterkunft=welt.objekte[unterkunft_name])
        for bedarf in bedarfe:
            bedarf.sprachen.add(arabisch)
            bedarf.zusaetzliche_anforderungen.set(Anforderungsart.objects.all()[:1])
        return [bedarf.titel for bedarf in bedarfe]

    return fill


def _aufrufe(organisation_name):
    """Calls for helpers of one organisation (every third paused: its workspace shows those
    too), each in Arabic with a requirement of its own."""

    def fill(welt, n):
        arabisch = Sprache.objects.get(code="ar")
        titel = []
        for _ in range(n):
            i = next(_nummern)
            bedarf = BedarfFactory(
                unterkunft=None,
                organisation=welt.objekte[organisation_name],
                titel=f"Aufruf {i:03}",
                status="pausiert" if i % 3 == 0 else "offen",
            )
            bedarf.sprachen.add(arabisch)
            bedarf.zusaetzliche_anforderungen.set(Anforderungsart.objects.all()[:1])
            titel.append(bedarf.titel)
        return titel

    return fill


def _bedarfe_und_aufrufe(welt, n):
    """The board's mix: needs of shelter B and calls of organisations in Pankow (every other
    one with a published Steckbrief and an Arabic title), each in Arabic."""
    from netzwerk.models import Organisation

    arabisch = Sprache.objects.get(code="ar")
    titel = []
    for _ in range(n):
        i = next(_nummern)
        if i % 2:
            bedarf = BedarfFactory(unterkunft=welt.unterkunft_b, titel=f"Bedarf {i:03}")
        else:
            organisation = Organisation.objects.create(
                name=f"Initiative {i:03}",
                region=welt.nord,
                bezirk=welt.unterkunft_a.bezirk,
                steckbrief_freigegeben_am=timezone.now() if i % 4 == 0 else None,
            )
            bedarf = BedarfFactory(
                unterkunft=None, organisation=organisation, titel=f"Aufruf {i:03}"
            )
            if i % 4 == 0:
                bedarf.uebersetzungen = {"ar": {"titel": f"نداء {i:03}"}}
                bedarf.save()
        bedarf.sprachen.add(arabisch)
        titel.append(bedarf.titel)
    return titel


def _freiwillige(welt, n, **profil):
    personen = []
    for _ in range(n):
        i = next(_nummern)
        person = UserFactory(anzeigename=f"Freiwillige{i:03} Test")
        freiwillige_bereit(person, sprachen=[("fa", 3)], **profil)
        personen.append(person)
    return personen


def _bewerbungen(welt, n):
    """Applications to shelter A's need, for its coordination's list."""
    personen = _freiwillige(welt, n)
    for person in personen:
        Bewerbung.objects.create(bedarf=welt.bedarf_a, person=person, nachricht="x")
    return [person.anzeigename for person in personen]


def _einsaetze(welt, n):
    """Assignments at shelter B, each with hours, for its coordination's list."""
    personen = _freiwillige(welt, n)
    for person in personen:
        bewerbung = Bewerbung.objects.create(
            bedarf=welt.bedarf_b, person=person, status="angenommen"
        )
        einsatz = Einsatz.objects.create(
            bewerbung=bewerbung, person=person, bedarf=welt.bedarf_b, unterkunft=welt.unterkunft_b
        )
        einsatz.stunden.create(datum=einsatz.beginn, stunden=2, erfasst_von=person)
    return [person.anzeigename for person in personen]


def _stunden(welt, n):
    """Hours entries on Hanna's assignment at shelter B, each with its activity."""
    taetigkeiten = []
    for _ in range(n):
        taetigkeit = f"Tätigkeit {next(_nummern):03}"
        welt.einsatz_b.stunden.create(
            datum=welt.einsatz_b.beginn, stunden=0.25, taetigkeit=taetigkeit, erfasst_von=welt.hanna
        )
        taetigkeiten.append(taetigkeit)
    return taetigkeiten


def _kandidaten(welt, n):
    """Volunteers in Pankow free on Wednesdays, with a check each: candidates for bedarf_a."""
    welt.bedarf_a.sprachen.add(Sprache.objects.get(code="fa"))
    fz = Anforderungsart.objects.get(slug="fuehrungszeugnis")
    welt.unterkunft_a.anforderungen.set([fz, Anforderungsart.objects.get(slug="masernschutz")])
    personen = _freiwillige(welt, n, heimatbezirk=welt.unterkunft_a.bezirk)
    heute = timezone.localdate()
    for person in personen:
        Nachweis.objects.create(
            person=person,
            art=fz,
            ausgestellt_am=heute - timedelta(days=10),
            eingesehen_am=heute - timedelta(days=5),
            eingesehen_von=welt.ek_a,
        )
    return [person.anzeigename.split(" ")[0] for person in personen]


def _organisationen(welt, n):
    organisationen = OrganisationFactory.create_batch(n)
    for organisation in organisationen:
        roles.rolle("organisationskontakt").grant(welt.org_a, organisation)
    return [organisation.name for organisation in organisationen]


_nummern = itertools.count()


def _jourfixe_termine(welt, n):
    """Termine of n Nord series in the coming days, each with answers: ek_a's list."""
    from regionen.models import JourFixeSerie, Teilnahme, Termin

    titel = []
    for _ in range(n):
        i = next(_nummern)
        serie = JourFixeSerie.objects.create(
            region=welt.nord,
            titel=f"Jour fixe {i:03}",
            regel="FREQ=WEEKLY;BYDAY=MO",
            erster_tag=timezone.localdate(),
            beginn=time(10),
            ende=time(11),
            kreis="ehrenamtskoordination",
        )
        beginn = timezone.now() + timedelta(hours=1 + i % 24, minutes=i)
        termin = Termin.objects.create(
            serie=serie, vorgesehen=beginn, beginn=beginn, ende=beginn + timedelta(hours=1)
        )
        Teilnahme.objects.create(termin=termin, person=welt.ek_a, antwort="ja")
        titel.append(serie.titel)
    return titel


def _jourfixe_vergangene(welt, n):
    """Past Termine of n Nord series, with published minutes: ek_a's "Vergangene Termine"."""
    from regionen.models import JourFixeSerie, Termin

    titel = []
    for _ in range(n):
        i = next(_nummern)
        serie = JourFixeSerie.objects.create(
            region=welt.nord,
            titel=f"Vergangener Jour fixe {i:03}",
            regel="FREQ=WEEKLY;BYDAY=MO",
            erster_tag=timezone.localdate() - timedelta(days=400),
            beginn=time(10),
            ende=time(11),
            kreis="ehrenamtskoordination",
        )
        beginn = timezone.now() - timedelta(days=1 + i % 300, minutes=i)
        Termin.objects.create(
            serie=serie,
            vorgesehen=beginn,
            beginn=beginn,
            ende=beginn + timedelta(hours=1),
            protokoll="Besprochen.",
            protokoll_veroeffentlicht_am=beginn + timedelta(hours=2),
        )
        titel.append(serie.titel)
    return titel


def _jourfixe_aufgaben(welt, n):
    """Open action items of Nord's Termin owned by ek_a."""
    from regionen.models import Aufgabe

    titel = [f"Aufgabe {next(_nummern):03}" for _ in range(n)]
    for text in titel:
        Aufgabe.objects.create(termin=welt.termin_nord, titel=text, verantwortlich=welt.ek_a)
    return titel


def _jourfixe_serien(welt, n):
    """Series of Nord, each with its Termine: the regional coordination's list."""
    from regionen.models import JourFixeSerie

    titel = [f"Reihe {next(_nummern):03}" for _ in range(n)]
    for text in titel:
        JourFixeSerie.objects.create(
            region=welt.nord,
            titel=text,
            regel="FREQ=MONTHLY;BYDAY=1MO",
            erster_tag=timezone.localdate(),
            beginn=time(9),
            ende=time(10),
            kreis="ehrenamtskoordination",
        )
    return titel


def _jourfixe_antworten(welt, n):
    """Answers of n invited people to Nord's Termin: its management sees them all."""
    from regionen.models import Teilnahme

    personen = [UserFactory(anzeigename=f"Gast {next(_nummern):03}") for _ in range(n)]
    for person in personen:
        Teilnahme.objects.create(termin=welt.termin_nord, person=person, antwort="ja")
    return [person.anzeigename for person in personen]


def _jourfixe_themen(welt, n):
    """Proposed topics with a vote each on Nord's Termin."""
    from regionen.models import Stimme, Thema

    titel = [f"Thema {next(_nummern):03}" for _ in range(n)]
    for text in titel:
        thema = Thema.objects.create(
            termin=welt.termin_nord, titel=text, vorgeschlagen_von=welt.rk_nord
        )
        Stimme.objects.create(thema=thema, person=welt.rk_nord)
    return titel


def _kurse(welt, n):
    """Published courses starting tomorrow (before the fixture's), each with two sessions,
    a prerequisite, a granted qualification, a taken seat and a waiting person."""
    from fortbildung.models import Anmeldung
    from tests.factories import fortbildungskurs

    basis = welt.qualifikation_basis
    titel = []
    for _ in range(n):
        i = next(_nummern)
        kurs = fortbildungskurs(
            welt.reihe_basis,
            f"Kurs {i:03}",
            plaetze=1,
            sitzungen=2,
            erste_in=timedelta(days=1, minutes=i),
            vermittelt=basis,
        )
        kurs.voraussetzungen.add(basis)
        Anmeldung.objects.create(kurs=kurs, person=welt.ek_b, status="angemeldet")
        Anmeldung.objects.create(kurs=kurs, person=welt.rk_nord, status="wartend")
        titel.append(kurs.titel)
    return titel


def _sitzungen(welt, n):
    """Sessions of published courses, each at its own place."""
    from fortbildung.models import Sitzung
    from tests.factories import fortbildungskurs

    orte = []
    for _ in range(n):
        i = next(_nummern)
        kurs = fortbildungskurs(welt.reihe_basis, f"Kurs {i:03}", sitzungen=0)
        beginn = timezone.now() + timedelta(days=10, hours=i)
        Sitzung.objects.create(
            kurs=kurs, beginn=beginn, ende=beginn + timedelta(hours=1), ort=f"Ort {i:03}"
        )
        orte.append(f"Ort {i:03}")
    return orte


def _eigene_anmeldungen(welt, n):
    """ek_a's registrations: a seat in every other course, the waiting list in the rest."""
    from fortbildung.models import Anmeldung
    from tests.factories import fortbildungskurs

    titel = []
    for _ in range(n):
        i = next(_nummern)
        kurs = fortbildungskurs(welt.reihe_basis, f"Kurs {i:03}", plaetze=1, sitzungen=2)
        if i % 2:
            Anmeldung.objects.create(kurs=kurs, person=welt.ek_b, status="angemeldet")
        status = "wartend" if i % 2 else "angemeldet"
        Anmeldung.objects.create(kurs=kurs, person=welt.ek_a, status=status)
        titel.append(kurs.titel)
    return titel


def _teilnehmende(welt, n):
    """People registered for the Basis course, each present once (every third completed),
    and as many on its waiting list or cancelled."""
    from fortbildung.models import Anmeldung, Anwesenheit

    kurs = welt.kurs_basis
    namen = []
    for _ in range(n):
        i = next(_nummern)
        person = UserFactory(anzeigename=f"Teilnehmende {i:03}")
        anmeldung = Anmeldung(kurs=kurs, person=person, status="angemeldet")
        if i % 3 == 0:
            anmeldung.abgeschlossen_am = timezone.now()
            anmeldung.code_vergeben()
        anmeldung.save()
        Anwesenheit.objects.create(sitzung=welt.sitzung_basis, anmeldung=anmeldung)
        Anmeldung.objects.create(
            kurs=kurs,
            person=UserFactory(anzeigename=f"Wartende {i:03}"),
            status="wartend" if i % 2 else "abgemeldet",
            abgemeldet_am=None if i % 2 else timezone.now(),
        )
        namen.append(person.anzeigename)
    return namen


def _themenwuensche(welt, n):
    """Topic wishes with votes (every other one ek_a's), every third taken up by a course."""
    from fortbildung.models import Themenwunsch, Wunschstimme
    from tests.factories import fortbildungskurs

    titel = []
    for _ in range(n):
        i = next(_nummern)
        wunsch = Themenwunsch.objects.create(titel=f"Thema {i:03}", vorgeschlagen_von=welt.rk_nord)
        Wunschstimme.objects.create(wunsch=wunsch, person=welt.rk_nord)
        if i % 2:
            Wunschstimme.objects.create(wunsch=wunsch, person=welt.ek_a)
        if i % 3 == 0:
            fortbildungskurs(welt.reihe_basis, f"Kurs zu {i:03}", themenwunsch=wunsch)
        titel.append(wunsch.titel)
    return titel


def _fortbildungsreihen(welt, n):
    from fortbildung.models import Reihe

    titel = [f"Reihe {next(_nummern):03}" for _ in range(n)]
    for text in titel:
        Reihe.objects.create(titel=text, stufe="offen", jahr=2026, zielgruppe="alle")
    return titel


def _katalog(factory):
    def fill(welt, n):
        return [factory(next(_nummern)).name for _ in range(n)]

    return fill


def _taetigkeitsfeld(i):
    feld = Taetigkeitsfeld.objects.create(name=f"Feld {i:03}", slug=f"feld-{i}")
    feld.anforderungen.set(Anforderungsart.objects.all()[:2])
    return feld


# --- the network (the world of tests/conftest.py: welt_netzwerk) ----------------------------


def _netz_veranstaltung(welt, titel, organisation=None, **felder):
    """A published public event of Nord starting within a day, in Arabic and Farsi, with
    registration and seats; written directly (no notices)."""
    from netzwerk.models import Veranstaltung

    beginn = timezone.now() + timedelta(hours=2, minutes=next(_nummern))
    werte = {
        "art": Veranstaltung.Art.WERKSTATT,
        "organisation": organisation,
        "region": welt.nord,
        "bezirk": welt.unterkunft_a.bezirk,
        "beginn": beginn,
        "ende": beginn + timedelta(hours=2),
        "ort": "Nachbarschaftshaus",
        "veroeffentlicht": True,
        "anmeldung_erforderlich": True,
        "plaetze": 1,
        **felder,
    }
    veranstaltung = Veranstaltung.objects.create(titel=titel, **werte)
    veranstaltung.sprachen.add(*Sprache.objects.filter(code__in=["ar", "fa"]))
    return veranstaltung


def _netz_anmelden(veranstaltung, person, status="angemeldet"):
    from netzwerk.models import Veranstaltungsanmeldung

    return Veranstaltungsanmeldung.objects.create(
        veranstaltung=veranstaltung, person=person, status=status
    )


def _steckbriefe(welt, n):
    """Published Steckbriefe in Pankow, each in two languages and two fields of work."""
    from netzwerk.models import Arbeitsfeld, Organisation

    sprachen = Sprache.objects.filter(code__in=["ar", "fa"])
    felder = [Arbeitsfeld.objects.get_or_create(name=name)[0] for name in ("Bildung", "Kultur")]
    namen = []
    for _ in range(n):
        organisation = Organisation.objects.create(
            name=f"Initiative {next(_nummern):03}",
            art=Organisation.Art.MSO,
            region=welt.nord,
            bezirk=welt.unterkunft_a.bezirk,
            beschreibung="Wir treffen uns jede Woche.",
            steckbrief_freigegeben_am=timezone.now(),
        )
        organisation.sprachen.add(*sprachen)
        organisation.arbeitsfelder.add(*felder)
        namen.append(organisation.name)
    return namen


def _netz_veranstaltungen(welt, n):
    """Published events of Träger Alpha before the fixture's, each with a taken seat and a
    waiting person."""
    titel = []
    for _ in range(n):
        veranstaltung = _netz_veranstaltung(
            welt, f"Werkstatt {next(_nummern):03}", organisation=welt.traeger_a
        )
        _netz_anmelden(veranstaltung, welt.ek_b)
        _netz_anmelden(veranstaltung, welt.rk_suedost, "wartend")
        titel.append(veranstaltung.titel)
    return titel


def _meine_veranstaltungen(welt, n):
    """org_a's registrations at events of Träger Beta, and events Träger Alpha presents
    (org_a runs them), each with a registration."""
    titel = []
    for _ in range(n):
        i = next(_nummern)
        fremd = _netz_veranstaltung(welt, f"Besuch {i:03}", organisation=welt.traeger_b)
        _netz_anmelden(fremd, welt.org_a, "wartend" if i % 2 else "angemeldet")
        eigen = _netz_veranstaltung(
            welt, f"Eigene {i:03}", organisation=welt.traeger_a, veroeffentlicht=bool(i % 2)
        )
        _netz_anmelden(eigen, welt.ek_b)
        titel += [fremd.titel, eigen.titel]
    return titel


def _netz_verteiler(welt, n):
    """Lists of Nord (every other one run by Träger Alpha), each with an organisation and an
    inactive person on it."""
    from netzwerk.models import Mitgliedschaft, Organisation, Verteiler

    namen = []
    for _ in range(n):
        i = next(_nummern)
        verteiler = Verteiler.objects.create(
            name=f"Verteiler {i:03}",
            region=welt.nord,
            organisation=welt.traeger_a if i % 2 else None,
        )
        jetzt = timezone.now()
        organisation = Organisation.objects.create(name=f"Mitgliedsverein {i:03}")
        Mitgliedschaft.objects.create(
            verteiler=verteiler, organisation=organisation, letzte_aktivitaet=jetzt
        )
        Mitgliedschaft.objects.create(
            verteiler=verteiler,
            person=welt.bea,
            status="inaktiv",
            letzte_aktivitaet=jetzt - timedelta(days=400),
            gewarnt_am=jetzt,
        )
        namen.append(verteiler.name)
    return namen


def _netz_mitglieder(welt, n):
    """Members of Nord's list: organisations with a contact address and persons, active,
    inactive (warned) and removed."""
    from netzwerk.models import Mitgliedschaft, Organisation

    namen = []
    jetzt = timezone.now()
    for _ in range(n):
        i = next(_nummern)
        if i % 2:
            wer = {
                "organisation": Organisation.objects.create(
                    name=f"Mitgliedsverein {i:03}", kontakt_email=f"verein-{i}@test.invalid"
                )
            }
        else:
            wer = {"person": UserFactory(anzeigename=f"Mitglied {i:03}")}
        status = ("aktiv", "inaktiv", "entfernt")[i % 3]
        Mitgliedschaft.objects.create(
            verteiler=welt.verteiler_nord,
            status=status,
            letzte_aktivitaet=jetzt - timedelta(days=i),
            gewarnt_am=jetzt if status != "aktiv" else None,
            entfernt_am=jetzt if status == "entfernt" else None,
            **wer,
        )
        namen.append(wer["organisation"].name if "organisation" in wer else f"Mitglied {i:03}")
    return namen


def _netz_verlauf(welt, n):
    """The history of Emma's membership on Nord's list, each step by another person."""
    from netzwerk.models import Verteilerereignis

    notizen = []
    for _ in range(n):
        i = next(_nummern)
        notiz = f"Notiz {i:03}"
        Verteilerereignis.objects.create(
            mitgliedschaft=welt.mitglied_ek_a,
            art=Verteilerereignis.Art.ANTWORT,
            akteur=UserFactory(anzeigename=f"Koordination {i:03}"),
            notiz=notiz,
        )
        notizen.append(notiz)
    return notizen


def _netz_teilnehmende(welt, n):
    """People registered for Träger Alpha's workshop (every other one waiting), and as many
    who cancelled."""
    namen = []
    veranstaltung = welt.veranstaltung_alpha
    for _ in range(n):
        i = next(_nummern)
        person = UserFactory(anzeigename=f"Teilnehmende {i:03}")
        _netz_anmelden(veranstaltung, person, "wartend" if i % 2 else "angemeldet")
        _netz_anmelden(veranstaltung, UserFactory(anzeigename=f"Abgemeldet {i:03}"), "abgemeldet")
        namen.append(person.anzeigename)
    return namen


def _organisation_veranstaltungen(welt, n):
    """Upcoming events of the published Lindenhof e. V.; its page shows the next ten."""
    titel = []
    for _ in range(n):
        veranstaltung = _netz_veranstaltung(
            welt, f"Lindenhof-Treffen {next(_nummern):03}", organisation=welt.lindenhof
        )
        _netz_anmelden(veranstaltung, welt.ek_b)
        titel.append(veranstaltung.titel)
    return titel


# route name -> (persona, fill(welt, n) returning the texts the n new rows show[, url args])
LISTEN = {
    "unterkuenfte:liste": ("rk_nord", _unterkuenfte_nord),
    "unterkuenfte:board": ("anonym", _bedarfe("unterkunft_b")),
    # the board with shelters' needs and organisations' calls for helpers mixed
    "unterkuenfte:board#aufrufe": ("anonym", _bedarfe_und_aufrufe),
    "api:unterkunft-list": ("rk_nord", _unterkuenfte_nord),
    "api:bedarf-list": ("ek_a", _bedarfe("unterkunft_a")),
    "api:organisation-list": ("org_a", _organisationen),
    "api:sprache-list": (
        "anonym",
        _katalog(lambda i: Sprache.objects.create(code=f"x{i:02}", name=f"Sprache {i:03}")),
    ),
    "api:unterkunftsart-list": (
        "anonym",
        _katalog(lambda i: Unterkunftsart.objects.create(name=f"Art {i:03}", slug=f"art-{i}")),
    ),
    "api:anforderungsart-list": (
        "anonym",
        _katalog(lambda i: Anforderungsart.objects.create(name=f"Anf {i:03}", slug=f"anf-{i}")),
    ),
    "api:taetigkeitsfeld-list": ("anonym", _katalog(_taetigkeitsfeld)),
    # pages that list rows although they are not list routes
    "unterkuenfte:detail": ("ek_a", _bedarfe("unterkunft_a"), lambda w: [w.unterkunft_a.pk]),
    # Träger Alpha's calls (it needs the network's world: a call takes the organisation's place)
    "unterkuenfte:aufrufe": ("org_a", _aufrufe("traeger_a"), lambda w: [w.traeger_a.pk]),
    "regionen:liste": ("rk_nord", _unterregionen),
    "konten:einladungen": ("admin", _einladungen),
    "konten:api_zugaenge": ("ek_a", _api_zugaenge),
    "api:region-list": ("rk_nord", _unterregionen),
    "api:bezirk-list": ("freiwillig", _bezirke),
    "freiwillige:bewerbungen": ("ek_a", _bewerbungen),
    "freiwillige:einsaetze": ("ek_b", _einsaetze),
    "freiwillige:bedarfe": ("freiwillig", _bedarfe("unterkunft_b")),
    "freiwillige:kandidaten": ("ek_a", _kandidaten, lambda w: [w.bedarf_a.pk]),
    "api:bewerbung-list": ("ek_a", _bewerbungen),
    "api:einsatz-list": ("ek_b", _einsaetze),
    "api:stundeneintrag-list": ("ek_b", _stunden),
    "api:kandidaten": ("ek_a", _kandidaten, lambda w: [w.bedarf_a.pk]),
    "api:passende-bedarfe": ("freiwillig", _bedarfe("unterkunft_b")),
    "regionen:termine": ("ek_a", _jourfixe_termine),
    "regionen:termine#vergangene": ("ek_a", _jourfixe_vergangene),
    "regionen:aufgaben": ("ek_a", _jourfixe_aufgaben),
    "regionen:termin": ("ek_a", _jourfixe_themen, lambda w: [w.termin_nord.pk]),
    "api:jourfixe-serie-list": ("rk_nord", _jourfixe_serien),
    "api:termin-list": ("ek_a", _jourfixe_termine),
    "api:thema-list": ("ek_a", _jourfixe_themen),
    "api:teilnahme-list": ("rk_nord", _jourfixe_antworten),
    "api:aufgabe-list": ("ek_a", _jourfixe_aufgaben),
    # training: the public calendar, one's own courses, topic wishes, the team's pages
    "fortbildung:kalender": ("anonym", _kurse),
    "fortbildung:meine": ("ek_a", _eigene_anmeldungen),
    "fortbildung:wuensche": ("ek_a", _themenwuensche),
    "fortbildung:verwaltung": ("fortbildung", _kurse),
    "fortbildung:teilnehmende": ("fortbildung", _teilnehmende, lambda w: [w.kurs_basis.pk]),
    "api:fortbildung-reihe-list": ("anonym", _fortbildungsreihen),
    "api:fortbildung-kurs-list": ("anonym", _kurse),
    "api:fortbildung-sitzung-list": ("anonym", _sitzungen),
    "api:fortbildung-anmeldung-list": ("ek_a", _eigene_anmeldungen),
    "api:fortbildung-kurs-teilnehmende": (
        "fortbildung",
        _teilnehmende,
        lambda w: [w.kurs_basis.pk],
    ),
    # Start pages list regions for the Regionalkoordination and the Verwaltung.
    "start": ("verwaltung", _unterregionen),
    # the regions whose reports one reads
    "api:bericht-list": ("verwaltung", _unterregionen),
    # the network: the public directory and calendar, one's own events, the lists
    "netzwerk:verzeichnis": ("anonym", _steckbriefe),
    "netzwerk:kalender": ("anonym", _netz_veranstaltungen),
    "netzwerk:meine": ("org_a", _meine_veranstaltungen),
    "netzwerk:verteiler_liste": ("rk_nord", _netz_verteiler),
    "netzwerk:verteiler": ("rk_nord", _netz_mitglieder, lambda w: [w.verteiler_nord.pk]),
    "netzwerk:mitglied": ("rk_nord", _netz_verlauf, lambda w: [w.mitglied_ek_a.pk]),
    "netzwerk:teilnehmende": ("org_a", _netz_teilnehmende, lambda w: [w.veranstaltung_alpha.pk]),
    "netzwerk:organisation": (
        "rk_nord",
        _organisation_veranstaltungen,
        lambda w: [w.lindenhof.pk],
    ),
    "api:netzwerk-verteiler-list": ("rk_nord", _netz_verteiler),
    "api:netzwerk-mitgliedschaft-list": ("rk_nord", _netz_mitglieder),
    "api:netzwerk-veranstaltung-list": ("freiwillig", _netz_veranstaltungen),
    "api:netzwerk-anmeldung-list": ("org_a", _netz_teilnehmende),
}


#: routes that show fewer rows a page than the 50 a test adds
SEITENGROESSE = {
    "unterkuenfte:board": 20,
    "unterkuenfte:board#aufrufe": 20,
    "freiwillige:bewerbungen": 25,
    "freiwillige:einsaetze": 25,
    "freiwillige:bedarfe": 25,
    "freiwillige:kandidaten": 24,
    "regionen:termine": 25,
    "regionen:termine#vergangene": 10,
    "regionen:aufgaben": 24,  # the fixture's own item of ek_a takes one place
    "fortbildung:kalender": 20,
    "netzwerk:verzeichnis": 20,
    "netzwerk:kalender": 20,
    "netzwerk:organisation": 10,  # the next ten events of the organisation
}


def list_routes():
    for name, pattern in url_patterns():
        if name.startswith("admin:"):
            continue
        view_class = getattr(pattern.callback, "view_class", None)
        actions = getattr(pattern.callback, "actions", None) or {}
        if actions.get("get") == "list" or (
            view_class is not None and issubclass(view_class, MultipleObjectMixin)
        ):
            yield name


def test_every_list_route_has_a_query_budget_entry():
    missing = sorted(set(list_routes()) - set(LISTEN))
    assert not missing, f"List routes without an entry in LISTEN: {missing}"


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response


#: routes whose rows need the network of tests/conftest.py (welt_netzwerk)
IM_NETZWERK = ("netzwerk:", "api:netzwerk-", "unterkuenfte:aufrufe")


@pytest.mark.parametrize("route", sorted(LISTEN))
def test_a_list_costs_as_many_queries_for_50_rows_as_for_5(route, welt, client_als, request):
    """``"unterkuenfte:board#aufrufe"`` is a further case of ``unterkuenfte:board``,
    ``"regionen:termine#vergangene"`` the past section of the jour-fixe list."""
    if route.startswith(IM_NETZWERK):
        welt = request.getfixturevalue("welt_netzwerk")
    persona, fill, *args = LISTEN[route]
    client = client_als(welt.personas[persona])
    url = reverse(route.partition("#")[0], args=args[0](welt) if args else None)
    url += "?page_size=100" if route.startswith("api:") else ""
    rows = fill(welt, 5)
    small, _response = _queries(client, url)
    rows += fill(welt, 45)
    large, response = _queries(client, url)
    assert large == small, f"{route}: {small} queries with 5 rows, {large} with 50"
    body = response.content.decode()
    shown = [text for text in rows if f"{text}<" in body or f'{text}"' in body]
    # A page may hold fewer rows than were added (the board shows 20 a page).
    expected = SEITENGROESSE.get(route, 49)
    assert len(shown) >= expected, f"{route} showed {len(shown)} of the 50 rows it was filled with"
