"""Access-matrix entries of unterkuenfte: the public board, the shelters' workspace, the
catalogues, and Träger Alpha's calls for helpers."""

from tests.access_entry import (
    ALLE,
    ALPHA_NORD,
    FINNS_NACHRICHT,
    NUR_POST,
    ORGANISATION_A,
    PAUSIERTER_AUFRUF,
    UNTERKUNFT_A,
    VERTEILER_NORD,
    Route,
    adresse_a,
    adressen,
    link_zu,
    objekt_pk,
)


def _nie_oeffentlich(*texte):
    """What public pages never show: shelter addresses, Finn's message, and ``texte``."""
    return lambda welt: [*adressen(welt), FINNS_NACHRICHT, *texte]


ZUGRIFF = {
    # the public board: open needs of every shelter, never an address
    "unterkuenfte:board": Route(public=True, nie=adressen),
    "unterkuenfte:bedarf": Route(public=True, args=objekt_pk("bedarf_b"), nie=adressen),
    # the workspace of shelter A (Nord): its coordination, Nord's coordination, admins
    "unterkuenfte:liste": Route(
        geheim=lambda w: "Unterkunft Ahornhof", ok=UNTERKUNFT_A, status=dict.fromkeys(ALLE, 200)
    ),
    "unterkuenfte:detail": Route(args=objekt_pk("unterkunft_a"), ok=UNTERKUNFT_A, geheim=adresse_a),
    "unterkuenfte:bearbeiten": Route(
        args=objekt_pk("unterkunft_a"), ok={"admin", "ek_a"}, verboten={"rk_nord"}
    ),
    "unterkuenfte:bedarf_erstellen": Route(
        args=objekt_pk("unterkunft_a"), ok={"admin", "ek_a"}, verboten={"rk_nord"}
    ),
    "unterkuenfte:hausverbote": Route(
        args=objekt_pk("unterkunft_a"), ok=UNTERKUNFT_A, geheim=lambda w: "Grund-A-vertraulich"
    ),
    "unterkuenfte:bedarf_bearbeiten": Route(
        args=objekt_pk("bedarf_a_pausiert"), ok={"admin", "ek_a"}, verboten={"rk_nord"}
    ),
    # POST only; who may change what: tests/unterkuenfte/test_bedarfe.py
    "unterkuenfte:bedarf_status": Route(args=objekt_pk("bedarf_a"), status=NUR_POST),
    "unterkuenfte:hausverbot_beenden": Route(args=objekt_pk("hausverbot_a"), status=NUR_POST),
    "api:unterkunft-list": Route(
        geheim=adresse_a, ok=UNTERKUNFT_A, status=dict.fromkeys(ALLE, 200)
    ),
    "api:unterkunft-detail": Route(
        args=objekt_pk("unterkunft_a"), ok=UNTERKUNFT_A, geheim=adresse_a
    ),
    # open needs are public; a paused need only for the shelter's workspace
    "api:bedarf-list": Route(public=True, nie=adressen),
    "api:bedarf-detail": Route(
        args=objekt_pk("bedarf_a_pausiert"), ok=UNTERKUNFT_A, status={"anonym": 404}
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
    # --- Träger Alpha's calls for helpers (tests/access_entry.py)
    # the organisation's calls, paused ones included: its contacts, its region's coordination
    "unterkuenfte:aufrufe": Route(
        args=objekt_pk("traeger_a"),
        ok=ALPHA_NORD,
        geheim=lambda w: PAUSIERTER_AUFRUF,
        nie=lambda w: [FINNS_NACHRICHT],
    ),
    # the tools to post and change calls there are the contacts' only
    "unterkuenfte:aufrufe#werkzeuge": Route(
        args=objekt_pk("traeger_a"),
        ok=ORGANISATION_A,
        status={"rk_nord": 200},
        geheim=link_zu("unterkuenfte:bedarf_bearbeiten", "aufruf_alpha"),
    ),
    # a published Steckbrief opens the calls' workspace to nobody beyond the region's coordination
    "unterkuenfte:aufrufe#veroeffentlicht": Route(args=objekt_pk("lindenhof"), ok=VERTEILER_NORD),
    # posting a call: the contacts; whoever merely sees the organisation gets 403
    "unterkuenfte:aufruf_erstellen": Route(
        args=objekt_pk("traeger_a"), ok=ORGANISATION_A, verboten={"rk_nord"}
    ),
    "unterkuenfte:aufruf_erstellen#veroeffentlicht": Route(
        args=objekt_pk("lindenhof"), ok={"admin"}, verboten=ALLE - {"admin"}
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
        args=objekt_pk("aufruf_alpha"),
        nie=lambda w: [
            *_nie_oeffentlich(PAUSIERTER_AUFRUF)(w),
            link_zu("netzwerk:organisation", "traeger_a")(w),
        ],
    ),
    # everyone sees the open call, only the contacts change it
    "unterkuenfte:bedarf_bearbeiten#aufruf": Route(
        args=objekt_pk("aufruf_alpha"), ok=ORGANISATION_A, verboten=ALLE - ORGANISATION_A
    ),
    # the paused one is the region's coordination's to see, not to change
    "unterkuenfte:bedarf_bearbeiten#aufruf_pausiert": Route(
        args=objekt_pk("aufruf_alpha_pausiert"), ok=ORGANISATION_A, verboten={"rk_nord"}
    ),
    "api:bedarf-list#aufrufe": Route(
        public=True,
        ok=ALPHA_NORD,
        status=dict.fromkeys(ALLE, 200),
        geheim=lambda w: PAUSIERTER_AUFRUF,
        nie=lambda w: [FINNS_NACHRICHT],
    ),
    "api:bedarf-detail#aufruf_pausiert": Route(
        args=objekt_pk("aufruf_alpha_pausiert"), ok=ALPHA_NORD, status={"anonym": 404}
    ),
}
