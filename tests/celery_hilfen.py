"""Shared machinery of the tests that send tasks through Redis to a real Celery worker."""

import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from celery.contrib.testing.worker import start_worker
from django.db import connection
from kombu import pools

from config.celery import app
from tests.conftest import redis_url
from tests.uhr import befehl_mit_uhr

WURZEL = Path(__file__).resolve().parents[1]


def _neue_verbindungen():
    """Forgets pooled broker connections, which remember the broker URL they were made for."""
    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


@contextmanager
def an_redis(url=None):
    """Queue tasks on the test Redis, emptied first, instead of running them in-process;
    on ``url`` instead (left as it is), e.g. a port where no broker listens."""
    vorher = {key: app.conf[key] for key in ("broker_url", "task_always_eager")}
    app.conf.update(broker_url=url or redis_url(), task_always_eager=False)
    _neue_verbindungen()
    if url is None:
        app.control.purge()
    try:
        yield app
    finally:
        _neue_verbindungen()
        app.conf.update(vorher)


@contextmanager
def worker_im_prozess(**optionen):
    """A worker thread in the test process on the test Redis (``start_worker`` options)."""
    with (
        an_redis(),
        start_worker(app, perform_ping_check=False, shutdown_timeout=10, **optionen),
    ):
        yield app


def warten(bedingung, sekunden=20) -> bool:
    """Polls ``bedingung`` until it holds or ``sekunden`` have passed."""
    ende = time.monotonic() + sekunden
    while time.monotonic() < ende:
        if bedingung():
            return True
        time.sleep(0.1)
    return False


def _datenbank_url() -> str:
    """The test database as a DATABASE_URL, for a worker process."""
    daten = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{daten['NAME']}"
    anmeldung = daten["USER"] + (f":{daten['PASSWORD']}" if daten["PASSWORD"] else "")
    ort = f"{daten['HOST'] or '127.0.0.1'}:{daten['PORT'] or 5432}"
    return f"postgres://{anmeldung}@{ort}/{daten['NAME']}"


class Worker:
    """``celery worker`` as a child process on the test database and Redis, with the mail
    server of the test; on ``queues`` only (-Q), as docker compose runs them, or on all."""

    def __init__(self, smtp_port: int, protokoll: Path, sichtbarkeit=None, queues=None, name=None):
        self.env = {
            **os.environ,
            "DATABASE_URL": _datenbank_url(),
            "CELERY_BROKER_URL": redis_url(),
            "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
            "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY") or "test-worker",
        }
        if sichtbarkeit is not None:
            self.env["CELERY_VISIBILITY_TIMEOUT"] = str(sichtbarkeit)
        self.optionen = ["-Q", ",".join(queues)] if queues else []
        self.optionen += ["-n", f"{name}@%h"] if name else []
        self.protokoll = protokoll
        self.prozess = None

    def starten(self):
        befehl = [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool", "solo"]
        befehl += ["--without-heartbeat", "--without-mingle", "--without-gossip", "-l", "INFO"]
        self.prozess = subprocess.Popen(  # noqa: S603 (our own interpreter and arguments)
            befehl_mit_uhr(befehl + self.optionen),
            cwd=WURZEL,
            env=self.env,
            stdout=self.protokoll.open("a"),
            stderr=subprocess.STDOUT,
        )
        return self

    def toeten(self):
        """SIGKILL: no shutdown, no acknowledgement, the task stays taken in Redis."""
        self.prozess.send_signal(signal.SIGKILL)
        self.prozess.wait(10)

    def beenden(self):
        if self.prozess and self.prozess.poll() is None:
            self.prozess.terminate()
            try:
                self.prozess.wait(15)
            except subprocess.TimeoutExpired:
                self.toeten()
