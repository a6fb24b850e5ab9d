"""Access-matrix entries of freiwillige: sign-up, the volunteer's own pages, applications,
assignments and candidates, for shelters' needs and Träger Alpha's calls alike."""

from freiwillige.registrierungslink import registrierung_token
from tests.access_entry import (
    ALLE,
    FINNS_NACHRICHT,
    FREIWILLIG,
    NUR_POST,
    ORGANISATION_A,
    Route,
    objekt_pk,
)


def _registrierung_token(welt):
    return [registrierung_token("neu@test.invalid", "Nina Neu", "de")]


ZUGRIFF = {
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
    "freiwillige:bewerben": Route(args=objekt_pk("bedarf_a"), ok=FREIWILLIG),
    "freiwillige:taetigkeitsnachweis": Route(ok=FREIWILLIG, pdf=True),
    # applications: the applicant and the shelter's coordination, not its region
    "freiwillige:bewerbungen": Route(
        ok={"admin", "ek_a"}, status=dict.fromkeys(ALLE, 200), geheim=lambda w: "Bea Bewerberin"
    ),
    "freiwillige:bewerbung": Route(
        args=objekt_pk("bewerbung_a"), ok={"admin", "ek_a"}, geheim=lambda w: "Bea Bewerberin"
    ),
    "freiwillige:fz_bestaetigung": Route(
        args=objekt_pk("bewerbung_b"), ok={"admin", "ek_b", "freiwillig"}
    ),
    "freiwillige:bewerbung_aktion": Route(
        args=lambda w: [w.bewerbung_a.pk, "annehmen"], status=NUR_POST
    ),
    "freiwillige:einsaetze": Route(
        ok={"admin", "ek_b"}, status=dict.fromkeys(ALLE, 200), geheim=lambda w: "Hanna Helferin"
    ),
    # the assignment page shows the address: the coordination (and the volunteer) only
    "freiwillige:einsatz": Route(
        args=objekt_pk("einsatz_b"), ok={"admin", "ek_b"}, geheim=lambda w: "Verborgene Straße"
    ),
    "freiwillige:einsatz_status": Route(args=objekt_pk("einsatz_b"), status=NUR_POST),
    "freiwillige:stunden_bestaetigen": Route(args=objekt_pk("stunden_b"), status=NUR_POST),
    "freiwillige:person": Route(
        args=lambda w: [w.bea.profil.pk], ok={"admin", "ek_a"}, geheim=lambda w: "bea@test.invalid"
    ),
    # candidates: the shelter's coordination; its region sees the need but may not match
    "freiwillige:kandidaten": Route(
        args=objekt_pk("bedarf_a"),
        ok={"admin", "ek_a"},
        verboten={"rk_nord"},
        geheim=lambda w: "Bea",
    ),
    "freiwillige:kandidat_einladen": Route(
        args=lambda w: [w.bedarf_a.pk, w.bea.profil.pk], status=NUR_POST
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
        args=objekt_pk("bedarf_a"),
        ok={"admin", "ek_a"},
        verboten={"rk_nord"},
        geheim=lambda w: "Bea",
    ),
    "api:bewerbung-list": Route(
        ok={"admin", "ek_a"}, status=dict.fromkeys(ALLE, 200), geheim=lambda w: "Bea Bewerberin"
    ),
    "api:bewerbung-detail": Route(
        args=objekt_pk("bewerbung_a"), ok={"admin", "ek_a"}, geheim=lambda w: "Bea Bewerberin"
    ),
    **{
        f"api:bewerbung-{schritt}": Route(args=objekt_pk("bewerbung_a"), status=NUR_POST)
        for schritt in ("annehmen", "ablehnen", "rueckfrage", "antworten", "zurueckziehen")
    },
    "api:einsatz-list": Route(
        ok={"admin", "ek_b"}, status=dict.fromkeys(ALLE, 200), geheim=lambda w: "Hanna Helferin"
    ),
    "api:einsatz-detail": Route(
        args=objekt_pk("einsatz_b"), ok={"admin", "ek_b"}, geheim=lambda w: "Verborgene Stra"
    ),
    "api:einsatz-status": Route(args=objekt_pk("einsatz_b"), status=NUR_POST),
    "api:stundeneintrag-list": Route(status=dict.fromkeys(ALLE, 200)),
    "api:stundeneintrag-detail": Route(args=objekt_pk("stunden_b"), ok={"admin", "ek_b"}),
    "api:stundeneintrag-bestaetigen": Route(args=objekt_pk("stunden_b"), status=NUR_POST),
    # --- Träger Alpha's calls for helpers (tests/access_entry.py)
    # applying: the volunteers (Finn is banned at shelter A, not from Alpha's calls)
    "freiwillige:bewerben#aufruf": Route(args=objekt_pk("aufruf_alpha"), ok=FREIWILLIG),
    # applications and assignments: the volunteer and the contacts, not the region
    "freiwillige:bewerbungen#aufruf": Route(
        ok=ORGANISATION_A, status=dict.fromkeys(ALLE, 200), geheim=lambda w: "Nora Nachbarin"
    ),
    "freiwillige:bewerbung#aufruf": Route(
        args=objekt_pk("bewerbung_aufruf"),
        ok=ORGANISATION_A | FREIWILLIG,
        geheim=lambda w: FINNS_NACHRICHT,
    ),
    "freiwillige:fz_bestaetigung#aufruf": Route(
        args=objekt_pk("bewerbung_aufruf"), ok=ORGANISATION_A | FREIWILLIG, pdf=True
    ),
    "freiwillige:einsaetze#aufruf": Route(
        ok=ORGANISATION_A, status=dict.fromkeys(ALLE, 200), geheim=lambda w: "Nora Nachbarin"
    ),
    "freiwillige:einsatz#aufruf": Route(
        args=objekt_pk("einsatz_aufruf"), ok=ORGANISATION_A, geheim=lambda w: "Nora Nachbarin"
    ),
    "freiwillige:person#aufruf": Route(
        args=lambda w: [w.nora.profil.pk], ok=ORGANISATION_A, geheim=lambda w: "nora@test.invalid"
    ),
    # candidates: the contacts; the region's coordination sees the call but may not match
    "freiwillige:kandidaten#aufruf": Route(
        args=objekt_pk("aufruf_alpha"),
        ok=ORGANISATION_A,
        verboten={"rk_nord"},
        geheim=lambda w: "Finn",
    ),
    "api:kandidaten#aufruf": Route(
        args=objekt_pk("aufruf_alpha"),
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
        args=objekt_pk("bewerbung_aufruf"),
        ok=ORGANISATION_A | FREIWILLIG,
        geheim=lambda w: FINNS_NACHRICHT,
    ),
    "api:einsatz-list#aufruf": Route(
        ok=ORGANISATION_A, status=dict.fromkeys(ALLE, 200), geheim=lambda w: "Nora Nachbarin"
    ),
    "api:einsatz-detail#aufruf": Route(
        args=objekt_pk("einsatz_aufruf"), ok=ORGANISATION_A, geheim=lambda w: "Nora Nachbarin"
    ),
}
