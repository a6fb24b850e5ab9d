from django.urls import path

from . import views

app_name = "unterkuenfte"

urlpatterns = [
    # the public needs board
    path("bedarfe/", views.BedarfBoardView.as_view(), name="board"),
    path("bedarfe/<int:pk>/", views.BedarfOeffentlichView.as_view(), name="bedarf"),
    # the coordination's workspace
    path("unterkuenfte/", views.UnterkunftListeView.as_view(), name="liste"),
    path("unterkuenfte/<int:pk>/", views.UnterkunftDetailView.as_view(), name="detail"),
    path(
        "unterkuenfte/<int:pk>/bearbeiten/",
        views.UnterkunftBearbeitenView.as_view(),
        name="bearbeiten",
    ),
    path("unterkuenfte/<int:pk>/bedarfe/neu/", views.bedarf_erstellen, name="bedarf_erstellen"),
    path("unterkuenfte/<int:pk>/hausverbote/", views.hausverbote, name="hausverbote"),
    # an organisation's calls for helpers (needs with the organisation as poster)
    path("aufrufe/organisation/<int:pk>/", views.aufrufe, name="aufrufe"),
    path("aufrufe/organisation/<int:pk>/neu/", views.aufruf_erstellen, name="aufruf_erstellen"),
    path("bedarfe/<int:pk>/bearbeiten/", views.bedarf_bearbeiten, name="bedarf_bearbeiten"),
    path("bedarfe/<int:pk>/status/", views.bedarf_status, name="bedarf_status"),
    path("hausverbote/<int:pk>/beenden/", views.hausverbot_beenden, name="hausverbot_beenden"),
]
