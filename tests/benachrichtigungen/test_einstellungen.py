"""Switching groups of notices off: on the own preferences page, or with the link in a mail."""

import re
from urllib.parse import urlparse

import pytest
from django.test import Client
from django.urls import reverse

from benachrichtigungen.models import Einstellung, Kategorie, einstellung_von
from benachrichtigungen.tasks import notices_einsammeln
from common.models import Notice
from common.notices import notice_write
from freiwillige import services
from tests.factories import UserFactory, freiwillige_bereit

EINSTELLUNGEN = reverse("benachrichtigungen:einstellungen")
ALLE = sorted(Kategorie.values)
# what the form's radio buttons send besides the ticked groups
RHYTHMUS = {"digest": "woechentlich", "wochentag": "0"}


def _freiwillige(email, name):
    person = UserFactory(email=email, anzeigename=name)
    freiwillige_bereit(person)
    return person


@pytest.fixture
def bewerberin(welt):
    return _freiwillige("berta@test.invalid", "Berta Bewerberin")


def _abbestellen_pfad(mail) -> str:
    """The path of the one-click link a mail program reads from the header."""
    kopf = mail.message()["List-Unsubscribe"]
    assert kopf.startswith("<") and kopf.endswith(">"), kopf
    return urlparse(kopf[1:-1]).path


def _mail_an_ek_a(welt, person, mailoutbox):
    services.bewerbung_anlegen(person, welt.bedarf_a)
    notices_einsammeln()
    mails = [mail for mail in mailoutbox if mail.to == [welt.ek_a.email]]
    assert len(mails) == 1
    return mails[0]


def _abbestellt(person):
    return sorted(Einstellung.objects.get(person=person).abbestellt)


def _angehakt(html) -> set:
    felder = re.findall(r'<input[^>]*name="gewuenscht"[^>]*>', html)
    assert len(felder) == len(Kategorie.values), felder
    return {
        re.search(r'value="([^"]+)"', feld).group(1)
        for feld in felder
        if re.search(r"\schecked\b", feld)
    }


def _csrf(html) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


# --- one click from the mail -------------------------------------------------------------------


@pytest.mark.parametrize(
    "als",
    [
        {"data": "List-Unsubscribe=One-Click", "content_type": "application/x-www-form-urlencoded"},
        {"data": {"List-Unsubscribe": "One-Click"}},  # multipart/form-data
    ],
    ids=["urlencoded", "multipart"],
)
def test_one_click_unsubscribe_from_the_mail_header(welt, bewerberin, mailoutbox, als):
    einstellung_von(welt.bea)  # someone else with preferences of their own
    mail = _mail_an_ek_a(welt, bewerberin, mailoutbox)
    mailprogramm = Client(enforce_csrf_checks=True)  # no session, no CSRF token

    antwort = mailprogramm.post(_abbestellen_pfad(mail), **als)

    assert antwort.status_code == 200
    assert _abbestellt(welt.ek_a) == ["bewerbungen"]
    assert _abbestellt(welt.bea) == []

    # the next application is not mailed; a jour fixe invitation still is
    services.bewerbung_anlegen(_freiwillige("carl@test.invalid", "Carl Cello"), welt.bedarf_a)
    notice_write(welt.ek_a, "jourfixe_eingeladen", welt.serie_nord, titel="Jour fixe Nord")
    notices_einsammeln()
    assert [m.subject for m in mailoutbox] == [
        "Neue Bewerbung: Deutsch am Abend",
        "Einladung zum Jour fixe: Jour fixe Nord",
    ]
    assert Notice.objects.filter(ergebnis="abbestellt").count() == 1


def test_opening_the_link_asks_and_changes_nothing(welt, bewerberin, mailoutbox):
    pfad = _abbestellen_pfad(_mail_an_ek_a(welt, bewerberin, mailoutbox))

    antwort = Client().get(pfad)  # a link scanner, or the person before deciding

    assert antwort.status_code == 200
    html = antwort.content.decode()
    assert "Möchten Sie keine Mails zu „Bewerbungen und Einsätze“ mehr erhalten?" in html
    assert '<form method="post">' in html
    assert _abbestellt(welt.ek_a) == []


def test_confirming_on_the_page_switches_the_group_off_once(welt, bewerberin, mailoutbox):
    pfad = _abbestellen_pfad(_mail_an_ek_a(welt, bewerberin, mailoutbox))
    browser = Client(enforce_csrf_checks=True)
    seite = browser.get(pfad).content.decode()

    antwort = browser.post(pfad, {"csrfmiddlewaretoken": _csrf(seite)})
    assert antwort.status_code == 200
    assert "Sie erhalten keine Mails zu „Bewerbungen und Einsätze“ mehr." in (
        antwort.content.decode()
    )
    browser.post(pfad, {"csrfmiddlewaretoken": _csrf(seite)})

    assert Einstellung.objects.get(person=welt.ek_a).abbestellt == ["bewerbungen"]


@pytest.mark.parametrize("methode", ["get", "post"])
def test_an_unknown_token_answers_404_with_a_message(welt, methode):
    einstellung_von(welt.ek_a)
    pfad = reverse(
        "benachrichtigungen:abbestellen", kwargs={"token": "gibt-es-nicht", "was": "bewerbungen"}
    )

    mailprogramm = Client(enforce_csrf_checks=True)
    if methode == "get":
        antwort = mailprogramm.get(pfad)
    else:
        antwort = mailprogramm.post(
            pfad, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
        )

    assert antwort.status_code == 404
    assert "Dieser Link ist nicht mehr gültig." in antwort.content.decode()
    assert not Einstellung.objects.exclude(abbestellt=[]).exists()


def test_an_unknown_group_answers_404(welt):
    token = einstellung_von(welt.ek_a).abmeldetoken
    pfad = reverse("benachrichtigungen:abbestellen", kwargs={"token": token, "was": "alles"})

    antwort = Client(enforce_csrf_checks=True).post(
        pfad, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )

    assert antwort.status_code == 404
    assert _abbestellt(welt.ek_a) == []


# --- the own preferences page ------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_sign_in(welt, client):
    for antwort in (client.get(EINSTELLUNGEN), client.post(EINSTELLUNGEN, {"gewuenscht": []})):
        assert antwort.status_code == 302
        assert antwort["Location"].startswith(reverse("konten:login"))
    assert not Einstellung.objects.exists()


def test_everyone_sees_only_their_own_preferences(welt, client_als):
    bea = einstellung_von(welt.bea)
    bea.abbestellt = ["netzwerk", "fortbildung"]
    bea.save()
    ek_a = einstellung_von(welt.ek_a)
    ek_a.abbestellt = ["jourfixe"]
    ek_a.save()

    html = client_als(welt.ek_a).get(EINSTELLUNGEN).content.decode()
    assert "ek-a@test.invalid" in html
    assert "bea@test.invalid" not in html
    assert _angehakt(html) == {"bewerbungen", "fortbildung", "netzwerk"}

    html = client_als(welt.bea).get(EINSTELLUNGEN).content.decode()
    assert "bea@test.invalid" in html
    assert _angehakt(html) == {"bewerbungen", "jourfixe"}

    # a first visit starts with every group on
    assert _angehakt(client_als(welt.ek_b).get(EINSTELLUNGEN).content.decode()) == set(ALLE)


def test_unticking_a_group_saves_it_for_that_person_only(welt, bewerberin, client_als, mailoutbox):
    einstellung_von(welt.bea)
    client = client_als(welt.ek_a)

    antwort = client.post(
        EINSTELLUNGEN, {**RHYTHMUS, "gewuenscht": ["jourfixe", "fortbildung", "netzwerk"]}
    )

    assert antwort.status_code == 302
    assert antwort["Location"] == EINSTELLUNGEN
    assert _abbestellt(welt.ek_a) == ["bewerbungen"]
    assert _abbestellt(welt.bea) == []
    seite = client.get(EINSTELLUNGEN).content.decode()
    assert "Ihre Einstellungen sind gespeichert." in seite
    assert _angehakt(seite) == {"jourfixe", "fortbildung", "netzwerk"}

    services.bewerbung_anlegen(bewerberin, welt.bedarf_a)
    notices_einsammeln()
    assert mailoutbox == []
    assert Notice.objects.get().ergebnis == "abbestellt"

    # ticking it again switches it back on
    client.post(EINSTELLUNGEN, {**RHYTHMUS, "gewuenscht": ALLE})
    assert _abbestellt(welt.ek_a) == []


def test_unticking_every_group_in_the_form_switches_all_off(welt):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(welt.ek_a)
    seite = browser.get(EINSTELLUNGEN).content.decode()

    # a browser sends no checkbox at all, only the CSRF token
    antwort = browser.post(EINSTELLUNGEN, {**RHYTHMUS, "csrfmiddlewaretoken": _csrf(seite)})

    assert antwort.status_code == 302
    assert _abbestellt(welt.ek_a) == ALLE


def test_an_unknown_group_is_refused_and_nothing_saved(welt, client_als):
    antwort = client_als(welt.ek_a).post(
        EINSTELLUNGEN, {**RHYTHMUS, "gewuenscht": ["jourfixe", "alles"]}
    )

    assert antwort.status_code == 200
    assert "alles" in antwort.content.decode()  # named in the error message
    assert _abbestellt(welt.ek_a) == []
