"""Access-matrix entries of netzwerk: Träger Alpha (org_a) and its lists and events lie in
Nord, Träger Beta (org_b) in Südost; Nord's network coordination is rk_nord
(tests/welten/netzwerk.py)."""

from dataclasses import asdict

from common.models import Importauftrag
from netzwerk.importe import VERTEILER_IMPORT, Verteilerimport
from netzwerk.models import Mitgliedschaft
from tests.access_entry import (
    ALLE,
    ALPHA_NORD,
    FINNS_NACHRICHT,
    MITGLIEDER_NORD,
    NUR_POST,
    ORGANISATION_A,
    VERTEILER_NORD,
    Route,
    link_zu,
    objekt_pk,
    url_zu,
)
from tests.factories import ImportauftragFactory

#: who may present events: organisation contacts and the network coordination
VERANSTALTENDE = frozenset({"admin", "org_a", "org_b", "rk_nord", "rk_suedost"})


def _import_von_rk_nord(welt):
    """A dry run of Nord's coordination into Nord's list, checked without errors."""
    verteiler = welt.verteiler_nord
    auftrag = ImportauftragFactory(
        erstellt_von=welt.rk_nord,
        art=VERTEILER_IMPORT,
        ziel_id=verteiler.pk,
        dateiname="matrix-liste.csv",
        status=Importauftrag.Status.FERTIG,
        fehlerfrei=True,
        ergebnis=asdict(Verteilerimport(neue_mitglieder=2)),
    )
    return [verteiler.pk, auftrag.pk]


def _abmeldetokens(welt):
    """A member's token unsubscribes them: it belongs in the mail and its own page only."""
    return list(Mitgliedschaft.objects.values_list("abmeldetoken", flat=True))


def _token(name):
    return lambda welt: [welt.objekte[name].abmeldetoken]


def _nie(*texte):
    """The draft's title and the members' tokens, plus ``texte``."""
    return lambda welt: ["Entwurf-Alpha-vertraulich", *texte, *_abmeldetokens(welt)]


ZUGRIFF = {
    # the directory shows published Steckbriefe only, to everyone
    "netzwerk:verzeichnis": Route(public=True, nie=_nie("Träger Alpha", "Träger Beta")),
    # an unpublished Steckbrief: its contacts, its region's network coordination, admins
    "netzwerk:organisation": Route(
        args=objekt_pk("traeger_a"),
        ok=ALPHA_NORD,
        public=True,
        status={"anonym": 404},
        geheim=lambda w: "Entwurf-Alpha-vertraulich",
        nie=_abmeldetokens,
    ),
    # a published one: everyone; its admission record only for its region's coordination
    "netzwerk:organisation#veroeffentlicht": Route(
        args=objekt_pk("lindenhof"),
        ok=VERTEILER_NORD,
        public=True,
        status=dict.fromkeys(ALLE, 200),
        geheim=lambda w: "Aufnahme-Notiz-vertraulich",
        nie=_nie(),
    ),
    # the Steckbrief is edited by its contacts only; whoever merely sees it gets 404 too
    "netzwerk:organisation_bearbeiten": Route(args=objekt_pk("traeger_a"), ok=ORGANISATION_A),
    "netzwerk:organisation_bearbeiten#veroeffentlicht": Route(
        args=objekt_pk("lindenhof"), ok={"admin"}
    ),
    # POST only; who may record which step: tests/netzwerk
    "netzwerk:aufnahmeschritt": Route(args=objekt_pk("lindenhof"), status=NUR_POST),
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
        args=objekt_pk("veranstaltung_alpha"),
        public=True,
        ok=ALPHA_NORD,
        status=dict.fromkeys(ALLE, 200),
        geheim=url_zu("netzwerk:teilnehmende", "veranstaltung_alpha"),
        nie=_nie(),
    ),
    "netzwerk:veranstaltung#entwurf": Route(
        args=objekt_pk("veranstaltung_entwurf"),
        public=True,
        ok=ALPHA_NORD,
        status={"anonym": 404},
        geheim=lambda w: "Entwurf-Alpha-vertraulich",
    ),
    "netzwerk:veranstaltung#mitglieder": Route(
        args=objekt_pk("veranstaltung_mitglieder"),
        public=True,
        ok=MITGLIEDER_NORD,
        status={"anonym": 404},
        geheim=lambda w: "Netzwerktreffen-Mitglieder-vertraulich",
        nie=_nie(),
    ),
    "netzwerk:veranstaltung_ics": Route(args=objekt_pk("veranstaltung_alpha"), public=True),
    "netzwerk:veranstaltung_ics#entwurf": Route(
        args=objekt_pk("veranstaltung_entwurf"),
        public=True,
        ok=ALPHA_NORD,
        status={"anonym": 404},
        geheim=lambda w: "Entwurf-Alpha-vertraulich",
    ),
    # changing an event: whoever sees it but does not run it gets 403, a hidden draft 404
    "netzwerk:veranstaltung_bearbeiten": Route(
        args=objekt_pk("veranstaltung_alpha"), ok=ALPHA_NORD, verboten=ALLE - ALPHA_NORD
    ),
    "netzwerk:veranstaltung_bearbeiten#entwurf": Route(
        args=objekt_pk("veranstaltung_entwurf"), ok=ALPHA_NORD
    ),
    "netzwerk:teilnehmende": Route(
        args=objekt_pk("veranstaltung_alpha"),
        ok=ALPHA_NORD,
        verboten=ALLE - ALPHA_NORD,
        geheim=lambda w: "Finn Freiwillig",
        nie=_abmeldetokens,
    ),
    "netzwerk:teilnehmende#mitglieder": Route(
        args=objekt_pk("veranstaltung_mitglieder"),
        ok=VERTEILER_NORD,
        verboten=MITGLIEDER_NORD - VERTEILER_NORD,
    ),
    # POST only; who may do what: tests/netzwerk/test_veranstaltung.py
    **{
        f"netzwerk:{name}": Route(args=objekt_pk(objekt), status=NUR_POST)
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
        args=objekt_pk("verteiler_nord"),
        ok=VERTEILER_NORD,
        geheim=lambda w: "kontakt@alpha.invalid",
        nie=_abmeldetokens,
    ),
    "netzwerk:verteiler#organisation": Route(
        args=objekt_pk("verteiler_alpha"),
        ok=ALPHA_NORD,
        geheim=lambda w: "Finn Freiwillig",
        nie=_abmeldetokens,
    ),
    **{
        f"netzwerk:{name}": Route(
            args=objekt_pk("verteiler_nord"), ok=VERTEILER_NORD, nie=_abmeldetokens
        )
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
        args=objekt_pk("mitglied_ek_a"),
        ok=VERTEILER_NORD,
        geheim=lambda w: "Mitglieds-Notiz-vertraulich",
        nie=_abmeldetokens,
    ),
    "netzwerk:mitglied#organisation": Route(
        args=objekt_pk("mitglied_freiwillig"),
        ok=ALPHA_NORD,
        geheim=lambda w: "Freundeskreis-Notiz-vertraulich",
        nie=_abmeldetokens,
    ),
    # POST only; who may do what: tests/netzwerk/test_verteiler.py
    **{
        f"netzwerk:{name}": Route(args=objekt_pk(objekt), status=NUR_POST)
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
    "api:organisation-detail": Route(args=objekt_pk("traeger_a"), ok=ALPHA_NORD),
    "api:organisation-detail#veroeffentlicht": Route(args=objekt_pk("lindenhof")),
    "api:netzwerk-verteiler-list": Route(
        ok=VERTEILER_NORD, status=dict.fromkeys(ALLE, 200), geheim=lambda w: "Netzwerk Nord"
    ),
    "api:netzwerk-verteiler-list#organisation": Route(
        ok=ALPHA_NORD, status=dict.fromkeys(ALLE, 200), geheim=lambda w: "Freundeskreis Alpha"
    ),
    "api:netzwerk-verteiler-detail": Route(args=objekt_pk("verteiler_nord"), ok=VERTEILER_NORD),
    "api:netzwerk-verteiler-detail#organisation": Route(
        args=objekt_pk("verteiler_alpha"), ok=ALPHA_NORD
    ),
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
        args=objekt_pk("mitglied_ek_a"), ok=VERTEILER_NORD, nie=_abmeldetokens
    ),
    "api:netzwerk-mitgliedschaft-detail#organisation": Route(
        args=objekt_pk("mitglied_freiwillig"), ok=ALPHA_NORD, nie=_abmeldetokens
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
    "api:netzwerk-veranstaltung-detail": Route(
        args=objekt_pk("veranstaltung_alpha"), nie=_abmeldetokens
    ),
    "api:netzwerk-veranstaltung-detail#entwurf": Route(
        args=objekt_pk("veranstaltung_entwurf"), ok=ALPHA_NORD
    ),
    "api:netzwerk-veranstaltung-detail#mitglieder": Route(
        args=objekt_pk("veranstaltung_mitglieder"), ok=MITGLIEDER_NORD, nie=_abmeldetokens
    ),
    # registrations: one's own, and those of the events one runs
    "api:netzwerk-anmeldung-list": Route(
        ok=ALPHA_NORD | {"freiwillig"},
        status=dict.fromkeys(ALLE, 200),
        geheim=lambda w: "Finn Freiwillig",
    ),
    "api:netzwerk-anmeldung-detail": Route(
        args=objekt_pk("anmeldung_freiwillig"), ok=ALPHA_NORD | {"freiwillig"}
    ),
    # POST only; who may do what: tests/netzwerk/test_api.py
    "api:netzwerk-veranstaltung-anmelden": Route(
        args=objekt_pk("veranstaltung_alpha"), status=NUR_POST
    ),
    "api:netzwerk-anmeldung-abmelden": Route(
        args=objekt_pk("anmeldung_freiwillig"), status=NUR_POST
    ),
    # --- Träger Alpha's calls for helpers (tests/access_entry.py)
    # the Steckbrief lists the open calls; the way to post one is for the contacts only
    "netzwerk:organisation#aufrufe": Route(
        args=objekt_pk("traeger_a"),
        ok=ORGANISATION_A,
        public=True,
        status={"anonym": 404, "rk_nord": 200},
        geheim=link_zu("unterkuenfte:aufruf_erstellen", "traeger_a"),
        nie=lambda w: [FINNS_NACHRICHT],
    ),
    # a published Steckbrief without calls: the way to its calls for its region's coordination
    "netzwerk:organisation#aufrufe_veroeffentlicht": Route(
        args=objekt_pk("lindenhof"),
        ok=VERTEILER_NORD,
        public=True,
        status=dict.fromkeys(ALLE, 200),
        geheim=link_zu("unterkuenfte:aufrufe", "lindenhof"),
    ),
}
