"""Calls for helpers (Aufrufe): organisations of the network post needs exactly like shelters
do. The call lands on the board with the organisation's name and district, reaches matching
volunteers, and goes through application, acceptance, hours and the volunteer's documents;
the organisation's contacts manage it, the network coordination of its region looks on."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from common.models import Notice
from freiwillige import gruende, matching, services
from freiwillige.models import Bewerbung, Einsatz, Profil, Stundeneintrag
from netzwerk.models import Organisation
from regionen.models import Bezirk
from tests.bestaetigung import BESTAETIGT
from tests.conftest import persona
from tests.factories import BedarfFactory, OrganisationFactory, UserFactory, freiwillige_bereit
from tests.fortbildung.test_seiten import _pdf_text
from tests.unterkuenfte.test_bedarfe import _feld, _formular
from unterkuenfte.models import Anforderungsart, Bedarf

pytestmark = pytest.mark.django_db

TITEL_AR = "مقهى اللغة للعائلات"
BESCHREIBUNG_AR = "نلتقي كل أربعاء في الحي."


# --- the organisation, its contact and its calls ------------------------------------------------


@pytest.fixture
def pankow(welt):
    return Bezirk.objects.get(slug="pankow")


@pytest.fixture
def neukoelln(welt):
    return Bezirk.objects.get(slug="neukoelln")


@pytest.fixture
def org(welt, pankow):
    """A migrant organisation in Pankow (Berlin-Nord) with a meeting place and an address for
    its letters; its Steckbrief is not published."""
    return OrganisationFactory(
        name="Al-Nour e. V.",
        art=Organisation.Art.MSO,
        region=welt.nord,
        bezirk=pankow,
        treffpunkt="Nachbarschaftshaus Pankow, Raum 2",
        kontakt_name="Amal Haddad",
        kontakt_email="kontakt@al-nour.invalid",
        strasse="Breite Straße 7",
        plz="13187",
        ort="Berlin",
    )


@pytest.fixture
def kontakt(org):
    """The organisation's contact person (Organisationskontakt)."""
    return persona("amal@al-nour.invalid", "Amal Haddad", "organisationskontakt", org)


@pytest.fixture
def aufruf(org):
    """An open call of the organisation: Wednesdays 16–18, two helpers, German and Arabic."""
    bedarf = BedarfFactory(
        unterkunft=None,
        organisation=org,
        titel="Sprachcafé für Familien",
        beschreibung="Wir treffen uns jeden Mittwoch im Kiez.",
    )
    bedarf.uebersetzungen = {"ar": {"titel": TITEL_AR, "beschreibung": BESCHREIBUNG_AR}}
    bedarf.save()
    return bedarf


@pytest.fixture
def aufruf_pausiert(org):
    return BedarfFactory(
        unterkunft=None,
        organisation=org,
        titel="Pausierte Hausaufgabenhilfe Al-Nour",
        status="pausiert",
    )


@pytest.fixture
def samira(welt, pankow):
    """A volunteer living in Pankow, free on Wednesdays 16–18, Arabic as mother tongue."""
    person = UserFactory(email="samira@test.invalid", anzeigename="Samira Saleh")
    freiwillige_bereit(person, sprachen=[("ar", 4)], heimatbezirk=pankow)
    return person


def _seite(client, url, **params) -> str:
    antwort = client.get(url, params)
    assert antwort.status_code == 200, url
    return antwort.content.decode()


def _board(**params) -> str:
    return _seite(Client(), reverse("unterkuenfte:board"), **params)


def _aufruf_formular(**werte):
    daten = _formular(
        titel="Sprachcafé für Familien",
        taetigkeitsfeld=_feld("deutschkurs"),
        beschreibung="Wir treffen uns jeden Mittwoch im Kiez.",
        anzahl_helfende="2",
        titel__ar=TITEL_AR,
        beschreibung__ar=BESCHREIBUNG_AR,
    )
    daten.update(werte)
    return daten


def _woerter(pdf: bytes) -> str:
    """The document's text with its line breaks as plain spaces."""
    return " ".join(_pdf_text(pdf).split())


def _link(bedarf) -> str:
    return reverse("unterkuenfte:bedarf", args=[bedarf.pk])


# --- posting a call -------------------------------------------------------------------------


def test_a_contact_posts_a_call_that_lands_with_the_organisation_and_its_place(
    welt, org, kontakt, pankow, client_als
):
    client = client_als(kontakt)
    url = reverse("unterkuenfte:aufruf_erstellen", args=[org.pk])
    formular = _seite(client, url)
    assert 'name="titel__ar"' in formular and 'name="zeitfenster-TOTAL_FORMS"' in formular
    assert "weder Region noch Bezirk" not in formular

    antwort = client.post(url, _aufruf_formular(), follow=True)
    uebersicht = reverse("unterkuenfte:aufrufe", args=[org.pk])
    assert antwort.redirect_chain == [(uebersicht, 302)]
    bedarf = Bedarf.objects.get(titel="Sprachcafé für Familien")
    assert (bedarf.organisation, bedarf.unterkunft) == (org, None)
    assert (bedarf.region, bedarf.bezirk) == (welt.nord, pankow)
    assert bedarf.ist_aufruf and bedarf.anbieter == org
    assert bedarf.uebersetzungen == {"ar": {"titel": TITEL_AR, "beschreibung": BESCHREIBUNG_AR}}
    assert [(z.wochentag, z.von.hour, z.bis.hour) for z in bedarf.zeitfenster.all()] == [
        (2, 16, 18)
    ]
    assert bedarf.get_absolute_url() == f"{uebersicht}#bedarf-{bedarf.pk}"

    # the organisation's own page lists the call, with the tools to manage it
    seite = antwort.content.decode()
    assert "Der Bedarf ist veröffentlicht." in seite
    assert "Sprachcafé für Familien" in seite
    assert reverse("unterkuenfte:bedarf_bearbeiten", args=[bedarf.pk]) in seite
    assert reverse("freiwillige:kandidaten", args=[bedarf.pk]) in seite

    # the public board shows it to everyone, with the organisation's name and district
    board = _board()
    assert _link(bedarf) in board
    assert "<bdi>Al-Nour e. V.</bdi> · Pankow" in board
    detail = _seite(Client(), _link(bedarf))
    assert "Sprachcafé für Familien" in detail and "Al-Nour e. V." in detail
    assert "Breite Straße" not in detail


def test_the_contact_edits_the_call_and_its_arabic_translation(aufruf, kontakt, client_als):
    url = reverse("unterkuenfte:bedarf_bearbeiten", args=[aufruf.pk])
    formular = client_als(kontakt).get(url)
    assert formular.status_code == 200
    assert TITEL_AR in formular.content.decode()  # the translation is filled in
    daten = _aufruf_formular(
        titel="Sprachcafé für Eltern",
        titel__ar="مقهى اللغة للآباء",
        beschreibung__ar="",
        **{
            "zeitfenster-INITIAL_FORMS": "1",
            "zeitfenster-0-id": str(aufruf.zeitfenster.get().pk),
        },
    )
    antwort = client_als(kontakt).post(url, daten)
    assert antwort.status_code == 302
    assert antwort["Location"] == aufruf.get_absolute_url()
    aufruf.refresh_from_db()
    assert aufruf.titel == "Sprachcafé für Eltern"
    assert aufruf.uebersetzungen == {"ar": {"titel": "مقهى اللغة للآباء"}}
    assert aufruf.organisation_id is not None and aufruf.unterkunft_id is None


def test_an_arabic_reader_gets_the_arabic_title_right_to_left_and_others_german(aufruf):
    arabisch = Client()
    arabisch.cookies["django_language"] = "ar"
    board = arabisch.get(reverse("unterkuenfte:board")).content.decode()
    assert f'lang="ar" dir="rtl">{TITEL_AR}</a>' in board
    assert "Sprachcafé für Familien" not in board
    detail = arabisch.get(_link(aufruf)).content.decode()
    assert f'<h1 lang="ar" dir="rtl">{TITEL_AR}</h1>' in detail
    assert f'<p lang="ar" dir="rtl">{BESCHREIBUNG_AR}</p>' in detail

    deutsch = _board()
    assert 'lang="de" dir="ltr">Sprachcafé für Familien</a>' in deutsch
    assert TITEL_AR not in deutsch
    # Persian has no translation: German, marked as German and left to right
    persisch = Client().get(reverse("unterkuenfte:board"), HTTP_ACCEPT_LANGUAGE="fa")
    assert 'lang="de" dir="ltr">Sprachcafé für Familien</a>' in persisch.content.decode()


def test_choosing_arabic_with_the_language_switch_shows_the_arabic_title(aufruf, samira):
    client = Client()
    client.force_login(samira)
    antwort = client.post(
        reverse("konten:sprache"), {"language": "ar", "next": reverse("unterkuenfte:board")}
    )
    assert antwort.status_code == 302
    board = client.get(reverse("unterkuenfte:board")).content.decode()
    assert f'lang="ar" dir="rtl">{TITEL_AR}</a>' in board
    assert '<html lang="de" dir="rtl">' in board  # the interface itself stays German


def test_an_organisation_without_region_and_district_gets_a_clear_message(
    welt, org, kontakt, client_als
):
    Organisation.objects.filter(pk=org.pk).update(region=None, bezirk=None)
    client = client_als(kontakt)
    url = reverse("unterkuenfte:aufruf_erstellen", args=[org.pk])
    seite = _seite(client, url)
    assert "Ihr Steckbrief nennt weder Region noch Bezirk." in seite
    assert reverse("netzwerk:organisation_bearbeiten", args=[org.pk]) in seite

    antwort = client.post(url, _aufruf_formular())
    assert antwort.status_code == 200
    assert (
        "Tragen Sie im Steckbrief Ihrer Organisation zuerst Region oder Bezirk ein: "
        "Freiwillige finden Aufrufe über ihren Ort."
    ) in antwort.content.decode()
    assert not Bedarf.objects.filter(organisation=org).exists()
    assert not Bedarf.objects.filter(titel="Sprachcafé für Familien").exists()


def test_an_organisation_naming_only_its_district_posts_in_that_districts_region(
    welt, org, kontakt, neukoelln, client_als
):
    Organisation.objects.filter(pk=org.pk).update(region=None, bezirk=neukoelln)
    antwort = client_als(kontakt).post(
        reverse("unterkuenfte:aufruf_erstellen", args=[org.pk]), _aufruf_formular()
    )
    assert antwort.status_code == 302
    bedarf = Bedarf.objects.get(organisation=org)
    assert (bedarf.region, bedarf.bezirk) == (welt.suedost, neukoelln)


def test_editing_a_call_after_the_organisation_lost_its_place_says_why_and_saves_nothing(
    org, kontakt, aufruf, client_als
):
    Organisation.objects.filter(pk=org.pk).update(region=None, bezirk=None)
    url = reverse("unterkuenfte:bedarf_bearbeiten", args=[aufruf.pk])
    daten = _aufruf_formular(
        titel="Neuer Titel",
        **{
            "zeitfenster-INITIAL_FORMS": "1",
            "zeitfenster-0-id": str(aufruf.zeitfenster.get().pk),
        },
    )
    antwort = client_als(kontakt).post(url, daten)
    assert antwort.status_code == 200
    assert "zuerst Region oder Bezirk ein" in antwort.content.decode()
    aufruf.refresh_from_db()
    assert aufruf.titel == "Sprachcafé für Familien"


@pytest.mark.parametrize(("veroeffentlicht", "status"), [(True, 403), (False, 404)])
def test_another_organisations_contact_cannot_post_for_the_organisation(
    welt, org, client_als, veroeffentlicht, status
):
    if veroeffentlicht:
        Organisation.objects.filter(pk=org.pk).update(steckbrief_freigegeben_am=timezone.now())
    client = client_als(welt.org_a)  # contact of Träger Alpha
    url = reverse("unterkuenfte:aufruf_erstellen", args=[org.pk])
    assert client.get(url).status_code == status
    assert client.post(url, _aufruf_formular()).status_code == status
    assert client.get(reverse("unterkuenfte:aufrufe", args=[org.pk])).status_code == 404
    assert not Bedarf.objects.filter(organisation=org).exists()


@pytest.mark.parametrize("persona_name", ["ek_a", "freiwillig", "org_a"])
def test_a_shelter_coordinator_or_another_contact_cannot_change_an_organisations_call(
    welt, aufruf, aufruf_pausiert, client_als, persona_name
):
    client = client_als(welt.personas[persona_name])
    # the open call is public: visible, but not theirs to change
    assert (
        client.get(reverse("unterkuenfte:bedarf_bearbeiten", args=[aufruf.pk])).status_code == 403
    )
    antwort = client.post(
        reverse("unterkuenfte:bedarf_status", args=[aufruf.pk]),
        {**BESTAETIGT, "status": "geschlossen"},
    )
    assert antwort.status_code == 403
    # the paused call is not public: it does not exist for them
    bearbeiten = reverse("unterkuenfte:bedarf_bearbeiten", args=[aufruf_pausiert.pk])
    assert client.get(bearbeiten).status_code == 404
    assert (
        client.get(reverse("freiwillige:kandidaten", args=[aufruf_pausiert.pk])).status_code == 404
    )
    aufruf.refresh_from_db()
    assert aufruf.status == "offen"


def test_an_organisations_contact_cannot_change_a_shelters_need(welt, kontakt, client_als):
    client = client_als(kontakt)
    url = reverse("unterkuenfte:bedarf_bearbeiten", args=[welt.bedarf_a.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, _aufruf_formular(titel="Übernommen")).status_code == 403
    gesperrt = reverse("unterkuenfte:bedarf_bearbeiten", args=[welt.bedarf_a_pausiert.pk])
    assert client.get(gesperrt).status_code == 404
    assert (
        client.post(
            reverse("unterkuenfte:bedarf_status", args=[welt.bedarf_a.pk]),
            {**BESTAETIGT, "status": "geschlossen"},
        ).status_code
        == 403
    )
    welt.bedarf_a.refresh_from_db()
    assert (welt.bedarf_a.titel, welt.bedarf_a.status) == ("Deutsch am Abend", "offen")
    assert (
        client.get(reverse("unterkuenfte:bedarf_erstellen", args=[welt.unterkunft_a.pk]))
    ).status_code == 404


def test_the_contact_pauses_the_call_and_it_leaves_the_board(aufruf, kontakt, client_als):
    antwort = client_als(kontakt).post(
        reverse("unterkuenfte:bedarf_status", args=[aufruf.pk]), {"status": "pausiert"}
    )
    assert antwort.status_code == 302
    assert antwort["Location"] == aufruf.get_absolute_url()
    assert _link(aufruf) not in _board()
    assert Client().get(_link(aufruf)).status_code == 404
    client_als(kontakt).post(
        reverse("unterkuenfte:bedarf_status", args=[aufruf.pk]), {"status": "offen"}
    )
    assert _link(aufruf) in _board()


# --- the organisation's Steckbrief page -------------------------------------------------------


def test_the_steckbrief_shows_open_calls_and_its_contacts_the_way_to_post(
    org, kontakt, aufruf, aufruf_pausiert, client_als
):
    Organisation.objects.filter(pk=org.pk).update(steckbrief_freigegeben_am=timezone.now())
    oeffentlich = _seite(Client(), org.get_absolute_url())
    assert "Aufrufe für Helfer*innen" in oeffentlich
    assert _link(aufruf) in oeffentlich
    assert "Pausierte Hausaufgabenhilfe Al-Nour" not in oeffentlich
    assert reverse("unterkuenfte:aufruf_erstellen", args=[org.pk]) not in oeffentlich

    eigene = _seite(client_als(kontakt), org.get_absolute_url())
    assert reverse("unterkuenfte:aufruf_erstellen", args=[org.pk]) in eigene
    assert reverse("unterkuenfte:aufrufe", args=[org.pk]) in eigene


# --- the network coordination looks on ----------------------------------------------------


def test_the_network_coordination_of_the_region_sees_the_calls_but_cannot_change_them(
    welt, org, aufruf, aufruf_pausiert, client_als
):
    client = client_als(welt.rk_nord)
    seite = _seite(client, reverse("unterkuenfte:aufrufe", args=[org.pk]))
    assert "Sprachcafé für Familien" in seite
    assert "Pausierte Hausaufgabenhilfe Al-Nour" in seite  # the workspace shows paused ones
    assert "Aufruf veröffentlichen" not in seite
    assert reverse("unterkuenfte:bedarf_bearbeiten", args=[aufruf.pk]) not in seite
    assert reverse("unterkuenfte:bedarf_status", args=[aufruf.pk]) not in seite

    assert client.get(reverse("unterkuenfte:aufruf_erstellen", args=[org.pk])).status_code == 403
    for bedarf in (aufruf, aufruf_pausiert):
        url = reverse("unterkuenfte:bedarf_bearbeiten", args=[bedarf.pk])
        assert client.get(url).status_code == 403
        status = reverse("unterkuenfte:bedarf_status", args=[bedarf.pk])
        assert client.post(status, {**BESTAETIGT, "status": "geschlossen"}).status_code == 403
    assert Bedarf.objects.filter(organisation=org, status="geschlossen").count() == 0
    assert list(Bedarf.objects.for_user(welt.rk_nord, "manage").filter(organisation=org)) == [
        aufruf_pausiert,
        aufruf,
    ]


def test_the_coordination_of_another_region_does_not_find_the_calls(
    welt, org, aufruf, aufruf_pausiert, client_als
):
    client = client_als(welt.rk_suedost)
    assert client.get(reverse("unterkuenfte:aufrufe", args=[org.pk])).status_code == 404
    assert client.get(reverse("unterkuenfte:aufruf_erstellen", args=[org.pk])).status_code == 404
    url = reverse("unterkuenfte:bedarf_bearbeiten", args=[aufruf_pausiert.pk])
    assert client.get(url).status_code == 404
    # the open call is on the public board for them as for everyone
    assert _link(aufruf) in _seite(client, reverse("unterkuenfte:board"))


# --- the whole way: board, matching, application, acceptance, hours ---------------------------


def test_a_volunteer_finds_the_call_applies_and_the_organisation_takes_her_on(
    welt, org, kontakt, aufruf, samira, client_als
):
    fuehrungszeugnis = Anforderungsart.objects.get(slug="fuehrungszeugnis")
    aufruf.zusaetzliche_anforderungen.set([fuehrungszeugnis])

    # the board and the volunteer's matching list both show the call, named by the organisation
    assert _link(aufruf) in _board(q="Al-Nour")
    passend = _seite(client_als(samira), reverse("freiwillige:bedarfe"))
    assert "Sprachcafé für Familien" in passend
    assert "Al-Nour e. V. · Pankow" in passend
    assert "in Ihrem Bezirk" in passend
    kontext = matching.profil_kontext(Profil.objects.get(person=samira))
    assert aufruf in list(matching.passende_bedarfe(kontext))

    # and the organisation finds her among the candidates, for living in the district
    kontext = matching.bedarf_kontext(aufruf)
    kandidaten = {p.person_id: p for p in matching.kandidaten(kontext)}
    assert samira.pk in kandidaten
    gruende.fuer_kandidaten(kontext, list(kandidaten.values()))
    assert kandidaten[samira.pk].p_naehe == matching.GEWICHT_BEZIRK
    assert "wohnt in Pankow" in kandidaten[samira.pk].gruende
    kandidatenseite = _seite(
        client_als(kontakt), reverse("freiwillige:kandidaten", args=[aufruf.pk])
    )
    assert "Samira" in kandidatenseite and "wohnt in Pankow" in kandidatenseite

    # she applies on the page
    antwort = client_als(samira).post(
        reverse("freiwillige:bewerben", args=[aufruf.pk]), {"nachricht": "Ich spreche Arabisch."}
    )
    bewerbung = Bewerbung.objects.get(person=samira, bedarf=aufruf)
    assert antwort.status_code == 302
    assert antwort["Location"] == reverse("freiwillige:bewerbung", args=[bewerbung.pk])
    assert bewerbung.status == "offen"

    # the organisation's contact is told, and nobody of the shelters
    eingegangen = Notice.objects.filter(art="bewerbung_eingegangen")
    assert [n.empfaenger for n in eingegangen] == [kontakt]
    assert eingegangen.get().objekt == bewerbung

    # the contact sees the application with the applicant's profile
    bewerbungen = _seite(client_als(kontakt), reverse("freiwillige:bewerbungen"))
    assert "Sprachcafé für Familien" in bewerbungen and "Samira Saleh" in bewerbungen
    detail = _seite(client_als(kontakt), reverse("freiwillige:bewerbung", args=[bewerbung.pk]))
    assert "Ich spreche Arabisch." in detail
    assert reverse("freiwillige:bewerbung_aktion", args=[bewerbung.pk, "annehmen"]) in detail
    for fremd in (welt.ek_a, welt.rk_nord, welt.org_a):
        assert not Bewerbung.objects.for_user(fremd).filter(pk=bewerbung.pk).exists()

    # without the police clearance the acceptance is refused, naming it
    annehmen = reverse("freiwillige:bewerbung_aktion", args=[bewerbung.pk, "annehmen"])
    abgelehnt = client_als(kontakt).post(annehmen, follow=True)
    assert "„Erweitertes Führungszeugnis“ fehlt." in abgelehnt.content.decode()
    assert not Einsatz.objects.filter(person=samira).exists()

    # the contact notes the inspected certificate on her page, then accepts
    profil = Profil.objects.get(person=samira)
    vermerkt = client_als(kontakt).post(
        reverse("freiwillige:person", args=[profil.pk]),
        {
            "art": fuehrungszeugnis.pk,
            "ausgestellt_am": (timezone.localdate() - timedelta(days=10)).isoformat(),
            "eingesehen_am": timezone.localdate().isoformat(),
            "ergebnis": "erfuellt",
        },
    )
    assert vermerkt.status_code == 302
    angenommen = client_als(kontakt).post(annehmen, follow=True)
    assert "Angenommen. Der Einsatz ist angelegt" in angenommen.content.decode()

    einsatz = Einsatz.objects.get(person=samira)
    assert (einsatz.organisation, einsatz.unterkunft, einsatz.status) == (org, None, "aktiv")
    assert einsatz.anbieter == org
    aufruf.refresh_from_db()
    assert (aufruf.anzahl_besetzt, aufruf.status) == (1, "offen")
    assert Notice.objects.filter(empfaenger=samira, art="bewerbung_angenommen").exists()

    # her assignment page names the organisation and where to meet
    seite = _seite(client_als(samira), reverse("freiwillige:einsatz", args=[einsatz.pk]))
    assert "Al-Nour e. V." in seite
    assert "Nachbarschaftshaus Pankow, Raum 2" in seite
    assert "Amal Haddad" in seite
    assert "Pankow" in seite

    # she logs her hours, the contact confirms them
    heute = timezone.localdate()
    client_als(samira).post(
        reverse("freiwillige:einsatz", args=[einsatz.pk]),
        {"datum": heute.isoformat(), "stunden": "2", "taetigkeit": "Sprachcafé"},
    )
    eintrag = Stundeneintrag.objects.get(einsatz=einsatz)
    assert eintrag.bestaetigt_am is None
    seite = _seite(client_als(kontakt), reverse("freiwillige:einsatz", args=[einsatz.pk]))
    assert reverse("freiwillige:stunden_bestaetigen", args=[eintrag.pk]) in seite
    client_als(kontakt).post(reverse("freiwillige:stunden_bestaetigen", args=[eintrag.pk]))
    eintrag.refresh_from_db()
    assert eintrag.bestaetigt_von == kontakt and eintrag.bestaetigt_am is not None


def test_applying_to_a_call_speaks_of_the_organisation_not_of_a_shelter(aufruf, samira, client_als):
    """A volunteer answering an organisation's call is not told the application went to a
    shelter."""
    url = reverse("freiwillige:bewerben", args=[aufruf.pk])
    formular = _seite(client_als(samira), url)
    assert "Al-Nour e. V." in formular
    antwort = client_als(samira).post(url, {"nachricht": "Hallo"}, follow=True)
    assert Bewerbung.objects.filter(person=samira, bedarf=aufruf).exists()
    meldungen = [str(m) for m in antwort.context["messages"]]
    assert len(meldungen) == 1
    assert "Unterkunft" not in meldungen[0], meldungen
    assert "Kurze Nachricht an die Unterkunft" not in formular


def test_an_organisation_naming_only_a_region_gives_no_district_points(welt, org, samira):
    """A call without a district must not count "same district" for anyone, least of all for
    volunteers who named no district either."""
    org.bezirk = None
    org.save()
    bedarf = BedarfFactory(unterkunft=None, organisation=org, titel="Überall in Nord")
    assert (bedarf.region, bedarf.bezirk) == (welt.nord, None)
    ohne_bezirk = UserFactory(email="ohne@test.invalid", anzeigename="Olaf Ohnebezirk")
    profil = freiwillige_bereit(ohne_bezirk)
    profil.bevorzugte_regionen.set([welt.nord])
    kandidaten = {p.person_id: p for p in matching.kandidaten(matching.bedarf_kontext(bedarf))}
    assert kandidaten[samira.pk].p_naehe == 0
    assert kandidaten[ohne_bezirk.pk].p_naehe == matching.GEWICHT_REGION
    board = _board()
    assert "<bdi>Al-Nour e. V.</bdi></p>" in board


def test_the_contact_invites_a_matching_volunteer_to_apply(
    welt, aufruf, kontakt, samira, client_als
):
    profil = Profil.objects.get(person=samira)
    url = reverse("freiwillige:kandidat_einladen", args=[aufruf.pk, profil.pk])
    assert client_als(welt.rk_nord).post(url).status_code == 403
    assert client_als(welt.org_a).post(url).status_code == 404
    antwort = client_als(kontakt).post(url)
    assert antwort.status_code == 302
    assert [n.empfaenger for n in Notice.objects.filter(art="zur_bewerbung_eingeladen")] == [samira]
    assert aufruf.bewerbungseinladungen.get().person == samira
    passend = _seite(client_als(samira), reverse("freiwillige:bedarfe"))
    assert "Sie wurden eingeladen" in passend


def test_a_second_acceptance_fills_the_call_and_takes_it_off_the_board(
    aufruf, kontakt, samira, welt
):
    for person in (samira, welt.bea):
        services.bewerbung_annehmen(services.bewerbung_anlegen(person, aufruf), kontakt)
    aufruf.refresh_from_db()
    assert (aufruf.anzahl_besetzt, aufruf.status) == (2, "besetzt")
    assert _link(aufruf) not in _board()
    assert Einsatz.objects.filter(organisation=aufruf.organisation).count() == 2


# --- documents: the police-clearance letter and the activity certificate --------------------


@pytest.fixture
def einsatz(aufruf, kontakt, samira):
    """Samira applied (the call requires a police clearance, which she showed), was accepted
    and worked two hours the contact logged (and so confirmed)."""
    from tests.factories import fuehrungszeugnis_vermerken

    aufruf.zusaetzliche_anforderungen.set([Anforderungsart.objects.get(slug="fuehrungszeugnis")])
    fuehrungszeugnis_vermerken(samira, timezone.localdate() - timedelta(days=10), kontakt)
    bewerbung = services.bewerbung_anlegen(samira, aufruf)
    einsatz = services.bewerbung_annehmen(bewerbung, kontakt)
    services.stunden_erfassen(einsatz, kontakt, timezone.localdate(), 2, "Sprachcafé")
    return einsatz


@pytest.mark.pdf
def test_the_police_clearance_letter_is_issued_by_the_organisation(
    einsatz, samira, kontakt, welt, client_als
):
    url = reverse("freiwillige:fz_bestaetigung", args=[einsatz.bewerbung_id])
    assert url in _seite(
        client_als(samira), reverse("freiwillige:bewerbung", args=[einsatz.bewerbung_id])
    )
    antwort = client_als(samira).get(url)
    assert antwort.status_code == 200
    assert antwort["Content-Type"] == "application/pdf"
    text = _woerter(antwort.content)
    assert "Al-Nour e. V." in text
    assert "Breite Straße 7" in text
    assert "für unsere Organisation ehrenamtlich tätig" in text
    assert "Samira Saleh" in text
    assert "Einrichtung „" not in text
    assert client_als(kontakt).get(url).status_code == 200
    assert client_als(welt.ek_a).get(url).status_code == 404


@pytest.mark.pdf
def test_the_activity_certificate_names_the_organisation_and_counts_its_hours(
    einsatz, samira, client_als
):
    antwort = client_als(samira).get(reverse("freiwillige:taetigkeitsnachweis"))
    assert antwort.status_code == 200
    assert antwort["Content-Type"] == "application/pdf"
    assert antwort.context["summe"] == 2
    assert [e.pk for e in antwort.context["einsaetze"]] == [einsatz.pk]
    text = _woerter(antwort.content)
    assert "Al-Nour e. V." in text
    assert "Pankow" in text
    assert "Sprachcafé für Familien" in text


# --- bans, closed shelters, moving --------------------------------------------------------------


def test_a_ban_at_a_shelter_does_not_keep_a_volunteer_from_an_organisations_call(
    welt, aufruf, kontakt, client_als
):
    finn = welt.freiwillig  # banned at shelter A in Pankow, lives in Pankow
    kontext = matching.profil_kontext(Profil.objects.get(person=finn))
    vorgeschlagen = list(matching.passende_bedarfe(kontext))
    assert aufruf in vorgeschlagen and welt.bedarf_a not in vorgeschlagen
    assert finn.pk in {p.person_id for p in matching.kandidaten(matching.bedarf_kontext(aufruf))}
    assert finn.pk not in {
        p.person_id for p in matching.kandidaten(matching.bedarf_kontext(welt.bedarf_a))
    }

    antwort = client_als(finn).post(
        reverse("freiwillige:bewerben", args=[aufruf.pk]), {"nachricht": ""}
    )
    assert antwort.status_code == 302
    bewerbung = Bewerbung.objects.get(person=finn, bedarf=aufruf)
    einsatz = services.bewerbung_annehmen(bewerbung, kontakt)
    assert (einsatz.organisation, einsatz.unterkunft) == (aufruf.organisation, None)
    # the shelter's ban still holds where it applies
    with pytest.raises(services.NichtMoeglich, match="nicht möglich"):
        services.bewerbung_anlegen(finn, welt.bedarf_a)


def test_a_closed_shelter_leaves_the_board_but_an_organisations_call_stays(
    welt, aufruf, client_als
):
    welt.unterkunft_b.status = "geschlossen"
    welt.unterkunft_b.save()
    board = _board()
    assert _link(welt.bedarf_b) not in board
    assert _link(aufruf) in board
    assert Client().get(_link(welt.bedarf_b)).status_code == 404
    assert Client().get(_link(aufruf)).status_code == 200
    csv = Client().get(reverse("unterkuenfte:board"), {"format": "csv"}).content.decode()
    assert "Sprachcafé für Familien" in csv and "Al-Nour e. V." in csv
    assert "Fußball am Samstag" not in csv


def test_moving_the_organisation_to_another_district_moves_its_calls(
    welt, org, kontakt, aufruf, aufruf_pausiert, pankow, neukoelln, client_als
):
    assert _link(aufruf) in _board(bezirk=pankow.pk)
    antwort = client_als(kontakt).post(
        reverse("netzwerk:organisation_bearbeiten", args=[org.pk]),
        {
            "name": org.name,
            "art": org.art,
            "bezirk": neukoelln.pk,
            "treffpunkt": org.treffpunkt,
            "kontakt_name": org.kontakt_name,
            "kontakt_email": org.kontakt_email,
        },
    )
    assert antwort.status_code == 302
    org.refresh_from_db()
    assert org.bezirk == neukoelln
    for bedarf in (aufruf, aufruf_pausiert):
        bedarf.refresh_from_db()
        assert bedarf.bezirk == neukoelln
    assert _link(aufruf) in _board(bezirk=neukoelln.pk)
    assert _link(aufruf) not in _board(bezirk=pankow.pk)
    assert "<bdi>Al-Nour e. V.</bdi> · Neukölln" in _board()


def test_an_organisation_naming_only_a_district_takes_its_calls_into_the_new_region(
    welt, org, aufruf, pankow, neukoelln
):
    org.region = None
    org.save()
    aufruf.refresh_from_db()
    assert (aufruf.region, aufruf.bezirk) == (welt.nord, pankow)
    org.bezirk = neukoelln
    org.save()
    aufruf.refresh_from_db()
    assert (aufruf.region, aufruf.bezirk) == (welt.suedost, neukoelln)
    assert _link(aufruf) in _board(bezirk=neukoelln.pk)
    # with no place left, the calls stay where they were
    org.bezirk = None
    org.save()
    aufruf.refresh_from_db()
    assert (aufruf.region, aufruf.bezirk) == (welt.suedost, neukoelln)


def test_a_shelter_moved_to_another_district_takes_its_needs_along(welt, neukoelln):
    unterkunft = welt.unterkunft_a
    unterkunft.region, unterkunft.bezirk = welt.suedost, neukoelln
    unterkunft.save()
    welt.bedarf_a.refresh_from_db()
    assert (welt.bedarf_a.region, welt.bedarf_a.bezirk) == (welt.suedost, neukoelln)
