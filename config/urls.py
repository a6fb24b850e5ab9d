from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.db import transaction
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from berichte import api as berichte_api
from common.views import healthz
from fortbildung import api as fortbildung_api
from freiwillige import api as freiwillige_api
from konten import api as konten_api
from konten import views as konten_views
from konten.views import start
from netzwerk import api as netzwerk_api
from regionen import api as regionen_api
from unterkuenfte import api as unterkuenfte_api

router = DefaultRouter()
router.include_root_view = False
router.register("regionen", regionen_api.RegionViewSet, basename="region")
router.register("bezirke", regionen_api.BezirkViewSet, basename="bezirk")
router.register("jourfixe/serien", regionen_api.JourFixeSerieViewSet, basename="jourfixe-serie")
router.register("jourfixe/termine", regionen_api.TerminViewSet, basename="termin")
router.register("jourfixe/themen", regionen_api.ThemaViewSet, basename="thema")
router.register("jourfixe/teilnahmen", regionen_api.TeilnahmeViewSet, basename="teilnahme")
router.register("jourfixe/aufgaben", regionen_api.AufgabeViewSet, basename="aufgabe")
router.register("organisationen", netzwerk_api.OrganisationViewSet, basename="organisation")
router.register("netzwerk/verteiler", netzwerk_api.VerteilerViewSet, basename="netzwerk-verteiler")
router.register(
    "netzwerk/mitgliedschaften",
    netzwerk_api.MitgliedschaftViewSet,
    basename="netzwerk-mitgliedschaft",
)
router.register(
    "netzwerk/veranstaltungen",
    netzwerk_api.VeranstaltungViewSet,
    basename="netzwerk-veranstaltung",
)
router.register(
    "netzwerk/anmeldungen",
    netzwerk_api.VeranstaltungsanmeldungViewSet,
    basename="netzwerk-anmeldung",
)
router.register("berichte", berichte_api.BerichtViewSet, basename="bericht")
router.register("unterkuenfte", unterkuenfte_api.UnterkunftViewSet, basename="unterkunft")
router.register("bedarfe", unterkuenfte_api.BedarfViewSet, basename="bedarf")
router.register("sprachen", unterkuenfte_api.SpracheViewSet, basename="sprache")
router.register(
    "unterkunftsarten", unterkuenfte_api.UnterkunftsartViewSet, basename="unterkunftsart"
)
router.register(
    "anforderungsarten", unterkuenfte_api.AnforderungsartViewSet, basename="anforderungsart"
)
router.register(
    "taetigkeitsfelder", unterkuenfte_api.TaetigkeitsfeldViewSet, basename="taetigkeitsfeld"
)
router.register("bewerbungen", freiwillige_api.BewerbungViewSet, basename="bewerbung")
router.register("einsaetze", freiwillige_api.EinsatzViewSet, basename="einsatz")
router.register("stunden", freiwillige_api.StundeneintragViewSet, basename="stundeneintrag")
router.register("fortbildung/reihen", fortbildung_api.ReiheViewSet, basename="fortbildung-reihe")
router.register("fortbildung/kurse", fortbildung_api.KursViewSet, basename="fortbildung-kurs")
router.register(
    "fortbildung/sitzungen", fortbildung_api.SitzungViewSet, basename="fortbildung-sitzung"
)
router.register(
    "fortbildung/anmeldungen", fortbildung_api.AnmeldungViewSet, basename="fortbildung-anmeldung"
)


def _api(patterns):
    """The API authenticates by session or token itself and answers 401/403 on its own,
    so the HTML login redirect must not intercept it."""
    for pattern in patterns:
        login_not_required(pattern.callback)
    return patterns


api_patterns = _api(
    [
        path("auth/token/", konten_api.TokenView.as_view(), name="token"),
        path("auth/abmelden/", konten_api.AbmeldenView.as_view(), name="abmelden"),
        path("konto/", konten_api.KontoView.as_view(), name="konto"),
        path("profil/", freiwillige_api.ProfilView.as_view(), name="profil"),
        path("profil/engagement/", freiwillige_api.EngagementView.as_view(), name="engagement"),
        path(
            "profil/passende-bedarfe/",
            freiwillige_api.PassendeBedarfeView.as_view(),
            name="passende-bedarfe",
        ),
        path(
            "bedarfe/<int:pk>/kandidaten/",
            freiwillige_api.KandidatenView.as_view(),
            name="kandidaten",
        ),
        *router.urls,
    ]
)

urlpatterns = [
    path("", start, name="start"),
    path("healthz", healthz, name="healthz"),
    path("kalender/<str:schluessel>.ics", konten_views.kalender_feed, name="kalender_feed"),
    path("konten/", include("konten.urls")),
    path("regionen/", include("regionen.urls")),
    path("netzwerk/", include("netzwerk.urls")),
    path("", include("unterkuenfte.urls")),
    path("freiwillige/", include("freiwillige.urls")),
    path("fortbildung/", include("fortbildung.urls")),
    path("benachrichtigungen/", include("benachrichtigungen.urls")),
    path("berichte/", include("berichte.urls")),
    path("api/v1/", include((api_patterns, "api"))),
    path(
        "api/schema/",
        # built from the code alone: no transaction to hold for it (and the API's contract
        # test reads it while collecting, before any test database exists)
        login_not_required(transaction.non_atomic_requests(SpectacularAPIView.as_view())),
        name="schema",
    ),
    path(
        "api/docs/",
        # the split view serves its start script as a file: no inline script on the page
        login_not_required(
            SpectacularSwaggerSplitView.as_view(
                url_name="schema", template_name="api/swagger_ui.html"
            )
        ),
        name="swagger-ui",
    ),
    path("admin/", admin.site.urls),
]

# The site's error pages; under /api/ they answer JSON like DRF (common/views.py).
handler400 = "common.views.fehler_400"
handler403 = "common.views.fehler_403"
handler404 = "common.views.fehler_404"
handler500 = "common.views.fehler_500"
