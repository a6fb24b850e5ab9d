"""The network API: Steckbriefe edited by their organisations, distribution lists for the
people who run them, events with seats and a waiting list, scoped like the pages and acting
through the services."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from common.models import Notice, Sprache
from konten import roles
from netzwerk.models import (
    Arbeitsfeld,
    Mitgliedschaft,
    Organisation,
    Veranstaltung,
    Veranstaltungsanmeldung,
    Verteiler,
)
from tests.factories import (
    MitgliedschaftFactory,
    OrganisationFactory,
    UserFactory,
    VeranstaltungFactory,
    VeranstaltungsanmeldungFactory,
    VerteilerFactory,
)

pytestmark = pytest.mark.django_db


# --- helpers and fixtures ---------------------------------------------------------------------


def _url(name, pk=None):
    return reverse(f"api:{name}", args=[pk] if pk is not None else [])


def _post(client, name, pk=None, daten=None):
    return client.post(_url(name, pk), daten or {}, content_type="application/json")


def _patch(client, name, pk, daten):
    return client.patch(_url(name, pk), daten, content_type="application/json")


def _zeilen(response):
    assert response.status_code == 200, response.content
    return response.json()["results"]


def _fehler(response):
    return " ".join(response.json()["non_field_errors"])


def _zeit(tage, stunden=0):
    return timezone.now().replace(microsecond=0) + timedelta(days=tage, hours=stunden)


def _veranstaltung(organisation, region, titel, **felder):
    """An event written directly (fixtures need no notices): published, public, next week."""
    werte = {"beginn": _zeit(7), "ende": _zeit(7, 2), "veroeffentlicht": True, **felder}
    return VeranstaltungFactory(titel=titel, organisation=organisation, region=region, **werte)


def _mitglied(verteiler, **wer):
    return MitgliedschaftFactory(verteiler=verteiler, **wer)


@pytest.fixture
def netz(welt):
    """Träger Alpha (Nord, org_a) and Träger Beta (Südost, org_b) with unpublished
    Steckbriefe; Nord's network list (run by rk_nord) with Träger Alpha, Bea (inactive, warned)
    and a removed member; a list run by Träger Alpha itself; events of Träger Alpha (a
    workshop with one seat, a members-only meeting of Nord's list) and a draft of Träger Beta."""
    alpha, beta = welt.traeger_a, welt.traeger_b
    Organisation.objects.filter(pk=alpha.pk).update(region=welt.nord)
    Organisation.objects.filter(pk=beta.pk).update(region=welt.suedost)
    alpha.refresh_from_db()
    beta.refresh_from_db()
    liste_nord = VerteilerFactory(name="Netzwerk Nord", region=welt.nord)
    liste_alpha = VerteilerFactory(name="Freundeskreis Alpha", region=welt.nord, organisation=alpha)
    jetzt = timezone.now()
    return {
        "alpha": alpha,
        "beta": beta,
        "liste_nord": liste_nord,
        "liste_alpha": liste_alpha,
        "mitglied_alpha": _mitglied(liste_nord, organisation=alpha),
        "mitglied_bea": MitgliedschaftFactory(
            verteiler=liste_nord,
            person=welt.bea,
            status=Mitgliedschaft.Status.INAKTIV,
            letzte_aktivitaet=jetzt - timedelta(days=200),
            letzte_aktivitaet_art=Mitgliedschaft.Aktivitaet.TREFFEN,
            gewarnt_am=jetzt - timedelta(days=3),
        ),
        "mitglied_entfernt": MitgliedschaftFactory(
            verteiler=liste_nord,
            person=welt.hanna,
            status=Mitgliedschaft.Status.ENTFERNT,
            letzte_aktivitaet=jetzt - timedelta(days=300),
            gewarnt_am=jetzt - timedelta(days=40),
            entfernt_am=jetzt - timedelta(days=10),
        ),
        "werkstatt": _veranstaltung(
            alpha, welt.nord, "Werkstatt Alpha", anmeldung_erforderlich=True, plaetze=1
        ),
        "treffen": _veranstaltung(
            alpha,
            welt.nord,
            "Netzwerktreffen nur für Mitglieder",
            art=Veranstaltung.Art.NETZWERKTREFFEN,
            oeffentlich=False,
            verteiler=liste_nord,
        ),
        "entwurf_beta": _veranstaltung(
            beta, welt.suedost, "Entwurf-Beta-vertraulich", veroeffentlicht=False
        ),
    }


def _neue_veranstaltung(welt, **daten):
    return {
        "art": "werkstatt",
        "titel": "Nähwerkstatt",
        "beschreibung": "Wir nähen gemeinsam.",
        "organisation": welt.traeger_a.pk,
        "region": welt.nord.pk,
        "bezirk": welt.unterkunft_a.bezirk_id,
        "beginn": _zeit(10).isoformat(),
        "ende": _zeit(10, 3).isoformat(),
        "ort": "Gemeindesaal",
        "eintritt": "0.00",
        "anmeldung_erforderlich": True,
        "plaetze": 12,
        "sprachen": ["ar", "fa"],
        "veroeffentlicht": True,
        "uebersetzungen": {"ar": {"titel": "ورشة خياطة"}},
        **daten,
    }


# --- organisations ----------------------------------------------------------------------------


def test_an_organisation_contact_patches_the_steckbrief_of_its_own_organisation(
    welt, netz, client_als
):
    bildung = Arbeitsfeld.objects.get_or_create(name="Bildung und Sprachkurse")[0]
    sport = Arbeitsfeld.objects.get_or_create(name="Sport")[0]
    response = _patch(
        client_als(welt.org_a),
        "organisation-detail",
        welt.traeger_a.pk,
        {
            "art": "mso",
            "gemeinschaften": "syrische Familien",
            "sprachen": ["ar", "fa"],
            "arbeitsfelder": [bildung.pk, "Sport"],
            "beschreibung": "Wir beraten.",
            "kontakt_email": "kontakt@alpha.invalid",
            "uebersetzungen": {"ar": {"beschreibung": " نحن نقدم المشورة "}},
            "veroeffentlicht": True,
        },
    )
    assert response.status_code == 200, response.json()
    daten = response.json()
    assert sorted(daten["sprachen"]) == ["ar", "fa"]
    assert sorted(daten["arbeitsfelder"]) == sorted([bildung.pk, sport.pk])
    assert sorted(daten["arbeitsfelder_namen"]) == ["Bildung und Sprachkurse", "Sport"]
    assert daten["veroeffentlicht"] is True and daten["steckbrief_freigegeben_am"]
    alpha = Organisation.objects.get(pk=welt.traeger_a.pk)
    assert (alpha.art, alpha.gemeinschaften) == ("mso", "syrische Familien")
    assert set(alpha.sprachen.values_list("code", flat=True)) == {"ar", "fa"}
    assert alpha.uebersetzungen == {"ar": {"beschreibung": "نحن نقدم المشورة"}}
    assert alpha.veroeffentlicht

    zurueck = _patch(
        client_als(welt.org_a),
        "organisation-detail",
        welt.traeger_a.pk,
        {"veroeffentlicht": False},
    )
    assert zurueck.json()["veroeffentlicht"] is False
    alpha.refresh_from_db()
    assert alpha.steckbrief_freigegeben_am is None
    assert set(alpha.sprachen.values_list("code", flat=True)) == {"ar", "fa"}


def test_the_network_coordinations_fields_stay_read_only_for_the_organisation(
    welt, netz, client_als
):
    response = _patch(
        client_als(welt.org_a),
        "organisation-detail",
        welt.traeger_a.pk,
        {
            "region": welt.suedost.pk,
            "satzung_liegt_vor": True,
            "satzung_datum": "2020-01-01",
            "aufgenommen_am": "2021-01-01",
            "steckbrief_freigegeben_am": "2021-01-01T10:00:00Z",
            "name": "Träger Alpha e. V.",
        },
    )
    assert response.status_code == 200
    alpha = Organisation.objects.get(pk=welt.traeger_a.pk)
    assert alpha.name == "Träger Alpha e. V."
    assert (alpha.region, alpha.satzung_liegt_vor, alpha.satzung_datum) == (welt.nord, False, None)
    assert (alpha.aufgenommen_am, alpha.steckbrief_freigegeben_am) == (None, None)


def test_another_organisation_answers_404_while_hidden_and_403_once_its_steckbrief_is_public(
    welt, netz, client_als
):
    client = client_als(welt.org_a)
    beta = welt.traeger_b
    assert _patch(client, "organisation-detail", beta.pk, {"name": "Gekapert"}).status_code == 404
    assert client.get(_url("organisation-detail", beta.pk)).status_code == 404

    Organisation.objects.filter(pk=beta.pk).update(steckbrief_freigegeben_am=timezone.now())
    assert client.get(_url("organisation-detail", beta.pk)).status_code == 200
    assert _patch(client, "organisation-detail", beta.pk, {"name": "Gekapert"}).status_code == 403
    assert Organisation.objects.get(pk=beta.pk).name == "Träger Beta"


def test_statutes_and_admission_of_a_public_steckbrief_stay_with_its_contacts_and_coordination(
    welt, netz, client_als
):
    Organisation.objects.filter(pk=welt.traeger_a.pk).update(
        steckbrief_freigegeben_am=timezone.now(), satzung_liegt_vor=True
    )
    fremd = client_als(welt.freiwillig).get(_url("organisation-detail", welt.traeger_a.pk))
    eigen = client_als(welt.org_a).get(_url("organisation-detail", welt.traeger_a.pk))
    netzwerk = client_als(welt.rk_nord).get(_url("organisation-detail", welt.traeger_a.pk))

    assert fremd.status_code == 200
    assert "satzung_liegt_vor" not in fremd.json() and "aufgenommen_am" not in fremd.json()
    assert eigen.json()["satzung_liegt_vor"] is True
    assert netzwerk.json()["satzung_liegt_vor"] is True


def test_the_network_coordination_reads_the_organisations_of_its_region_but_does_not_edit_them(
    welt, netz, client_als
):
    Organisation.objects.filter(pk=welt.traeger_b.pk).update(
        steckbrief_freigegeben_am=timezone.now()
    )
    versteckt = OrganisationFactory(name="Verein ohne Steckbrief", region=welt.suedost)

    def namen(persona):
        return {o["name"] for o in _zeilen(client_als(persona).get(_url("organisation-list")))}

    assert {"Träger Alpha", "Träger Beta"} <= namen(welt.rk_nord)
    assert versteckt.name not in namen(welt.rk_nord)
    assert versteckt.name in namen(welt.rk_suedost)
    assert "Träger Alpha" not in namen(welt.rk_suedost)
    assert namen(welt.freiwillig) == {"Träger Beta"}
    assert namen(welt.org_a) == {"Träger Alpha", "Träger Beta"}

    response = _patch(
        client_als(welt.rk_nord), "organisation-detail", welt.traeger_a.pk, {"name": "Neu"}
    )
    assert response.status_code == 403


def test_anonymous_api_calls_to_organisations_get_401(welt, netz, client_als):
    assert client_als(None).get(_url("organisation-list")).status_code == 401


@pytest.mark.parametrize(
    ("uebersetzungen", "meldung"),
    [
        (
            {"xx": {"beschreibung": "Text"}},
            "Die Sprache „xx“ wird nicht unterstützt. Möglich sind: en, ar, fa, uk, ru, tr.",
        ),
        ({"en": {"name": "Alpha"}}, "Diese Felder lassen sich nicht übersetzen: name."),
        (["ar"], "Übersetzungen werden als Zuordnung Sprache → Felder angegeben."),
    ],
)
def test_an_unsupported_translation_answers_400_with_the_reason_and_changes_nothing(
    welt, netz, client_als, uebersetzungen, meldung
):
    response = _patch(
        client_als(welt.org_a),
        "organisation-detail",
        welt.traeger_a.pk,
        {"name": "Umbenannt", "uebersetzungen": uebersetzungen, "veroeffentlicht": True},
    )
    assert response.status_code == 400
    assert response.json()["uebersetzungen"] == [meldung]
    alpha = Organisation.objects.get(pk=welt.traeger_a.pk)
    assert (alpha.name, alpha.uebersetzungen, alpha.veroeffentlicht) == (
        "Träger Alpha",
        {},
        False,
    )


def test_an_unknown_language_code_in_the_languages_answers_400_and_changes_nothing(
    welt, netz, client_als
):
    response = _patch(
        client_als(welt.org_a),
        "organisation-detail",
        welt.traeger_a.pk,
        {"sprachen": ["ar", "xx"], "arbeitsfelder": ["Unbekanntes Feld"]},
    )
    assert response.status_code == 400
    assert response.json()["sprachen"] == ["Die Sprache „xx“ ist unbekannt."]
    assert response.json()["arbeitsfelder"] == ["Das Arbeitsfeld „Unbekanntes Feld“ gibt es nicht."]
    assert not welt.traeger_a.sprachen.exists()


# --- distribution lists -----------------------------------------------------------------------


def test_the_list_managers_see_their_lists_with_member_counts(welt, netz, client_als):
    def listen(persona):
        zeilen = _zeilen(client_als(persona).get(_url("netzwerk-verteiler-list")))
        return {v["name"]: (v["mitglieder"], v["inaktive"]) for v in zeilen}

    # the removed member no longer counts; Bea (warned) still does
    assert listen(welt.rk_nord) == {"Netzwerk Nord": (2, 1), "Freundeskreis Alpha": (0, 0)}
    assert listen(welt.org_a) == {"Freundeskreis Alpha": (0, 0)}
    assert listen(welt.rk_suedost) == {}
    assert listen(welt.freiwillig) == {}
    detail = client_als(welt.rk_nord).get(_url("netzwerk-verteiler-detail", netz["liste_nord"].pk))
    assert (detail.json()["region_name"], detail.json()["organisation_name"]) == (
        "Berlin-Nord",
        None,
    )
    nord = netz["liste_nord"].pk
    for persona in (welt.org_a, welt.org_b, welt.freiwillig):
        assert client_als(persona).get(_url("netzwerk-verteiler-detail", nord)).status_code == 404


def test_members_of_a_list_are_visible_to_its_manager_without_their_unsubscribe_token(
    welt, netz, client_als
):
    liste = netz["liste_nord"]
    response = client_als(welt.rk_nord).get(
        _url("netzwerk-mitgliedschaft-list"), {"verteiler": liste.pk}
    )
    mitglieder = {m["name"]: m for m in _zeilen(response)}
    assert set(mitglieder) == {"Träger Alpha", "Bea Bewerberin", "Hanna Helferin"}
    bea = mitglieder["Bea Bewerberin"]
    assert (bea["status"], bea["letzte_aktivitaet_art"], bea["person"]) == (
        "inaktiv",
        "treffen",
        welt.bea.pk,
    )
    assert bea["gewarnt_am"] and bea["letzte_aktivitaet"] and bea["entfernt_am"] is None
    assert mitglieder["Hanna Helferin"]["entfernt_am"]
    assert mitglieder["Träger Alpha"]["organisation"] == welt.traeger_a.pk

    detail = client_als(welt.rk_nord).get(
        _url("netzwerk-mitgliedschaft-detail", netz["mitglied_bea"].pk)
    )
    for antwort in (response, detail):
        assert "abmeldetoken" not in antwort.content.decode()
        for mitgliedschaft in Mitgliedschaft.objects.all():
            assert mitgliedschaft.abmeldetoken not in antwort.content.decode()


@pytest.mark.parametrize("persona", ["org_a", "freiwillig", "rk_suedost", "ek_a"])
def test_members_of_a_list_are_invisible_to_organisation_contacts_and_volunteers(
    welt, netz, client_als, persona
):
    """Träger Alpha is on Nord's list, so org_a is a member: members do not see each other."""
    client = client_als(welt.personas[persona])
    liste = netz["liste_nord"]
    assert _zeilen(client.get(_url("netzwerk-mitgliedschaft-list"))) == []
    assert _zeilen(client.get(_url("netzwerk-mitgliedschaft-list"), {"verteiler": liste.pk})) == []
    for mitgliedschaft in ("mitglied_alpha", "mitglied_bea"):
        url = _url("netzwerk-mitgliedschaft-detail", netz[mitgliedschaft].pk)
        assert client.get(url).status_code == 404


def test_an_organisation_running_its_own_list_sees_its_members_only(welt, netz, client_als):
    _mitglied(netz["liste_alpha"], person=welt.freiwillig)
    zeilen = _zeilen(client_als(welt.org_a).get(_url("netzwerk-mitgliedschaft-list")))
    assert [(m["name"], m["verteiler_name"]) for m in zeilen] == [
        ("Finn Freiwillig", "Freundeskreis Alpha")
    ]


def test_anonymous_api_calls_to_lists_and_members_get_401(welt, netz, client_als):
    client = client_als(None)
    assert client.get(_url("netzwerk-verteiler-list")).status_code == 401
    assert client.get(_url("netzwerk-mitgliedschaft-list")).status_code == 401


# --- events -----------------------------------------------------------------------------------


def _titel(response):
    return {v["titel"] for v in _zeilen(response)}


def test_signed_in_people_see_published_events_members_their_list_events_and_runners_drafts(
    welt, netz, client_als
):
    def titel(persona):
        return _titel(client_als(persona).get(_url("netzwerk-veranstaltung-list")))

    mitglieder = "Netzwerktreffen nur für Mitglieder"
    assert titel(welt.freiwillig) == {"Werkstatt Alpha"}
    # Träger Alpha is on Nord's list; Bea is on it herself (inactive still receives)
    assert titel(welt.org_a) == {"Werkstatt Alpha", mitglieder}
    assert titel(welt.bea) == {"Werkstatt Alpha", mitglieder}
    assert titel(welt.hanna) == {"Werkstatt Alpha"}  # removed from the list
    assert titel(welt.org_b) == {"Werkstatt Alpha", "Entwurf-Beta-vertraulich"}
    assert titel(welt.rk_suedost) == {"Werkstatt Alpha", "Entwurf-Beta-vertraulich"}

    client = client_als(welt.freiwillig)
    assert client.get(_url("netzwerk-veranstaltung-detail", netz["treffen"].pk)).status_code == 404
    entwurf = netz["entwurf_beta"].pk
    assert client.get(_url("netzwerk-veranstaltung-detail", entwurf)).status_code == 404
    werkstatt = client.get(_url("netzwerk-veranstaltung-detail", netz["werkstatt"].pk)).json()
    assert (werkstatt["plaetze"], werkstatt["belegt"], werkstatt["wartend"], werkstatt["frei"]) == (
        1,
        0,
        0,
        1,
    )
    assert (werkstatt["organisation_name"], werkstatt["region_name"]) == (
        "Träger Alpha",
        "Berlin-Nord",
    )


def test_anonymous_api_calls_to_events_get_401(welt, netz, client_als):
    client = client_als(None)
    assert client.get(_url("netzwerk-veranstaltung-list")).status_code == 401
    werkstatt = netz["werkstatt"].pk
    assert client.get(_url("netzwerk-veranstaltung-detail", werkstatt)).status_code == 401
    assert (
        _post(client, "netzwerk-veranstaltung-list", daten=_neue_veranstaltung(welt)).status_code
        == 401
    )


def test_an_organisation_contact_creates_an_event_of_its_own_organisation(welt, netz, client_als):
    response = _post(
        client_als(welt.org_a), "netzwerk-veranstaltung-list", daten=_neue_veranstaltung(welt)
    )
    assert response.status_code == 201, response.json()
    daten = response.json()
    assert (daten["belegt"], daten["wartend"], daten["frei"], daten["abgesagt"]) == (
        0,
        0,
        12,
        False,
    )
    veranstaltung = Veranstaltung.objects.get(pk=daten["id"])
    assert (veranstaltung.organisation, veranstaltung.region) == (welt.traeger_a, welt.nord)
    assert veranstaltung.erstellt_von == welt.org_a
    assert set(veranstaltung.sprachen.values_list("code", flat=True)) == {"ar", "fa"}
    assert veranstaltung.text("titel", "ar").text == "ورشة خياطة"
    # the new event is the organisation's to change
    assert (
        _patch(
            client_als(welt.org_a), "netzwerk-veranstaltung-detail", daten["id"], {"plaetze": 20}
        ).json()["frei"]
        == 20
    )


def test_the_network_coordination_creates_an_event_of_its_region_without_an_organisation(
    welt, netz, client_als
):
    daten = _neue_veranstaltung(
        welt,
        organisation=None,
        art="netzwerktreffen",
        titel="Netzwerktreffen Nord",
        oeffentlich=False,
        verteiler=netz["liste_nord"].pk,
    )
    response = _post(client_als(welt.rk_nord), "netzwerk-veranstaltung-list", daten=daten)
    assert response.status_code == 201, response.json()
    veranstaltung = Veranstaltung.objects.get(pk=response.json()["id"])
    assert (veranstaltung.organisation, veranstaltung.verteiler) == (None, netz["liste_nord"])

    # an organisation contact presents events of its organisation, never the coordination's
    daten.update(oeffentlich=True, verteiler=None)
    response = _post(client_als(welt.org_a), "netzwerk-veranstaltung-list", daten=daten)
    assert response.status_code == 400
    assert response.json()["organisation"] == ["Bitte die veranstaltende Organisation angeben."]


@pytest.mark.parametrize("persona", ["freiwillig", "ek_a", "fortbildung"])
def test_people_who_present_no_events_get_403_when_creating_one(welt, netz, client_als, persona):
    vorher = Veranstaltung.objects.count()
    response = _post(
        client_als(welt.personas[persona]),
        "netzwerk-veranstaltung-list",
        daten=_neue_veranstaltung(welt),
    )
    assert response.status_code == 403
    assert Veranstaltung.objects.count() == vorher


@pytest.mark.parametrize(
    ("persona", "aenderung", "feld"),
    [
        ("org_a", {"organisation": "traeger_b"}, "organisation"),
        ("org_a", {"region": "suedost"}, "region"),
        ("org_a", {"verteiler": "liste_nord"}, "verteiler"),
        ("rk_suedost", {"organisation": None}, "region"),
    ],
)
def test_foreign_organisations_regions_and_lists_are_refused_when_creating_an_event(
    welt, netz, client_als, persona, aenderung, feld
):
    objekte = {"traeger_b": welt.traeger_b.pk, "suedost": welt.suedost.pk}
    objekte["liste_nord"] = netz["liste_nord"].pk
    daten = _neue_veranstaltung(
        welt, **{k: objekte.get(v) if v else None for k, v in aenderung.items()}
    )
    vorher = Veranstaltung.objects.count()
    response = _post(client_als(welt.personas[persona]), "netzwerk-veranstaltung-list", daten=daten)
    assert response.status_code == 400
    assert feld in response.json()
    assert Veranstaltung.objects.count() == vorher


@pytest.mark.parametrize(
    ("aenderung", "feld", "meldung"),
    [
        ({"ende": _zeit(9).isoformat()}, "ende", "Das Ende muss nach dem Beginn liegen."),
        ({"eintritt": "-5.00"}, "eintritt", None),
        ({"sprachen": ["ar", "xx"]}, "sprachen", "Die Sprache „xx“ ist unbekannt."),
        (
            {"uebersetzungen": {"xx": {"titel": "?"}}},
            "uebersetzungen",
            "Die Sprache „xx“ wird nicht unterstützt. Möglich sind: en, ar, fa, uk, ru, tr.",
        ),
        (
            {"uebersetzungen": {"en": {"ort": "Hall"}}},
            "uebersetzungen",
            "Diese Felder lassen sich nicht übersetzen: ort.",
        ),
        (
            {"art": "onlineseminar", "ort": ""},
            "online_link",
            "Ein Online-Seminar braucht einen Link zur Teilnahme.",
        ),
        (
            {"anmeldung_erforderlich": False},
            "plaetze",
            "Plätze werden nur bei Veranstaltungen mit Anmeldung gezählt.",
        ),
    ],
)
def test_an_invalid_event_answers_400_with_field_messages_and_creates_nothing(
    welt, netz, client_als, aenderung, feld, meldung
):
    vorher = Veranstaltung.objects.count()
    response = _post(
        client_als(welt.org_a),
        "netzwerk-veranstaltung-list",
        daten=_neue_veranstaltung(welt, **aenderung),
    )
    assert response.status_code == 400
    assert list(response.json()) == [feld]
    if meldung:
        assert response.json()[feld] == [meldung]
    assert Veranstaltung.objects.count() == vorher


def test_the_presenting_organisation_and_the_regions_coordination_change_an_event(
    welt, netz, client_als
):
    werkstatt = netz["werkstatt"]
    response = _patch(
        client_als(welt.org_a),
        "netzwerk-veranstaltung-detail",
        werkstatt.pk,
        {"titel": "Werkstatt Alpha (neu)", "sprachen": ["uk"], "abgesagt": True},
    )
    assert response.status_code == 200, response.json()
    assert (response.json()["sprachen"], response.json()["abgesagt"]) == (["uk"], False)
    # the coordination of Nord changes it too, and the organisation stays what it was
    response = _patch(
        client_als(welt.rk_nord),
        "netzwerk-veranstaltung-detail",
        werkstatt.pk,
        {"ort": "Rathaus Pankow", "organisation": welt.traeger_a.pk},
    )
    assert response.status_code == 200, response.json()
    werkstatt.refresh_from_db()
    assert (werkstatt.titel, werkstatt.ort, werkstatt.abgesagt) == (
        "Werkstatt Alpha (neu)",
        "Rathaus Pankow",
        False,
    )
    assert werkstatt.sequenz == 1  # moved: calendars learn of it


def test_an_event_whose_creator_left_the_platform_can_still_be_changed(welt, netz, client_als):
    werkstatt = netz["werkstatt"]
    Veranstaltung.objects.filter(pk=werkstatt.pk).update(erstellt_von=None)
    response = _patch(
        client_als(welt.org_a), "netzwerk-veranstaltung-detail", werkstatt.pk, {"titel": "Neu"}
    )
    assert response.status_code == 200, response.json()


def test_others_get_403_for_a_visible_event_and_404_for_a_hidden_one(welt, netz, client_als):
    client = client_als(welt.org_b)
    werkstatt = _patch(
        client, "netzwerk-veranstaltung-detail", netz["werkstatt"].pk, {"titel": "Gekapert"}
    )
    treffen = _patch(
        client, "netzwerk-veranstaltung-detail", netz["treffen"].pk, {"titel": "Gekapert"}
    )
    assert (werkstatt.status_code, treffen.status_code) == (403, 404)
    assert not Veranstaltung.objects.filter(titel="Gekapert").exists()


def test_a_change_ending_before_the_start_answers_400_and_changes_nothing(welt, netz, client_als):
    werkstatt = netz["werkstatt"]
    response = _patch(
        client_als(welt.org_a),
        "netzwerk-veranstaltung-detail",
        werkstatt.pk,
        {"titel": "Umbenannt", "ende": (werkstatt.beginn - timedelta(hours=1)).isoformat()},
    )
    assert response.status_code == 400
    assert response.json() == {"ende": ["Das Ende muss nach dem Beginn liegen."]}
    assert Veranstaltung.objects.get(pk=werkstatt.pk).titel == "Werkstatt Alpha"


# --- registrations and the waiting list -------------------------------------------------------


def test_registering_for_a_full_event_waits_and_a_cancellation_moves_the_first_waiting_up(
    welt, netz, client_als
):
    werkstatt = netz["werkstatt"]
    erste = _post(client_als(welt.freiwillig), "netzwerk-veranstaltung-anmelden", werkstatt.pk)
    assert erste.status_code == 201, erste.json()
    assert (erste.json()["status"], erste.json()["warteposition"]) == ("angemeldet", None)
    zweite = _post(client_als(welt.bea), "netzwerk-veranstaltung-anmelden", werkstatt.pk)
    dritte = _post(client_als(welt.hanna), "netzwerk-veranstaltung-anmelden", werkstatt.pk)
    assert (zweite.json()["status"], zweite.json()["warteposition"]) == ("wartend", 1)
    assert (dritte.json()["status"], dritte.json()["warteposition"]) == ("wartend", 2)
    detail = client_als(welt.org_a).get(_url("netzwerk-veranstaltung-detail", werkstatt.pk))
    assert (detail.json()["belegt"], detail.json()["wartend"], detail.json()["frei"]) == (1, 2, 0)

    abgemeldet = _post(
        client_als(welt.freiwillig), "netzwerk-anmeldung-abmelden", erste.json()["id"]
    )
    assert abgemeldet.status_code == 200, abgemeldet.json()
    assert abgemeldet.json()["status"] == "abgemeldet" and abgemeldet.json()["abgemeldet_am"]

    bea = client_als(welt.bea).get(_url("netzwerk-anmeldung-detail", zweite.json()["id"])).json()
    assert (bea["status"], bea["warteposition"]) == ("angemeldet", None) and bea["nachgerueckt_am"]
    hanna = client_als(welt.hanna).get(_url("netzwerk-anmeldung-detail", dritte.json()["id"]))
    assert (hanna.json()["status"], hanna.json()["warteposition"]) == ("wartend", 1)
    assert Notice.objects.filter(empfaenger=welt.bea, art="veranstaltung_nachgerueckt").exists()
    assert not Notice.objects.filter(
        empfaenger=welt.hanna, art="veranstaltung_nachgerueckt"
    ).exists()


def test_a_refused_registration_answers_400_with_the_reason_and_registers_nobody(
    welt, netz, client_als
):
    client = client_als(welt.freiwillig)
    ohne_anmeldung = _veranstaltung(welt.traeger_a, welt.nord, "Offenes Fest", art="fest")
    response = _post(client, "netzwerk-veranstaltung-anmelden", ohne_anmeldung.pk)
    assert response.status_code == 400
    assert _fehler(response) == (
        "Für diese Veranstaltung braucht es keine Anmeldung: kommen Sie einfach."
    )
    assert _post(client, "netzwerk-veranstaltung-anmelden", netz["werkstatt"].pk).status_code == 201
    zweimal = _post(client, "netzwerk-veranstaltung-anmelden", netz["werkstatt"].pk)
    assert (zweimal.status_code, _fehler(zweimal)) == (400, "Sie sind bereits angemeldet.")
    assert Veranstaltungsanmeldung.objects.filter(person=welt.freiwillig).count() == 1
    # an event one does not see cannot be registered for
    treffen = _post(client, "netzwerk-veranstaltung-anmelden", netz["treffen"].pk)
    assert treffen.status_code == 404
    anonym = _post(client_als(None), "netzwerk-veranstaltung-anmelden", netz["werkstatt"].pk)
    assert anonym.status_code == 401


def test_the_registrations_list_shows_ones_own_and_those_of_the_events_one_runs(
    welt, netz, client_als
):
    werkstatt = netz["werkstatt"]
    for person in (welt.freiwillig, welt.bea):
        _post(client_als(person), "netzwerk-veranstaltung-anmelden", werkstatt.pk)

    def personen(persona, **filter):
        zeilen = _zeilen(client_als(persona).get(_url("netzwerk-anmeldung-list"), filter))
        return {a["person_name"] for a in zeilen}

    assert personen(welt.freiwillig) == {"Finn Freiwillig"}
    assert personen(welt.org_a) == {"Finn Freiwillig", "Bea Bewerberin"}
    assert personen(welt.rk_nord) == {"Finn Freiwillig", "Bea Bewerberin"}
    assert personen(welt.org_a, eigene="true") == set()
    assert personen(welt.org_a, veranstaltung=werkstatt.pk, status="wartend") == {"Bea Bewerberin"}
    assert personen(welt.org_b) == set()
    assert personen(welt.rk_suedost) == set()

    finn = Veranstaltungsanmeldung.objects.get(person=welt.freiwillig)
    for persona in (welt.org_b, welt.bea):
        client = client_als(persona)
        assert client.get(_url("netzwerk-anmeldung-detail", finn.pk)).status_code == 404
        assert _post(client, "netzwerk-anmeldung-abmelden", finn.pk).status_code == 404
    finn.refresh_from_db()
    assert finn.status == "angemeldet"


def test_cancelling_twice_answers_400_with_the_reason(welt, netz, client_als):
    client = client_als(welt.freiwillig)
    anmeldung = _post(client, "netzwerk-veranstaltung-anmelden", netz["werkstatt"].pk).json()
    assert _post(client, "netzwerk-anmeldung-abmelden", anmeldung["id"]).status_code == 200
    noch_einmal = _post(client, "netzwerk-anmeldung-abmelden", anmeldung["id"])
    assert noch_einmal.status_code == 400
    assert _fehler(noch_einmal) == "Diese Anmeldung ist schon storniert."


# --- query counts -----------------------------------------------------------------------------


def _fuellen_organisationen(welt, netz, n):
    sprachen = list(Sprache.objects.filter(code__in=["ar", "fa"]))
    felder = [Arbeitsfeld.objects.get_or_create(name=name)[0] for name in ("Sport", "Frauen")]
    organisationen = OrganisationFactory.create_batch(n, region=welt.nord)
    for organisation in organisationen:
        roles.rolle("organisationskontakt").grant(welt.org_a, organisation)
        organisation.sprachen.set(sprachen)
        organisation.arbeitsfelder.set(felder)
    return [organisation.name for organisation in organisationen]


def _fuellen_verteiler(welt, netz, n):
    listen = []
    for i in range(n):
        liste = VerteilerFactory(
            name=f"Liste {Verteiler.objects.count():03}",
            region=welt.nord,
            organisation=welt.traeger_a if i % 2 else None,
        )
        _mitglied(liste, person=UserFactory())
        listen.append(liste.name)
    return listen


def _fuellen_mitgliedschaften(welt, netz, n):
    namen = []
    for i in range(n):
        wer = {"organisation": OrganisationFactory()} if i % 2 else {"person": UserFactory()}
        namen.append(_mitglied(netz["liste_nord"], **wer).name)
    return namen


def _fuellen_veranstaltungen(welt, netz, n):
    sprachen = list(Sprache.objects.filter(code__in=["ar", "uk"]))
    titel = []
    for _ in range(n):
        veranstaltung = _veranstaltung(
            welt.traeger_a,
            welt.nord,
            f"Veranstaltung {Veranstaltung.objects.count():03}",
            bezirk=welt.unterkunft_a.bezirk,
            anmeldung_erforderlich=True,
            plaetze=3,
        )
        veranstaltung.sprachen.set(sprachen)
        VeranstaltungsanmeldungFactory(veranstaltung=veranstaltung)
        titel.append(veranstaltung.titel)
    return titel


def _fuellen_anmeldungen(welt, netz, n):
    namen = []
    for _ in range(n):
        person = UserFactory()
        VeranstaltungsanmeldungFactory(
            veranstaltung=netz["werkstatt"], person=person, status="wartend"
        )
        namen.append(person.anzeigename)
    return namen


LISTEN = {
    "organisation-list": ("org_a", _fuellen_organisationen),
    "netzwerk-verteiler-list": ("rk_nord", _fuellen_verteiler),
    "netzwerk-mitgliedschaft-list": ("rk_nord", _fuellen_mitgliedschaften),
    "netzwerk-veranstaltung-list": ("org_a", _fuellen_veranstaltungen),
    "netzwerk-anmeldung-list": ("org_a", _fuellen_anmeldungen),
}


def _abfragen(client, route):
    with CaptureQueriesContext(connection) as abfragen:
        response = client.get(_url(route), {"page_size": 100})
    assert response.status_code == 200
    return len(abfragen), response


@pytest.mark.parametrize("route", sorted(LISTEN))
def test_a_list_costs_as_many_queries_for_50_rows_as_for_5(welt, netz, client_als, route):
    persona, fuellen = LISTEN[route]
    client = client_als(welt.personas[persona])
    texte = fuellen(welt, netz, 5)
    wenige, _antwort = _abfragen(client, route)
    texte += fuellen(welt, netz, 45)
    viele, antwort = _abfragen(client, route)
    assert viele == wenige, f"{route}: {wenige} queries with 5 rows, {viele} with 50"
    inhalt = antwort.content.decode()
    assert all(f'"{text}"' in inhalt for text in texte)


def test_a_moment_before_1900_is_refused_with_a_sentence_and_changes_nothing(
    netz, welt, client_als
):
    # Berlin kept local mean time then (+00:53:28): such a moment cannot be written back
    werkstatt = netz["werkstatt"]
    vorher = werkstatt.beginn
    antwort = _patch(
        client_als(welt.org_a),
        "netzwerk-veranstaltung-detail",
        werkstatt.pk,
        {"beginn": "0225-01-01T10:00:00+01:00"},
    )
    assert antwort.status_code == 400
    assert antwort.json()["beginn"] == ["Bitte geben Sie einen Zeitpunkt ab dem Jahr 1900 an."]
    werkstatt.refresh_from_db()
    assert werkstatt.beginn == vorher
