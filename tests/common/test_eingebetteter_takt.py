"""The embedded mode runs Celery beat's schedule in-process."""

from datetime import timedelta

import pytest
from celery import shared_task
from django.utils import timezone

from common.embedded import EmbeddedBeat

# Jobs reach the database; the scheduler closes stale connections around each one.
pytestmark = pytest.mark.django_db

AUFRUFE = []


@shared_task(name="tests.takt_probe")
def takt_probe(wert):
    AUFRUFE.append(wert)


@shared_task(name="tests.takt_fehler")
def takt_fehler():
    raise RuntimeError("kaputt")


def test_a_due_job_runs_once_and_a_job_not_yet_due_waits():
    AUFRUFE.clear()
    beat = EmbeddedBeat(
        {
            "faellig": {"task": "tests.takt_probe", "schedule": 60, "args": ("a",)},
            "spaeter": {"task": "tests.takt_probe", "schedule": timedelta(hours=1), "args": ("b",)},
        }
    )
    beat.last_run["faellig"] = timezone.now() - timedelta(minutes=2)
    assert beat.run_due() == ["faellig"]
    assert beat.run_due() == []
    assert AUFRUFE == ["a"]


def test_a_failing_job_does_not_stop_the_others():
    AUFRUFE.clear()
    beat = EmbeddedBeat(
        {
            "kaputt": {"task": "tests.takt_fehler", "schedule": 1},
            "heil": {"task": "tests.takt_probe", "schedule": 1, "args": ("c",)},
        }
    )
    for name in beat.last_run:
        beat.last_run[name] = timezone.now() - timedelta(seconds=5)
    assert beat.run_due() == ["heil"]
    assert AUFRUFE == ["c"]
