"""Access-matrix entries of fortbildung: the public calendar and courses, the team's pages."""

from tests.access_entry import ALLE, NUR_POST, Route, objekt_pk

FORTBILDUNGSTEAM = frozenset({"admin", "fortbildung"})
#: coordinators and organisation contacts wish for training topics (and the team reads them)
WUENSCHENDE = ALLE - {"verwaltung", "freiwillig"}

ZUGRIFF = {
    # --- training: the calendar and published courses are public; management is the team's
    "fortbildung:kalender": Route(public=True, nie=lambda w: ["Kurs-Entwurf-vertraulich"]),
    "fortbildung:kurs": Route(public=True, args=objekt_pk("kurs_basis")),
    "fortbildung:pruefen": Route(public=True),
    "fortbildung:meine": Route(
        ok={"ek_a"}, status=dict.fromkeys(ALLE, 200), geheim=lambda w: "Basiskurs Frühjahr"
    ),
    "fortbildung:bescheinigung": Route(
        args=objekt_pk("anmeldung_abgeschlossen"), ok={"admin", "fortbildung", "ek_a"}, pdf=True
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
            args=objekt_pk(objekt),
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
        f"fortbildung:{name}": Route(args=objekt_pk(objekt), status=NUR_POST)
        for name, objekt in (
            ("anmelden", "kurs_basis"),
            ("abmelden", "anmeldung_ek_a"),
            ("wunsch_stimme", "wunsch"),
        )
    },
    # --- the training API: series, published courses and their sessions are public; a draft
    # only for the team; registrations are one's own; who may write: tests/fortbildung/test_api.py
    "api:fortbildung-reihe-list": Route(public=True),
    "api:fortbildung-reihe-detail": Route(public=True, args=objekt_pk("reihe_basis")),
    "api:fortbildung-kurs-list": Route(
        public=True,
        ok=FORTBILDUNGSTEAM,
        status=dict.fromkeys(ALLE, 200),
        geheim=lambda w: "Kurs-Entwurf-vertraulich",
    ),
    "api:fortbildung-kurs-detail": Route(
        args=objekt_pk("kurs_entwurf"),
        ok=FORTBILDUNGSTEAM,
        status={"anonym": 404},
        geheim=lambda w: "Kurs-Entwurf-vertraulich",
    ),
    "api:fortbildung-kurs-teilnehmende": Route(
        args=objekt_pk("kurs_basis"),
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
        args=objekt_pk("anmeldung_abgeschlossen"),
        ok={"admin", "fortbildung", "ek_a"},
        geheim=lambda w: "TEST-CODE-2345",
    ),
    **{
        f"api:{name}": Route(args=objekt_pk(objekt), status=NUR_POST)
        for name, objekt in (
            ("fortbildung-kurs-anmelden", "kurs_basis"),
            ("fortbildung-kurs-anwesenheit", "kurs_basis"),
            ("fortbildung-kurs-abschliessen", "kurs_basis"),
            ("fortbildung-anmeldung-abmelden", "anmeldung_ek_a"),
        )
    },
}
