"""The access matrix: every route against every persona. Every URL pattern needs an entry.

Each app's entries live in ``tests/<app>/zugriff.py`` (the routes its views answer; routes of
the project's own URL configuration, like ``healthz``, in tests/common); tests/access_entry.py
says what an entry means. tests/test_access_matrix.py walks the URL configuration against
the collected matrix.
"""

from tests.access_entry import Route
from tests.benachrichtigungen import zugriff as benachrichtigungen
from tests.berichte import zugriff as berichte
from tests.common import zugriff as common
from tests.fortbildung import zugriff as fortbildung
from tests.freiwillige import zugriff as freiwillige
from tests.konten import zugriff as konten
from tests.netzwerk import zugriff as netzwerk
from tests.regionen import zugriff as regionen
from tests.unterkuenfte import zugriff as unterkuenfte

#: the apps whose ``ZUGRIFF`` make up the matrix; a route's name belongs to one of them only
APPS = (
    common,
    konten,
    regionen,
    netzwerk,
    unterkuenfte,
    freiwillige,
    fortbildung,
    benachrichtigungen,
    berichte,
)

MATRIX = {name: route for app in APPS for name, route in app.ZUGRIFF.items()}

#: route-name prefixes whose routes are covered by one representative entry
GEDECKT_DURCH = {"admin:": "admin:index"}

#: All the administration's role reaches beyond public routes: figures and its own account.
#: Every other route answers it 403, whatever the object (konten/middleware.py), so no route
#: added later can show it a person.
VERWALTUNG_ERREICHT = frozenset(
    {
        "start",
        "freiwillige:kennzahlen",
        "konten:konto",
        "konten:kalender",
        "konten:passwort_aendern",
        "konten:passwort_geaendert",
        "konten:zwei_faktoren",
        "konten:zweiter_faktor",
        "konten:api_zugaenge",
        "konten:api_zugang_widerrufen",
        "konten:loeschung_beantragen",
        "konten:loeschung_widerrufen",
        "konten:auskunft",
        "konten:auskunft_status",
        "konten:auskunft_datei",
        "api:abmelden",
        "konten:sprache",
        "konten:logout",
        "benachrichtigungen:einstellungen",
        "benachrichtigungen:vorschau",
        "benachrichtigungen:abbestellen",
        "berichte:uebersicht",
        "berichte:region",
        "berichte:export_neu",
        "berichte:export_status",
        "berichte:export_datei",
        "api:konto",
        "api:region-list",
        "api:region-detail",
        "api:bezirk-list",
        "api:bezirk-detail",
        "api:bericht-list",
        "api:bericht-detail",
        "api:bericht-vergleich",
        "api:bericht-gesamt",
    }
)


#: endpoints that read public data for anyone (the needs board, catalogues, published
#: courses, signing in): they keep their own answers, a hidden object stays 404
OEFFENTLICH_LESBAR = (
    "api:token",
    "api:bedarf-",
    "api:sprache-",
    "api:unterkunftsart-",
    "api:anforderungsart-",
    "api:taetigkeitsfeld-",
    "api:fortbildung-reihe-",
    "api:fortbildung-kurs-",
    "api:fortbildung-sitzung-",
    "admin:",
)


def fuer_verwaltung(name: str, route: Route, erwartet: int) -> int:
    """What the administration's role gets: the entry's answer on its routes and public
    ones, 403 on every other."""
    if route.public or name.partition("#")[0] in VERWALTUNG_ERREICHT:
        return erwartet
    if name.startswith(OEFFENTLICH_LESBAR):
        return erwartet
    return 403
