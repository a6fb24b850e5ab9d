"""Query budgets of netzwerk: the directory, the calendar, the lists and their members
(the world of tests/welten/gesamt.py: welt_ganz).

Each entry: route name -> (persona, fill(welt, n) returning the texts the n new rows
show[, url args]); tests/test_query_budget.py collects them.
"""

from datetime import timedelta

from django.utils import timezone

from common.models import Sprache
from konten import roles
from netzwerk.models import Organisation, Verteilerereignis
from tests.factories import (
    ArbeitsfeldFactory,
    MitgliedschaftFactory,
    OrganisationFactory,
    UserFactory,
    VeranstaltungFactory,
    VeranstaltungsanmeldungFactory,
    VerteilerereignisFactory,
    VerteilerFactory,
)
from tests.list_fill import nummern


def _organisationen(welt, n):
    organisationen = OrganisationFactory.create_batch(n)
    for organisation in organisationen:
        roles.rolle("organisationskontakt").grant(welt.org_a, organisation)
    return [organisation.name for organisation in organisationen]


def _netz_veranstaltung(welt, titel, organisation=None, **felder):
    """A published public event of Nord starting within a day, in Arabic and Farsi, with
    registration and seats; written directly (no notices)."""
    beginn = timezone.now() + timedelta(hours=2, minutes=next(nummern))
    werte = {
        "organisation": organisation,
        "region": welt.nord,
        "bezirk": welt.unterkunft_a.bezirk,
        "beginn": beginn,
        "veroeffentlicht": True,
        "anmeldung_erforderlich": True,
        "plaetze": 1,
        **felder,
    }
    veranstaltung = VeranstaltungFactory(titel=titel, **werte)
    veranstaltung.sprachen.add(*Sprache.objects.filter(code__in=["ar", "fa"]))
    return veranstaltung


def _netz_anmelden(veranstaltung, person, status="angemeldet"):
    return VeranstaltungsanmeldungFactory(veranstaltung=veranstaltung, person=person, status=status)


def _steckbriefe(welt, n):
    """Published Steckbriefe in Pankow, each in two languages and two fields of work."""
    sprachen = Sprache.objects.filter(code__in=["ar", "fa"])
    felder = [ArbeitsfeldFactory(name=name) for name in ("Bildung", "Kultur")]
    namen = []
    for _ in range(n):
        organisation = OrganisationFactory(
            name=f"Initiative {next(nummern):03}",
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
            welt, f"Werkstatt {next(nummern):03}", organisation=welt.traeger_a
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
        i = next(nummern)
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
    namen = []
    for _ in range(n):
        i = next(nummern)
        verteiler = VerteilerFactory(
            name=f"Verteiler {i:03}",
            region=welt.nord,
            organisation=welt.traeger_a if i % 2 else None,
        )
        jetzt = timezone.now()
        MitgliedschaftFactory(verteiler=verteiler, organisation=OrganisationFactory())
        MitgliedschaftFactory(
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
    namen = []
    jetzt = timezone.now()
    for _ in range(n):
        i = next(nummern)
        if i % 2:
            wer = {
                "organisation": OrganisationFactory(
                    name=f"Mitgliedsverein {i:03}", kontakt_email=f"verein-{i}@test.invalid"
                )
            }
        else:
            wer = {"person": UserFactory(anzeigename=f"Mitglied {i:03}")}
        status = ("aktiv", "inaktiv", "entfernt")[i % 3]
        MitgliedschaftFactory(
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
    notizen = []
    for _ in range(n):
        i = next(nummern)
        notiz = f"Notiz {i:03}"
        VerteilerereignisFactory(
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
        i = next(nummern)
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
            welt, f"Lindenhof-Treffen {next(nummern):03}", organisation=welt.lindenhof
        )
        _netz_anmelden(veranstaltung, welt.ek_b)
        titel.append(veranstaltung.titel)
    return titel


LISTEN = {
    "api:organisation-list": ("org_a", _organisationen),
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
    "netzwerk:verzeichnis": 20,
    "netzwerk:kalender": 20,
    "netzwerk:organisation": 10,  # the next ten events of the organisation
}
