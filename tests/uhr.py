"""The tests' clock: every test runs at a pinned moment, never at whatever the machine says.

A run starts at ``--uhr`` (or ``PLATTFORM_UHR``), an ordinary Wednesday morning unless one
is given, and every test starts again at exactly that moment, the clock ticking from there
(time-machine patches the clock of the whole process, the live server's thread included).
``scripts/test-uhren.sh`` runs the time-sensitive tests again under the hostile moments of
``FEINDLICHE_UHREN``. A test that needs a particular moment says so with a marker:

    @pytest.mark.uhr("2026-03-29T01:30+01:00")   # this moment, whatever the run's clock
    @pytest.mark.uhr(uhrzeit="10:00")             # the run's day, at 10:00 in Berlin

Child processes (a Celery worker, a management command) start at the test's moment too:
``befehl_mit_uhr()`` wraps their command line.
"""

import os
import sys
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

BERLIN = ZoneInfo("Europe/Berlin")
#: a Wednesday morning in November: no holiday, no daylight-saving change, no month's end
STANDARD = "2026-11-18T10:00:00+01:00"
#: moments at which date arithmetic goes wrong when "today" or a week is computed carelessly
FEINDLICHE_UHREN = {
    "sonntagnacht": "2026-12-13T23:30:00+01:00",
    "sommerzeit-beginn": "2027-03-28T01:30:00+01:00",
    "sommerzeit-ende": "2026-10-25T02:30:00+01:00",
    "silvester": "2026-12-31T23:30:00+01:00",
    "monatsende": "2027-01-31T23:30:00+01:00",
    "schalttag": "2028-02-29T12:00:00+01:00",
}
UMGEBUNG = "PLATTFORM_UHR"
_START = pytest.StashKey[datetime]()
_SITZUNG = pytest.StashKey[time_machine.Traveller]()
VORLAUF = timedelta(hours=1)


def moment(text: str) -> datetime:
    """An ISO moment, or the name of a hostile clock; without an offset it is Berlin time."""
    wert = datetime.fromisoformat(FEINDLICHE_UHREN.get(text, text))
    return wert if wert.tzinfo else wert.replace(tzinfo=BERLIN)


def pytest_addoption(parser):
    parser.addoption(
        "--uhr",
        default=os.environ.get(UMGEBUNG) or STANDARD,
        help=f"the moment every test starts at (ISO, or one of {', '.join(FEINDLICHE_UHREN)})",
    )


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "uhr(moment=None, uhrzeit=None): the moment this test needs (tests/uhr.py)"
    )
    start = moment(config.getoption("--uhr"))
    config.stash[_START] = start
    # Collection (module-level dates) sees the run's moment ...
    config.stash[_SITZUNG] = time_machine.travel(start, tick=True).start()


def pytest_collection_finish(session):
    # ... while the test database, its seeded catalogues and session fixtures are made an
    # hour earlier, so that every test, starting at the run's moment, comes after them.
    session.config.stash[_SITZUNG].move_to(session.config.stash[_START] - VORLAUF)


def pytest_report_header(config):
    return f"clock: every test starts at {config.stash[_START].isoformat()} (tests/uhr.py)"


def _testmoment(request) -> datetime:
    start = request.config.stash[_START]
    marker = request.node.get_closest_marker("uhr")
    if marker is None:
        return start
    if marker.args:
        return moment(marker.args[0])
    tageszeit = time.fromisoformat(marker.kwargs["uhrzeit"])
    return datetime.combine(start.astimezone(BERLIN).date(), tageszeit, tzinfo=BERLIN)


@pytest.fixture(autouse=True)
def _uhr(request):
    """Each test starts at the same moment, so none depends on how long the run took."""
    with time_machine.travel(_testmoment(request), tick=True):
        yield


def befehl_mit_uhr(befehl: list[str]) -> list[str]:
    """``python -m modul …`` as a command whose process starts at this moment, ticking."""
    assert befehl[:2] == [sys.executable, "-m"], befehl
    return [sys.executable, "-m", "tests.uhr", datetime.now(BERLIN).isoformat(), *befehl[2:]]


if __name__ == "__main__":
    # python -m tests.uhr MOMENT modul args…: runs ``python -m modul args…`` at MOMENT.
    import runpy

    time_machine.travel(moment(sys.argv[1]), tick=True).start()
    sys.argv = sys.argv[2:]
    runpy.run_module(sys.argv[0], run_name="__main__", alter_sys=True)
