#!/usr/bin/env python3
"""Post-deploy check of a running platform, and the production smoke test of CI.

After a deployment (README, "Operation: the check after a deployment"):

    python3 scripts/betriebsprobe.py https://plattform.example.org --postfach ich@example.org

walks the way a new volunteer does, over the real site: /healthz, sign-up with that
mailbox (paste the link from the mail at the prompt: it proves the mail worker and the mail
server deliver), choosing a password, logging out and in again, asking for a copy of one's
data (built by the report worker in DATA_DIR, downloaded through the web server, so both
reach the same files), and at the end asking for the test account's erasure, which the
platform carries out after its grace period. Only Python's standard library is needed.

In CI (``--starten``) the script first brings the production mode up the way
docker-compose.yml does, without Docker: the values of .env.example with local overrides
only for hosts, ports, database, broker, cache and mail URLs (plus the secret key an
operator must choose), ``migrate``, gunicorn with config/gunicorn.conf.py, the three worker
services with their queues, one beat, and an SMTP sink in place of the mail server, from
which the link is read. Then the same walk, a look at beat's schedule file, and everything
stops again. Exit code 0 when every step held.
"""

import argparse
import io
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from contextlib import ExitStack, contextmanager
from http.cookiejar import CookieJar
from pathlib import Path

BASIS = Path(__file__).resolve().parent.parent
WARTEZEIT = 90  # seconds a worker may take for a mail or an export
PASSWORT = "Probe-" + secrets.token_urlsafe(12)


def schritt(text: str) -> None:
    print(f"-- {text}", flush=True)


class ProbeFehler(Exception):
    pass


# --- the walk: only the standard library, so operators can run it anywhere -----------------


class Browser:
    """Cookies, CSRF tokens and Origin headers as a browser keeps them."""

    def __init__(self, basis: str):
        if urllib.parse.urlsplit(basis).scheme not in ("http", "https"):
            raise ProbeFehler(f"{basis} is not an http(s) address")
        self.basis = basis.rstrip("/")
        self.kekse = CookieJar()
        self.oeffner = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.kekse))

    def _anfrage(self, pfad: str, daten: dict | None = None):
        url = pfad if pfad.startswith("http") else self.basis + pfad
        kopf = {"User-Agent": "betriebsprobe"}
        body = None
        if daten is not None:
            body = urllib.parse.urlencode(daten).encode()
            # Django checks the origin of a form sent over https
            kopf["Origin"] = self.basis
            kopf["Referer"] = url
        try:
            anfrage = urllib.request.Request(url, body, kopf)  # noqa: S310 - http(s) only, see above
            antwort = self.oeffner.open(anfrage, timeout=30)
        except urllib.error.HTTPError as fehler:
            raise ProbeFehler(f"{url} answered {fehler.code}: {fehler.read()[:300]!r}") from fehler
        return antwort.geturl(), antwort.read()

    def seite(self, pfad: str) -> tuple[str, str]:
        url, inhalt = self._anfrage(pfad)
        return url, inhalt.decode("utf-8", "replace")

    def datei(self, pfad: str) -> bytes:
        return self._anfrage(pfad)[1]

    def formular(self, pfad: str, felder: dict, ziel: str = "") -> tuple[str, str]:
        """Opens the page and sends its form (or the one posting to ``ziel``) with the token
        the page carries; returns where it led."""
        url, html = self.seite(pfad)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        if token is None:
            raise ProbeFehler(f"{url} shows no form")
        daten = {"csrfmiddlewaretoken": token.group(1), **felder}
        url, inhalt = self._anfrage(ziel or url, daten)
        return url, inhalt.decode("utf-8", "replace")

    def angemeldet(self) -> bool:
        return any(keks.name == "sessionid" for keks in self.kekse)


def _gesund(browser: Browser) -> None:
    _, text = browser.seite("/healthz")
    schritt(f"/healthz answers 200: {text}")


def _registrieren(browser: Browser, postfach: str, link_holen) -> None:
    url, _ = browser.formular(
        "/freiwillige/registrieren/",
        {"anzeigename": "Betriebsprobe", "email": postfach, "sprache": "de"},
    )
    if not url.endswith("/freiwillige/registrieren/gesendet/"):
        raise ProbeFehler(f"sign-up did not confirm the mail, it led to {url}")
    schritt(f"signed up as {postfach}; waiting for the mail")
    link = link_holen(postfach)
    if not link.startswith(browser.basis + "/"):
        raise ProbeFehler(f"the mail's link {link} does not lead to {browser.basis} (SITE_URL)")
    url, _ = browser.formular(link, {"new_password1": PASSWORT, "new_password2": PASSWORT})
    if not browser.angemeldet():
        raise ProbeFehler(f"choosing the password did not sign in (now at {url})")
    _erklaerungen_annehmen(browser, url)
    schritt("the mail's link led to the password page; the account exists and is signed in")


def _erklaerungen_annehmen(browser: Browser, url: str) -> None:
    """Declarations an installation asks new volunteers to accept, where there are any."""
    if "/freiwillige/erklaerungen/" not in url:
        return
    _, html = browser.seite(url)
    felder = dict.fromkeys(re.findall(r'name="(erklaerung_\d+)"', html), "on")
    browser.formular(url, felder)


def _anmelden(browser: Browser, postfach: str) -> None:
    browser.formular("/konten/konto/", {}, ziel="/konten/abmelden/")
    if browser.angemeldet():
        raise ProbeFehler("logging out kept the session")
    url, _ = browser.formular("/konten/anmelden/", {"username": postfach, "password": PASSWORT})
    if not browser.angemeldet() or "/konten/anmelden/" in url:
        raise ProbeFehler(f"login over {browser.basis} failed (now at {url})")
    schritt(f"logged out and in again over {urllib.parse.urlsplit(browser.basis).scheme}")


def _auskunft(browser: Browser, postfach: str) -> None:
    url, _ = browser.formular("/konten/konto/meine-daten/", {})
    schritt("asked for a copy of the account's data; the report worker builds it")
    frist = time.monotonic() + WARTEZEIT
    while True:
        _, html = browser.seite(url)
        datei = re.search(r'href="(/konten/konto/meine-daten/\d+/datei/)"', html)
        if datei:
            break
        if "Die Datei konnte nicht erstellt werden" in html:
            raise ProbeFehler("the worker could not build the copy (see the worker's log)")
        if time.monotonic() > frist:
            raise ProbeFehler(f"no copy after {WARTEZEIT} s: is a worker on the berichte queue?")
        time.sleep(1)
    inhalt = browser.datei(datei.group(1))
    if not inhalt.startswith(b"PK") or postfach.encode() not in _entpackt(inhalt):
        raise ProbeFehler("the downloaded copy is not a ZIP with the account's data")
    schritt(f"downloaded the copy through the web server: {len(inhalt)} bytes, a ZIP")


def _entpackt(inhalt: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(inhalt)) as archiv:
        return archiv.read("meine-daten.json")


def _loeschen(browser: Browser) -> None:
    browser.formular("/konten/konto/", {"passwort": PASSWORT}, ziel="/konten/konto/loeschen/")
    schritt("asked for the test account's erasure (carried out after the grace period)")


def probe(basis: str, postfach: str, link_holen) -> None:
    browser = Browser(basis)
    _gesund(browser)
    _registrieren(browser, postfach, link_holen)
    _anmelden(browser, postfach)
    _auskunft(browser, postfach)
    _loeschen(browser)


def link_von_hand(postfach: str) -> str:
    return input(f"Paste the link from the mail to {postfach}: ").strip()


# --- CI: the production mode without Docker --------------------------------------------------
# Imports of the project's environment (psycopg, redis, the SMTP sink) stay inside these
# functions: the walk above must run with the standard library alone.


def env_beispiel() -> dict:
    """The values of .env.example, as docker compose reads them."""
    werte = {}
    for zeile in (BASIS / ".env.example").read_text().splitlines():
        if zeile.strip() and not zeile.lstrip().startswith("#"):
            name, _, wert = zeile.partition("=")
            werte[name.strip()] = wert.strip()
    return werte


def _freier_port() -> int:
    with socket.socket() as probe_socket:
        probe_socket.bind(("127.0.0.1", 0))
        return probe_socket.getsockname()[1]


def _frische_datenbank(url: str) -> None:
    import environ
    import psycopg

    cfg = environ.Env.db_url_config(url)
    with psycopg.connect(
        host=cfg["HOST"],
        port=cfg["PORT"] or 5432,
        user=cfg["USER"],
        password=cfg["PASSWORD"],
        dbname="postgres",
        autocommit=True,
    ) as verbindung:
        verbindung.execute(f'DROP DATABASE IF EXISTS "{cfg["NAME"]}" WITH (FORCE)')
        verbindung.execute(f'CREATE DATABASE "{cfg["NAME"]}"')


def _leeres_redis(*urls: str) -> None:
    import redis

    for url in urls:
        redis.Redis.from_url(url).flushdb()


class Dienste:
    """Processes started with one environment, each logging to its own file, stopped together."""

    def __init__(self, umgebung: dict, protokolle: Path):
        self.umgebung = umgebung
        self.protokolle = protokolle
        self.prozesse: dict[str, subprocess.Popen] = {}

    def befehl(self, *argumente: str) -> str:
        ergebnis = subprocess.run(  # noqa: S603 - our own manage.py
            [sys.executable, "manage.py", *argumente],
            cwd=BASIS,
            env=self.umgebung,
            capture_output=True,
            text=True,
        )
        if ergebnis.returncode not in (0, 1) or "Traceback" in ergebnis.stderr:
            raise ProbeFehler(f"manage.py {' '.join(argumente)}:\n{ergebnis.stderr}")
        return ergebnis.stdout + ergebnis.stderr

    def starten(self, name: str, *argumente: str) -> None:
        protokoll = (self.protokolle / f"{name}.log").open("w")
        self.prozesse[name] = subprocess.Popen(  # noqa: S603 - gunicorn and celery of the venv
            argumente,
            cwd=BASIS,
            env=self.umgebung,
            stdout=protokoll,
            stderr=subprocess.STDOUT,
            # its own process group: stopping it stops gunicorn's and celery's children too
            start_new_session=True,
        )

    def alle_laufen(self) -> None:
        for name, prozess in self.prozesse.items():
            if prozess.poll() is not None:
                raise ProbeFehler(f"{name} stopped with exit code {prozess.returncode}")

    def stoppen(self) -> None:
        for prozess in self.prozesse.values():
            if prozess.poll() is None:
                os.killpg(prozess.pid, signal.SIGTERM)
        for name, prozess in self.prozesse.items():
            try:
                prozess.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(prozess.pid, signal.SIGKILL)
                print(f"{name} did not stop within 20 s: killed", flush=True)

    def protokoll_zeigen(self) -> None:
        for name in self.prozesse:
            zeilen = (self.protokolle / f"{name}.log").read_text(errors="replace").splitlines()
            print(f"\n--- last lines of {name}", *zeilen[-25:], sep="\n")


def _umgebung(args, port: int, mail_port: int, daten: Path) -> dict:
    basis = f"http://127.0.0.1:{port}"
    umgebung = {name: os.environ[name] for name in ("PATH", "HOME", "LANG") if name in os.environ}
    umgebung.update(env_beispiel())
    umgebung.update(
        # what an operator must choose
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        # hosts and ports: a first try over plain http, as README's "Modes" documents it
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_CSRF_TRUSTED_ORIGINS=basis,
        SITE_URL=basis,
        # database, broker, cache and mail: what compose's x-app sets
        DATABASE_URL=args.datenbank,
        CELERY_BROKER_URL=args.broker,
        CACHE_URL=args.cache,
        EMAIL_URL=f"smtp://127.0.0.1:{mail_port}",
        DATA_DIR=str(daten),
    )
    return umgebung


def _warten_auf_web(basis: str, dienste: Dienste) -> None:
    frist = time.monotonic() + 60
    while True:
        dienste.alle_laufen()
        try:
            with urllib.request.urlopen(basis + "/healthz", timeout=10) as antwort:  # noqa: S310
                if antwort.status == 200:
                    return
        except OSError:  # not listening yet, or still loading the application
            pass
        if time.monotonic() > frist:
            raise ProbeFehler("gunicorn did not answer /healthz within 60 s")
        time.sleep(0.5)


def _beat_plant(daten: Path, dienste: Dienste) -> None:
    """The bug beat once had: no DATA_DIR, no schedule file, beat gone. Now the file is there
    and beat still runs."""
    frist = time.monotonic() + 30
    while not list(daten.glob("celerybeat-schedule*")):
        dienste.alle_laufen()
        if time.monotonic() > frist:
            raise ProbeFehler("beat wrote no schedule file into DATA_DIR within 30 s")
        time.sleep(0.5)
    dienste.alle_laufen()
    schritt("beat runs and keeps its schedule in DATA_DIR")


def _link_aus_senke(senke):
    def holen(postfach: str) -> str:
        frist = time.monotonic() + WARTEZEIT
        while time.monotonic() < frist:
            for empfaenger, nachricht in list(senke.nachrichten):
                if postfach in empfaenger:
                    absender = nachricht["From"]
                    text = nachricht.get_payload(decode=True) or b""
                    if nachricht.is_multipart():
                        text = nachricht.get_payload(0).get_payload(decode=True)
                    schritt(f"the SMTP sink received the mail from {absender}")
                    return re.search(rb"https?://\S+", text).group(0).decode()
            time.sleep(0.5)
        raise ProbeFehler(f"no mail within {WARTEZEIT} s: is a worker on the mail queue?")

    return holen


def betrieb_starten(args) -> None:
    sys.path.insert(0, str(BASIS))
    from tests.smtp_senke import smtp_senke

    port = _freier_port()
    basis = f"http://127.0.0.1:{port}"
    with ExitStack() as stapel:
        senke = stapel.enter_context(smtp_senke())
        arbeit = Path(stapel.enter_context(tempfile.TemporaryDirectory(prefix="betriebsprobe-")))
        daten = arbeit / "daten"
        umgebung = _umgebung(args, port, senke.port, daten)
        dienste = Dienste(umgebung, arbeit)
        _frische_datenbank(args.datenbank)
        _leeres_redis(args.broker, args.cache)
        schritt("manage.py migrate (as the web container does on start)")
        dienste.befehl("migrate", "--no-input")
        print(dienste.befehl("betriebspruefung"), flush=True)
        stapel.callback(dienste.stoppen)
        with _bei_fehler(dienste):
            _dienste_starten(dienste, port, umgebung)
            _warten_auf_web(basis, dienste)
            schritt(f"gunicorn, three workers and beat started; {basis}")
            probe(basis, "betriebsprobe@example.org", _link_aus_senke(senke))
            _beat_plant(daten, dienste)
            dienste.alle_laufen()


def _dienste_starten(dienste: Dienste, port: int, umgebung: dict) -> None:
    """What docker-compose.yml's services run, on loopback."""
    gunicorn = Path(sys.executable).with_name("gunicorn")
    celery = Path(sys.executable).with_name("celery")
    dienste.starten(
        "web",
        str(gunicorn),
        "--config",
        "config/gunicorn.conf.py",
        "--bind",
        f"127.0.0.1:{port}",
        "config.wsgi:application",
    )
    for name, queues, parallel in (
        ("worker", "celery", "WORKER_CONCURRENCY"),
        ("worker-mail", "mail", "WORKER_MAIL_CONCURRENCY"),
        ("worker-berichte", "berichte,importe", "WORKER_BERICHTE_CONCURRENCY"),
    ):
        dienste.starten(
            name,
            str(celery),
            "-A",
            "config",
            "worker",
            "-Q",
            queues,
            "-n",
            f"{name}@%h",
            "--concurrency",
            umgebung[parallel],
            "--loglevel",
            "INFO",
        )
    dienste.starten("beat", str(celery), "-A", "config", "beat", "--loglevel", "INFO")


@contextmanager
def _bei_fehler(dienste: Dienste):
    try:
        yield
    except BaseException:
        dienste.protokoll_zeigen()
        raise


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("adresse", nargs="?", help="the site, e.g. https://plattform.example.org")
    parser.add_argument("--postfach", help="a mailbox you can read, for the test account")
    parser.add_argument(
        "--starten", action="store_true", help="CI: start the production mode here first"
    )
    parser.add_argument("--datenbank", default="postgres://postgres@127.0.0.1:5432/betriebsprobe")
    parser.add_argument("--broker", default="redis://127.0.0.1:6379/5")
    parser.add_argument("--cache", default="redis://127.0.0.1:6379/6")
    args = parser.parse_args()
    try:
        if args.starten:
            betrieb_starten(args)
        elif args.adresse and args.postfach:
            probe(args.adresse, args.postfach, link_von_hand)
        else:
            parser.error("name the site and --postfach, or --starten")
    except ProbeFehler as fehler:
        print(f"\nFAILED: {fehler}", file=sys.stderr)
        return 1
    print("\nevery step held")
    return 0


if __name__ == "__main__":
    sys.exit(main())
