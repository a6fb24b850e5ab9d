"""The volunteering API, scoped like the screens and acting through the same services."""

import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q, Sum
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import generics, mixins
from rest_framework.decorators import action
from rest_framework.response import Response

from common.api import ScopedViewSet, abgelehnt
from common.views import get_scoped_object_or_404
from unterkuenfte.models import Bedarf, Unterkunft

from . import gruende, matching, onboarding, services
from .models import Bewerbung, Einsatz, Profil, Stundeneintrag
from .serializers import (
    BewerbungSerializer,
    EinsatzSerializer,
    EinsatzStatusSerializer,
    EngagementSerializer,
    KandidatSerializer,
    PassenderBedarfSerializer,
    ProfilSerializer,
    StundeneintragSerializer,
    TextSerializer,
)


def _eigenes_profil(request):
    return get_object_or_404(Profil.objects.for_user(request.user, "change"), person=request.user)


OHNE_PROFIL = OpenApiResponse(description=_("Kein eigenes Profil: nur Freiwillige haben eines."))


@extend_schema_view(
    get=extend_schema(responses={200: ProfilSerializer, 404: OHNE_PROFIL}),
    patch=extend_schema(responses={200: ProfilSerializer, 404: OHNE_PROFIL}),
)
class ProfilView(generics.RetrieveUpdateAPIView):
    """The signed-in volunteer's own profile (404 for accounts without one)."""

    serializer_class = ProfilSerializer
    http_method_names = ["get", "patch", "head", "options"]

    def get_object(self):
        return _eigenes_profil(self.request)


class EngagementView(generics.GenericAPIView):
    """Pauses, resumes or ends the volunteer's engagement."""

    serializer_class = EngagementSerializer

    @extend_schema(responses={200: EngagementSerializer, 404: OHNE_PROFIL})
    def post(self, request):
        _eigenes_profil(request)
        eingabe = self.get_serializer(data=request.data)
        eingabe.is_valid(raise_exception=True)
        try:
            profil = onboarding.engagement_status_set(
                request.user, eingabe.validated_data["status"]
            )
        except services.NichtMoeglich as fehler:
            raise abgelehnt(fehler) from None
        return Response({"status": profil.status})


class BewerbungFilter(django_filters.FilterSet):
    wartend = django_filters.BooleanFilter(
        method="filter_wartend",
        label=_("true: nur die, die auf Entscheidung warten (offen oder Rückfrage)"),
    )

    class Meta:
        model = Bewerbung
        fields = ["status", "bedarf", "wartend"]

    def filter_wartend(self, queryset, name, value):
        wartend = queryset.wartend()
        return wartend if value else queryset.exclude(pk__in=wartend.values("pk"))


class BewerbungViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, ScopedViewSet
):
    """Own applications; for a shelter's coordination, those at its shelters."""

    model = Bewerbung
    serializer_class = BewerbungSerializer
    filterset_class = BewerbungFilter
    action_requires = {
        "annehmen": "decide",
        "ablehnen": "decide",
        "rueckfrage": "decide",
        "antworten": "withdraw",
        "zurueckziehen": "withdraw",
    }

    def narrow_queryset(self, queryset):
        return queryset.select_related(
            "person", "bedarf__unterkunft", "bedarf__organisation"
        ).prefetch_related("verlauf__akteur")

    def perform_create(self, serializer):
        try:
            serializer.instance = services.bewerbung_anlegen(
                self.request.user,
                serializer.validated_data["bedarf"],
                serializer.validated_data.get("nachricht", ""),
            )
        except services.NichtMoeglich as fehler:
            raise abgelehnt(fehler) from None

    def _schritt(self, funktion):
        bewerbung = self.get_object()
        text = TextSerializer(data=self.request.data)
        text.is_valid(raise_exception=True)
        try:
            funktion(bewerbung, self.request.user, text.validated_data["text"])
        except services.NichtMoeglich as fehler:
            raise abgelehnt(fehler) from None
        bewerbung = self.narrow_queryset(Bewerbung.objects.all()).get(pk=bewerbung.pk)
        return Response(self.get_serializer(bewerbung).data)

    @extend_schema(request=None, responses=BewerbungSerializer)
    @action(detail=True, methods=["post"])
    def annehmen(self, request, pk=None):
        return self._schritt(lambda b, user, text: services.bewerbung_annehmen(b, user))

    @extend_schema(request=TextSerializer, responses=BewerbungSerializer)
    @action(detail=True, methods=["post"])
    def ablehnen(self, request, pk=None):
        return self._schritt(services.bewerbung_ablehnen)

    @extend_schema(request=TextSerializer, responses=BewerbungSerializer)
    @action(detail=True, methods=["post"])
    def rueckfrage(self, request, pk=None):
        return self._schritt(services.bewerbung_rueckfrage)

    @extend_schema(request=TextSerializer, responses=BewerbungSerializer)
    @action(detail=True, methods=["post"])
    def antworten(self, request, pk=None):
        return self._schritt(services.bewerbung_antworten)

    @extend_schema(request=None, responses=BewerbungSerializer)
    @action(detail=True, methods=["post"])
    def zurueckziehen(self, request, pk=None):
        return self._schritt(lambda b, user, text: services.bewerbung_zurueckziehen(b, user))


class EinsatzViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Own assignments; for a shelter's coordination, those at its shelters."""

    model = Einsatz
    serializer_class = EinsatzSerializer
    filterset_fields = ["status"]

    def narrow_queryset(self, queryset):
        return (
            queryset.select_related("person", "bedarf__bezirk", "unterkunft", "organisation")
            .prefetch_related("bedarf__zeitfenster")
            .annotate(
                stunden_bestaetigt=Sum(
                    "stunden__stunden",
                    filter=Q(stunden__bestaetigt_am__isnull=False),
                    default=0,
                )
            )
            .order_by("-beginn", "-pk")
        )

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["adresse_sichtbar"] = set(
            Unterkunft.objects.for_user(self.request.user, "address").values_list("pk", flat=True)
        )
        return context

    @extend_schema(request=EinsatzStatusSerializer, responses=EinsatzSerializer)
    @action(detail=True, methods=["post"])
    def status(self, request, pk=None):
        einsatz = self.get_object()
        eingabe = EinsatzStatusSerializer(data=request.data)
        eingabe.is_valid(raise_exception=True)
        try:
            services.einsatz_status_setzen(einsatz, eingabe.validated_data["status"], request.user)
        except services.NichtMoeglich as fehler:
            raise abgelehnt(fehler) from None
        return Response(self.get_serializer(self.get_queryset().get(pk=einsatz.pk)).data)


class StundeneintragViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, ScopedViewSet
):
    """Hours of the assignments the caller sees; the coordination confirms them."""

    model = Stundeneintrag
    serializer_class = StundeneintragSerializer
    filterset_fields = ["einsatz"]
    action_requires = {"bestaetigen": "confirm"}

    def narrow_queryset(self, queryset):
        return queryset.select_related("bestaetigt_von")

    def perform_create(self, serializer):
        daten = serializer.validated_data  # the assignment field admits only the caller's own
        try:
            serializer.instance = services.stunden_erfassen(
                daten["einsatz"],
                self.request.user,
                daten["datum"],
                daten["stunden"],
                daten.get("taetigkeit", ""),
            )
        except (services.NichtMoeglich, DjangoValidationError) as fehler:
            raise abgelehnt(fehler) from None

    @extend_schema(request=None, responses=StundeneintragSerializer)
    @action(detail=True, methods=["post"])
    def bestaetigen(self, request, pk=None):
        eintrag = self.get_object()
        try:
            services.stunden_bestaetigen(eintrag, request.user)
        except services.NichtMoeglich as fehler:
            raise abgelehnt(fehler) from None
        return Response(self.get_serializer(self.get_queryset().get(pk=eintrag.pk)).data)


class KandidatenView(generics.ListAPIView):
    """Ranked candidates for a need of the caller's shelter, with reasons."""

    serializer_class = KandidatSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return Profil.objects.none()
        bedarf = get_scoped_object_or_404(
            self.request.user, Bedarf, self.kwargs["pk"], "manage", "change"
        )
        self.kontext = matching.bedarf_kontext(bedarf)
        return matching.kandidaten(self.kontext)

    def paginate_queryset(self, queryset):
        seite = super().paginate_queryset(queryset)
        gruende.fuer_kandidaten(self.kontext, seite)
        return seite


class PassendeBedarfeView(generics.ListAPIView):
    """Open needs ranked for the signed-in volunteer, with reasons."""

    serializer_class = PassenderBedarfSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return Bedarf.objects.none()
        self.kontext = matching.profil_kontext(_eigenes_profil(self.request))
        return matching.passende_bedarfe(self.kontext)

    def paginate_queryset(self, queryset):
        seite = super().paginate_queryset(queryset)
        gruende.fuer_bedarfe(self.kontext, seite)
        return seite
