import django_filters
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from common import abstimmung
from common.api import ScopedViewSet, abgelehnt
from common.scoping import allows
from common.workflow import NichtMoeglich

from . import services
from .models import Aufgabe, Bezirk, JourFixeSerie, Region, Stimme, Teilnahme, Termin, Thema
from .permissions import darf_serien_anlegen
from .serializers import (
    AbsagenSerializer,
    AntwortSerializer,
    AnwesenheitSerializer,
    AufgabeSerializer,
    AufgabeStatusSerializer,
    BezirkSerializer,
    JourFixeSerieAendernSerializer,
    JourFixeSerieSerializer,
    ProtokollSerializer,
    RegionSerializer,
    TagesordnungSerializer,
    TeilnahmeSerializer,
    TerminDetailSerializer,
    TerminSerializer,
    ThemaSerializer,
    VerschiebenSerializer,
)


def _sichtbare_regionen(request):
    return Region.objects.for_user(request.user) if request else Region.objects.none()


class RegionFilter(django_filters.FilterSet):
    # Only visible regions are valid choices: a hidden id is refused exactly like a missing one.
    oberregion = django_filters.ModelChoiceFilter(queryset=_sichtbare_regionen)

    class Meta:
        model = Region
        fields = ["art", "oberregion"]


class BezirkFilter(django_filters.FilterSet):
    region = django_filters.ModelChoiceFilter(queryset=_sichtbare_regionen)

    class Meta:
        model = Bezirk
        fields = ["region"]


class RegionViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.UpdateModelMixin, ScopedViewSet
):
    """Regions the caller coordinates (admins: all). Changing a region is admin work (403)."""

    model = Region
    serializer_class = RegionSerializer
    kennzahlen_lesbar = True
    filterset_class = RegionFilter

    def narrow_queryset(self, queryset):
        return queryset.prefetch_related("bezirke").mit_sichtbarer_oberregion(self.request.user)


class BezirkViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Districts are public information."""

    model = Bezirk
    serializer_class = BezirkSerializer
    kennzahlen_lesbar = True
    filterset_class = BezirkFilter


# --- jours fixes ------------------------------------------------------------------------------


def _sichtbare_serien(request):
    return JourFixeSerie.objects.for_user(request.user) if request else JourFixeSerie.objects.none()


def _sichtbare_termine(request):
    return Termin.objects.for_user(request.user) if request else Termin.objects.none()


def _darf_aendern(model, user):
    """Whether the caller may change the row, in the row's own query (no query per row)."""
    return Exists(model.objects.for_user(user, "change").filter(pk=OuterRef("pk")))


class JourFixeSerieViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    ScopedViewSet,
):
    """Series the caller is invited to or manages; the region's coordination manages them."""

    model = JourFixeSerie
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_serializer_class(self):
        if self.action == "partial_update":
            return JourFixeSerieAendernSerializer
        return JourFixeSerieSerializer

    def narrow_queryset(self, queryset):
        return (
            queryset.select_related("region")
            .annotate(darf_aendern=_darf_aendern(JourFixeSerie, self.request.user))
            .order_by("region__name", "titel", "pk")
        )

    def create(self, request, *args, **kwargs):
        # Like the page: whoever coordinates no region may not start a series at all.
        if not darf_serien_anlegen(request.user):
            raise PermissionDenied
        return super().create(request, *args, **kwargs)

    def perform_create(self, serializer):
        serie = JourFixeSerie(**serializer.validated_data)
        try:
            services.serie_anlegen(serie, self.request.user)
        except NichtMoeglich as fehler:
            raise abgelehnt(fehler) from None
        serializer.instance = self.get_queryset().get(pk=serie.pk)

    def perform_update(self, serializer):
        serie = serializer.instance
        for feld, wert in serializer.validated_data.items():
            setattr(serie, feld, wert)
        try:
            services.serie_aendern(serie, self.request.user)
        except NichtMoeglich as fehler:
            raise abgelehnt(fehler) from None
        serializer.instance = self.get_queryset().get(pk=serie.pk)

    @extend_schema(request=None, responses=JourFixeSerieSerializer)
    @action(detail=True, methods=["post"])
    def beenden(self, request, pk=None):
        serie = self.get_object()
        try:
            services.serie_beenden(serie, request.user)
        except NichtMoeglich as fehler:
            raise abgelehnt(fehler) from None
        return Response(self.get_serializer(self.get_queryset().get(pk=serie.pk)).data)


class TerminFilter(django_filters.FilterSet):
    serie = django_filters.ModelChoiceFilter(queryset=_sichtbare_serien)
    kommend = django_filters.BooleanFilter(
        method="filter_kommend", label=_("true: nur kommende Termine, false: nur vergangene")
    )

    class Meta:
        model = Termin
        fields = ["serie", "status", "kommend"]

    def filter_kommend(self, queryset, name, value):
        kommende = queryset.kommend()
        gewaehlt = kommende if value else queryset.exclude(pk__in=kommende.values("pk"))
        return gewaehlt.order_by("beginn", "pk")


class TerminViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Termine of the series the caller sees, with answer counts and the caller's answer.

    Everyone invited answers; moving, cancelling, the agenda, attendance and minutes are
    the management's (403 for the invited).
    """

    model = Termin
    filterset_class = TerminFilter
    action_requires = {"antworten": "view"}

    def get_serializer_class(self):
        return TerminSerializer if self.action == "list" else TerminDetailSerializer

    def narrow_queryset(self, queryset):
        user = self.request.user
        return (
            queryset.select_related("serie__region")
            .mit_antworten(user)
            .annotate(darf_aendern=_darf_aendern(Termin, user))
            .order_by("beginn", "pk")
        )

    def _schritt(self, eingabe_klasse, schritt):
        """Runs one service step on the Termin with the validated input; answers the Termin."""
        termin = self.get_object()
        daten = {}
        if eingabe_klasse is not None:
            eingabe = eingabe_klasse(data=self.request.data)
            eingabe.is_valid(raise_exception=True)
            daten = eingabe.validated_data
        try:
            # one step, even where it takes two service calls: a refusal leaves nothing half-done
            with transaction.atomic():
                schritt(termin, self.request.user, daten)
        except NichtMoeglich as fehler:
            raise abgelehnt(fehler) from None
        return Response(self.get_serializer(self.get_queryset().get(pk=termin.pk)).data)

    @extend_schema(request=VerschiebenSerializer, responses=TerminDetailSerializer)
    @action(detail=True, methods=["post"])
    def verschieben(self, request, pk=None):
        return self._schritt(
            VerschiebenSerializer,
            lambda termin, user, daten: services.termin_verschieben(termin, user, **daten),
        )

    @extend_schema(request=AbsagenSerializer, responses=TerminDetailSerializer)
    @action(detail=True, methods=["post"])
    def absagen(self, request, pk=None):
        return self._schritt(
            AbsagenSerializer,
            lambda termin, user, daten: services.termin_absagen(termin, user, daten["grund"]),
        )

    @extend_schema(request=AntwortSerializer, responses=TerminDetailSerializer)
    @action(detail=True, methods=["post"])
    def antworten(self, request, pk=None):
        return self._schritt(
            AntwortSerializer,
            lambda termin, user, daten: services.teilnahme_antworten(
                termin, user, daten["antwort"]
            ),
        )

    @extend_schema(request=TagesordnungSerializer, responses=TerminDetailSerializer)
    @action(detail=True, methods=["post"])
    def tagesordnung(self, request, pk=None):
        def festlegen(termin, user, daten):
            services.tagesordnung_festlegen(termin, user, daten["themen"])
            if daten["veroeffentlichen"]:
                services.tagesordnung_veroeffentlichen(termin, user)

        return self._schritt(TagesordnungSerializer, festlegen)

    @extend_schema(request=AnwesenheitSerializer, responses=TerminDetailSerializer)
    @action(detail=True, methods=["post"])
    def anwesenheit(self, request, pk=None):
        return self._schritt(
            AnwesenheitSerializer,
            lambda termin, user, daten: services.anwesenheit_erfassen(
                termin, user, set(daten["anwesende"])
            ),
        )

    @extend_schema(request=ProtokollSerializer, responses=TerminDetailSerializer)
    @action(detail=True, methods=["post"])
    def protokoll(self, request, pk=None):
        return self._schritt(
            ProtokollSerializer,
            lambda termin, user, daten: services.protokoll_speichern(termin, user, **daten),
        )


class _TerminFilter(django_filters.FilterSet):
    termin = django_filters.ModelChoiceFilter(queryset=_sichtbare_termine)


class ThemaFilter(_TerminFilter):
    class Meta:
        model = Thema
        fields = ["termin", "auf_tagesordnung"]


class ThemaViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, ScopedViewSet
):
    """Agenda topics of the Termine the caller sees; everyone invited proposes and votes."""

    model = Thema
    serializer_class = ThemaSerializer
    filterset_class = ThemaFilter
    action_requires = {"abstimmen": "view", "stimme_zurueckziehen": "view"}

    def narrow_queryset(self, queryset):
        user = self.request.user
        stimmen = Stimme.objects.filter(thema=OuterRef("pk"))
        return (
            queryset.select_related("vorgeschlagen_von")
            .annotate(**abstimmung.stimmen_zaehlen(stimmen, user))
            .order_by("termin__beginn", "-auf_tagesordnung", "position", "-anzahl_stimmen", "pk")
        )

    def perform_create(self, serializer):
        daten = serializer.validated_data
        try:
            thema = services.thema_vorschlagen(
                daten["termin"], self.request.user, daten["titel"], daten.get("beschreibung", "")
            )
        except NichtMoeglich as fehler:
            raise abgelehnt(fehler) from None
        serializer.instance = self.get_queryset().get(pk=thema.pk)

    def _stimme(self, schritt):
        thema = self.get_object()
        try:
            schritt(thema, self.request.user)
        except NichtMoeglich as fehler:
            raise abgelehnt(fehler) from None
        return Response(self.get_serializer(self.get_queryset().get(pk=thema.pk)).data)

    @extend_schema(request=None, responses=ThemaSerializer)
    @action(detail=True, methods=["post"])
    def abstimmen(self, request, pk=None):
        return self._stimme(services.thema_abstimmen)

    @extend_schema(request=None, responses=ThemaSerializer)
    @action(detail=True, methods=["post"], url_path="stimme-zurueckziehen")
    def stimme_zurueckziehen(self, request, pk=None):
        return self._stimme(services.thema_stimme_zurueckziehen)


class TeilnahmeFilter(_TerminFilter):
    class Meta:
        model = Teilnahme
        fields = ["termin", "antwort"]


class TeilnahmeViewSet(mixins.ListModelMixin, ScopedViewSet):
    """The caller's own answers; the series' management sees who answered what."""

    model = Teilnahme
    serializer_class = TeilnahmeSerializer
    filterset_class = TeilnahmeFilter

    def narrow_queryset(self, queryset):
        return queryset.select_related("person").order_by(
            "termin__beginn", "person__anzeigename", "pk"
        )


class AufgabeFilter(_TerminFilter):
    class Meta:
        model = Aufgabe
        fields = ["termin", "status"]


class AufgabeViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    ScopedViewSet,
):
    """Action items of the Termine the caller sees. The management records them; their
    owner or the management sets their state."""

    model = Aufgabe
    filterset_class = AufgabeFilter
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_serializer_class(self):
        if self.action == "partial_update":
            return AufgabeStatusSerializer
        return AufgabeSerializer

    def narrow_queryset(self, queryset):
        return (
            queryset.select_related("termin__serie", "verantwortlich")
            .annotate(darf_aendern=_darf_aendern(Aufgabe, self.request.user))
            .order_by("faellig_am", "pk")
        )

    def perform_create(self, serializer):
        daten = serializer.validated_data
        termin = daten["termin"]
        if not allows(self.request.user, "change", termin):
            raise PermissionDenied
        try:
            aufgabe = services.aufgabe_anlegen(
                termin,
                self.request.user,
                daten["titel"],
                daten.get("verantwortlich"),
                daten.get("faellig_am"),
            )
        except NichtMoeglich as fehler:
            raise abgelehnt(fehler) from None
        serializer.instance = self.get_queryset().get(pk=aufgabe.pk)

    def perform_update(self, serializer):
        aufgabe = serializer.instance
        if "status" not in serializer.validated_data:
            return  # a PATCH without a state changes nothing, like any partial update
        try:
            services.aufgabe_status_setzen(
                aufgabe, self.request.user, serializer.validated_data["status"]
            )
        except NichtMoeglich as fehler:
            raise abgelehnt(fehler) from None
        serializer.instance = self.get_queryset().get(pk=aufgabe.pk)
