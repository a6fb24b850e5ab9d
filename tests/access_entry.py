"""One entry of the access matrix, and what the entries of several apps share.

An entry names the personas that get the page (``ok``) and those that see the object but
may not act on it (``verboten``, 403). Everyone else signed in gets ``andere`` (404 for
hidden objects). Anonymous visitors are sent to the login page (HTML) or get 401 (API),
unless the route is public. ``geheim`` is text only ``ok`` personas may find in the answer,
``nie`` text that no persona may find (shelter addresses on the public board).

A route that behaves differently for different objects (a published and a draft event)
has one entry per case: ``"netzwerk:veranstaltung"`` and ``"netzwerk:veranstaltung#entwurf"``;
the part after ``#`` only names the case.

The entries live with the app whose views answer the route, in ``tests/<app>/zugriff.py``;
tests/access_matrix.py collects them.
"""

from dataclasses import dataclass, field

from django.urls import reverse

ALLE = frozenset(
    {
        "admin",
        "verwaltung",
        "fortbildung",
        "rk_nord",
        "rk_suedost",
        "freiwillig",
        "ek_a",
        "ek_b",
        "org_a",
        "org_b",
    }
)


@dataclass(frozen=True)
class Route:
    args: object = None  # callable(welt) -> list of URL arguments
    ok: frozenset = ALLE
    verboten: frozenset = frozenset()
    andere: int = 404
    public: bool = False
    status: dict = field(default_factory=dict)  # exceptions: persona -> status
    geheim: object = None  # callable(welt) -> text that only ok personas may receive
    nie: object = None  # callable(welt) -> text nobody may receive here (e.g. an address)
    pdf: bool = False  # the answer is a PDF document (needs WeasyPrint's Pango)

    def erwartet(self, persona: str, api: bool) -> int:
        if persona in self.status:
            return self.status[persona]
        if persona == "anonym":
            if self.public:
                return 200
            return 401 if api else 302
        if persona in self.ok:
            return 200
        if persona in self.verboten:
            return 403
        return self.andere


ANGEMELDET_WEITER = dict.fromkeys(ALLE, 302)
NUR_POST = dict.fromkeys(ALLE, 405)
NUR_POST_OEFFENTLICH = {**NUR_POST, "anonym": 405}


def nord_pk(welt):
    return [welt.nord.pk]


def objekt_pk(name):
    return lambda welt: [welt.objekte[name].pk]


def url_zu(name, objekt):
    return lambda welt: reverse(name, args=[welt.objekte[objekt].pk])


def link_zu(name, objekt):
    return lambda welt: f'href="{url_zu(name, objekt)(welt)}"'


def adresse_a(welt):
    return "Geheimweg"


def adressen(welt):
    return "Geheimweg", "Verborgene Straße"


UNTERKUNFT_A = frozenset({"admin", "rk_nord", "ek_a"})
FREIWILLIG = frozenset({"freiwillig"})
ORGANISATION_A = frozenset({"admin", "org_a"})

# --- the network (tests/welten/netzwerk.py): Träger Alpha (org_a) and its lists and events
# lie in Nord, Träger Beta (org_b) in Südost; Nord's network coordination is rk_nord
#: who sees Träger Alpha's unpublished Steckbrief and its draft events, and changes its events
ALPHA_NORD = frozenset({"admin", "org_a", "rk_nord"})
#: who runs Nord's network list (and sees its members)
VERTEILER_NORD = frozenset({"admin", "rk_nord"})
#: who sees the members-only meeting of Nord's list: those who run it and the members
#: (Träger Alpha, so org_a, and Emma, ek_a, herself)
MITGLIEDER_NORD = VERTEILER_NORD | {"org_a", "ek_a"}

# --- Träger Alpha's calls for helpers (tests/welten/netzwerk.py): needs with the
# organisation as poster. An open one (Finn, freiwillig, applied with a message; Nora, no
# persona, was accepted and works on it) and a paused one. Like a shelter's needs they are
# changed by the poster (Alpha's contacts, org_a); the network coordination of the
# organisation's region (rk_nord) sees them in its workspace but changes nothing, and
# neither sees applications, assignments nor candidates. Their entries are the cases
# ``#aufruf`` (and the like) of the routes of unterkuenfte, freiwillige and netzwerk.
PAUSIERTER_AUFRUF = "Pausierter-Aufruf-Alpha-vertraulich"
FINNS_NACHRICHT = "Finns-Nachricht-vertraulich"
