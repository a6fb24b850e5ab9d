"""Every task waits in the queue meant for its kind of work, and docker compose runs a
worker for every queue: a long report export never waits in front of an invitation mail."""

import shlex
from pathlib import Path

import pytest
import yaml

from config.celery import app
from tests.celery_hilfen import an_redis

ROOT = Path(__file__).resolve().parents[1]

MAIL = {
    "benachrichtigungen.tasks.notices_zustellen",
    "benachrichtigungen.tasks.digest_senden",
    "konten.tasks.einladung_senden",
    "freiwillige.tasks.registrierung_mail_senden",
    "netzwerk.tasks.zustellungen_senden",
}
BERICHTE = {"berichte.tasks.export_erstellen", "konten.tasks.auskunft_erstellen"}
IMPORTE = {"common.tasks.tabellen_import", "netzwerk.tasks.verteiler_import"}


def _aufgaben() -> set[str]:
    """The platform's tasks: Celery's built-ins and the tests' own probes left out."""
    app.loader.import_default_modules()
    return {name for name in app.tasks if not name.startswith(("celery.", "tests."))}


def _warteschlange(task: str) -> str:
    return app.amqp.router.route({}, task)["queue"].name


def _warteschlangen() -> set[str]:
    return {queue.name for queue in app.amqp.queues.values()}


def test_every_task_is_named_in_a_route_to_a_declared_queue():
    routen = app.conf.task_routes or {}
    ohne_route = _aufgaben() - set(routen)
    assert not ohne_route, f"add these tasks to WARTESCHLANGEN in config/settings.py: {ohne_route}"
    assert {_warteschlange(task) for task in _aufgaben()} <= _warteschlangen()
    assert _warteschlangen() == {"mail", "berichte", "importe", "celery"}


def test_mail_exports_and_imports_each_go_to_their_own_queue():
    assert {task: _warteschlange(task) for task in MAIL} == dict.fromkeys(MAIL, "mail")
    assert {task: _warteschlange(task) for task in BERICHTE} == dict.fromkeys(BERICHTE, "berichte")
    assert {task: _warteschlange(task) for task in IMPORTE} == dict.fromkeys(IMPORTE, "importe")
    # the periodic housekeeping stays on the default queue
    assert _warteschlange("common.tasks.aufbewahrung_ausfuehren") == "celery"
    assert _warteschlange("berichte.tasks.zwischenstaende_berechnen") == "celery"


@pytest.mark.redis
def test_an_export_and_an_invitation_wait_in_different_redis_lists():
    with an_redis() as celery:
        celery.send_task("berichte.tasks.export_erstellen", (1,))
        celery.send_task("konten.tasks.einladung_senden", (1,))
        with celery.connection_for_write() as verbindung:
            redis = verbindung.default_channel.client
            laengen = {name: redis.llen(name) for name in ("berichte", "mail", "celery")}
        celery.control.purge()
    assert laengen == {"berichte": 1, "mail": 1, "celery": 0}


# --- docker compose ------------------------------------------------------------------------------


def _worker_dienste() -> dict[str, dict]:
    """The compose services running ``celery worker``, with the queues their -Q names."""
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    dienste = {}
    for name, dienst in compose["services"].items():
        befehl = dienst.get("command", [])
        befehl = shlex.split(befehl) if isinstance(befehl, str) else befehl
        if befehl[:4] != ["celery", "-A", "config", "worker"]:
            continue
        assert "-Q" in befehl, f"{name} takes every queue: name its queues with -Q"
        assert not {"-B", "--beat"} & set(befehl), f"{name} runs a second beat"
        dienst["queues"] = set(befehl[befehl.index("-Q") + 1].split(","))
        dienste[name] = dienst
    return dienste


def test_compose_runs_a_worker_for_every_queue_the_routes_name():
    dienste = _worker_dienste()
    bedient = set().union(*(dienst["queues"] for dienst in dienste.values()))
    assert bedient == _warteschlangen()
    assert bedient >= {_warteschlange(task) for task in _aufgaben()}
    # mail has a worker of its own: no export or import takes its place
    [mail_worker] = [dienst for dienst in dienste.values() if "mail" in dienst["queues"]]
    assert mail_worker["queues"] == {"mail"}


def test_compose_workers_for_exports_and_imports_share_the_data_folder_with_web():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())

    def datenordner(dienst):
        data_dir = dienst["environment"]["DATA_DIR"]
        return dict(v.split(":", 1)[::-1] for v in dienst.get("volumes", [])).get(data_dir)

    web = datenordner(compose["services"]["web"])
    for name, dienst in _worker_dienste().items():
        if dienst["queues"] & {"berichte", "importe"}:
            assert datenordner(dienst) == web is not None, name


def test_compose_runs_exactly_one_beat():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    beats = [
        name
        for name, dienst in compose["services"].items()
        if dienst.get("command", [])[:4] == ["celery", "-A", "config", "beat"]
    ]
    assert beats == ["beat"]
