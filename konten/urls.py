from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import views

app_name = "konten"

urlpatterns = [
    path("anmelden/", views.AnmeldenView.as_view(), name="login"),
    path("abmelden/", auth_views.LogoutView.as_view(), name="logout"),
    path("konto/", views.KontoView.as_view(), name="konto"),
    path("sprache/", views.sprache_setzen, name="sprache"),
    path(
        "passwort/aendern/",
        auth_views.PasswordChangeView.as_view(
            template_name="konten/passwort_aendern.html",
            success_url=reverse_lazy("konten:passwort_geaendert"),
        ),
        name="passwort_aendern",
    ),
    path(
        "passwort/geaendert/",
        auth_views.PasswordChangeDoneView.as_view(template_name="konten/passwort_geaendert.html"),
        name="passwort_geaendert",
    ),
    path(
        "passwort/vergessen/",
        auth_views.PasswordResetView.as_view(
            template_name="konten/passwort_vergessen.html",
            email_template_name="konten/mail/passwort_zuruecksetzen.txt",
            subject_template_name="konten/mail/passwort_zuruecksetzen_betreff.txt",
            success_url=reverse_lazy("konten:passwort_link_gesendet"),
        ),
        name="passwort_vergessen",
    ),
    path(
        "passwort/vergessen/gesendet/",
        auth_views.PasswordResetDoneView.as_view(
            template_name="konten/passwort_link_gesendet.html"
        ),
        name="passwort_link_gesendet",
    ),
    path(
        "passwort/neu/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="konten/passwort_neu.html",
            success_url=reverse_lazy("konten:passwort_neu_gesetzt"),
        ),
        name="passwort_neu",
    ),
    path(
        "passwort/neu/fertig/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="konten/passwort_neu_gesetzt.html"
        ),
        name="passwort_neu_gesetzt",
    ),
    path("einladungen/", views.EinladungListeView.as_view(), name="einladungen"),
    path("einladungen/neu/", views.EinladungErstellenView.as_view(), name="einladung_erstellen"),
    path("einladung/<str:token>/", views.EinladungAnnehmenView.as_view(), name="einladung"),
]
