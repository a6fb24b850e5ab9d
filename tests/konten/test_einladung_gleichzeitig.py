"""Two people (or two tabs) using one invitation link at the same moment: exactly one wins."""

import threading
import time

import pytest
from django.db import connection, transaction

from konten import services
from konten.models import Einladung, User
from regionen.models import RegionUserObjectPermission

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _gleichzeitig(*aktionen):
    """Runs the actions in parallel threads, each in its own transaction; returns outcomes."""
    barrier = threading.Barrier(len(aktionen))
    ergebnisse = []

    def run(aktion):
        try:
            barrier.wait()
            with transaction.atomic():
                aktion()
                time.sleep(0.3)  # hold the row lock so the other thread really collides
            ergebnisse.append("ok")
        except services.EinladungFehler:
            ergebnisse.append("abgewiesen")
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(aktion,)) for aktion in aktionen]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return sorted(ergebnisse)


def test_two_registrations_through_one_link_create_one_account(welt):
    einladung = services.einladung_anlegen(
        welt.admin, "nora@test.invalid", "regionalkoordination", welt.nord
    )

    def registrieren(name):
        return lambda: services.einladung_registrieren(
            Einladung.objects.get(pk=einladung.pk), name, "Ein-gutes-Passwort-42", "de"
        )

    assert _gleichzeitig(registrieren("Nora"), registrieren("Mallory")) == ["abgewiesen", "ok"]
    assert User.objects.filter(email="nora@test.invalid").count() == 1
    assert RegionUserObjectPermission.objects.filter(user__email="nora@test.invalid").count() == 1


def test_an_existing_account_accepting_twice_at_once_is_granted_once(welt):
    einladung = services.einladung_anlegen(
        welt.admin, welt.freiwillig.email, "regionalkoordination", welt.suedost
    )

    def annehmen():
        services.einladung_annehmen(Einladung.objects.get(pk=einladung.pk), welt.freiwillig)

    assert _gleichzeitig(annehmen, annehmen) == ["abgewiesen", "ok"]
    assert RegionUserObjectPermission.objects.filter(user=welt.freiwillig).count() == 1


def test_two_copies_of_the_invitation_mail_task_at_once_send_one_mail(
    welt, mailoutbox, monkeypatch
):
    """Several mail workers, or the periodic re-send while the first copy still talks to a
    slow mail server: the invitation goes out once."""
    from django.core.mail.backends.locmem import EmailBackend

    from konten.tasks import einladung_senden

    einladung = services.einladung_anlegen(
        welt.admin, "nora@test.invalid", "regionalkoordination", welt.nord
    )
    Einladung.objects.filter(pk=einladung.pk).update(versendet_am=None)
    mailoutbox.clear()
    senden = EmailBackend.send_messages

    def langsam(self, messages):
        time.sleep(0.3)  # the first copy is still sending when the second one starts
        return senden(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", langsam)
    barrier = threading.Barrier(2)

    def kopie():
        try:
            barrier.wait()
            einladung_senden.apply(args=[einladung.pk])
        finally:
            connection.close()

    threads = [threading.Thread(target=kopie) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert [mail.to for mail in mailoutbox] == [["nora@test.invalid"]]
    assert Einladung.objects.get(pk=einladung.pk).versendet_am is not None
