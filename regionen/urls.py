from django.urls import path

from . import views

app_name = "regionen"

urlpatterns = [
    path("", views.RegionListeView.as_view(), name="liste"),
    path("<int:pk>/", views.RegionDetailView.as_view(), name="detail"),
    path("<int:pk>/bearbeiten/", views.RegionBearbeitenView.as_view(), name="bearbeiten"),
]
