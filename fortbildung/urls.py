from django.contrib.auth.decorators import login_not_required
from django.urls import path

from . import views

app_name = "fortbildung"

urlpatterns = [
    path("", login_not_required(views.KalenderView.as_view()), name="kalender"),
    path("kurse/<int:pk>/", views.kurs, name="kurs"),
    path("kurse/<int:pk>/anmelden/", views.anmelden, name="anmelden"),
    path("anmeldungen/<int:pk>/abmelden/", views.abmelden, name="abmelden"),
    path("anmeldungen/<int:pk>/bescheinigung.pdf", views.bescheinigung, name="bescheinigung"),
    path("bescheinigung-pruefen/", views.pruefen, name="pruefen"),
    path("meine/", views.meine, name="meine"),
    path("themenwuensche/", views.wuensche, name="wuensche"),
    path("themenwuensche/<int:pk>/stimme/", views.wunsch_stimme, name="wunsch_stimme"),
    # the team's course management
    path("verwaltung/", views.verwaltung, name="verwaltung"),
    path("verwaltung/reihen/neu/", views.reihe_erstellen, name="reihe_erstellen"),
    path("verwaltung/kurse/neu/", views.kurs_erstellen, name="kurs_erstellen"),
    path("verwaltung/kurse/<int:pk>/", views.teilnehmende, name="teilnehmende"),
    path("verwaltung/kurse/<int:pk>/bearbeiten/", views.kurs_bearbeiten, name="kurs_bearbeiten"),
    path(
        "verwaltung/kurse/<int:pk>/anwesenheitsliste.pdf",
        views.anwesenheitsliste,
        name="anwesenheitsliste",
    ),
    path("verwaltung/sitzungen/<int:pk>/anwesenheit/", views.anwesenheit, name="anwesenheit"),
    path(
        "verwaltung/qualifikation-erteilen/",
        views.qualifikation_erteilen,
        name="qualifikation_erteilen",
    ),
]
