"""Two worker processes on the mail queue, as ``docker compose up --scale worker-mail=2``
runs them, racing over the same notices and digests: each still arrives exactly once.

Notices rely on PostgreSQL's row locks (``select_for_update(skip_locked=True)``), which
SQLite lacks; the embedded mode runs a single process, so it never needs them.
"""

import time

import pytest

from benachrichtigungen.models import Einstellung, Versand
from benachrichtigungen.tasks import digest_beat, notices_einsammeln, notices_zustellen
from common.models import Notice
from common.notices import notices_write
from tests.benachrichtigungen.test_digest_worker import _mit_einsatz, _morgen
from tests.celery_hilfen import Worker, an_redis, warten
from tests.factories import UserFactory
from tests.smtp_senke import smtp_senke

pytestmark = [
    pytest.mark.celery_worker,
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
]

NOTICES = 24
DIGESTS = 6


@pytest.fixture
def protokolle(tmp_path):
    pfade = [tmp_path / f"mail{nummer}.log" for nummer in (1, 2)]
    yield pfade
    for pfad in pfade:  # shown when the test fails
        print(pfad.name, pfad.read_text() if pfad.exists() else "", sep="\n")


def _bereit(pfad) -> bool:
    return pfad.exists() and " ready." in pfad.read_text()


def _fertig() -> bool:
    return (
        not Notice.objects.filter(zugestellt_am__isnull=True).exists()
        and Versand.objects.filter(ergebnis=Versand.Ergebnis.GESENDET).count() >= DIGESTS
    )


def test_two_mail_workers_deliver_every_notice_and_digest_exactly_once(welt, protokolle, settings):
    # small chunks, so that both workers get some and the same notice sits in several
    settings.BENACHRICHTIGUNGEN_JE_AUFTRAG = 4
    empfaenger = [UserFactory(email=f"n{i}@test.invalid") for i in range(NOTICES)]
    Einstellung.objects.bulk_create(
        [Einstellung(person=p, digest=Einstellung.Digest.AUS) for p in empfaenger]
    )
    leser = _mit_einsatz(welt, DIGESTS)

    # each message is answered after 0.1 s: the workers' chunks overlap in time
    with smtp_senke(verzoegerung=0.1) as senke, an_redis():
        worker = [
            Worker(senke.port, pfad, queues=["mail"], name=pfad.stem).starten()
            for pfad in protokolle
        ]
        try:
            assert warten(lambda: all(map(_bereit, protokolle)), 60), "a worker did not start"
            # queued in chunks of 4 as the change commits ...
            notices_write(empfaenger, "fortbildung_kurs_geaendert", welt.kurs_basis, titel="Kurs")
            # ... and the same notices again: the periodic sweep and a chunk queued twice
            notices_einsammeln.delay()
            notices_zustellen.delay(list(Notice.objects.values_list("pk", flat=True)))
            # the digest run, twice at once
            digest_beat.delay(_morgen())
            digest_beat.delay(_morgen())
            assert warten(_fertig, 90), "the workers did not deliver everything"
            time.sleep(2)  # anything doubled would have arrived by now
        finally:
            for prozess in worker:
                prozess.beenden()

    erwartet = {p.email: 1 for p in [*empfaenger, *leser]}
    assert senke.empfaenger() == erwartet
    assert set(Notice.objects.values_list("ergebnis", flat=True)) == {"gesendet"}
    # both took a share of the work
    for pfad in protokolle:
        assert "succeeded" in pfad.read_text(), f"{pfad.stem} took no task"
