from django.urls import path

from . import views

app_name = "netzwerk"

urlpatterns = [
    path("organisationen/<int:pk>/", views.OrganisationDetailView.as_view(), name="organisation"),
    path(
        "organisationen/<int:pk>/bearbeiten/",
        views.OrganisationBearbeitenView.as_view(),
        name="organisation_bearbeiten",
    ),
]
