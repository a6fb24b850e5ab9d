"""A person asks on "Mein Konto" to erase their account (with their password); it happens
after the grace period in the daily run, can be withdrawn until then, and is mailed to the
person both times. A platform admin can record a request for someone."""

from datetime import timedelta

import time_machine
from django.contrib.admin.sites import site
from django.core import mail
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from common.bestaetigung import FELD, WERT
from konten.admin import UserAdmin
from konten.models import Loeschantrag, User
from konten.tasks import loeschantraege_ausfuehren


def _beantragen(client, passwort="geheim-passwort-1"):
    return client.post(reverse("konten:loeschung_beantragen"), {"passwort": passwort})


def _finn(welt):
    finn = welt.freiwillig
    finn.set_password("geheim-passwort-1")
    finn.save()
    return finn


def test_a_request_needs_the_password(welt, client_als):
    finn = _finn(welt)

    antwort = _beantragen(client_als(finn), passwort="falsch")

    assert antwort.status_code == 400
    assert "Das Passwort stimmt nicht." in antwort.content.decode()
    assert not Loeschantrag.objects.exists()


def test_the_account_is_erased_after_the_grace_period_and_the_person_is_mailed_twice(
    welt, client_als, settings, django_capture_on_commit_callbacks
):
    settings.LOESCHUNG_KARENZ_TAGE = 14
    finn = _finn(welt)
    client = client_als(finn)
    with django_capture_on_commit_callbacks(execute=True):
        antwort = _beantragen(client)
    assert antwort.status_code == 302
    assert [m.to for m in mail.outbox] == [["freiwillig@test.invalid"]]
    faellig = timezone.localtime(timezone.now() + timedelta(days=14)).strftime("%d.%m.%Y")
    assert faellig in mail.outbox[0].body
    seite = client.get(reverse("konten:konto")).content.decode()
    assert faellig in seite and "Antrag zurücknehmen" in seite

    with time_machine.travel(timezone.now() + timedelta(days=13)):
        assert loeschantraege_ausfuehren() == 0
    finn.refresh_from_db()
    assert finn.is_active and finn.anzeigename == "Finn Freiwillig"

    spaeter = timezone.now() + timedelta(days=14, minutes=1)
    with time_machine.travel(spaeter), django_capture_on_commit_callbacks(execute=True):
        assert loeschantraege_ausfuehren() == 1
    finn.refresh_from_db()
    assert not finn.is_active and finn.email == f"geloescht-{finn.pk}@invalid"
    assert [m.to for m in mail.outbox[1:]] == [["freiwillig@test.invalid"]]
    assert Loeschantrag.objects.get().ausgefuehrt_am is not None
    # the next day's run does not erase again
    with time_machine.travel(timezone.now() + timedelta(days=15)):
        assert loeschantraege_ausfuehren() == 0


def test_a_withdrawn_request_is_never_executed(welt, client_als):
    finn = _finn(welt)
    client = client_als(finn)
    _beantragen(client)

    frage = client.post(reverse("konten:loeschung_widerrufen"))
    assert "Den Antrag auf Löschung Ihres Kontos zurücknehmen?" in frage.content.decode()
    assert Loeschantrag.objects.get().offen
    client.post(reverse("konten:loeschung_widerrufen"), {FELD: WERT})

    assert Loeschantrag.objects.get().widerrufen_am is not None
    with time_machine.travel(timezone.now() + timedelta(days=30)):
        assert loeschantraege_ausfuehren() == 0
    finn.refresh_from_db()
    assert finn.is_active and finn.email == "freiwillig@test.invalid"
    assert "Löschung beantragen" in client.get(reverse("konten:konto")).content.decode()


def test_a_second_request_while_one_is_open_keeps_the_first(welt, client_als):
    finn = _finn(welt)
    client = client_als(finn)
    _beantragen(client)
    with time_machine.travel(timezone.now() + timedelta(days=3)):
        _beantragen(client)

    assert Loeschantrag.objects.count() == 1


def test_an_admin_records_a_request_for_a_person(welt, django_capture_on_commit_callbacks):
    admin_user = welt.admin
    finn = welt.freiwillig
    anfrage = RequestFactory().post("/")
    anfrage.user = admin_user
    anfrage._messages = type("M", (), {"add": lambda *a, **k: None})()

    with django_capture_on_commit_callbacks(execute=True):
        UserAdmin(User, site).loeschung_beantragen(
            anfrage, User.objects.filter(pk__in=[finn.pk, admin_user.pk])
        )

    antrag = Loeschantrag.objects.get()
    assert (antrag.person, antrag.beantragt_von) == (finn, admin_user)
    assert [m.to for m in mail.outbox] == [["freiwillig@test.invalid"]]
