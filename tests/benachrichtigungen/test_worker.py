"""Notices travel through Redis to a real Celery worker and are mailed once each."""

import socket
import time
from collections import Counter

import pytest
from django.core.mail.backends.locmem import EmailBackend
from django.db import transaction

from benachrichtigungen.tasks import notices_einsammeln, notices_zustellen
from common.models import Notice
from common.notices import notice_write, notices_write
from freiwillige import services
from tests.celery_hilfen import an_redis, warten, worker_im_prozess
from tests.factories import UserFactory, freiwillige_bereit

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def echter_worker():
    with worker_im_prozess(pool="solo") as worker:
        yield worker


def _zugestellt(*notice_ids) -> bool:
    return not Notice.objects.filter(pk__in=notice_ids, zugestellt_am__isnull=True).exists()


def _empfaenger(mailoutbox) -> Counter:
    return Counter(mail.to[0] for mail in list(mailoutbox))


def _kennzeichen(person) -> int:
    """A notice of its own, written and committed now: when it is delivered, everything the
    solo worker took from the queue before it is done too."""
    notice_write(person, "fortbildung_kurs_geaendert", titel="Kennzeichen")
    return Notice.objects.filter(empfaenger=person).latest("pk").pk


def test_notices_of_a_committed_application_are_mailed_once_by_the_worker(
    welt, echter_worker, mailoutbox
):
    bewerberin = UserFactory(email="berta@test.invalid", anzeigename="Berta Bewerberin")
    freiwillige_bereit(bewerberin)
    with transaction.atomic():
        services.bewerbung_anlegen(bewerberin, welt.bedarf_a)
        notice_write(welt.bea, "bewerbung_angenommen", welt.bewerbung_a, titel="Deutsch am Abend")
    ids = list(Notice.objects.values_list("pk", flat=True))
    assert len(ids) == 2

    notices_einsammeln.delay()
    assert warten(lambda: _zugestellt(*ids)), "the worker delivered nothing"
    assert _empfaenger(mailoutbox) == {"ek-a@test.invalid": 1, "bea@test.invalid": 1}
    [an_ek_a] = [mail for mail in mailoutbox if mail.to == ["ek-a@test.invalid"]]
    assert an_ek_a.subject == "Neue Bewerbung: Deutsch am Abend"
    assert "Berta Bewerberin" in an_ek_a.body

    # the next periodic runs find only what is new
    notices_einsammeln.delay()
    kennzeichen = _kennzeichen(welt.hanna)
    notices_einsammeln.delay()
    assert warten(lambda: _zugestellt(kennzeichen))
    assert _empfaenger(mailoutbox) == {
        "ek-a@test.invalid": 1,
        "bea@test.invalid": 1,
        "hanna@test.invalid": 1,
    }


def test_the_same_chunk_queued_three_times_mails_once(welt, echter_worker, mailoutbox):
    personen = [UserFactory(email=f"person-{i}@test.invalid") for i in range(5)]
    with transaction.atomic():
        notices_write(personen, "fortbildung_kurs_geaendert", welt.kurs_basis, titel="Basiskurs")
    ids = list(Notice.objects.values_list("pk", flat=True))

    for _mal in range(3):
        notices_zustellen.delay(ids)
    kennzeichen = _kennzeichen(welt.hanna)
    notices_zustellen.delay([kennzeichen])

    assert warten(lambda: _zugestellt(*ids, kennzeichen)), "the worker delivered nothing"
    time.sleep(0.5)
    assert _empfaenger(mailoutbox) == {
        **{person.email: 1 for person in personen},
        "hanna@test.invalid": 1,
    }
    assert set(Notice.objects.values_list("ergebnis", flat=True)) == {"gesendet"}


class LangsamerMailserver(EmailBackend):
    """The test outbox, taking its time like a real mail server: widens the race."""

    def send_messages(self, messages):
        time.sleep(0.02)
        return super().send_messages(messages)


@pytest.mark.postgres
def test_three_workers_on_the_same_chunk_at_once_mail_once(welt, settings, mailoutbox):
    """Three threads take the three copies of a chunk at the same time; the row lock lets
    only one of them mail each notice (PostgreSQL: SQLite has no row locks)."""
    settings.EMAIL_BACKEND = f"{__name__}.LangsamerMailserver"
    personen = [UserFactory(email=f"person-{i}@test.invalid") for i in range(30)]
    notices_write(personen, "fortbildung_kurs_geaendert", welt.kurs_basis, titel="Basiskurs")
    ids = list(Notice.objects.values_list("pk", flat=True))

    with worker_im_prozess(pool="threads", concurrency=3):
        for _mal in range(3):
            notices_zustellen.delay(ids)
        assert warten(lambda: _zugestellt(*ids)), "the workers delivered nothing"
        time.sleep(1.5)

    assert _empfaenger(mailoutbox) == {person.email: 1 for person in personen}


def test_notices_written_while_the_broker_is_down_wait_and_go_out_once_it_is_back(
    welt, mailoutbox, caplog
):
    with socket.socket() as probe:  # a port where nothing listens
        probe.bind(("127.0.0.1", 0))
        tot = f"redis://127.0.0.1:{probe.getsockname()[1]}/0"
    with an_redis(tot), transaction.atomic():  # the change commits though the broker is away
        notice_write(welt.bea, "bewerbung_angenommen", welt.bewerbung_a, titel="Deutsch")
    notice = Notice.objects.get()
    assert notice.zugestellt_am is None
    assert "periodic job delivers them" in caplog.text

    with worker_im_prozess(pool="solo"):
        notices_einsammeln.delay()
        assert warten(lambda: _zugestellt(notice.pk)), "the worker delivered nothing"
    assert _empfaenger(mailoutbox) == {"bea@test.invalid": 1}
