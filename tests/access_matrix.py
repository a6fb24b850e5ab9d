"""Who may see which route, with which object. Every URL pattern needs an entry here.

An entry names the personas that get the page (``ok``) and those that see the object but
may not act on it (``verboten``, 403). Everyone else signed in gets ``andere`` (404 for
hidden objects). Anonymous visitors are sent to the login page (HTML) or get 401 (API),
unless the route is public. ``geheim`` is text only ``ok`` personas may find in the answer,
``nie`` text that no persona may find (shelter addresses on the public board).

A route that behaves differently for different objects (a published and a draft event)
has one entry per case: ``"netzwerk:veranstaltung"`` and ``"netzwerk:veranstaltung#entwurf"``;
the part after ``#`` only names the case.
"""

from dataclasses import dataclass, field

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


def _nord(welt):
    return [welt.nord.pk]


def _pk(name):
    return lambda welt: [welt.objekte[name].pk]


def _adresse_a(welt):
    return "Geheimweg"


def _adressen(welt):
    return "Geheimweg", "Verborgene Straße"


UNTERKUNFT_A = frozenset({"admin", "rk_nord", "ek_a"})
#: who sees Nord's jours fixes: the platform admin, Nord's coordination, shelter A's coordination
JOURFIXE_NORD = UNTERKUNFT_A
FREIWILLIG = frozenset({"freiwillig"})
FORTBILDUNGSTEAM = frozenset({"admin", "fortbildung"})
#: coordinators and organisation contacts wish for training topics (and the team reads them)
WUENSCHENDE = ALLE - {"verwaltung", "freiwillig"}


def _registrierung_token(welt):
    from freiwillige.registrierungslink import registrierung_token

    return [registrierung_token("neu@test.invalid", "Nina Neu", "de")]


ORGANISATION_A = frozenset({"admin", "org_a"})


def _einladung_token(welt):
    from konten.einladungslink import einladung_token
    from konten.services import einladung_create

    return [einladung_token(einladung_create(welt.admin, "neu@test.invalid", "freiwillige"))]


def _einladung_pk(welt):
    from konten.services import einladung_create

    return [einladung_create(welt.admin, "erneut@test.invalid", "freiwillige").pk]


def _passwort_link(welt):
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    return [urlsafe_base64_encode(force_bytes(welt.freiwillig.pk)), "falsches-token"]


def _einladung_admin(welt):
    from konten.services import einladung_create

    einladung_create(welt.admin, "nur-fuer-admin@test.invalid", "verwaltung")
    return []


def _api_zugang_ek_a(welt):
    from konten.services import api_zugang_create

    api_zugang_create(welt.ek_a, "Zugang-EK-A-vertraulich", zweiter_faktor=False)
    return []


def _api_zugang_pk(welt):
    from konten.services import api_zugang_create

    zugang, _token = api_zugang_create(welt.ek_a, "Telefon", zweiter_faktor=False)
    return [zugang.pk]


#: the roles that sign in with two factors (konten/roles.py: zwei_faktoren)
ZWEI_FAKTOREN = frozenset({"admin", "verwaltung", "fortbildung", "rk_nord", "rk_suedost"})

_angemeldet_weiter = dict.fromkeys(ALLE, 302)
_nur_post = dict.fromkeys(ALLE, 405)
_nur_post_oeffentlich = {**_nur_post, "anonym": 405}

# --- the network (tests/conftest.py: _netzwerk): Träger Alpha (org_a) and its lists and events
# lie in Nord, Träger Beta (org_b) in Südost; Nord's network coordination is rk_nord
#: who sees Träger Alpha's unpublished Steckbrief and its draft events, and changes its events
ALPHA_NORD = frozenset({"admin", "org_a", "rk_nord"})
#: who runs Nord's network list (and sees its members)
VERTEILER_NORD = frozenset({"admin", "rk_nord"})
#: who sees the members-only meeting of Nord's list: those who run it and the members
#: (Träger Alpha, so org_a, and Emma, ek_a, herself)
MITGLIEDER_NORD = VERTEILER_NORD | {"org_a", "ek_a"}
#: who may present events: organisation contacts and the network coordination
VERANSTALTENDE = frozenset({"admin", "org_a", "org_b", "rk_nord", "rk_suedost"})


def _import_von_rk_nord(welt):
    """A dry run of Nord's coordination into Nord's list, checked without errors."""
    from dataclasses import asdict

    from common.models import Importauftrag
    from netzwerk.importe import VERTEILER_IMPORT, Verteilerimport

    verteiler = welt.objekte["verteiler_nord"]
    auftrag = Importauftrag.objects.create(
        erstellt_von=welt.rk_nord,
        art=VERTEILER_IMPORT,
        ziel_id=verteiler.pk,
        dateiname="matrix-liste.csv",
        datei="matrix-liste",
        format="csv",
        status=Importauftrag.Status.FERTIG,
        fehlerfrei=True,
        ergebnis=asdict(Verteilerimport(neue_mitglieder=2)),
    )
    return [verteiler.pk, auftrag.pk]


def _abmeldetokens(welt):
    """A member's token unsubscribes them: it belongs in the mail and its own page only."""
    from netzwerk.models import Mitgliedschaft

    return list(Mitgliedschaft.objects.values_list("abmeldetoken", flat=True))


def _token(name):
    return lambda welt: [welt.objekte[name].abmeldetoken]


def _url(name, objekt):
    from django.urls import reverse

    return lambda welt: reverse(name, args=[welt.objekte[objekt].pk])


def _nie(*texte):
    """The draft's title and the members' tokens, plus ``texte``."""
    return lambda welt: ["Entwurf-Alpha-vertraulich", *texte, *_abmeldetokens(welt)]


NETZWERK = {
    # the directory shows published Steckbriefe only, to everyone
    "netzwerk:verzeichnis": Route(public=True, nie=_nie("Träger Alpha", "Träger Beta")),
    # an unpublished Steckbrief: its contacts, its region's network coordination, admins
    "netzwerk:organisation": Route(
        args=_pk("traeger_a"),
        ok=ALPHA_NORD,
        public=True,
        status={"anonym": 404},
        geheim=lambda w: "Entwurf-Alpha-vertraulich",
        nie=_abmeldetokens,
    ),
    # a published one: everyone; its admission record only for its region's coordination
    "netzwerk:organisation#veroeffentlicht": Route(
        args=_pk("lindenhof"),
        ok=VERTEILER_NORD,
        public=True,
        status=dict.fromkeys(ALLE, 200),
        geheim=lambda w: "Aufnahme-Notiz-vertraulich",
        nie=_nie(),
    ),
    # the Steckbrief is edited by its contacts only; whoever merely sees it gets 404 too
    "netzwerk:organisation_bearbeiten": Route(args=_pk("traeger_a"), ok=ORGANISATION_A),
    "netzwerk:organisation_bearbeiten#veroeffentlicht": Route(args=_pk("lindenhof"), ok={"admin"}),
    # POST only; who may record which step: tests/netzwerk
    "netzwerk:aufnahmeschritt": Route(args=_pk("lindenhof"), status=_nur_post),
    # the calendar: published public events for everyone, members-only ones for the members
    "netzwerk:kalender": Route(
        public=True,
        ok=MITGLIEDER_NORD,
        status=dict.fromkeys(ALLE, 200),
        geheim=lambda w: "Netzwerktreffen-Mitglieder-vertraulich",
        nie=_nie(),
    ),
    # own registrations and the events one runs (drafts included)
    "netzwerk:meine": Route(
        ok=ALPHA_NORD, status=dict.fromkeys(ALLE, 200), geheim=lambda w: "Entwurf-Alpha-vertraulich"
    ),
    "netzwerk:meine#anmeldung": Route(
        ok=ALPHA_NORD | {"freiwillig"},
        status=dict.fromkeys(ALLE, 200),
        geheim=lambda w: "Werkstatt Ehrenamt Alpha",
        nie=_abmeldetokens,
    ),
    "netzwerk:veranstaltung_neu": Route(ok=VERANSTALTENDE, andere=403),
    # a published public event: everyone; its controls for those who run it
    "netzwerk:veranstaltung": Route(
        args=_pk("veranstaltung_alpha"),
        public=True,
        ok=ALPHA_NORD,
        status=dict.fromkeys(ALLE, 200),
        geheim=_url("netzwerk:teilnehmende", "veranstaltung_alpha"),
        nie=_nie(),
    ),
    "netzwerk:veranstaltung#entwurf": Route(
        args=_pk("veranstaltung_entwurf"),
        public=True,
        ok=ALPHA_NORD,
        status={"anonym": 404},
        geheim=lambda w: "Entwurf-Alpha-vertraulich",
    ),
    "netzwerk:veranstaltung#mitglieder": Route(
        args=_pk("veranstaltung_mitglieder"),
        public=True,
        ok=MITGLIEDER_NORD,
        status={"anonym": 404},
        geheim=lambda w: "Netzwerktreffen-Mitglieder-vertraulich",
        nie=_nie(),
    ),
    "netzwerk:veranstaltung_ics": Route(args=_pk("veranstaltung_alpha"), public=True),
    "netzwerk:veranstaltung_ics#entwurf": Route(
        args=_pk("veranstaltung_entwurf"),
        public=True,
        ok=ALPHA_NORD,
        status={"anonym": 404},
        geheim=lambda w: "Entwurf-Alpha-vertraulich",
    ),
    # changing an event: whoever sees it but does not run it gets 403, a hidden draft 404
    "netzwerk:veranstaltung_bearbeiten": Route(
        args=_pk("veranstaltung_alpha"), ok=ALPHA_NORD, verboten=ALLE - ALPHA_NORD
    ),
    "netzwerk:veranstaltung_bearbeiten#entwurf": Route(
        args=_pk("veranstaltung_entwurf"), ok=ALPHA_NORD
    ),
    "netzwerk:teilnehmende": Route(
        args=_pk("veranstaltung_alpha"),
        ok=ALPHA_NORD,
        verboten=ALLE - ALPHA_NORD,
        geheim=lambda w: "Finn Freiwillig",
        nie=_abmeldetokens,
    ),
    "netzwerk:teilnehmende#mitglieder": Route(
        args=_pk("veranstaltung_mitglieder"),
        ok=VERTEILER_NORD,
        verboten=MITGLIEDER_NORD - VERTEILER_NORD,
    ),
    # POST only; who may do what: tests/netzwerk/test_veranstaltung.py
    **{
        f"netzwerk:{name}": Route(args=_pk(objekt), status=_nur_post)
        for name, objekt in (
            ("absagen", "veranstaltung_alpha"),
            ("anmelden", "veranstaltung_alpha"),
            ("veranstaltung_abmelden", "anmeldung_freiwillig"),
        )
    },
    # distribution lists: only for those who run them, never for their members
    "netzwerk:verteiler_neu": Route(ok=VERANSTALTENDE, andere=403),
    "netzwerk:verteiler_liste": Route(
        ok=VERTEILER_NORD, status=dict.fromkeys(ALLE, 200), geheim=lambda w: "Netzwerk Nord"
    ),
    "netzwerk:verteiler_liste#organisation": Route(
        ok=ALPHA_NORD, status=dict.fromkeys(ALLE, 200), geheim=lambda w: "Freundeskreis Alpha"
    ),
    "netzwerk:verteiler": Route(
        args=_pk("verteiler_nord"),
        ok=VERTEILER_NORD,
        geheim=lambda w: "kontakt@alpha.invalid",
        nie=_abmeldetokens,
    ),
    "netzwerk:verteiler#organisation": Route(
        args=_pk("verteiler_alpha"),
        ok=ALPHA_NORD,
        geheim=lambda w: "Finn Freiwillig",
        nie=_abmeldetokens,
    ),
    **{
        f"netzwerk:{name}": Route(args=_pk("verteiler_nord"), ok=VERTEILER_NORD, nie=_abmeldetokens)
        for name in ("nachricht", "inaktivitaet", "import")
    },
    # an import job is its creator's alone, platform admins included
    "netzwerk:import_auftrag": Route(
        args=_import_von_rk_nord,
        ok={"rk_nord"},
        geheim=lambda w: "matrix-liste.csv",
        nie=_abmeldetokens,
    ),
    "netzwerk:mitglied": Route(
        args=_pk("mitglied_ek_a"),
        ok=VERTEILER_NORD,
        geheim=lambda w: "Mitglieds-Notiz-vertraulich",
        nie=_abmeldetokens,
    ),
    "netzwerk:mitglied#organisation": Route(
        args=_pk("mitglied_freiwillig"),
        ok=ALPHA_NORD,
        geheim=lambda w: "Freundeskreis-Notiz-vertraulich",
        nie=_abmeldetokens,
    ),
    # POST only; who may do what: tests/netzwerk/test_verteiler.py
    **{
        f"netzwerk:{name}": Route(args=_pk(objekt), status=_nur_post)
        for name, objekt in (
            ("mitglied_aufnehmen", "verteiler_nord"),
            ("rueckmeldung", "mitglied_ek_a"),
            ("wiederherstellen", "mitglied_ek_a"),
        )
    },
    # the links in list mail: whoever holds the token (GET only asks, changes nothing)
    **{
        f"netzwerk:{name}": Route(
            public=True,
            args=_token("mitglied_ek_a"),
            nie=lambda w: [w.mitglied_alpha.abmeldetoken, w.mitglied_freiwillig.abmeldetoken],
        )
        for name in ("abmelden", "bestaetigen")
    },
    # the lists of the network API, scoped like the pages; who may write: tests/netzwerk/test_api.py
    # published Steckbriefe for everyone signed in; an unpublished one as on its page
    "api:organisation-list": Route(
        geheim=lambda w: "Träger Alpha", ok=ALPHA_NORD, status=dict.fromkeys(ALLE, 200)
    ),
    "api:organisation-detail": Route(args=_pk("traeger_a"), ok=ALPHA_NORD),
    "api:organisation-detail#veroeffentlicht": Route(args=_pk("lindenhof")),
    "api:netzwerk-verteiler-list": Route(
        ok=VERTEILER_NORD, status=dict.fromkeys(ALLE, 200), geheim=lambda w: "Netzwerk Nord"
    ),
    "api:netzwerk-verteiler-list#organisation": Route(
        ok=ALPHA_NORD, status=dict.fromkeys(ALLE, 200), geheim=lambda w: "Freundeskreis Alpha"
    ),
    "api:netzwerk-verteiler-detail": Route(args=_pk("verteiler_nord"), ok=VERTEILER_NORD),
    "api:netzwerk-verteiler-detail#organisation": Route(args=_pk("verteiler_alpha"), ok=ALPHA_NORD),
    # members: for those who run the list, not even for the members themselves
    "api:netzwerk-mitgliedschaft-list": Route(
        ok=VERTEILER_NORD,
        status=dict.fromkeys(ALLE, 200),
        geheim=lambda w: "Emma Ahornhof",
        nie=_abmeldetokens,
    ),
    "api:netzwerk-mitgliedschaft-list#organisation": Route(
        ok=ALPHA_NORD,
        status=dict.fromkeys(ALLE, 200),
        geheim=lambda w: "Finn Freiwillig",
        nie=_abmeldetokens,
    ),
    "api:netzwerk-mitgliedschaft-detail": Route(
        args=_pk("mitglied_ek_a"), ok=VERTEILER_NORD, nie=_abmeldetokens
    ),
    "api:netzwerk-mitgliedschaft-detail#organisation": Route(
        args=_pk("mitglied_freiwillig"), ok=ALPHA_NORD, nie=_abmeldetokens
    ),
    "api:netzwerk-veranstaltung-list": Route(
        ok=MITGLIEDER_NORD,
        status=dict.fromkeys(ALLE, 200),
        geheim=lambda w: "Netzwerktreffen-Mitglieder-vertraulich",
        nie=_abmeldetokens,
    ),
    "api:netzwerk-veranstaltung-list#entwurf": Route(
        ok=ALPHA_NORD, status=dict.fromkeys(ALLE, 200), geheim=lambda w: "Entwurf-Alpha-vertraulich"
    ),
    "api:netzwerk-veranstaltung-detail": Route(args=_pk("veranstaltung_alpha"), nie=_abmeldetokens),
    "api:netzwerk-veranstaltung-detail#entwurf": Route(
        args=_pk("veranstaltung_entwurf"), ok=ALPHA_NORD
    ),
    "api:netzwerk-veranstaltung-detail#mitglieder": Route(
        args=_pk("veranstaltung_mitglieder"), ok=MITGLIEDER_NORD, nie=_abmeldetokens
    ),
    # registrations: one's own, and those of the events one runs
    "api:netzwerk-anmeldung-list": Route(
        ok=ALPHA_NORD | {"freiwillig"},
        status=dict.fromkeys(ALLE, 200),
        geheim=lambda w: "Finn Freiwillig",
    ),
    "api:netzwerk-anmeldung-detail": Route(
        args=_pk("anmeldung_freiwillig"), ok=ALPHA_NORD | {"freiwillig"}
    ),
    # POST only; who may do what: tests/netzwerk/test_api.py
    "api:netzwerk-veranstaltung-anmelden": Route(args=_pk("veranstaltung_alpha"), status=_nur_post),
    "api:netzwerk-anmeldung-abmelden": Route(args=_pk("anmeldung_freiwillig"), status=_nur_post),
}

# --- Träger Alpha's calls for helpers (tests/conftest.py: _aufrufe): needs with the
# organisation as poster. An open one (Finn, freiwillig, applied with a message; Nora, no
# persona, was accepted and works on it) and a paused one. Like a shelter's needs they are
# changed by the poster (Alpha's contacts, org_a); the network coordination of the
# organisation's region (rk_nord) sees them in its workspace but changes nothing, and
# neither sees applications, assignments nor candidates.
PAUSIERTER_AUFRUF = "Pausierter-Aufruf-Alpha-vertraulich"
FINNS_NACHRICHT = "Finns-Nachricht-vertraulich"


def _nie_oeffentlich(*texte):
    """What public pages never show: shelter addresses, Finn's message, and ``texte``."""
    return lambda welt: [*_adressen(welt), FINNS_NACHRICHT, *texte]


def _link(name, objekt):
    return lambda welt: f'href="{_url(name, objekt)(welt)}"'


AUFRUFE = {
    # the organisation's calls, paused ones included: its contacts, its region's coordination
    "unterkuenfte:aufrufe": Route(
        args=_pk("traeger_a"),
        ok=ALPHA_NORD,
        geheim=lambda w: PAUSIERTER_AUFRUF,
        nie=lambda w: [FINNS_NACHRICHT],
    ),
    # the tools to post and change calls there are the contacts' only
    "unterkuenfte:aufrufe#werkzeuge": Route(
        args=_pk("traeger_a"),
        ok=ORGANISATION_A,
        status={"rk_nord": 200},
        geheim=_link("unterkuenfte:bedarf_bearbeiten", "aufruf_alpha"),
    ),
    # a published Steckbrief opens the calls' workspace to nobody beyond the region's coordination
    "unterkuenfte:aufrufe#veroeffentlicht": Route(args=_pk("lindenhof"), ok=VERTEILER_NORD),
    # posting a call: the contacts; whoever merely sees the organisation gets 403
    "unterkuenfte:aufruf_erstellen": Route(
        args=_pk("traeger_a"), ok=ORGANISATION_A, verboten={"rk_nord"}
    ),
    "unterkuenfte:aufruf_erstellen#veroeffentlicht": Route(
        args=_pk("lindenhof"), ok={"admin"}, verboten=ALLE - {"admin"}
    ),
    # open calls are public like a shelter's needs, the paused one is not (staff see every
    # row whatever the action, common/scoping.py, so the admin's board shows it too)
    "unterkuenfte:board#aufrufe": Route(
        public=True,
        ok={"admin"},
        status=dict.fromkeys(ALLE, 200),
        geheim=lambda w: PAUSIERTER_AUFRUF,
        nie=_nie_oeffentlich(),
    ),
    # Alpha's Steckbrief is not published: the call's page names Alpha without a link to it
    "unterkuenfte:bedarf#aufruf": Route(
        public=True,
        args=_pk("aufruf_alpha"),
        nie=lambda w: [
            *_nie_oeffentlich(PAUSIERTER_AUFRUF)(w),
            _link("netzwerk:organisation", "traeger_a")(w),
        ],
    ),
    # everyone sees the open call, only the contacts change it
    "unterkuenfte:bedarf_bearbeiten#aufruf": Route(
        args=_pk("aufruf_alpha"), ok=ORGANISATION_A, verboten=ALLE - ORGANISATION_A
    ),
    # the paused one is the region's coordination's to see, not to change
    "unterkuenfte:bedarf_bearbeiten#aufruf_pausiert": Route(
        args=_pk("aufruf_alpha_pausiert"), ok=ORGANISATION_A, verboten={"rk_nord"}
    ),
    "api:bedarf-list#aufrufe": Route(
        public=True,
        ok=ALPHA_NORD,
        status=dict.fromkeys(ALLE, 200),
        geheim=lambda w: PAUSIERTER_AUFRUF,
        nie=lambda w: [FINNS_NACHRICHT],
    ),
    "api:bedarf-detail#aufruf_pausiert": Route(
        args=_pk("aufruf_alpha_pausiert"), ok=ALPHA_NORD, status={"anonym": 404}
    ),
    # the Steckbrief lists the open calls; the way to post one is for the contacts only
    "netzwerk:organisation#aufrufe": Route(
        args=_pk("traeger_a"),
        ok=ORGANISATION_A,
        public=True,
        status={"anonym": 404, "rk_nord": 200},
        geheim=_link("unterkuenfte:aufruf_erstellen", "traeger_a"),
        nie=lambda w: [FINNS_NACHRICHT],
    ),
    # a published Steckbrief without calls: the way to its calls for its region's coordination
    "netzwerk:organisation#aufrufe_veroeffentlicht": Route(
        args=_pk("lindenhof"),
        ok=VERTEILER_NORD,
        public=True,
        status=dict.fromkeys(ALLE, 200),
        geheim=_link("unterkuenfte:aufrufe", "lindenhof"),
    ),
    # applying: the volunteers (Finn is banned at shelter A, not from Alpha's calls)
    "freiwillige:bewerben#aufruf": Route(args=_pk("aufruf_alpha"), ok=FREIWILLIG),
    # applications and assignments: the volunteer and the contacts, not the region
    "freiwillige:bewerbungen#aufruf": Route(
        ok=ORGANISATION_A, status=dict.fromkeys(ALLE, 200), geheim=lambda w: "Nora Nachbarin"
    ),
    "freiwillige:bewerbung#aufruf": Route(
        args=_pk("bewerbung_aufruf"),
        ok=ORGANISATION_A | FREIWILLIG,
        geheim=lambda w: FINNS_NACHRICHT,
    ),
    "freiwillige:fz_bestaetigung#aufruf": Route(
        args=_pk("bewerbung_aufruf"), ok=ORGANISATION_A | FREIWILLIG, pdf=True
    ),
    "freiwillige:einsaetze#aufruf": Route(
        ok=ORGANISATION_A, status=dict.fromkeys(ALLE, 200), geheim=lambda w: "Nora Nachbarin"
    ),
    "freiwillige:einsatz#aufruf": Route(
        args=_pk("einsatz_aufruf"), ok=ORGANISATION_A, geheim=lambda w: "Nora Nachbarin"
    ),
    "freiwillige:person#aufruf": Route(
        args=lambda w: [w.nora.profil.pk], ok=ORGANISATION_A, geheim=lambda w: "nora@test.invalid"
    ),
    # candidates: the contacts; the region's coordination sees the call but may not match
    "freiwillige:kandidaten#aufruf": Route(
        args=_pk("aufruf_alpha"),
        ok=ORGANISATION_A,
        verboten={"rk_nord"},
        geheim=lambda w: "Finn",
    ),
    "api:kandidaten#aufruf": Route(
        args=_pk("aufruf_alpha"),
        ok=ORGANISATION_A,
        verboten={"rk_nord"},
        geheim=lambda w: "Finn",
    ),
    "api:bewerbung-list#aufruf": Route(
        ok=ORGANISATION_A | FREIWILLIG,
        status=dict.fromkeys(ALLE, 200),
        geheim=lambda w: FINNS_NACHRICHT,
    ),
    "api:bewerbung-detail#aufruf": Route(
        args=_pk("bewerbung_aufruf"),
        ok=ORGANISATION_A | FREIWILLIG,
        geheim=lambda w: FINNS_NACHRICHT,
    ),
    "api:einsatz-list#aufruf": Route(
        ok=ORGANISATION_A, status=dict.fromkeys(ALLE, 200), geheim=lambda w: "Nora Nachbarin"
    ),
    "api:einsatz-detail#aufruf": Route(
        args=_pk("einsatz_aufruf"), ok=ORGANISATION_A, geheim=lambda w: "Nora Nachbarin"
    ),
}

# --- notifications: everyone's own preferences; the digest preview is for platform admins;
# the unsubscribe link works without a session (its token is the credential) and asks first.


def _abmeldetoken(welt):
    from benachrichtigungen.models import einstellung_von

    return [einstellung_von(welt.ek_a).abmeldetoken, "digest"]


BENACHRICHTIGUNGEN = {
    "benachrichtigungen:einstellungen": Route(),
    "benachrichtigungen:vorschau": Route(args=lambda w: [w.ek_a.pk], ok={"admin"}),
    "benachrichtigungen:abbestellen": Route(public=True, args=_abmeldetoken),
}

# --- region reports: the administration reads every region, a regional coordination its own
# (Nord has no regions below it: its overview forwards to its region's page); nobody else.
BERICHTSLESENDE = frozenset({"admin", "verwaltung"})

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


def _auskunft_ek_a(welt):
    from konten.models import Auskunftsauftrag
    from konten.tasks import auskunft_ordner

    auftrag = Auskunftsauftrag.objects.create(
        erstellt_von=welt.ek_a, status="fertig", datei="matrix-auskunft.zip"
    )
    (auskunft_ordner() / auftrag.datei).write_bytes(b"PK")
    return [auftrag.pk]


def _export_von_verwaltung(welt):
    from berichte.models import Exportauftrag
    from berichte.tasks import export_ordner

    auftrag = Exportauftrag.objects.create(
        erstellt_von=welt.verwaltung,
        format="csv",
        nebeneinander=True,
        periode="2026-11",
        status="fertig",
        datei="matrix-bericht.csv",
    )
    (export_ordner() / auftrag.datei).write_bytes("\ufeffKennzahl;Wert\n".encode())
    return [auftrag.pk]


BERICHTE = {
    "berichte:uebersicht": Route(
        ok=BERICHTSLESENDE, status={"rk_nord": 302, "rk_suedost": 302}, andere=403
    ),
    "berichte:region": Route(
        args=_nord, ok=BERICHTSLESENDE | {"rk_nord"}, status={"rk_suedost": 404}, andere=403
    ),
    "berichte:export_neu": Route(status=_nur_post),
    "berichte:export_status": Route(args=_export_von_verwaltung, ok=BERICHTSLESENDE),
    "berichte:export_datei": Route(args=_export_von_verwaltung, ok=BERICHTSLESENDE),
    "api:bericht-list": Route(
        geheim=lambda w: "Berlin-Nord",
        ok=BERICHTSLESENDE | {"rk_nord"},
        status=dict.fromkeys(ALLE, 200),
    ),
    "api:bericht-detail": Route(args=_nord, ok=BERICHTSLESENDE | {"rk_nord"}),
    "api:bericht-vergleich": Route(args=_nord, ok=BERICHTSLESENDE | {"rk_nord"}),
    "api:bericht-gesamt": Route(ok=BERICHTSLESENDE, andere=403),
}


MATRIX = {
    "start": Route(public=True),
    "healthz": Route(public=True),
    "schema": Route(public=True),
    "swagger-ui": Route(public=True),
    "konten:login": Route(public=True, status=_angemeldet_weiter),
    "konten:logout": Route(status=_nur_post),
    "konten:sprache": Route(status=_nur_post_oeffentlich),
    "konten:konto": Route(),
    # the records of processing: the platform admin's alone
    "konten:verarbeitungsverzeichnis": Route(ok={"admin"}, geheim=lambda w: "Rechtsgrundlage"),
    # the retention schedule with its dry run and confirmation: the platform admin's alone
    "konten:aufbewahrungsplan": Route(ok={"admin"}, geheim=lambda w: "Unbenutzte Konten"),
    "konten:passwort_aendern": Route(),
    "konten:passwort_geaendert": Route(),
    "konten:passwort_vergessen": Route(public=True),
    "konten:passwort_link_gesendet": Route(public=True),
    "konten:passwort_neu": Route(public=True, args=_passwort_link),
    "konten:passwort_neu_gesetzt": Route(public=True),
    "konten:einladungen": Route(
        args=_einladung_admin,
        geheim=lambda w: "nur-fuer-admin@test.invalid",
        ok={"admin"},
        status=dict.fromkeys(ALLE, 200),
    ),
    # every role that coordinates something invites into it; the form offers only its scope
    "konten:einladung_erstellen": Route(
        ok=ALLE - {"verwaltung", "freiwillig"}, verboten={"verwaltung", "freiwillig"}
    ),
    "konten:einladung": Route(public=True, args=_einladung_token),
    # POST only; who may resend which invitation: tests/konten/test_einladung.py
    "konten:einladung_erneut": Route(args=_einladung_pk, status=_nur_post),
    # the code after the password; whoever has nothing to give is sent on
    "konten:zweiter_faktor": Route(status=_angemeldet_weiter),
    # setting up the authenticator app: for the roles that sign in with two factors
    "konten:zwei_faktoren": Route(ok=ZWEI_FAKTOREN, verboten=ALLE - ZWEI_FAKTOREN),
    # one's own API tokens only, admins included
    "konten:api_zugaenge": Route(
        args=_api_zugang_ek_a,
        geheim=lambda w: "Zugang-EK-A-vertraulich",
        ok={"ek_a"},
        status=dict.fromkeys(ALLE, 200),
    ),
    # POST only; whose token may be revoked: tests/konten/test_api_zugaenge.py
    "konten:api_zugang_widerrufen": Route(args=_api_zugang_pk, status=_nur_post),
    "konten:loeschung_beantragen": Route(status=_nur_post),
    "konten:loeschung_widerrufen": Route(status=_nur_post),
    # a copy of one's own data: its job and file are the person's alone, admins included
    "konten:auskunft": Route(),
    "konten:auskunft_status": Route(args=_auskunft_ek_a, ok={"ek_a"}),
    "konten:auskunft_datei": Route(args=_auskunft_ek_a, ok={"ek_a"}),
    "regionen:liste": Route(
        geheim=lambda w: w.nord.name, ok={"admin", "rk_nord"}, status=dict.fromkeys(ALLE, 200)
    ),
    "regionen:detail": Route(args=_nord, ok={"admin", "rk_nord"}),
    "regionen:bearbeiten": Route(args=_nord, ok={"admin"}, verboten={"rk_nord"}),
    "api:token": Route(status=_nur_post_oeffentlich),
    "api:abmelden": Route(status=_nur_post),
    "api:konto": Route(),
    "api:region-list": Route(
        geheim=lambda w: w.nord.name, ok={"admin", "rk_nord"}, status=dict.fromkeys(ALLE, 200)
    ),
    "api:region-detail": Route(args=_nord, ok={"admin", "rk_nord"}),
    "api:bezirk-list": Route(),
    "api:bezirk-detail": Route(args=lambda w: [w.nord.bezirke.first().pk]),
    # the public board: open needs of every shelter, never an address
    "unterkuenfte:board": Route(public=True, nie=_adressen),
    "unterkuenfte:bedarf": Route(public=True, args=_pk("bedarf_b"), nie=_adressen),
    # the workspace of shelter A (Nord): its coordination, Nord's coordination, admins
    "unterkuenfte:liste": Route(
        geheim=lambda w: "Unterkunft Ahornhof", ok=UNTERKUNFT_A, status=dict.fromkeys(ALLE, 200)
    ),
    "unterkuenfte:detail": Route(args=_pk("unterkunft_a"), ok=UNTERKUNFT_A, geheim=_adresse_a),
    "unterkuenfte:bearbeiten": Route(
        args=_pk("unterkunft_a"), ok={"admin", "ek_a"}, verboten={"rk_nord"}
    ),
    "unterkuenfte:bedarf_erstellen": Route(
        args=_pk("unterkunft_a"), ok={"admin", "ek_a"}, verboten={"rk_nord"}
    ),
    "unterkuenfte:hausverbote": Route(
        args=_pk("unterkunft_a"), ok=UNTERKUNFT_A, geheim=lambda w: "Grund-A-vertraulich"
    ),
    "unterkuenfte:bedarf_bearbeiten": Route(
        args=_pk("bedarf_a_pausiert"), ok={"admin", "ek_a"}, verboten={"rk_nord"}
    ),
    # POST only; who may change what: tests/unterkuenfte/test_bedarfe.py
    "unterkuenfte:bedarf_status": Route(args=_pk("bedarf_a"), status=_nur_post),
    "unterkuenfte:hausverbot_beenden": Route(args=_pk("hausverbot_a"), status=_nur_post),
    "api:unterkunft-list": Route(
        geheim=_adresse_a, ok=UNTERKUNFT_A, status=dict.fromkeys(ALLE, 200)
    ),
    "api:unterkunft-detail": Route(args=_pk("unterkunft_a"), ok=UNTERKUNFT_A, geheim=_adresse_a),
    # open needs are public; a paused need only for the shelter's workspace
    "api:bedarf-list": Route(public=True, nie=_adressen),
    "api:bedarf-detail": Route(
        args=_pk("bedarf_a_pausiert"), ok=UNTERKUNFT_A, status={"anonym": 404}
    ),
    "api:sprache-list": Route(public=True),
    "api:sprache-detail": Route(public=True, args=lambda w: ["ar"]),
    "api:unterkunftsart-list": Route(public=True),
    "api:unterkunftsart-detail": Route(public=True, args=lambda w: [w.unterkunft_a.art_id]),
    "api:anforderungsart-list": Route(public=True),
    "api:anforderungsart-detail": Route(
        public=True, args=lambda w: [w.unterkunft_a.anforderungen.model.objects.first().pk]
    ),
    "api:taetigkeitsfeld-list": Route(public=True),
    "api:taetigkeitsfeld-detail": Route(
        public=True, args=lambda w: [w.bedarf_a.taetigkeitsfeld_id]
    ),
    # --- volunteers: sign-up is public; a signed-in person is sent to the start page
    "freiwillige:registrieren": Route(public=True, status=dict.fromkeys(ALLE, 302)),
    "freiwillige:registriert": Route(public=True),
    "freiwillige:bestaetigen": Route(public=True, args=_registrierung_token),
    # nothing to accept for the personas: the page forwards to the profile
    "freiwillige:erklaerungen": Route(status=dict.fromkeys(ALLE, 302)),
    # the volunteer's own pages exist only for someone with a profile
    "freiwillige:profil": Route(ok=FREIWILLIG, geheim=lambda w: "Arabisch"),
    "freiwillige:engagement": Route(ok=FREIWILLIG),
    "freiwillige:bedarfe": Route(ok=FREIWILLIG),
    "freiwillige:bewerben": Route(args=_pk("bedarf_a"), ok=FREIWILLIG),
    "freiwillige:taetigkeitsnachweis": Route(ok=FREIWILLIG, pdf=True),
    # applications: the applicant and the shelter's coordination, not its region
    "freiwillige:bewerbungen": Route(
        ok={"admin", "ek_a"}, status=dict.fromkeys(ALLE, 200), geheim=lambda w: "Bea Bewerberin"
    ),
    "freiwillige:bewerbung": Route(
        args=_pk("bewerbung_a"), ok={"admin", "ek_a"}, geheim=lambda w: "Bea Bewerberin"
    ),
    "freiwillige:fz_bestaetigung": Route(
        args=_pk("bewerbung_b"), ok={"admin", "ek_b", "freiwillig"}
    ),
    "freiwillige:bewerbung_aktion": Route(
        args=lambda w: [w.bewerbung_a.pk, "annehmen"], status=_nur_post
    ),
    "freiwillige:einsaetze": Route(
        ok={"admin", "ek_b"}, status=dict.fromkeys(ALLE, 200), geheim=lambda w: "Hanna Helferin"
    ),
    # the assignment page shows the address: the coordination (and the volunteer) only
    "freiwillige:einsatz": Route(
        args=_pk("einsatz_b"), ok={"admin", "ek_b"}, geheim=lambda w: "Verborgene Straße"
    ),
    "freiwillige:einsatz_status": Route(args=_pk("einsatz_b"), status=_nur_post),
    "freiwillige:stunden_bestaetigen": Route(args=_pk("stunden_b"), status=_nur_post),
    "freiwillige:person": Route(
        args=lambda w: [w.bea.profil.pk], ok={"admin", "ek_a"}, geheim=lambda w: "bea@test.invalid"
    ),
    # candidates: the shelter's coordination; its region sees the need but may not match
    "freiwillige:kandidaten": Route(
        args=_pk("bedarf_a"), ok={"admin", "ek_a"}, verboten={"rk_nord"}, geheim=lambda w: "Bea"
    ),
    "freiwillige:kandidat_einladen": Route(
        args=lambda w: [w.bedarf_a.pk, w.bea.profil.pk], status=_nur_post
    ),
    # figures without names
    "freiwillige:kennzahlen": Route(
        ok={"admin", "verwaltung", "rk_nord", "rk_suedost"}, andere=403
    ),
    # --- the volunteering API, scoped like the pages
    "api:profil": Route(ok=FREIWILLIG, geheim=lambda w: '"ar"'),
    "api:engagement": Route(status=dict.fromkeys(ALLE, 405)),
    "api:passende-bedarfe": Route(ok=FREIWILLIG),
    "api:kandidaten": Route(
        args=_pk("bedarf_a"), ok={"admin", "ek_a"}, verboten={"rk_nord"}, geheim=lambda w: "Bea"
    ),
    "api:bewerbung-list": Route(
        ok={"admin", "ek_a"}, status=dict.fromkeys(ALLE, 200), geheim=lambda w: "Bea Bewerberin"
    ),
    "api:bewerbung-detail": Route(
        args=_pk("bewerbung_a"), ok={"admin", "ek_a"}, geheim=lambda w: "Bea Bewerberin"
    ),
    **{
        f"api:bewerbung-{schritt}": Route(args=_pk("bewerbung_a"), status=_nur_post)
        for schritt in ("annehmen", "ablehnen", "rueckfrage", "antworten", "zurueckziehen")
    },
    "api:einsatz-list": Route(
        ok={"admin", "ek_b"}, status=dict.fromkeys(ALLE, 200), geheim=lambda w: "Hanna Helferin"
    ),
    "api:einsatz-detail": Route(
        args=_pk("einsatz_b"), ok={"admin", "ek_b"}, geheim=lambda w: "Verborgene Stra"
    ),
    "api:einsatz-status": Route(args=_pk("einsatz_b"), status=_nur_post),
    "api:stundeneintrag-list": Route(status=dict.fromkeys(ALLE, 200)),
    "api:stundeneintrag-detail": Route(args=_pk("stunden_b"), ok={"admin", "ek_b"}),
    "api:stundeneintrag-bestaetigen": Route(args=_pk("stunden_b"), status=_nur_post),
    # --- jours fixes: Nord's belong to its coordination and to the coordinators of its shelters
    "regionen:termine": Route(
        ok=JOURFIXE_NORD, status=dict.fromkeys(ALLE, 200), geheim=lambda w: "Jour fixe Nord"
    ),
    "regionen:serie_erstellen": Route(ok={"admin", "rk_nord", "rk_suedost"}, andere=403),
    "regionen:serie": Route(args=_pk("serie_nord"), ok=JOURFIXE_NORD),
    "regionen:serie_bearbeiten": Route(
        args=_pk("serie_nord"), ok={"admin", "rk_nord"}, verboten={"ek_a"}
    ),
    "regionen:termin": Route(
        args=_pk("termin_nord"), ok=JOURFIXE_NORD, geheim=lambda w: "Thema-Nord-vertraulich"
    ),
    "regionen:termin_ics": Route(args=_pk("termin_nord"), ok=JOURFIXE_NORD),
    "regionen:termin_verschieben": Route(
        args=_pk("termin_nord"), ok={"admin", "rk_nord"}, verboten={"ek_a"}
    ),
    "regionen:anwesenheit": Route(
        args=_pk("termin_nord"), ok={"admin", "rk_nord"}, verboten={"ek_a"}
    ),
    "regionen:protokoll": Route(
        args=_pk("termin_nord"), ok={"admin", "rk_nord"}, verboten={"ek_a"}
    ),
    "regionen:aufgaben": Route(
        ok=JOURFIXE_NORD,
        status=dict.fromkeys(ALLE, 200),
        geheim=lambda w: "Aufgabe-Nord-vertraulich",
    ),
    # POST only; who may do what: tests/regionen/test_jourfixe_seiten.py
    **{
        f"regionen:{name}": Route(args=_pk(objekt), status=_nur_post)
        for name, objekt in (
            ("serie_beenden", "serie_nord"),
            ("termin_absagen", "termin_nord"),
            ("termin_antworten", "termin_nord"),
            ("thema_vorschlagen", "termin_nord"),
            ("thema_stimme", "thema_nord"),
            ("tagesordnung", "termin_nord"),
            ("aufgabe_erstellen", "termin_nord"),
            ("aufgabe_status", "aufgabe_nord"),
        )
    },
    # --- the jour-fixe API, scoped like the pages; who may write: test_jourfixe_api.py
    "api:jourfixe-serie-list": Route(
        ok=JOURFIXE_NORD, status=dict.fromkeys(ALLE, 200), geheim=lambda w: "Jour fixe Nord"
    ),
    "api:jourfixe-serie-detail": Route(args=_pk("serie_nord"), ok=JOURFIXE_NORD),
    "api:termin-list": Route(
        ok=JOURFIXE_NORD, status=dict.fromkeys(ALLE, 200), geheim=lambda w: "Jour fixe Nord"
    ),
    "api:termin-detail": Route(
        args=_pk("termin_nord"), ok=JOURFIXE_NORD, geheim=lambda w: "Aufgabe-Nord-vertraulich"
    ),
    "api:thema-list": Route(
        ok=JOURFIXE_NORD,
        status=dict.fromkeys(ALLE, 200),
        geheim=lambda w: "Thema-Nord-vertraulich",
    ),
    "api:thema-detail": Route(
        args=_pk("thema_nord"), ok=JOURFIXE_NORD, geheim=lambda w: "Thema-Nord-vertraulich"
    ),
    "api:teilnahme-list": Route(status=dict.fromkeys(ALLE, 200)),
    "api:aufgabe-list": Route(
        ok=JOURFIXE_NORD,
        status=dict.fromkeys(ALLE, 200),
        geheim=lambda w: "Aufgabe-Nord-vertraulich",
    ),
    "api:aufgabe-detail": Route(
        args=_pk("aufgabe_nord"), ok=JOURFIXE_NORD, geheim=lambda w: "Aufgabe-Nord-vertraulich"
    ),
    **{
        f"api:{name}": Route(args=_pk(objekt), status=_nur_post)
        for name, objekt in (
            ("jourfixe-serie-beenden", "serie_nord"),
            ("termin-antworten", "termin_nord"),
            ("termin-verschieben", "termin_nord"),
            ("termin-absagen", "termin_nord"),
            ("termin-tagesordnung", "termin_nord"),
            ("termin-anwesenheit", "termin_nord"),
            ("termin-protokoll", "termin_nord"),
            ("thema-abstimmen", "thema_nord"),
            ("thema-stimme-zurueckziehen", "thema_nord"),
        )
    },
    # the personal calendar: its page for everyone signed in; the feed opens with its key only
    "konten:kalender": Route(),
    "kalender_feed": Route(
        public=True,
        args=lambda w: [w.kalender_ek_a.schluessel],
        status=dict.fromkeys(ALLE, 200),
    ),
    # --- training: the calendar and published courses are public; management is the team's
    "fortbildung:kalender": Route(public=True, nie=lambda w: ["Kurs-Entwurf-vertraulich"]),
    "fortbildung:kurs": Route(public=True, args=_pk("kurs_basis")),
    "fortbildung:pruefen": Route(public=True),
    "fortbildung:meine": Route(
        ok={"ek_a"}, status=dict.fromkeys(ALLE, 200), geheim=lambda w: "Basiskurs Frühjahr"
    ),
    "fortbildung:bescheinigung": Route(
        args=_pk("anmeldung_abgeschlossen"), ok={"admin", "fortbildung", "ek_a"}, pdf=True
    ),
    "fortbildung:wuensche": Route(
        ok=WUENSCHENDE, andere=403, geheim=lambda w: "Wunsch-vertraulich"
    ),
    **{
        f"fortbildung:{name}": Route(ok=FORTBILDUNGSTEAM, andere=403)
        for name in ("verwaltung", "reihe_erstellen", "kurs_erstellen", "qualifikation_erteilen")
    },
    **{
        f"fortbildung:{name}": Route(
            args=_pk(objekt),
            ok=FORTBILDUNGSTEAM,
            verboten=ALLE - FORTBILDUNGSTEAM,
            pdf=name == "anwesenheitsliste",
        )
        for name, objekt in (
            ("teilnehmende", "kurs_basis"),
            ("kurs_bearbeiten", "kurs_basis"),
            ("anwesenheitsliste", "kurs_basis"),
            ("anwesenheit", "sitzung_basis"),
        )
    },
    # POST only; who may do what: tests/fortbildung/test_seiten.py
    **{
        f"fortbildung:{name}": Route(args=_pk(objekt), status=_nur_post)
        for name, objekt in (
            ("anmelden", "kurs_basis"),
            ("abmelden", "anmeldung_ek_a"),
            ("wunsch_stimme", "wunsch"),
        )
    },
    # --- the training API: series, published courses and their sessions are public; a draft
    # only for the team; registrations are one's own; who may write: tests/fortbildung/test_api.py
    "api:fortbildung-reihe-list": Route(public=True),
    "api:fortbildung-reihe-detail": Route(public=True, args=_pk("reihe_basis")),
    "api:fortbildung-kurs-list": Route(
        public=True,
        ok=FORTBILDUNGSTEAM,
        status=dict.fromkeys(ALLE, 200),
        geheim=lambda w: "Kurs-Entwurf-vertraulich",
    ),
    "api:fortbildung-kurs-detail": Route(
        args=_pk("kurs_entwurf"),
        ok=FORTBILDUNGSTEAM,
        status={"anonym": 404},
        geheim=lambda w: "Kurs-Entwurf-vertraulich",
    ),
    "api:fortbildung-kurs-teilnehmende": Route(
        args=_pk("kurs_basis"),
        ok=FORTBILDUNGSTEAM,
        verboten=ALLE - FORTBILDUNGSTEAM,
        geheim=lambda w: "ek-a@test.invalid",
    ),
    "api:fortbildung-sitzung-list": Route(
        public=True,
        ok=FORTBILDUNGSTEAM,
        status=dict.fromkeys(ALLE, 200),
        geheim=lambda w: "Kurs-Entwurf-vertraulich",
    ),
    "api:fortbildung-sitzung-detail": Route(
        args=lambda w: [w.kurs_entwurf.sitzungen.first().pk],
        ok=FORTBILDUNGSTEAM,
        status={"anonym": 404},
        geheim=lambda w: "Kurs-Entwurf-vertraulich",
    ),
    "api:fortbildung-anmeldung-list": Route(
        ok={"admin", "fortbildung", "ek_a"},
        status=dict.fromkeys(ALLE, 200),
        geheim=lambda w: "Basiskurs Frühjahr",
    ),
    "api:fortbildung-anmeldung-detail": Route(
        args=_pk("anmeldung_abgeschlossen"),
        ok={"admin", "fortbildung", "ek_a"},
        geheim=lambda w: "TEST-CODE-2345",
    ),
    **{
        f"api:{name}": Route(args=_pk(objekt), status=_nur_post)
        for name, objekt in (
            ("fortbildung-kurs-anmelden", "kurs_basis"),
            ("fortbildung-kurs-anwesenheit", "kurs_basis"),
            ("fortbildung-kurs-abschliessen", "kurs_basis"),
            ("fortbildung-anmeldung-abmelden", "anmeldung_ek_a"),
        )
    },
    **NETZWERK,
    **AUFRUFE,
    **BENACHRICHTIGUNGEN,
    **BERICHTE,
    # Django's admin guards itself (staff only); its index stands for all of its routes.
    "admin:index": Route(ok={"admin"}, andere=302),
}

#: route-name prefixes whose routes are covered by one representative entry above
GEDECKT_DURCH = {"admin:": "admin:index"}
