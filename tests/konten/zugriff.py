"""Access-matrix entries of konten: signing in, invitations, one's account and calendar."""

from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from konten.einladungslink import einladung_token
from konten.services import api_zugang_anlegen, einladung_anlegen
from konten.tasks import auskunft_ordner
from tests.access_entry import (
    ALLE,
    ANGEMELDET_WEITER,
    NUR_POST,
    NUR_POST_OEFFENTLICH,
    Route,
)
from tests.factories import AuskunftsauftragFactory

#: the roles that sign in with two factors (konten/roles.py: zwei_faktoren)
ZWEI_FAKTOREN = frozenset({"admin", "verwaltung", "fortbildung", "rk_nord", "rk_suedost"})


def _einladung_token(welt):
    return [einladung_token(einladung_anlegen(welt.admin, "neu@test.invalid", "freiwillige"))]


def _einladung_pk(welt):
    return [einladung_anlegen(welt.admin, "erneut@test.invalid", "freiwillige").pk]


def _passwort_link(welt):
    return [urlsafe_base64_encode(force_bytes(welt.freiwillig.pk)), "falsches-token"]


def _einladung_admin(welt):
    einladung_anlegen(welt.admin, "nur-fuer-admin@test.invalid", "verwaltung")
    return []


def _api_zugang_ek_a(welt):
    api_zugang_anlegen(welt.ek_a, "Zugang-EK-A-vertraulich", zweiter_faktor=False)
    return []


def _api_zugang_pk(welt):
    zugang, _token = api_zugang_anlegen(welt.ek_a, "Telefon", zweiter_faktor=False)
    return [zugang.pk]


def _auskunft_ek_a(welt):
    auftrag = AuskunftsauftragFactory(
        erstellt_von=welt.ek_a, status="fertig", datei="matrix-auskunft.zip"
    )
    (auskunft_ordner() / auftrag.datei).write_bytes(b"PK")
    return [auftrag.pk]


ZUGRIFF = {
    "start": Route(public=True),
    "konten:login": Route(public=True, status=ANGEMELDET_WEITER),
    "konten:logout": Route(status=NUR_POST),
    "konten:sprache": Route(status=NUR_POST_OEFFENTLICH),
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
    "konten:einladung_erneut": Route(args=_einladung_pk, status=NUR_POST),
    # the code after the password; whoever has nothing to give is sent on
    "konten:zweiter_faktor": Route(status=ANGEMELDET_WEITER),
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
    "konten:api_zugang_widerrufen": Route(args=_api_zugang_pk, status=NUR_POST),
    "konten:loeschung_beantragen": Route(status=NUR_POST),
    "konten:loeschung_widerrufen": Route(status=NUR_POST),
    # a copy of one's own data: its job and file are the person's alone, admins included
    "konten:auskunft": Route(),
    "konten:auskunft_status": Route(args=_auskunft_ek_a, ok={"ek_a"}),
    "konten:auskunft_datei": Route(args=_auskunft_ek_a, ok={"ek_a"}),
    "api:token": Route(status=NUR_POST_OEFFENTLICH),
    "api:abmelden": Route(status=NUR_POST),
    "api:konto": Route(),
    # the personal calendar: its page for everyone signed in; the feed opens with its key only
    "konten:kalender": Route(),
    "kalender_feed": Route(
        public=True,
        args=lambda w: [w.kalender_ek_a.schluessel],
        status=dict.fromkeys(ALLE, 200),
    ),
}
