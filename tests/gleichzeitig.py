"""Requests at the same moment, for the races the row locks prevent (PostgreSQL)."""

import threading

from django.db import connection

WARTEZEIT = 60  # seconds a thread waits for the others before the test gives up


def gleichzeitig(aufgaben):
    """Runs each task in its own thread (so on its own database connection), all released
    together by a barrier; returns the tasks' results and every exception raised."""
    start = threading.Barrier(len(aufgaben))
    ergebnisse = [None] * len(aufgaben)
    fehler = []

    def run(nummer, aufgabe):
        try:
            start.wait(WARTEZEIT)
            ergebnisse[nummer] = aufgabe()
        except BaseException as ausnahme:  # noqa: BLE001 - every failure is reported below
            fehler.append(f"{type(ausnahme).__name__}: {ausnahme}")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=(nummer, aufgabe), daemon=True)
        for nummer, aufgabe in enumerate(aufgaben)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(WARTEZEIT * 2)
    assert not any(thread.is_alive() for thread in threads), "a thread hangs"
    return ergebnisse, fehler
