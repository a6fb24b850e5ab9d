"""Organisations of the network: the Steckbrief edited by the organisation's contact and
published only with its consent, the public directory with its filters and languages, and
the admission steps recorded by the network coordination."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from common.models import Notice, Sprache
from common.workflow import NichtMoeglich
from netzwerk import services
from netzwerk.models import (
    Arbeitsfeld,
    Aufnahmeschritt,
    Mitgliedschaft,
    Organisation,
    Veranstaltung,
    Verteilerereignis,
)
from regionen.models import Bezirk
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

ARABISCH = "نحن جمعية للعائلات السورية في بانكو."


def _steckbrief(organisation, **werte):
    """The edit form's data: the organisation as it is, changed by ``werte``."""
    daten = {
        "name": organisation.name,
        "art": organisation.art,
        "bezirk": organisation.bezirk_id or "",
        "beschreibung": "Wir sind ein Verein syrischer Familien in Pankow.",
        "angebote": "Hausaufgabenhilfe, Elterncafé",
        "kontakt_name": organisation.kontakt_name,
        "kontakt_email": organisation.kontakt_email,
        "sprachen": [Sprache.objects.get(code="ar").pk, Sprache.objects.get(code="de").pk],
        "arbeitsfelder": [Arbeitsfeld.objects.get(name="Kinder und Jugend").pk],
    }
    daten.update(werte)
    return {schluessel: wert for schluessel, wert in daten.items() if wert is not None}


def _bearbeiten(client, organisation, **werte):
    return client.post(
        reverse("netzwerk:organisation_bearbeiten", args=[organisation.pk]),
        _steckbrief(organisation, **werte),
        follow=True,
    )


def _im_verzeichnis(client=None, **filter):
    seite = (client or Client()).get(reverse("netzwerk:verzeichnis"), filter)
    assert seite.status_code == 200
    return [organisation.name for organisation in seite.context["organisation_list"]]


# --- the Steckbrief -----------------------------------------------------------------------------


def test_the_contact_publishes_the_steckbrief_with_an_arabic_translation_by_consenting(
    mso, mso_kontakt, client_als
):
    antwort = _bearbeiten(
        client_als(mso_kontakt), mso, beschreibung__ar=ARABISCH, steckbrief_freigeben="on"
    )
    assert antwort.redirect_chain[-1][0] == mso.get_absolute_url()
    assert "Der Steckbrief ist gespeichert und im Verzeichnis zu sehen." in (
        antwort.content.decode()
    )
    mso.refresh_from_db()
    assert mso.beschreibung == "Wir sind ein Verein syrischer Familien in Pankow."
    assert mso.uebersetzungen == {"ar": {"beschreibung": ARABISCH}}
    assert mso.steckbrief_freigegeben_am is not None
    assert sorted(mso.sprachen.values_list("code", flat=True)) == ["ar", "de"]
    assert _im_verzeichnis() == ["Al-Nour e. V."]
    assert Client().get(mso.get_absolute_url()).status_code == 200


def test_without_consent_the_steckbrief_is_saved_but_stays_private(
    welt, mso, mso_kontakt, client_als
):
    antwort = _bearbeiten(client_als(mso_kontakt), mso, beschreibung__ar=ARABISCH)
    assert "Der Steckbrief ist gespeichert; er ist nicht öffentlich." in antwort.content.decode()
    mso.refresh_from_db()
    assert mso.steckbrief_freigegeben_am is None
    assert mso.uebersetzungen == {"ar": {"beschreibung": ARABISCH}}
    assert "Al-Nour e. V." not in _im_verzeichnis()
    assert Client().get(mso.get_absolute_url()).status_code == 404
    assert client_als(welt.ek_a).get(mso.get_absolute_url()).status_code == 404


def test_withdrawing_consent_takes_the_steckbrief_out_of_the_directory(
    mso, mso_kontakt, client_als
):
    _bearbeiten(client_als(mso_kontakt), mso, steckbrief_freigeben="on")
    assert _im_verzeichnis() == ["Al-Nour e. V."]
    _bearbeiten(client_als(mso_kontakt), mso)
    mso.refresh_from_db()
    assert mso.steckbrief_freigegeben_am is None
    assert _im_verzeichnis() == []
    assert Client().get(mso.get_absolute_url()).status_code == 404


def test_saving_again_keeps_the_date_of_the_first_consent(mso, mso_kontakt, client_als):
    _bearbeiten(client_als(mso_kontakt), mso, steckbrief_freigeben="on")
    mso.refresh_from_db()
    erste = mso.steckbrief_freigegeben_am
    _bearbeiten(client_als(mso_kontakt), mso, angebote="Neu: Sprachcafé", steckbrief_freigeben="on")
    mso.refresh_from_db()
    assert mso.steckbrief_freigegeben_am == erste and mso.angebote == "Neu: Sprachcafé"


def test_another_organisations_edit_page_is_not_found(welt, mso, mso_kontakt, client_als):
    url = reverse("netzwerk:organisation_bearbeiten", args=[welt.traeger_a.pk])
    client = client_als(mso_kontakt)
    assert client.get(url).status_code == 404
    vorher = Organisation.objects.filter(pk=welt.traeger_a.pk).values().get()
    antwort = client.post(url, _steckbrief(welt.traeger_a, steckbrief_freigeben="on"))
    assert antwort.status_code == 404
    assert Organisation.objects.filter(pk=welt.traeger_a.pk).values().get() == vorher


@pytest.mark.parametrize("persona", ["org_a", "rk_nord", "ek_a", "freiwillig"])
def test_only_the_organisations_own_contacts_edit_its_steckbrief(welt, mso, client_als, persona):
    url = reverse("netzwerk:organisation_bearbeiten", args=[mso.pk])
    assert client_als(welt.personas[persona]).get(url).status_code == 404


def test_an_unsupported_language_in_the_translations_fails_validation_clearly(mso):
    mso.uebersetzungen = {"xx": {"beschreibung": "Text"}}
    with pytest.raises(ValidationError) as fehler:
        mso.full_clean()
    assert fehler.value.message_dict["uebersetzungen"] == [
        "Die Sprache „xx“ wird nicht unterstützt. Möglich sind: en, ar, fa, uk, ru, tr."
    ]


def test_a_field_that_is_not_translatable_fails_validation_clearly(mso):
    mso.uebersetzungen = {"ar": {"name": "النور"}}
    with pytest.raises(ValidationError) as fehler:
        mso.full_clean()
    assert fehler.value.message_dict["uebersetzungen"] == [
        "Diese Felder lassen sich nicht übersetzen: name."
    ]


# --- reading in Arabic --------------------------------------------------------------------------


@pytest.fixture
def veroeffentlicht(mso):
    """The organisation published, its description translated to Arabic, its offers not."""
    mso.beschreibung = "Wir sind ein Verein syrischer Familien in Pankow."
    mso.angebote = "Hausaufgabenhilfe"
    mso.uebersetzungen = {"ar": {"beschreibung": ARABISCH}}
    mso.steckbrief_freigegeben_am = timezone.now()
    mso.save()
    return mso


def _arabisch_gelesen(text):
    assert '<html lang="de" dir="rtl">' in text
    assert f'<p lang="ar" dir="rtl">{ARABISCH}</p>' in text
    assert "Wir sind ein Verein syrischer Familien" not in text


def test_a_reader_asking_for_arabic_gets_the_arabic_text_right_to_left(veroeffentlicht):
    seite = Client().get(veroeffentlicht.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="ar")
    text = seite.content.decode()
    _arabisch_gelesen(text)
    # nothing translated: German, marked as German and left to right
    assert '<p lang="de" dir="ltr">Hausaufgabenhilfe</p>' in text


def test_the_language_cookie_chooses_arabic_too(veroeffentlicht):
    client = Client()
    client.cookies["django_language"] = "ar"
    _arabisch_gelesen(client.get(veroeffentlicht.get_absolute_url()).content.decode())


def test_the_directory_shows_the_arabic_description_to_an_arabic_reader(veroeffentlicht):
    text = Client().get(reverse("netzwerk:verzeichnis"), HTTP_ACCEPT_LANGUAGE="ar").content
    assert f'lang="ar" dir="rtl">{ARABISCH}</p>' in text.decode()


def test_a_german_reader_gets_the_german_text(veroeffentlicht):
    text = Client().get(veroeffentlicht.get_absolute_url()).content.decode()
    assert '<html lang="de" dir="ltr">' in text
    assert '<p lang="de" dir="ltr">Wir sind ein Verein syrischer Familien in Pankow.</p>' in text
    assert ARABISCH not in text


def test_a_language_without_translations_falls_back_to_german(veroeffentlicht):
    text = Client().get(veroeffentlicht.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fa").content
    assert '<p lang="de" dir="ltr">Wir sind ein Verein' in text.decode()


# --- the directory's filters --------------------------------------------------------------------


@pytest.fixture
def verzeichnis(welt, mso):
    """Three published organisations and an unpublished one, differing in every filter."""
    pankow = Bezirk.objects.get(slug="pankow")
    neukoelln = Bezirk.objects.get(slug="neukoelln")
    jetzt = timezone.now()

    def eintrag(organisation, sprachen, arbeitsfeld, veroeffentlicht=True):
        organisation.steckbrief_freigegeben_am = jetzt if veroeffentlicht else None
        organisation.save()
        organisation.sprachen.set(Sprache.objects.filter(code__in=sprachen))
        organisation.arbeitsfelder.set(Arbeitsfeld.objects.filter(name=arbeitsfeld))
        return organisation

    eintrag(mso, ["ar", "de"], "Bildung und Sprachkurse")
    eintrag(
        OrganisationFactory(name="Ukrainischer Frauentreff", art="mso", bezirk=neukoelln),
        ["uk"],
        "Frauen",
    )
    eintrag(
        OrganisationFactory(name="Träger Gamma", art="traeger", bezirk=pankow),
        ["de"],
        "Beratung und Begleitung",
    )
    eintrag(
        OrganisationFactory(name="Stiller Verein", art="mso", bezirk=pankow),
        ["ar"],
        "Bildung und Sprachkurse",
        veroeffentlicht=False,
    )
    return {"pankow": pankow, "neukoelln": neukoelln}


def test_the_directory_lists_published_profiles_only(verzeichnis):
    assert _im_verzeichnis() == ["Al-Nour e. V.", "Träger Gamma", "Ukrainischer Frauentreff"]


def test_the_directory_filters_by_district(verzeichnis):
    assert _im_verzeichnis(bezirk=verzeichnis["pankow"].pk) == ["Al-Nour e. V.", "Träger Gamma"]
    assert _im_verzeichnis(bezirk=verzeichnis["neukoelln"].pk) == ["Ukrainischer Frauentreff"]


def test_the_directory_filters_by_language_code(verzeichnis):
    assert _im_verzeichnis(sprache="ar") == ["Al-Nour e. V."]
    assert _im_verzeichnis(sprache="de") == ["Al-Nour e. V.", "Träger Gamma"]


def test_the_directory_filters_by_field_of_work(verzeichnis):
    frauen = Arbeitsfeld.objects.get(name="Frauen")
    assert _im_verzeichnis(arbeitsfeld=frauen.pk) == ["Ukrainischer Frauentreff"]


def test_the_directory_filters_by_kind(verzeichnis):
    assert _im_verzeichnis(art="mso") == ["Al-Nour e. V.", "Ukrainischer Frauentreff"]
    assert _im_verzeichnis(art="traeger") == ["Träger Gamma"]


def test_the_directorys_filters_combine(verzeichnis):
    assert _im_verzeichnis(art="mso", bezirk=verzeichnis["pankow"].pk) == ["Al-Nour e. V."]
    assert _im_verzeichnis(art="mso", sprache="de") == ["Al-Nour e. V."]


def test_an_unknown_filter_value_is_ignored_and_the_other_filters_still_apply(verzeichnis):
    # e.g. an old link naming a language or district that no longer exists
    assert _im_verzeichnis(art="mso", sprache="xx") == ["Al-Nour e. V.", "Ukrainischer Frauentreff"]
    assert _im_verzeichnis(art="traeger", bezirk="999999") == ["Träger Gamma"]


def test_a_signed_in_reader_sees_the_same_directory_as_the_public(welt, verzeichnis, client_als):
    assert _im_verzeichnis(client_als(welt.freiwillig), sprache="ar") == ["Al-Nour e. V."]


# --- admission: the service ---------------------------------------------------------------------

HEUTE = timezone.localdate


def _schritt(organisation, welt, schritt, **daten):
    return services.aufnahmeschritt_erfassen(
        organisation, schritt, welt.rk_nord, daten.pop("datum", HEUTE()), **daten
    )


@pytest.fixture
def netzwerktreffen(veranstaltung_anlegen):
    return veranstaltung_anlegen(
        art=Veranstaltung.Art.NETZWERKTREFFEN,
        titel="Netzwerktreffen Nord",
        beginn=timezone.now() + timedelta(days=20),
    )


def _bis_satzung(organisation, welt):
    _schritt(organisation, welt, "erstkontakt")
    _schritt(organisation, welt, "erklaert")
    _schritt(organisation, welt, "satzung", satzung_datum=HEUTE() - timedelta(days=400))


def test_a_later_step_before_an_earlier_one_is_refused_naming_the_missing_step(welt, mso):
    with pytest.raises(NichtMoeglich) as fehler:
        _schritt(mso, welt, "satzung", satzung_datum=HEUTE())
    assert fehler.value.gruende == [
        "Zuerst ist dieser Schritt festzuhalten: Netzwerk und Regeln erklärt."
    ]
    assert not mso.aufnahmeschritte.exists()
    mso.refresh_from_db()
    assert not mso.satzung_liegt_vor


def test_the_steps_come_in_order_and_each_is_recorded_with_date_and_person(welt, mso):
    erster = _schritt(mso, welt, "erstkontakt", datum=HEUTE() - timedelta(days=7), notiz="Anruf")
    assert (erster.datum, erster.erledigt_von, erster.notiz) == (
        HEUTE() - timedelta(days=7),
        welt.rk_nord,
        "Anruf",
    )
    with pytest.raises(NichtMoeglich, match="Zuerst ist dieser Schritt festzuhalten: Satzung"):
        _schritt(mso, welt, "verteiler")
    assert mso.aufnahme_erledigt() == {"erstkontakt"}


def test_a_step_cannot_be_recorded_twice(welt, mso):
    _schritt(mso, welt, "erstkontakt")
    with pytest.raises(NichtMoeglich, match="bereits festgehalten"):
        _schritt(mso, welt, "erstkontakt")
    assert mso.aufnahmeschritte.count() == 1


def test_a_step_cannot_lie_in_the_future(welt, mso):
    with pytest.raises(NichtMoeglich, match="nicht in der Zukunft"):
        _schritt(mso, welt, "erstkontakt", datum=HEUTE() + timedelta(days=1))
    assert not mso.aufnahmeschritte.exists()


def test_the_statutes_step_records_that_the_statutes_are_on_file_and_their_date(welt, mso):
    _bis_satzung(mso, welt)
    mso.refresh_from_db()
    assert mso.satzung_liegt_vor is True
    assert mso.satzung_datum == HEUTE() - timedelta(days=400)


def test_the_statutes_step_needs_the_date_of_the_statutes(welt, mso):
    _schritt(mso, welt, "erstkontakt")
    _schritt(mso, welt, "erklaert")
    with pytest.raises(NichtMoeglich, match="Bitte das Datum der Satzung angeben."):
        _schritt(mso, welt, "satzung")
    mso.refresh_from_db()
    assert not mso.satzung_liegt_vor and mso.aufnahme_erledigt() == {"erstkontakt", "erklaert"}


def test_the_consent_step_puts_the_organisation_on_the_chosen_list(welt, mso, verteiler_nord):
    _bis_satzung(mso, welt)
    _schritt(mso, welt, "verteiler", verteiler=verteiler_nord)
    mitglied = Mitgliedschaft.objects.get(verteiler=verteiler_nord, organisation=mso)
    assert mitglied.status == "aktiv" and mitglied.letzte_aktivitaet_art == "beitritt"
    ereignis = Verteilerereignis.objects.get(mitgliedschaft=mitglied)
    assert (ereignis.art, ereignis.akteur) == ("aufgenommen", welt.rk_nord)


def test_the_consent_step_for_an_organisation_already_on_the_list_keeps_the_admission_going(
    welt, mso, verteiler_nord, aufnehmen, netzwerktreffen
):
    """Lists are imported before their members are admitted one by one: an organisation
    already on the chosen list consents and stays on it; the admission can go on."""
    mitglied = aufnehmen(verteiler_nord, organisation=mso)
    _bis_satzung(mso, welt)
    _schritt(mso, welt, "verteiler", verteiler=verteiler_nord)
    assert "verteiler" in mso.aufnahme_erledigt()
    assert list(verteiler_nord.mitgliedschaften.filter(organisation=mso)) == [mitglied]
    _schritt(mso, welt, "eingeladen", veranstaltung=netzwerktreffen)
    mso.refresh_from_db()
    assert mso.aufgenommen_am == HEUTE()


def test_the_consent_step_needs_a_list(welt, mso):
    _bis_satzung(mso, welt)
    with pytest.raises(NichtMoeglich, match="Bitte den Verteiler wählen"):
        _schritt(mso, welt, "verteiler")
    assert "verteiler" not in mso.aufnahme_erledigt()


def test_the_invitation_to_an_upcoming_network_meeting_completes_the_admission(
    welt, mso, mso_kontakt, verteiler_nord, netzwerktreffen
):
    _bis_satzung(mso, welt)
    _schritt(mso, welt, "verteiler", verteiler=verteiler_nord)
    _schritt(
        mso, welt, "eingeladen", veranstaltung=netzwerktreffen, datum=HEUTE() - timedelta(days=1)
    )
    mso.refresh_from_db()
    assert mso.aufgenommen_am == HEUTE() - timedelta(days=1)
    assert mso.aufnahme_erledigt() == set(Aufnahmeschritt.Schritt.values)
    einladung = Notice.objects.get(art="netzwerk_eingeladen")
    assert einladung.empfaenger == mso_kontakt and einladung.objekt == netzwerktreffen


def _bis_verteiler(mso, welt, verteiler):
    _bis_satzung(mso, welt)
    _schritt(mso, welt, "verteiler", verteiler=verteiler)


def test_the_invitation_needs_a_network_meeting(welt, mso, verteiler_nord, veranstaltung_anlegen):
    _bis_verteiler(mso, welt, verteiler_nord)
    werkstatt = veranstaltung_anlegen()
    for veranstaltung in (None, werkstatt):
        with pytest.raises(NichtMoeglich, match="Bitte das Netzwerktreffen wählen"):
            _schritt(mso, welt, "eingeladen", veranstaltung=veranstaltung)
    mso.refresh_from_db()
    assert mso.aufgenommen_am is None


def test_the_invitation_needs_a_meeting_that_is_still_to_come(
    welt, mso, verteiler_nord, netzwerktreffen
):
    _bis_verteiler(mso, welt, verteiler_nord)
    Veranstaltung.objects.filter(pk=netzwerktreffen.pk).update(
        beginn=timezone.now() - timedelta(days=2), ende=timezone.now() - timedelta(days=2, hours=-2)
    )
    netzwerktreffen.refresh_from_db()
    with pytest.raises(NichtMoeglich, match="Eingeladen wird zu einem kommenden Netzwerktreffen."):
        _schritt(mso, welt, "eingeladen", veranstaltung=netzwerktreffen)
    mso.refresh_from_db()
    assert mso.aufgenommen_am is None
    assert not Notice.objects.filter(art="netzwerk_eingeladen").exists()


def test_a_cancelled_meeting_is_no_invitation(welt, mso, verteiler_nord, netzwerktreffen):
    _bis_verteiler(mso, welt, verteiler_nord)
    services.veranstaltung_absagen(netzwerktreffen, welt.rk_nord)
    with pytest.raises(NichtMoeglich, match="kommenden Netzwerktreffen"):
        _schritt(mso, welt, "eingeladen", veranstaltung=netzwerktreffen)


# --- admission: the page ------------------------------------------------------------------------


def _festhalten(client, organisation, schritt, **daten):
    return client.post(
        reverse("netzwerk:aufnahmeschritt", args=[organisation.pk]),
        {"schritt": schritt, "datum": HEUTE().isoformat(), **daten},
        follow=True,
    )


def test_the_coordination_records_the_whole_admission_on_the_organisations_page(
    welt, mso, mso_kontakt, verteiler_nord, netzwerktreffen, client_als
):
    client = client_als(welt.rk_nord)
    seite = client.get(mso.get_absolute_url())
    assert seite.status_code == 200 and "Aufnahme ins Netzwerk" in seite.content.decode()
    for schritt, daten in [
        ("erstkontakt", {"notiz": "Beim Nachbarschaftsfest kennengelernt"}),
        ("erklaert", {}),
        ("satzung", {"satzung_datum": "2019-05-04"}),
        ("verteiler", {"verteiler": verteiler_nord.pk}),
        ("eingeladen", {"veranstaltung": netzwerktreffen.pk}),
    ]:
        antwort = _festhalten(client, mso, schritt, **daten)
        assert antwort.redirect_chain[-1][0] == mso.get_absolute_url()
        label = Aufnahmeschritt.Schritt(schritt).label
        assert f"Festgehalten: {label}." in antwort.content.decode()
    mso.refresh_from_db()
    assert mso.satzung_liegt_vor and mso.satzung_datum.isoformat() == "2019-05-04"
    assert mso.aufgenommen_am == HEUTE()
    assert verteiler_nord.mitgliedschaften.filter(organisation=mso, status="aktiv").exists()
    assert "Die Aufnahme ist abgeschlossen." in client.get(mso.get_absolute_url()).content.decode()


def test_the_page_refuses_a_step_out_of_order_naming_the_missing_step(welt, mso, client_als):
    antwort = _festhalten(client_als(welt.rk_nord), mso, "satzung", satzung_datum="2019-05-04")
    assert "Zuerst ist dieser Schritt festzuhalten: Netzwerk und Regeln erklärt." in (
        antwort.content.decode()
    )
    assert not mso.aufnahmeschritte.exists()
    mso.refresh_from_db()
    assert not mso.satzung_liegt_vor


@pytest.mark.parametrize("persona", ["rk_suedost", "org_a", "ek_a", "freiwillig", "verwaltung"])
def test_only_the_network_coordination_of_the_region_records_steps(welt, mso, client_als, persona):
    antwort = client_als(welt.personas[persona]).post(
        reverse("netzwerk:aufnahmeschritt", args=[mso.pk]),
        {"schritt": "erstkontakt", "datum": HEUTE().isoformat()},
    )
    # the administration's role reads figures only: refused before any object is looked up
    assert antwort.status_code == (403 if persona == "verwaltung" else 404)
    assert not mso.aufnahmeschritte.exists()


def test_the_organisations_own_contact_cannot_record_its_admission(mso, mso_kontakt, client_als):
    client = client_als(mso_kontakt)
    antwort = client.post(
        reverse("netzwerk:aufnahmeschritt", args=[mso.pk]),
        {"schritt": "erstkontakt", "datum": HEUTE().isoformat()},
    )
    assert antwort.status_code == 404
    assert not mso.aufnahmeschritte.exists()
    assert "Aufnahme ins Netzwerk" not in client.get(mso.get_absolute_url()).content.decode()


def test_an_anonymous_visitor_cannot_record_steps(mso):
    antwort = Client().post(
        reverse("netzwerk:aufnahmeschritt", args=[mso.pk]),
        {"schritt": "erstkontakt", "datum": HEUTE().isoformat()},
    )
    assert antwort.status_code == 302
    assert antwort["Location"].startswith(reverse("konten:login"))
    assert not mso.aufnahmeschritte.exists()


def test_the_coordination_sees_an_unpublished_organisation_of_its_region_with_a_notice(
    welt, mso, client_als
):
    text = client_als(welt.rk_nord).get(mso.get_absolute_url()).content.decode()
    assert "Dieser Steckbrief ist nicht öffentlich" in text
    assert client_als(welt.rk_suedost).get(mso.get_absolute_url()).status_code == 404
