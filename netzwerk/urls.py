from django.contrib.auth.decorators import login_not_required
from django.urls import path

from .views import organisation, veranstaltung, verteiler

app_name = "netzwerk"

oeffentlich = login_not_required

urlpatterns = [
    # organisations: directory, Steckbrief, editing, admission
    path(
        "verzeichnis/",
        oeffentlich(organisation.VerzeichnisView.as_view()),
        name="verzeichnis",
    ),
    path(
        "organisationen/<int:pk>/",
        oeffentlich(organisation.organisation),
        name="organisation",
    ),
    path(
        "organisationen/<int:pk>/bearbeiten/",
        organisation.OrganisationBearbeitenView.as_view(),
        name="organisation_bearbeiten",
    ),
    path(
        "organisationen/<int:pk>/aufnahme/",
        organisation.aufnahmeschritt,
        name="aufnahmeschritt",
    ),
    # events
    path("veranstaltungen/", oeffentlich(veranstaltung.KalenderView.as_view()), name="kalender"),
    path("veranstaltungen/meine/", veranstaltung.meine, name="meine"),
    path("veranstaltungen/neu/", veranstaltung.neu, name="veranstaltung_neu"),
    path(
        "veranstaltungen/<int:pk>/",
        oeffentlich(veranstaltung.veranstaltung),
        name="veranstaltung",
    ),
    path(
        "veranstaltungen/<int:pk>/kalender.ics",
        oeffentlich(veranstaltung.veranstaltung_ics),
        name="veranstaltung_ics",
    ),
    path(
        "veranstaltungen/<int:pk>/bearbeiten/",
        veranstaltung.bearbeiten,
        name="veranstaltung_bearbeiten",
    ),
    path("veranstaltungen/<int:pk>/absagen/", veranstaltung.absagen, name="absagen"),
    path("veranstaltungen/<int:pk>/anmelden/", veranstaltung.anmelden, name="anmelden"),
    path(
        "veranstaltungen/<int:pk>/teilnehmende/",
        veranstaltung.teilnehmende,
        name="teilnehmende",
    ),
    path(
        "veranstaltungen/anmeldungen/<int:pk>/abmelden/",
        veranstaltung.abmelden,
        name="veranstaltung_abmelden",
    ),
    # distribution lists
    path("verteiler/", verteiler.VerteilerListeView.as_view(), name="verteiler_liste"),
    path("verteiler/neu/", verteiler.verteiler_neu, name="verteiler_neu"),
    path("verteiler/<int:pk>/", verteiler.verteiler, name="verteiler"),
    path("verteiler/<int:pk>/mitglied/", verteiler.mitglied_aufnehmen, name="mitglied_aufnehmen"),
    path("verteiler/<int:pk>/nachricht/", verteiler.nachricht, name="nachricht"),
    path("verteiler/<int:pk>/inaktivitaet/", verteiler.inaktivitaet, name="inaktivitaet"),
    path("verteiler/<int:pk>/import/", verteiler.importieren, name="import"),
    path(
        "verteiler/<int:pk>/import/<int:auftrag>/",
        verteiler.import_auftrag,
        name="import_auftrag",
    ),
    path("verteiler/mitglieder/<int:pk>/", verteiler.mitglied, name="mitglied"),
    path(
        "verteiler/mitglieder/<int:pk>/rueckmeldung/",
        verteiler.rueckmeldung,
        name="rueckmeldung",
    ),
    path(
        "verteiler/mitglieder/<int:pk>/wiederherstellen/",
        verteiler.wiederherstellen,
        name="wiederherstellen",
    ),
    # links in list mail
    path("abmelden/<str:token>/", verteiler.abmelden, name="abmelden"),
    path("bestaetigen/<str:token>/", verteiler.bestaetigen, name="bestaetigen"),
]
