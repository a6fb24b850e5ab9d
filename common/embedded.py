"""Periodic jobs for the embedded mode: Celery beat's schedule, run in-process.

Without a broker there is no beat process; this thread reads the same
CELERY_BEAT_SCHEDULE and runs each task when it is due, so the embedded mode keeps
closing old needs, sending digests and so on.
"""

import logging
import threading
from datetime import timedelta

from celery.schedules import schedule as every
from django.conf import settings
from django.db import close_old_connections
from django.utils import timezone

from .queueing import task_by_name

logger = logging.getLogger(__name__)


def _as_schedule(value):
    if isinstance(value, int | float):
        return every(timedelta(seconds=value))
    if isinstance(value, timedelta):
        return every(value)
    return value


class EmbeddedBeat(threading.Thread):
    def __init__(self, beat_schedule=None, tick_seconds=30.0):
        super().__init__(name="embedded-beat", daemon=True)
        entries = settings.CELERY_BEAT_SCHEDULE if beat_schedule is None else beat_schedule
        self.entries = {name: dict(entry) for name, entry in entries.items()}
        self.last_run = dict.fromkeys(self.entries, timezone.now())
        self.tick_seconds = tick_seconds
        self.stopped = threading.Event()

    def run_due(self) -> list[str]:
        """Runs every entry that is due now; returns their names."""
        ran = []
        for name, entry in self.entries.items():
            due, _next = _as_schedule(entry["schedule"]).is_due(self.last_run[name])
            if not due:
                continue
            self.last_run[name] = timezone.now()
            close_old_connections()
            try:
                task_by_name(entry["task"]).apply(
                    args=entry.get("args", ()), kwargs=entry.get("kwargs", {})
                )
                ran.append(name)
            except Exception:
                # One failing job must not stop the others; the log says which one.
                logger.exception("periodic job %s failed", name)
            finally:
                close_old_connections()
        return ran

    def run(self):
        while not self.stopped.wait(self.tick_seconds):
            self.run_due()
