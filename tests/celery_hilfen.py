"""Shared machinery of the tests that send tasks through Redis to a real Celery worker."""

import time
from contextlib import contextmanager

from celery.contrib.testing.worker import start_worker
from kombu import pools

from config.celery import app
from tests.conftest import redis_url


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
