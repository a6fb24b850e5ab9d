from django.urls import path

from . import views

app_name = "benachrichtigungen"

urlpatterns = [
    path("", views.einstellungen, name="einstellungen"),
    path("vorschau/<int:pk>/", views.vorschau, name="vorschau"),
    path("abbestellen/<str:token>/<slug:was>/", views.abbestellen, name="abbestellen"),
]
