from django.urls import path

from . import kennzahlen, views

app_name = "freiwillige"

urlpatterns = [
    # sign-up (public)
    path("registrieren/", views.registrieren, name="registrieren"),
    path("registrieren/gesendet/", views.registriert, name="registriert"),
    path("registrieren/<str:token>/", views.bestaetigen, name="bestaetigen"),
    # the volunteer's own pages
    path("erklaerungen/", views.erklaerungen, name="erklaerungen"),
    path("profil/", views.profil, name="profil"),
    path("engagement/", views.engagement, name="engagement"),
    path("bedarfe/", views.passende_bedarfe, name="bedarfe"),
    path("bedarfe/<int:pk>/bewerben/", views.bewerben, name="bewerben"),
    path("taetigkeitsnachweis.pdf", views.taetigkeitsnachweis, name="taetigkeitsnachweis"),
    # applications and assignments (both sides)
    path("bewerbungen/", views.BewerbungListeView.as_view(), name="bewerbungen"),
    path("bewerbungen/<int:pk>/", views.bewerbung, name="bewerbung"),
    path(
        "bewerbungen/<int:pk>/fuehrungszeugnis.pdf",
        views.fz_bestaetigung,
        name="fz_bestaetigung",
    ),
    path("bewerbungen/<int:pk>/<slug:aktion>/", views.bewerbung_aktion, name="bewerbung_aktion"),
    path("einsaetze/", views.EinsatzListeView.as_view(), name="einsaetze"),
    path("einsaetze/<int:pk>/", views.einsatz, name="einsatz"),
    path("einsaetze/<int:pk>/status/", views.einsatz_status, name="einsatz_status"),
    path("stunden/<int:pk>/bestaetigen/", views.stunden_bestaetigen, name="stunden_bestaetigen"),
    # the coordination's tools
    path("personen/<int:pk>/", views.person, name="person"),
    path("bedarfe/<int:pk>/kandidaten/", views.kandidaten, name="kandidaten"),
    path(
        "bedarfe/<int:pk>/kandidaten/<int:profil_pk>/einladen/",
        views.kandidat_einladen,
        name="kandidat_einladen",
    ),
    # figures without names (regional coordination, administration)
    path("kennzahlen/", kennzahlen.kennzahlen, name="kennzahlen"),
]
