"""Invitation mails travel through Redis to a real Celery worker, and are sent once."""

import time

import pytest
from celery.contrib.testing.worker import start_worker
from kombu import pools

from config.celery import app
from konten.models import Einladung
from konten.services import einladung_create
from konten.tasks import einladung_send
from tests.conftest import redis_url

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


def _neue_verbindungen():
    """Forgets pooled broker connections, which remember the broker URL they were made for."""
    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def echter_worker():
    before = {key: app.conf[key] for key in ("broker_url", "task_always_eager")}
    app.conf.update(broker_url=redis_url(), task_always_eager=False)
    _neue_verbindungen()
    app.control.purge()
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            yield app
    finally:
        _neue_verbindungen()
        app.conf.update(before)


def _warten(bedingung, sekunden=20):
    ende = time.monotonic() + sekunden
    while time.monotonic() < ende:
        if bedingung():
            return True
        time.sleep(0.1)
    return False


def test_an_invitation_is_mailed_by_the_worker_after_commit(welt, echter_worker, mailoutbox):
    einladung = einladung_create(welt.admin, "nora@test.invalid", "verwaltung")
    assert _warten(lambda: len(mailoutbox) == 1), "the worker sent no mail"
    assert mailoutbox[0].to == ["nora@test.invalid"]
    assert _warten(lambda: Einladung.objects.get(pk=einladung.pk).versendet_am is not None)


def test_a_redelivered_task_does_not_mail_twice(welt, echter_worker, mailoutbox):
    einladung = einladung_create(welt.admin, "nora@test.invalid", "verwaltung")
    assert _warten(lambda: Einladung.objects.get(pk=einladung.pk).versendet_am is not None)
    einladung_send.delay(einladung.pk)
    einladung_send.delay(einladung.pk)
    time.sleep(1.5)
    assert len(mailoutbox) == 1
