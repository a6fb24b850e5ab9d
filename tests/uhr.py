"""The tests' clock: every test runs at a pinned moment, never at whatever the machine says.

A run starts at ``--uhr`` (or ``PLATTFORM_UHR``), an ordinary Wednesday morning unless one
is given, and every test starts again at exactly that moment, the clock ticking from there
(time-machine patches the clock of the whole process, the live server's thread included).
``--uhr=feindlich`` (or several moments, comma-separated) runs every test once per hostile
moment of ``FEINDLICHE_UHREN`` in one session, the moment in the test's id
(``test_x[silvester]``); ``scripts/test.sh --uhren`` does that for the tests that read the
clock. A test that needs a particular moment says so with a marker:

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
    "sommerzeit-beginn": "2027-03-28T01:30:00+01:00",
    "sommerzeit-ende": "2026-10-25T02:30:00+01:00",
    "silvester": "2026-12-31T23:30:00+01:00",
    # a Sunday too: the last half hour of a week and of a month at once
    "monatsende": "2027-01-31T23:30:00+01:00",
    "schalttag": "2028-02-29T12:00:00+01:00",
}
UMGEBUNG = "PLATTFORM_UHR"
#: ``--uhr`` naming every hostile moment
ALLE_FEINDLICHEN = "feindlich"
_UHREN = pytest.StashKey[dict[str, datetime]]()
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
        help=(
            "the moment every test starts at (ISO, or one of "
            f"{', '.join(FEINDLICHE_UHREN)}); several, comma-separated, or "
            f"{ALLE_FEINDLICHEN!r} run every test once per moment"
        ),
    )


def _uhren(wert: str) -> dict[str, datetime]:
    namen = list(FEINDLICHE_UHREN) if wert == ALLE_FEINDLICHEN else wert.split(",")
    return {name: moment(name) for name in namen}


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "uhr(moment=None, uhrzeit=None): the moment this test needs (tests/uhr.py)"
    )
    uhren = config.stash[_UHREN] = _uhren(config.getoption("--uhr"))
    # With several moments the session starts at the earliest, so that whatever it makes
    # (the test database, seeded catalogues) lies before every test's moment.
    start = config.stash[_START] = min(uhren.values())
    # Collection sees the run's moment ...
    config.stash[_SITZUNG] = time_machine.travel(start, tick=True).start()


def pytest_collection_finish(session):
    # ... while the test database, its seeded catalogues and session fixtures are made an
    # hour earlier, so that every test, starting at the run's moment, comes after them.
    session.config.stash[_SITZUNG].move_to(session.config.stash[_START] - VORLAUF)


def pytest_report_header(config):
    momente = ", ".join(m.isoformat() for m in config.stash[_UHREN].values())
    return f"clock: every test starts at {momente} (tests/uhr.py)"


def pytest_generate_tests(metafunc):
    """Several moments: each test once per moment, as a parameter of the clock fixture."""
    uhren = metafunc.config.stash[_UHREN]
    if len(uhren) > 1 and "_uhr" in metafunc.fixturenames:
        metafunc.parametrize("_uhr", list(uhren), indirect=True, ids=list(uhren))


def pytest_collection_modifyitems(config, items):
    """A test pinned to a moment of its own runs once, not once per run moment."""
    erste = next(iter(config.stash[_UHREN]))
    doppelt = [
        item
        for item in items
        if (marker := item.get_closest_marker("uhr")) is not None
        and marker.args
        and getattr(item, "callspec", None) is not None
        and item.callspec.params.get("_uhr", erste) != erste
    ]
    if doppelt:
        config.hook.pytest_deselected(items=doppelt)
        items[:] = [item for item in items if item not in set(doppelt)]


def _testmoment(request) -> datetime:
    uhren = request.config.stash[_UHREN]
    start = uhren[request.param] if len(uhren) > 1 else request.config.stash[_START]
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
