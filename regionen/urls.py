from django.urls import path

from . import views
from .views import jourfixe

app_name = "regionen"

urlpatterns = [
    path("", views.RegionListeView.as_view(), name="liste"),
    path("<int:pk>/", views.RegionDetailView.as_view(), name="detail"),
    path("<int:pk>/bearbeiten/", views.RegionBearbeitenView.as_view(), name="bearbeiten"),
    # jours fixes
    path("jourfixe/", jourfixe.TerminListeView.as_view(), name="termine"),
    path("jourfixe/reihen/neu/", jourfixe.serie_erstellen, name="serie_erstellen"),
    path("jourfixe/reihen/<int:pk>/", jourfixe.serie, name="serie"),
    path(
        "jourfixe/reihen/<int:pk>/bearbeiten/", jourfixe.serie_bearbeiten, name="serie_bearbeiten"
    ),
    path("jourfixe/reihen/<int:pk>/beenden/", jourfixe.serie_beenden, name="serie_beenden"),
    path("jourfixe/termine/<int:pk>/", jourfixe.termin, name="termin"),
    path("jourfixe/termine/<int:pk>/kalender.ics", jourfixe.termin_ics, name="termin_ics"),
    path(
        "jourfixe/termine/<int:pk>/verschieben/",
        jourfixe.termin_verschieben,
        name="termin_verschieben",
    ),
    path("jourfixe/termine/<int:pk>/absagen/", jourfixe.termin_absagen, name="termin_absagen"),
    path("jourfixe/termine/<int:pk>/antwort/", jourfixe.termin_antworten, name="termin_antworten"),
    path("jourfixe/termine/<int:pk>/themen/", jourfixe.thema_vorschlagen, name="thema_vorschlagen"),
    path("jourfixe/themen/<int:pk>/stimme/", jourfixe.thema_stimme, name="thema_stimme"),
    path("jourfixe/termine/<int:pk>/tagesordnung/", jourfixe.tagesordnung, name="tagesordnung"),
    path("jourfixe/termine/<int:pk>/anwesenheit/", jourfixe.anwesenheit, name="anwesenheit"),
    path("jourfixe/termine/<int:pk>/protokoll/", jourfixe.protokoll, name="protokoll"),
    path(
        "jourfixe/termine/<int:pk>/aufgaben/", jourfixe.aufgabe_erstellen, name="aufgabe_erstellen"
    ),
    path("jourfixe/aufgaben/", jourfixe.AufgabeListeView.as_view(), name="aufgaben"),
    path("jourfixe/aufgaben/<int:pk>/status/", jourfixe.aufgabe_status, name="aufgabe_status"),
]
