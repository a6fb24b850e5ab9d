"""Personal data of accounts and sign-in, including Django's and the third-party models
(admin log, sessions, second factors, login attempts): common/datenschutz.py."""

from django.contrib.sessions.models import Session
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.datenschutz import (
    GELOESCHTE_PERSON,
    LEER,
    SELBST,
    Kategorie,
    KeinePersonendaten,
    Loeschung,
    Personendaten,
    Rechtsgrundlage,
    keine_personendaten,
    objektrechte,
)
from common.datenschutz import beitragen as personendaten_beitragen

ANMELDUNG = _("Anmeldung, Schutz des Kontos und Nachweis der Anmeldung")
MIT_DEM_KONTO = _("solange das Konto besteht")
NUR_FUER_DIE_PERSON = _("Gehört nur zur Anmeldung der Person und hat ohne sie keinen Zweck.")


def adresse_geloescht(zeile) -> str:
    """geloescht-<id>@invalid: unique like every address, and reaching nobody"""
    return f"geloescht-{zeile.pk}@invalid"


def sitzungen_von(user):
    """The sessions signed in as ``user``: the account id lies in the encoded data only."""
    offen = Session.objects.filter(expire_date__gt=timezone.now())
    schluessel = [
        s.session_key for s in offen if s.get_decoded().get("_auth_user_id") == str(user.pk)
    ]
    return Session.objects.filter(session_key__in=schluessel)


def beitragen() -> None:
    personendaten_beitragen(
        Personendaten(
            model="konten.User",
            kategorie=Kategorie.KONTO,
            zweck=_("Konto für die Anmeldung und die Ansprache auf der Plattform"),
            rechtsgrundlage=Rechtsgrundlage.VERTRAG,
            felder=(
                "email",
                "anzeigename",
                "sprache",
                "last_login",
                "date_joined",
                "inaktivitaet_gewarnt_am",
            ),
            person=("id",),
            loeschung=Loeschung.ANONYMISIEREN,
            ersatz={
                "email": adresse_geloescht,
                "anzeigename": GELOESCHTE_PERSON,
                "is_active": False,
                "last_login": None,
            },
            begruendung=_(
                "Das Konto bleibt ohne Namen und Adresse bestehen, damit behaltene "
                "Einsätze und Stunden weiter richtig gezählt werden."
            ),
            speicherdauer=_("bis zur Löschung des Kontos, danach anonymisiert"),
            empfaenger=(
                SELBST,
                "plattform_admin",
                "ehrenamtskoordination",
                "regionalkoordination",
                "fortbildungsteam",
                "organisationskontakt",
            ),
        ),
        Personendaten(
            model="konten.Einladung",
            kategorie=Kategorie.KONTO,
            zweck=_("Einladung in eine Rolle"),
            rechtsgrundlage=Rechtsgrundlage.VERTRAG,
            felder=("email", "rolle", "created_at", "angenommen_am"),
            person=("angenommen_von",),
            email=("email",),
            akteure=("eingeladen_von",),
            loeschung=Loeschung.LOESCHEN,
            begruendung=_("Eine Einladung sagt nach ihrer Annahme nichts mehr aus."),
            speicherdauer=_("bis zum Ablauf oder bis zur Löschung des Kontos"),
            empfaenger=(SELBST, "plattform_admin", "ehrenamtskoordination", "fortbildungsteam"),
        ),
        Personendaten(
            model="konten.Loeschantrag",
            kategorie=Kategorie.KONTO,
            zweck=_("Löschung des Kontos auf Wunsch der Person (Art. 17 DSGVO)"),
            rechtsgrundlage=Rechtsgrundlage.PFLICHT,
            felder=("beantragt_am", "faellig_am", "widerrufen_am", "ausgefuehrt_am"),
            person=("person",),
            akteure=("beantragt_von",),
            loeschung=Loeschung.ANONYMISIEREN,
            begruendung=_(
                "Dass und wann gelöscht wurde, muss nachweisbar bleiben (Art. 5 Abs. 2 DSGVO); "
                "der Antrag hängt am anonymisierten Konto und enthält nur Zahlen."
            ),
            speicherdauer=_("dauerhaft, ohne personenbezogene Angaben"),
        ),
        Personendaten(
            model="konten.Kalenderschluessel",
            kategorie=Kategorie.KONTO,
            zweck=_("Persönlicher Kalender-Feed"),
            rechtsgrundlage=Rechtsgrundlage.VERTRAG,
            felder=("created_at",),
            person=("person",),
            loeschung=Loeschung.LOESCHEN,
            begruendung=NUR_FUER_DIE_PERSON,
            speicherdauer=MIT_DEM_KONTO,
            empfaenger=(SELBST,),
        ),
        Personendaten(
            model="konten.ApiZugang",
            kategorie=Kategorie.KONTO,
            zweck=_("Zugang zur Schnittstelle (API) für Apps der Person"),
            rechtsgrundlage=Rechtsgrundlage.VERTRAG,
            felder=("name", "created", "expiry"),
            person=("user",),
            loeschung=Loeschung.LOESCHEN,
            begruendung=NUR_FUER_DIE_PERSON,
            speicherdauer=_("bis zum Widerruf oder Ablauf des Zugangs"),
            empfaenger=(SELBST,),
        ),
        Personendaten(
            model="konten.Auskunftsauftrag",
            kategorie=Kategorie.KONTO,
            zweck=_("Auskunft über die eigenen Daten und ihre Übertragbarkeit (Art. 15, 20 DSGVO)"),
            rechtsgrundlage=Rechtsgrundlage.PFLICHT,
            felder=("created_at", "fertig_am"),
            person=("erstellt_von",),
            loeschung=Loeschung.LOESCHEN,
            begruendung=NUR_FUER_DIE_PERSON,
            speicherdauer=_("bis zum Ablauf der Datei (einige Tage)"),
            empfaenger=(SELBST,),
        ),
        *_zweite_faktoren(),
        Personendaten(
            model="sessions.Session",
            kategorie=Kategorie.KONTO,
            zweck=ANMELDUNG,
            rechtsgrundlage=Rechtsgrundlage.VERTRAG,
            felder=("expire_date",),
            finden=sitzungen_von,
            loeschung=Loeschung.LOESCHEN,
            begruendung=NUR_FUER_DIE_PERSON,
            speicherdauer=_("bis zur Abmeldung oder zum Ablauf der Sitzung"),
            empfaenger=(),
        ),
        *_anmeldeversuche(),
        Personendaten(
            model="admin.LogEntry",
            kategorie=Kategorie.PROTOKOLLE,
            zweck=_("Nachvollziehbarkeit von Änderungen in der Verwaltungsoberfläche"),
            rechtsgrundlage=Rechtsgrundlage.PFLICHT,
            felder=("action_time", "object_repr", "change_message"),
            person=("user",),
            loeschung=Loeschung.AUFBEWAHREN,
            frist_monate=12,
            frist_ab=("action_time",),
            ersatz={"object_repr": LEER, "change_message": LEER},
            begruendung=_(
                "Wer als Plattform-Admin was geändert hat, muss nachweisbar bleiben "
                "(Art. 5 Abs. 2, Art. 32 DSGVO)."
            ),
            speicherdauer=_("12 Monate, danach ohne Inhalt"),
            empfaenger=("plattform_admin",),
        ),
        objektrechte(
            "guardian.UserObjectPermission",
            _("Rechte einer Person an einzelnen Objekten"),
            felder=("permission", "content_type", "object_pk"),
        ),
    )
    keine_personendaten(
        KeinePersonendaten("auth.Group", _("Der Name ist der einer Rolle.")),
        KeinePersonendaten("auth.Permission", _("Der Name ist der einer Berechtigung.")),
    )


def _zweite_faktoren() -> list[Personendaten]:
    geraet = {
        "kategorie": Kategorie.KONTO,
        "zweck": ANMELDUNG,
        "rechtsgrundlage": Rechtsgrundlage.PFLICHT,
        "loeschung": Loeschung.LOESCHEN,
        "begruendung": NUR_FUER_DIE_PERSON,
        "speicherdauer": MIT_DEM_KONTO,
        "empfaenger": (SELBST,),
    }
    return [
        Personendaten(
            model="otp_totp.TOTPDevice",
            bezeichnung=_("Authenticator-App"),
            felder=("name", "created_at", "last_used_at"),
            person=("user",),
            **geraet,
        ),
        Personendaten(
            model="otp_static.StaticDevice",
            bezeichnung=_("Ersatzcodes"),
            felder=("name", "created_at", "last_used_at"),
            person=("user",),
            **geraet,
        ),
        Personendaten(
            model="otp_static.StaticToken",
            bezeichnung=_("Ersatzcode"),
            felder=("token",),
            export=(),
            person=("device__user",),
            **geraet,
        ),
    ]


def _anmeldeversuche() -> list[Personendaten]:
    """django-axes records the typed address (``username``, as konten/anmeldeversuche.py
    normalises it), the network address and the browser of each attempt."""
    versuch = {
        "kategorie": Kategorie.PROTOKOLLE,
        "zweck": _("Schutz vor dem Erraten von Passwörtern"),
        "rechtsgrundlage": Rechtsgrundlage.INTERESSE,
        "felder": ("username", "ip_address", "user_agent", "path_info", "attempt_time"),
        "email": ("username",),
        "empfaenger": ("plattform_admin",),
    }
    protokoll_ersatz = {"username": LEER, "ip_address": None, "user_agent": LEER}
    return [
        Personendaten(
            model="axes.AccessAttempt",
            bezeichnung=_("Fehlgeschlagene Anmeldeversuche (Sperrzähler)"),
            loeschung=Loeschung.LOESCHEN,
            begruendung=_("Zählt Fehlversuche nur für die Sperre."),
            speicherdauer=_("bis zur nächsten erfolgreichen Anmeldung oder Ablauf der Sperre"),
            **versuch,
        ),
        Personendaten(
            model="axes.AccessLog",
            bezeichnung=_("Protokoll der Anmeldungen"),
            loeschung=Loeschung.AUFBEWAHREN,
            frist_monate=3,
            frist_ab=("attempt_time",),
            ersatz=protokoll_ersatz,
            begruendung=_("Zur Aufklärung eines Missbrauchs des Kontos."),
            speicherdauer=_("3 Monate, danach ohne Adresse und Browser"),
            **versuch,
        ),
        Personendaten(
            model="axes.AccessFailureLog",
            bezeichnung=_("Protokoll der Fehlversuche"),
            loeschung=Loeschung.AUFBEWAHREN,
            frist_monate=3,
            frist_ab=("attempt_time",),
            ersatz=protokoll_ersatz,
            begruendung=_("Zur Aufklärung eines Angriffs auf Konten."),
            speicherdauer=_("3 Monate, danach ohne Adresse und Browser"),
            **versuch,
        ),
    ]
