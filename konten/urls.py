from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy
from django.utils.translation import gettext_lazy as _

from common.drosselung import gedrosselt

from . import aufbewahrungsplan, meine_daten, verzeichnis, views

app_name = "konten"


def _hinweis(view, titel, text):
    return view.as_view(
        template_name="konten/hinweis.html", extra_context={"titel": titel, "text": text}
    )


urlpatterns = [
    path("anmelden/", views.AnmeldenView.as_view(), name="login"),
    path("anmelden/code/", views.ZweiterFaktorView.as_view(), name="zweiter_faktor"),
    path("zwei-faktoren/", views.ZweiFaktorenView.as_view(), name="zwei_faktoren"),
    path("api-zugaenge/", views.ApiZugangListeView.as_view(), name="api_zugaenge"),
    path(
        "api-zugaenge/<int:pk>/widerrufen/",
        views.api_zugang_widerrufen,
        name="api_zugang_widerrufen",
    ),
    path("abmelden/", auth_views.LogoutView.as_view(), name="logout"),
    path("konto/", views.KontoView.as_view(), name="konto"),
    path("konto/loeschen/", views.loeschung_beantragen, name="loeschung_beantragen"),
    path("konto/loeschen/zuruecknehmen/", views.loeschung_widerrufen, name="loeschung_widerrufen"),
    path("konto/meine-daten/", meine_daten.meine_daten, name="auskunft"),
    path("konto/meine-daten/<int:pk>/", meine_daten.auskunft_status, name="auskunft_status"),
    path("konto/meine-daten/<int:pk>/datei/", meine_daten.auskunft_datei, name="auskunft_datei"),
    path("sprache/", views.sprache_setzen, name="sprache"),
    path("kalender/", views.kalender, name="kalender"),
    path(
        "verarbeitungsverzeichnis/",
        verzeichnis.verarbeitungsverzeichnis,
        name="verarbeitungsverzeichnis",
    ),
    path(
        "aufbewahrungsplan/",
        aufbewahrungsplan.aufbewahrungsplan,
        name="aufbewahrungsplan",
    ),
    path(
        "passwort/aendern/",
        auth_views.PasswordChangeView.as_view(
            template_name="konten/formularseite.html",
            extra_context={"titel": _("Passwort ändern"), "knopf": _("Neues Passwort speichern")},
            success_url=reverse_lazy("konten:passwort_geaendert"),
        ),
        name="passwort_aendern",
    ),
    path(
        "passwort/geaendert/",
        _hinweis(
            auth_views.PasswordChangeDoneView,
            _("Passwort geändert"),
            _("Ihr neues Passwort gilt ab sofort."),
        ),
        name="passwort_geaendert",
    ),
    path(
        "passwort/vergessen/",
        gedrosselt("passwort", methoden=("POST",), email_feld="email")(
            views.PasswortVergessenView.as_view(
                template_name="konten/formularseite.html",
                extra_context={
                    "titel": _("Passwort vergessen"),
                    "knopf": _("Link zum Zurücksetzen senden"),
                    "hinweis": _(
                        "Geben Sie Ihre E-Mail-Adresse ein. Wenn es dazu ein Konto gibt, erhalten "
                        "Sie einen Link zum Zurücksetzen."
                    ),
                },
                email_template_name="konten/mail/passwort_zuruecksetzen.txt",
                subject_template_name="konten/mail/passwort_zuruecksetzen_betreff.txt",
                success_url=reverse_lazy("konten:passwort_link_gesendet"),
            )
        ),
        name="passwort_vergessen",
    ),
    path(
        "passwort/vergessen/gesendet/",
        _hinweis(
            auth_views.PasswordResetDoneView,
            _("Bitte prüfen Sie Ihr Postfach"),
            _(
                "Wenn es zu der Adresse ein Konto gibt, ist ein Link zum Zurücksetzen unterwegs. "
                "Er gilt 24 Stunden."
            ),
        ),
        name="passwort_link_gesendet",
    ),
    path(
        "passwort/neu/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="konten/passwort_neu.html",
            extra_context={
                "titel": _("Neues Passwort festlegen"),
                "knopf": _("Passwort speichern"),
            },
            success_url=reverse_lazy("konten:passwort_neu_gesetzt"),
        ),
        name="passwort_neu",
    ),
    path(
        "passwort/neu/fertig/",
        _hinweis(
            auth_views.PasswordResetCompleteView,
            _("Passwort gespeichert"),
            _("Sie können sich jetzt mit dem neuen Passwort anmelden."),
        ),
        name="passwort_neu_gesetzt",
    ),
    path("einladungen/", views.EinladungListeView.as_view(), name="einladungen"),
    path("einladungen/neu/", views.EinladungErstellenView.as_view(), name="einladung_erstellen"),
    path("einladungen/<int:pk>/erneut/", views.einladung_erneut, name="einladung_erneut"),
    path("einladung/<str:token>/", views.EinladungAnnehmenView.as_view(), name="einladung"),
]
