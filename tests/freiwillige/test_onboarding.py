"""Self-registration through the pages: the mailed link, the password, the declarations gate
and pausing or ending the engagement."""

import html
import re
import time
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from freiwillige.erklaerungen import aktuelle_erklaerungen
from freiwillige.models import Bewerbung, Profil, Zustimmung
from freiwillige.registrierungslink import LINK_GUELTIG
from konten.models import User
from tests.bestaetigung import BESTAETIGT
from tests.factories import PASSWORT, ErklaerungFactory

pytestmark = pytest.mark.django_db

STARK = "Ein-langes-Passwort-zum-Helfen-7"
BESTAETIGEN_LINK = re.compile(r"https?://[^/\s]+(/freiwillige/registrieren/[^/\s]+/)")


@pytest.fixture
def registrieren(client, mailoutbox, django_capture_on_commit_callbacks):
    """registrieren(email) posts the sign-up form and returns the response (mail sent)."""

    def post(email, anzeigename="Rosa Neu", sprache="de"):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                reverse("freiwillige:registrieren"),
                {"anzeigename": anzeigename, "email": email, "sprache": sprache},
            )

    return post


def _link(mail) -> str:
    treffer = BESTAETIGEN_LINK.findall(mail.body)
    assert len(treffer) == 1, mail.body
    return treffer[0]


def _ohne_csrf(antwort) -> str:
    """The page without its CSRF token, which is masked differently on every render."""
    return re.sub(r"[A-Za-z0-9]{64}", "CSRF", antwort.content.decode())


def _passwort(client, link, passwort=STARK):
    return client.post(link, {"new_password1": passwort, "new_password2": passwort})


@pytest.fixture
def neu_bestaetigt(welt, client, registrieren, mailoutbox):
    """Rosa registered, followed the link and chose a password: signed in, nothing accepted."""
    registrieren("rosa@test.invalid")
    antwort = _passwort(client, _link(mailoutbox[0]))
    assert antwort.status_code == 302
    return User.objects.get(email="rosa@test.invalid")


# --- registration and the mailed link ------------------------------------------------------


def test_registering_mails_a_link_and_creates_no_account_yet(
    welt, client, registrieren, mailoutbox
):
    antwort = registrieren("Rosa@Test.invalid")
    assert antwort.status_code == 302
    assert antwort["Location"] == reverse("freiwillige:registriert")
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["rosa@test.invalid"]
    assert mailoutbox[0].subject == "Bitte bestätigen Sie Ihre E-Mail-Adresse"
    link = _link(mailoutbox[0])
    assert link.startswith("/freiwillige/registrieren/")
    assert reverse("freiwillige:bestaetigen", kwargs={"token": link.split("/")[-2]}) == link
    assert not User.objects.filter(email__iexact="rosa@test.invalid").exists()


def test_following_the_link_and_choosing_a_password_creates_the_volunteer(
    welt, client, registrieren, mailoutbox
):
    registrieren("rosa@test.invalid", anzeigename="Rosa Neu")
    link = _link(mailoutbox[0])
    seite = client.get(link)
    assert seite.status_code == 200
    inhalt = seite.content.decode()
    assert "Passwort wählen" in inhalt
    assert 'name="new_password1"' in inhalt and 'name="new_password2"' in inhalt
    assert "rosa@test.invalid" in inhalt

    antwort = _passwort(client, link)
    assert antwort.status_code == 302
    assert antwort["Location"] == reverse("freiwillige:erklaerungen")
    rosa = User.objects.get(email="rosa@test.invalid")
    assert rosa.is_active
    assert rosa.anzeigename == "Rosa Neu"
    assert rosa.check_password(STARK)
    assert Profil.objects.filter(person=rosa).exists()
    assert rosa.groups.filter(name="Freiwillige").exists()
    assert Group.objects.get(name="Freiwillige").user_set.filter(pk=rosa.pk).exists()
    assert client.session["_auth_user_id"] == str(rosa.pk)


def test_the_same_link_a_second_time_says_the_address_is_confirmed(
    welt, client, registrieren, mailoutbox
):
    registrieren("rosa@test.invalid")
    link = _link(mailoutbox[0])
    _passwort(client, link)
    client.logout()
    nochmal = client.get(link)
    assert nochmal.status_code == 410
    assert "bereits bestätigt" in nochmal.content.decode()
    # posting a password through it changes nothing either
    assert _passwort(client, link, "Ein-anderes-Passwort-99").status_code == 410
    assert User.objects.get(email="rosa@test.invalid").check_password(STARK)
    assert User.objects.filter(email="rosa@test.invalid").count() == 1


def test_a_tampered_link_is_invalid(welt, client, registrieren, mailoutbox):
    registrieren("rosa@test.invalid")
    link = _link(mailoutbox[0])
    token = link.split("/")[-2]
    falsch = token[:-1] + ("A" if token[-1] != "A" else "B")
    antwort = client.get(reverse("freiwillige:bestaetigen", kwargs={"token": falsch}))
    assert antwort.status_code == 410
    assert "ungültig" in antwort.content.decode()
    assert _passwort(client, reverse("freiwillige:bestaetigen", args=[falsch])).status_code == 410
    assert not User.objects.filter(email="rosa@test.invalid").exists()


def test_a_link_older_than_three_days_has_expired(
    welt, client, registrieren, mailoutbox, monkeypatch
):
    registrieren("rosa@test.invalid")
    link = _link(mailoutbox[0])
    # the signer's clock (and only its clock) moves three days and a minute on
    spaeter = time.time() + LINK_GUELTIG + 60
    monkeypatch.setattr(signing, "time", SimpleNamespace(time=lambda: spaeter))
    antwort = client.get(link)
    assert antwort.status_code == 410
    assert "abgelaufen" in antwort.content.decode()
    assert _passwort(client, link).status_code == 410
    assert not User.objects.filter(email="rosa@test.invalid").exists()


def test_a_link_within_three_days_still_works(welt, client, registrieren, mailoutbox, monkeypatch):
    registrieren("rosa@test.invalid")
    link = _link(mailoutbox[0])
    spaeter = time.time() + LINK_GUELTIG - 60
    monkeypatch.setattr(signing, "time", SimpleNamespace(time=lambda: spaeter))
    assert client.get(link).status_code == 200


def test_a_known_address_gets_a_login_hint_and_the_same_page(
    welt, client, registrieren, mailoutbox
):
    neu = registrieren("rosa@test.invalid")
    bekannt = registrieren("Freiwillig@Test.invalid", anzeigename="Finn Freiwillig")
    assert (neu.status_code, neu["Location"]) == (bekannt.status_code, bekannt["Location"])
    assert _ohne_csrf(client.get(neu["Location"])) == _ohne_csrf(client.get(bekannt["Location"]))

    assert len(mailoutbox) == 2
    hinweis = mailoutbox[1]
    assert hinweis.to == ["freiwillig@test.invalid"]
    assert hinweis.subject == "Sie haben bereits ein Konto"
    assert "/konten/anmelden/" in hinweis.body
    assert not BESTAETIGEN_LINK.search(hinweis.body)
    assert User.objects.filter(email__iexact="freiwillig@test.invalid").count() == 1


def test_a_weak_password_is_refused_and_no_account_is_created(
    welt, client, registrieren, mailoutbox
):
    registrieren("rosa@test.invalid")
    antwort = _passwort(client, _link(mailoutbox[0]), "123")
    assert antwort.status_code == 200
    inhalt = antwort.content.decode()
    assert "zu kurz" in inhalt
    assert 'aria-invalid="true"' in inhalt or "invalid-feedback" in inhalt
    assert not User.objects.filter(email="rosa@test.invalid").exists()
    assert "_auth_user_id" not in client.session


def test_two_different_passwords_are_refused(welt, client, registrieren, mailoutbox):
    registrieren("rosa@test.invalid")
    antwort = client.post(
        _link(mailoutbox[0]), {"new_password1": STARK, "new_password2": STARK + "x"}
    )
    assert antwort.status_code == 200
    assert not User.objects.filter(email="rosa@test.invalid").exists()


# --- the declarations gate -----------------------------------------------------------------


def _haken(erklaerungen) -> dict:
    return {f"erklaerung_{e.pk}": "on" for e in erklaerungen}


def test_right_after_verification_every_page_leads_to_the_declarations(neu_bestaetigt, client):
    ziel = reverse("freiwillige:erklaerungen")
    for name in ("freiwillige:bedarfe", "start", "freiwillige:profil", "freiwillige:bewerbungen"):
        antwort = client.get(reverse(name))
        assert antwort.status_code == 302, name
        assert antwort["Location"].startswith(ziel), name
    # a POST elsewhere is turned away too (no application before accepting)
    antwort = client.post(reverse("freiwillige:engagement"), {"status": "pausiert"})
    assert antwort["Location"] == ziel
    assert Profil.objects.get(person=neu_bestaetigt).status == "aktiv"
    seite = client.get(ziel).content.decode()
    for erklaerung in aktuelle_erklaerungen():
        assert erklaerung.titel in seite


def test_submitting_without_ticking_stores_nothing(neu_bestaetigt, client):
    ziel = reverse("freiwillige:erklaerungen")
    # what the browser sends with no box ticked: the hidden "next" (and the CSRF token)
    antwort = client.post(ziel, {"next": ""})
    assert antwort.status_code == 200
    assert "Bitte stimmen Sie dieser Erklärung zu." in antwort.content.decode()
    # one box ticked out of two is not enough either
    erste = aktuelle_erklaerungen()[:1]
    assert client.post(ziel, {"next": "", **_haken(erste)}).status_code == 200
    assert not Zustimmung.objects.filter(person=neu_bestaetigt).exists()
    assert client.get(reverse("freiwillige:bedarfe"))["Location"].startswith(ziel)


def test_ticking_all_stores_one_consent_per_declaration_and_opens_the_pages(neu_bestaetigt, client):
    vorher = timezone.now()
    aktuelle = aktuelle_erklaerungen()
    assert len(aktuelle) == 2
    antwort = client.post(
        reverse("freiwillige:erklaerungen"),
        {**_haken(aktuelle), "next": reverse("freiwillige:bedarfe")},
    )
    assert antwort.status_code == 302
    assert antwort["Location"] == reverse("freiwillige:bedarfe")
    zustimmungen = Zustimmung.objects.filter(person=neu_bestaetigt).select_related("erklaerung")
    assert sorted((z.erklaerung.art, z.erklaerung.version) for z in zustimmungen) == [
        ("datenschutz", 1),
        ("verschwiegenheit", 1),
    ]
    assert all(vorher <= z.zeitpunkt <= timezone.now() for z in zustimmungen)
    assert client.get(reverse("freiwillige:bedarfe")).status_code == 200
    assert client.get(reverse("start")).status_code == 200


def test_after_accepting_the_page_asked_for_opens_with_its_whole_query(neu_bestaetigt, client):
    gewollt = reverse("freiwillige:bewerbungen") + "?status=offen&page=1"
    umweg = client.get(gewollt)
    assert umweg["Location"].startswith(reverse("freiwillige:erklaerungen"))
    seite = client.get(umweg["Location"])
    weiter = re.search(r'name="next" value="([^"]*)"', seite.content.decode()).group(1)
    antwort = client.post(
        reverse("freiwillige:erklaerungen"),
        {"next": html.unescape(weiter), **_haken(aktuelle_erklaerungen())},
    )
    assert antwort["Location"] == gewollt


def test_a_new_version_asks_again_at_the_next_login_and_only_for_that_version(
    neu_bestaetigt, client
):
    client.post(reverse("freiwillige:erklaerungen"), _haken(aktuelle_erklaerungen()))
    neu = ErklaerungFactory(art="datenschutz", titel="Datenschutzhinweise, Fassung 2027")
    # still signed in: the session was checked at login, nothing changes mid-session
    assert client.get(reverse("freiwillige:bedarfe")).status_code == 200
    client.post(reverse("konten:logout"))

    anmeldung = client.post(
        reverse("konten:login"), {"username": "rosa@test.invalid", "password": STARK}, follow=True
    )
    assert anmeldung.redirect_chain[-1][0].startswith(reverse("freiwillige:erklaerungen"))
    inhalt = anmeldung.content.decode()
    assert neu.titel in inhalt
    assert re.findall(r'name="(erklaerung_\d+)"', inhalt) == [f"erklaerung_{neu.pk}"]
    assert "Verpflichtung zur Verschwiegenheit" not in inhalt
    assert client.get(reverse("freiwillige:bedarfe"))["Location"].startswith(
        reverse("freiwillige:erklaerungen")
    )

    client.post(reverse("freiwillige:erklaerungen"), _haken([neu]))
    assert Zustimmung.objects.filter(person=neu_bestaetigt, erklaerung=neu).exists()
    assert Zustimmung.objects.filter(person=neu_bestaetigt).count() == 3
    assert client.get(reverse("freiwillige:bedarfe")).status_code == 200


def test_a_volunteer_who_accepted_everything_logs_in_straight_to_the_start(welt, client):
    antwort = client.post(
        reverse("konten:login"), {"username": "freiwillig@test.invalid", "password": PASSWORT}
    )
    assert antwort["Location"] == reverse("start")
    assert client.get(reverse("start")).status_code == 200


# --- engagement ------------------------------------------------------------------------------


def test_pausing_shows_the_notice_on_the_matching_needs(welt, client_als):
    client = client_als(welt.freiwillig)
    antwort = client.post(reverse("freiwillige:engagement"), {"status": "pausiert"}, follow=True)
    assert "Ihr Engagement ist pausiert. Sie erhalten keine Vorschläge." in (
        antwort.content.decode()
    )
    assert Profil.objects.get(person=welt.freiwillig).status == "pausiert"
    bedarfe = client.get(reverse("freiwillige:bedarfe")).content.decode()
    assert "Ihr Engagement ist pausiert oder beendet." in bedarfe
    # the waiting application stays
    assert Bewerbung.objects.get(pk=welt.bewerbung_b.pk).status == "offen"


def test_ending_withdraws_the_waiting_application(welt, client_als):
    client = client_als(welt.freiwillig)
    antwort = client.post(
        reverse("freiwillige:engagement"), {**BESTAETIGT, "status": "beendet"}, follow=True
    )
    assert "Ihr Engagement ist beendet." in antwort.content.decode()
    assert Profil.objects.get(person=welt.freiwillig).status == "beendet"
    assert Bewerbung.objects.get(pk=welt.bewerbung_b.pk).status == "zurueckgezogen"


def test_an_unknown_status_changes_nothing(welt, client_als):
    client = client_als(welt.freiwillig)
    antwort = client.post(reverse("freiwillige:engagement"), {"status": "weg"}, follow=True)
    assert "Diesen Status gibt es nicht." in antwort.content.decode()
    assert Profil.objects.get(person=welt.freiwillig).status == "aktiv"
