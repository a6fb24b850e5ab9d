from django.urls import path

from . import views

app_name = "berichte"

urlpatterns = [
    path("", views.uebersicht, name="uebersicht"),
    path("regionen/<int:pk>/", views.region, name="region"),
    path("exporte/neu/", views.export_neu, name="export_neu"),
    path("exporte/<int:pk>/", views.export_status, name="export_status"),
    path("exporte/<int:pk>/datei/", views.export_datei, name="export_datei"),
]
