"""Digests through Redis, a real Celery worker process and a real SMTP server.

The worker runs as its own process against the test database, so it can be killed in the
middle of a chunk like a worker whose machine goes away. Whatever happens, every recipient
ends with exactly one digest, and the send ledger and the mail server agree.
"""

import time
from collections import Counter
from datetime import timedelta

import pytest
from django.utils import timezone

from benachrichtigungen.models import Einstellung, Versand
from benachrichtigungen.tasks import digest_beat, digest_senden
from tests.celery_hilfen import Worker, an_redis, warten
from tests.factories import EinsatzFactory, EinstellungFactory, UserFactory, freiwillige_bereit
from tests.smtp_senke import smtp_senke

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]

TAEGLICH = Einstellung.Digest.TAEGLICH
#: seconds after which Redis hands a task a killed worker had taken to the next worker
SICHTBARKEIT = 2


def _morgen() -> str:
    """Tomorrow's period, as the beat computes it in the morning."""
    return (timezone.localdate() + timedelta(days=1)).isoformat()


def _mit_einsatz(welt, anzahl: int) -> list:
    """Volunteers with an assignment (their digest is never empty), on a daily digest."""
    personen = []
    for i in range(anzahl):
        person = UserFactory(email=f"w{i}@test.invalid", anzeigename=f"Wera {i}")
        freiwillige_bereit(person)
        EinsatzFactory(person=person, bedarf=welt.bedarf_b)
        EinstellungFactory(person=person, digest=TAEGLICH)
        personen.append(person)
    Einstellung.objects.bulk_create(
        [Einstellung(person=p, digest=Einstellung.Digest.AUS) for p in welt.personas.values() if p]
        + [Einstellung(person=p, digest=Einstellung.Digest.AUS) for p in (welt.bea, welt.hanna)],
        ignore_conflicts=True,
    )
    return personen


def _gesendet() -> Counter:
    return Counter(
        Versand.objects.filter(ergebnis=Versand.Ergebnis.GESENDET).values_list(
            "empfaenger__email", flat=True
        )
    )


def _fertig(anzahl) -> bool:
    return Versand.objects.filter(ergebnis=Versand.Ergebnis.GESENDET).count() >= anzahl


@pytest.fixture
def protokoll(tmp_path):
    pfad = tmp_path / "worker.log"
    yield pfad
    print(pfad.read_text() if pfad.exists() else "")  # shown when the test fails


def test_each_digest_arrives_once_through_worker_and_mail_server(welt, protokoll):
    personen = _mit_einsatz(welt, 12)
    ids = [p.pk for p in personen]
    with smtp_senke() as senke, an_redis():
        worker = Worker(senke.port, protokoll, SICHTBARKEIT).starten()
        try:
            digest_beat(_morgen())
            digest_beat(_morgen())  # the same period again
            digest_senden.delay(ids, TAEGLICH, _morgen())  # a chunk retried
            assert warten(lambda: _fertig(12), 60), "the worker sent nothing"
            time.sleep(2)  # anything doubled would have arrived by now
        finally:
            worker.beenden()

        erwartet = {p.email: 1 for p in personen}
        assert senke.empfaenger() == erwartet
        assert _gesendet() == erwartet
        [(_an, nachricht), *_rest] = senke.nachrichten
        assert nachricht["Subject"] == "Ihre Zusammenfassung des Tages"
        assert nachricht["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert nachricht.is_multipart()


def test_a_worker_killed_mid_chunk_leaves_no_digest_lost_or_doubled(welt, protokoll):
    personen = _mit_einsatz(welt, 12)
    # each message is answered after 0.4 s: the kill lands in the middle of the chunk
    with smtp_senke(verzoegerung=0.4) as senke, an_redis():
        erster = Worker(senke.port, protokoll, SICHTBARKEIT).starten()
        try:
            digest_beat(_morgen())
            assert warten(lambda: senke.anzahl() >= 4, 60), "the first worker sent nothing"
            # the worker notes the fourth mail at once, then waits 0.4 s for the fifth's answer:
            # the kill lands in that wait even on a busy machine
            time.sleep(0.15)
            erster.toeten()
        finally:
            erster.beenden()
        vor_dem_neustart = senke.anzahl()
        assert vor_dem_neustart < 12, "the chunk was done before the kill"
        # what the killed worker had confirmed is in the ledger, the rest is open
        assert _gesendet() == Counter(dict.fromkeys(senke.empfaenger(), 1))

        time.sleep(SICHTBARKEIT + 1)
        zweiter = Worker(senke.port, protokoll, SICHTBARKEIT).starten()
        try:
            assert warten(lambda: _fertig(12), 90), "the restarted worker did not finish"
            time.sleep(2)
        finally:
            zweiter.beenden()

        erwartet = {p.email: 1 for p in personen}
        assert senke.empfaenger() == erwartet
        assert _gesendet() == erwartet
