"""Invitation mails travel through Redis to a real Celery worker, and are sent once."""

import time

import pytest

from konten.models import Einladung
from konten.services import einladung_anlegen
from konten.tasks import einladung_senden
from tests.celery_hilfen import warten, worker_im_prozess

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def echter_worker():
    with worker_im_prozess(pool="solo") as worker:
        yield worker


def test_an_invitation_is_mailed_by_the_worker_after_commit(welt, echter_worker, mailoutbox):
    einladung = einladung_anlegen(welt.admin, "nora@test.invalid", "verwaltung")
    assert warten(lambda: len(mailoutbox) == 1), "the worker sent no mail"
    assert mailoutbox[0].to == ["nora@test.invalid"]
    assert warten(lambda: Einladung.objects.get(pk=einladung.pk).versendet_am is not None)


def test_a_redelivered_task_does_not_mail_twice(welt, echter_worker, mailoutbox):
    einladung = einladung_anlegen(welt.admin, "nora@test.invalid", "verwaltung")
    assert warten(lambda: Einladung.objects.get(pk=einladung.pk).versendet_am is not None)
    einladung_senden.delay(einladung.pk)
    einladung_senden.delay(einladung.pk)
    time.sleep(1.5)
    assert len(mailoutbox) == 1
