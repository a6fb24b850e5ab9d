"""Access-matrix entries of regionen: regions and districts, and Nord's jours fixes."""

from tests.access_entry import ALLE, NUR_POST, UNTERKUNFT_A, Route, nord_pk, objekt_pk

#: who sees Nord's jours fixes: the platform admin, Nord's coordination, shelter A's coordination
JOURFIXE_NORD = UNTERKUNFT_A

ZUGRIFF = {
    "regionen:liste": Route(
        geheim=lambda w: w.nord.name, ok={"admin", "rk_nord"}, status=dict.fromkeys(ALLE, 200)
    ),
    "regionen:detail": Route(args=nord_pk, ok={"admin", "rk_nord"}),
    "regionen:bearbeiten": Route(args=nord_pk, ok={"admin"}, verboten={"rk_nord"}),
    "api:region-list": Route(
        geheim=lambda w: w.nord.name, ok={"admin", "rk_nord"}, status=dict.fromkeys(ALLE, 200)
    ),
    "api:region-detail": Route(args=nord_pk, ok={"admin", "rk_nord"}),
    "api:bezirk-list": Route(),
    "api:bezirk-detail": Route(args=lambda w: [w.nord.bezirke.first().pk]),
    # --- jours fixes: Nord's belong to its coordination and to the coordinators of its shelters
    "regionen:termine": Route(
        ok=JOURFIXE_NORD, status=dict.fromkeys(ALLE, 200), geheim=lambda w: "Jour fixe Nord"
    ),
    "regionen:serie_erstellen": Route(ok={"admin", "rk_nord", "rk_suedost"}, andere=403),
    "regionen:serie": Route(args=objekt_pk("serie_nord"), ok=JOURFIXE_NORD),
    "regionen:serie_bearbeiten": Route(
        args=objekt_pk("serie_nord"), ok={"admin", "rk_nord"}, verboten={"ek_a"}
    ),
    "regionen:termin": Route(
        args=objekt_pk("termin_nord"), ok=JOURFIXE_NORD, geheim=lambda w: "Thema-Nord-vertraulich"
    ),
    "regionen:termin_ics": Route(args=objekt_pk("termin_nord"), ok=JOURFIXE_NORD),
    "regionen:termin_verschieben": Route(
        args=objekt_pk("termin_nord"), ok={"admin", "rk_nord"}, verboten={"ek_a"}
    ),
    "regionen:anwesenheit": Route(
        args=objekt_pk("termin_nord"), ok={"admin", "rk_nord"}, verboten={"ek_a"}
    ),
    "regionen:protokoll": Route(
        args=objekt_pk("termin_nord"), ok={"admin", "rk_nord"}, verboten={"ek_a"}
    ),
    "regionen:aufgaben": Route(
        ok=JOURFIXE_NORD,
        status=dict.fromkeys(ALLE, 200),
        geheim=lambda w: "Aufgabe-Nord-vertraulich",
    ),
    # POST only; who may do what: tests/regionen/test_jourfixe_seiten.py
    **{
        f"regionen:{name}": Route(args=objekt_pk(objekt), status=NUR_POST)
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
    "api:jourfixe-serie-detail": Route(args=objekt_pk("serie_nord"), ok=JOURFIXE_NORD),
    "api:termin-list": Route(
        ok=JOURFIXE_NORD, status=dict.fromkeys(ALLE, 200), geheim=lambda w: "Jour fixe Nord"
    ),
    "api:termin-detail": Route(
        args=objekt_pk("termin_nord"), ok=JOURFIXE_NORD, geheim=lambda w: "Aufgabe-Nord-vertraulich"
    ),
    "api:thema-list": Route(
        ok=JOURFIXE_NORD,
        status=dict.fromkeys(ALLE, 200),
        geheim=lambda w: "Thema-Nord-vertraulich",
    ),
    "api:thema-detail": Route(
        args=objekt_pk("thema_nord"), ok=JOURFIXE_NORD, geheim=lambda w: "Thema-Nord-vertraulich"
    ),
    "api:teilnahme-list": Route(status=dict.fromkeys(ALLE, 200)),
    "api:aufgabe-list": Route(
        ok=JOURFIXE_NORD,
        status=dict.fromkeys(ALLE, 200),
        geheim=lambda w: "Aufgabe-Nord-vertraulich",
    ),
    "api:aufgabe-detail": Route(
        args=objekt_pk("aufgabe_nord"),
        ok=JOURFIXE_NORD,
        geheim=lambda w: "Aufgabe-Nord-vertraulich",
    ),
    **{
        f"api:{name}": Route(args=objekt_pk(objekt), status=NUR_POST)
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
}
