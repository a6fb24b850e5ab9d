"""Benchmark of the weekly digest run at country scale: composing and sending through real
Celery workers on Redis to a local SMTP server, on PostgreSQL.

From the project root::

    .venv/bin/python -m benchmarks.digests            # create, fill once, run one period
    .venv/bin/python -m benchmarks.digests --neu      # drop and rebuild the data set first

It needs PostgreSQL (default ``postgres://postgres@127.0.0.1:5432/bench_digests``, or
``DATABASE_URL`` / ``--db``) and Redis (``--redis``, default database 14). It generates
100,000 volunteers and 5,000 needs with the matching benchmark's generator, dates 1,500 open
needs into the week before the run, starts an SMTP server and ``--worker`` worker processes,
runs the daily job for a Monday (everyone who never chose gets the weekly digest) and waits
until every ledger row of the period is done. It prints the time, the throughput and
whether the SMTP server and the ledger agree. Target: under 10 minutes. See
benchmarks/README.md.
"""

import argparse
import os
import random
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

from benchmarks.matching import daten_erzeugen, datensatz_bereitstellen

DB_STANDARD = "bench_digests"
REDIS_STANDARD = "redis://127.0.0.1:6379/14"
ZIEL_MINUTEN = 10
#: open needs dated into the digest's week, so each area has new needs to propose
NEUE_BEDARFE = 1_500
WURZEL = Path(__file__).resolve().parents[1]


def _montag(heute):
    """The next Monday (today, if it is one): the weekly digests' default day."""
    return heute + timedelta(days=(7 - heute.weekday()) % 7)


def _neue_bedarfe_datieren(tag, anzahl: int, seed: int) -> None:
    """Moves ``anzahl`` open needs into the week before ``tag``: new in the digest."""
    from django.utils import timezone

    from unterkuenfte.models import Bedarf

    rng = random.Random(seed)  # noqa: S311 - test data, not secrets
    mitternacht = timezone.make_aware(datetime.combine(tag, datetime.min.time()))
    # the same week every run: what an earlier run dated into it moves out again
    woche = Bedarf.objects.filter(created_at__gte=mitternacht - timedelta(days=7))
    woche.update(created_at=mitternacht - timedelta(days=30))
    ids = sorted(Bedarf.objects.oeffentlich().values_list("pk", flat=True))
    bedarfe = list(Bedarf.objects.filter(pk__in=rng.sample(ids, min(anzahl, len(ids)))))
    for bedarf in bedarfe:
        bedarf.created_at = mitternacht - timedelta(minutes=rng.randint(60, 6 * 24 * 60))
    Bedarf.objects.bulk_update(bedarfe, ["created_at"], batch_size=2000)


def _worker_starten(anzahl: int, db_url: str, redis: str, smtp_port: int, protokoll: Path):
    env = {
        **os.environ,
        "DATABASE_URL": db_url,
        "CELERY_BROKER_URL": redis,
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        "DJANGO_DEBUG": "0",
    }
    befehl = [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool", "prefork"]
    befehl += ["--concurrency", str(anzahl), "--without-heartbeat", "--without-mingle"]
    befehl += ["--without-gossip", "-l", "WARNING"]
    return subprocess.Popen(  # noqa: S603 (our own interpreter and arguments)
        befehl, cwd=WURZEL, env=env, stdout=protokoll.open("w"), stderr=subprocess.STDOUT
    )


def _warten_bis_erledigt(zr, gesamt: int, senke, start: float) -> None:
    """Polls the ledger every second and reports every 15 seconds until all rows are done."""
    from benachrichtigungen.models import Versand

    zeilen = Versand.objects.filter(periode=zr.schluessel)
    naechste_meldung = 0.0
    while True:
        erledigt = zeilen.filter(erledigt_am__isnull=False).count()
        vergangen = time.perf_counter() - start
        if vergangen >= naechste_meldung or erledigt >= gesamt:
            print(
                f"  {vergangen:6.0f} s: {erledigt:>7,} von {gesamt:,} erledigt,"
                f" {senke.anzahl():>7,} Mails beim SMTP-Server"
            )
            naechste_meldung += 15
        if erledigt >= gesamt:
            return
        time.sleep(1)


def lauf(worker: int, redis: str, db_url: str, seed: int) -> bool:
    from celery import current_app
    from django.db.models import Count
    from django.utils import timezone

    from benachrichtigungen import digest
    from benachrichtigungen.models import Versand
    from benachrichtigungen.tasks import digest_beat
    from tests.smtp_senke import smtp_senke

    tag = _montag(timezone.localdate())
    zr = digest.zeitraum("woechentlich", tag)
    Versand.objects.filter(periode=zr.schluessel).delete()  # a rerun measures again
    _neue_bedarfe_datieren(tag, NEUE_BEDARFE, seed)
    current_app.conf.update(broker_url=redis, task_always_eager=False)
    current_app.control.purge()
    protokoll = WURZEL / "data" / "benchmark-digests-worker.log"
    protokoll.parent.mkdir(exist_ok=True)

    with smtp_senke(behalten=False) as senke:
        prozess = _worker_starten(worker, db_url, redis, senke.port, protokoll)
        try:
            time.sleep(5)  # the workers start up (Django, the task modules)
            start = time.perf_counter()
            gezaehlt = digest_beat(tag.isoformat())
            verteilt = time.perf_counter() - start
            gesamt = sum(gezaehlt.values())
            print(f"Digest-Lauf {zr.schluessel}: {gesamt:,} fällig, verteilt in {verteilt:.1f} s")
            _warten_bis_erledigt(zr, gesamt, senke, start)
            dauer = time.perf_counter() - start
        finally:
            prozess.terminate()
            prozess.wait(60)
        ergebnisse = dict(
            Versand.objects.filter(periode=zr.schluessel)
            .values_list("ergebnis")
            .annotate(n=Count("pk"))
        )
        gesendet = ergebnisse.get(Versand.Ergebnis.GESENDET, 0)
        beim_server = senke.empfaenger()

    doppelt = sum(1 for n in beim_server.values() if n > 1)
    print(
        f"\nEmpfänger*innen fällig:   {gesamt:>9,}\n"
        f"Digests gesendet:         {gesendet:>9,}  ({gesendet / dauer:,.0f} je Sekunde)\n"
        f"ohne Neues (nicht gesendet): {ergebnisse.get(Versand.Ergebnis.LEER, 0):>6,}\n"
        f"beim SMTP-Server:         {sum(beim_server.values()):>9,}  (doppelt: {doppelt})\n"
        f"Dauer:                    {dauer:>9.1f} s = {dauer / 60:.1f} min"
        f"  (Ziel < {ZIEL_MINUTEN} min, {worker} Worker-Prozesse)"
    )
    stimmt = sum(beim_server.values()) == gesendet and doppelt == 0
    print("Ledger und SMTP-Server stimmen überein." if stimmt else "ABWEICHUNG Ledger/Server!")
    return stimmt and dauer < ZIEL_MINUTEN * 60


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.digests", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--db", default=os.environ.get("BENCH_DB", DB_STANDARD))
    parser.add_argument("--neu", action="store_true", help="drop and rebuild the data set")
    parser.add_argument("--profile", type=int, default=100_000, help="volunteer profiles")
    parser.add_argument("--bedarfe", type=int, default=5_000, help="needs")
    parser.add_argument("--worker", type=int, default=2, help="worker processes")
    parser.add_argument("--redis", default=REDIS_STANDARD, help="broker for this run")
    parser.add_argument("--seed", type=int, default=2015)
    args = parser.parse_args(argv)
    name = datensatz_bereitstellen(
        args, lambda: daten_erzeugen(args.profile, args.bedarfe, args.seed)
    )
    from konten.models import User

    print(f"Datenbank {name}: {User.objects.count():,} Konten")
    return 0 if lauf(args.worker, args.redis, os.environ["DATABASE_URL"], args.seed) else 1


if __name__ == "__main__":
    sys.exit(main())
