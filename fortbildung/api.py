"""The training API, scoped like the pages and acting through the same services.

Series, published courses and their sessions are public; a signed-in person registers
and cancels their own seat; the Fortbildungsteam creates and changes series and courses,
records attendance and completes. Hidden courses answer 404, team steps on a visible
course 403, and a refused step (``NichtMoeglich``) 400 with its reasons.
"""

import django_filters
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from common.api import ScopedViewSet, abgelehnt
from common.workflow import NichtMoeglich

from . import services
from .models import Anmeldung, Kurs, Reihe, Sitzung
from .permissions import ist_team
from .serializers import (
    AbschlussSerializer,
    AnmeldungSerializer,
    AnwesenheitErfassenSerializer,
    KursSerializer,
    ReiheSerializer,
    SitzungLesenSerializer,
    TeilnehmendeSerializer,
)


def _sichtbare_kurse(request):
    return Kurs.objects.for_user(request.user) if request else Kurs.objects.none()


def _sichtbare_reihen(request):
    return Reihe.objects.for_user(request.user) if request else Reihe.objects.none()


class _OeffentlichLesbar:
    """Reading needs no account (the public training calendar); every other step does,
    so an anonymous caller gets 401 there, never a 403 or 405."""

    def get_permissions(self):
        if self.action in ("list", "retrieve"):
            return [permissions.AllowAny()]
        return [permissions.IsAuthenticated()]


def _nur_team(request) -> None:
    """Creating needs no object to ask the policy about: the team's own check decides."""
    if not ist_team(request.user):
        raise PermissionDenied


# --- series -----------------------------------------------------------------------------------


class ReiheViewSet(
    _OeffentlichLesbar,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    ScopedViewSet,
):
    """Yearly series (Basis, Aufbau, open) for everyone; the Fortbildungsteam manages them."""

    model = Reihe
    serializer_class = ReiheSerializer
    filterset_fields = ["stufe", "jahr", "zielgruppe"]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def narrow_queryset(self, queryset):
        return queryset.order_by("-jahr", "stufe", "titel", "pk")

    def create(self, request, *args, **kwargs):
        _nur_team(request)
        return super().create(request, *args, **kwargs)


# --- courses ----------------------------------------------------------------------------------


class KursFilter(django_filters.FilterSet):
    reihe = django_filters.ModelChoiceFilter(queryset=_sichtbare_reihen)
    stufe = django_filters.CharFilter(field_name="reihe__stufe")
    kommend = django_filters.BooleanFilter(
        method="filter_kommend",
        label=gettext_lazy("true: nur Kurse, die noch nicht vorbei sind; false: nur vergangene"),
    )

    class Meta:
        model = Kurs
        fields = ["reihe", "stufe", "veroeffentlicht", "kommend"]

    def filter_kommend(self, queryset, name, value):
        kommende = queryset.kommend()
        return kommende if value else queryset.exclude(pk__in=kommende.values("pk"))


class KursViewSet(
    _OeffentlichLesbar,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    ScopedViewSet,
):
    """Published courses for everyone (drafts for the team and those registered), with
    free seats, the waiting list's length, sessions, prerequisites and what completing
    grants. Anyone signed in registers; the team creates, changes, records attendance."""

    model = Kurs
    serializer_class = KursSerializer
    filterset_class = KursFilter
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    action_requires = {
        **ScopedViewSet.action_requires,
        "anmelden": "view",
        "teilnehmende": "change",
    }

    def narrow_queryset(self, queryset):
        return (
            queryset.mit_belegung()
            .select_related("reihe", "vermittelt")
            .prefetch_related("voraussetzungen", "sitzungen")
            .order_by("erster_beginn", "pk")
        )

    def _neu_gelesen(self, kurs):
        return self.get_queryset().get(pk=kurs.pk)

    # --- creating and changing: the complete list of sessions goes through the service

    def create(self, request, *args, **kwargs):
        _nur_team(request)
        return super().create(request, *args, **kwargs)

    def perform_create(self, serializer):
        self._speichern(serializer, Kurs())

    def perform_update(self, serializer):
        # A fresh row: the service compares the sessions with what the database holds,
        # which a prefetched list on the listed object would hide.
        self._speichern(serializer, Kurs.objects.get(pk=serializer.instance.pk))

    def _speichern(self, serializer, kurs):
        daten = dict(serializer.validated_data)
        zeilen = daten.pop("sitzungen", None)
        voraussetzungen = daten.pop("voraussetzungen", None)
        for feld, wert in daten.items():
            setattr(kurs, feld, wert)
        sitzungen = self._sitzungen(kurs, zeilen)
        try:
            services.kurs_speichern(kurs, self.request.user, sitzungen, voraussetzungen)
        except NichtMoeglich as fehler:
            raise abgelehnt(fehler) from None
        serializer.instance = self._neu_gelesen(kurs)

    @staticmethod
    def _sitzungen(kurs, zeilen) -> list[Sitzung]:
        """The course's new list of sessions; without a list (PATCH) the present ones."""
        bisher = {s.pk: s for s in Sitzung.objects.filter(kurs_id=kurs.pk)} if kurs.pk else {}
        if zeilen is None:
            return list(bisher.values())
        sitzungen = []
        for zeile in zeilen:
            zeile = dict(zeile)
            pk = zeile.pop("id", None)
            if pk is None:
                fehlend = [feld for feld in ("beginn", "ende") if feld not in zeile]
                if fehlend:
                    raise serializers.ValidationError(
                        {"sitzungen": [_("Eine neue Sitzung braucht Beginn und Ende.")]}
                    )
                sitzung = Sitzung()
            elif pk in bisher:
                sitzung = bisher[pk]
            else:
                raise serializers.ValidationError(
                    {
                        "sitzungen": [
                            _("Die Sitzung %(id)d gehört nicht zu diesem Kurs.") % {"id": pk}
                        ]
                    }
                )
            for feld, wert in zeile.items():
                setattr(sitzung, feld, wert)
            sitzungen.append(sitzung)
        return sitzungen

    # --- registering ---------------------------------------------------------------------

    @extend_schema(request=None, responses={201: AnmeldungSerializer})
    @action(detail=True, methods=["post"])
    def anmelden(self, request, pk=None):
        """Registers the caller: a seat while there is one, else the end of the waiting list."""
        kurs = self.get_object()
        try:
            anmeldung = services.anmeldung_anlegen(kurs, request.user)
        except NichtMoeglich as fehler:
            raise abgelehnt(fehler) from None
        anmeldung = (
            Anmeldung.objects.for_user(request.user)
            .select_related("kurs", "person")
            .mit_warteposition()
            .get(pk=anmeldung.pk)
        )
        return Response(
            AnmeldungSerializer(anmeldung, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )

    # --- the team's steps ----------------------------------------------------------------

    @extend_schema(responses=TeilnehmendeSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def teilnehmende(self, request, pk=None):
        """The registered people, by name, with the number of sessions each attended."""
        kurs = self.get_object()
        return Response(TeilnehmendeSerializer(services.teilnehmende(kurs), many=True).data)

    @extend_schema(request=AnwesenheitErfassenSerializer, responses=AbschlussSerializer)
    @action(detail=True, methods=["post"])
    def anwesenheit(self, request, pk=None):
        """Records who attended a session; answers who completed the course with it."""
        kurs = self.get_object()
        eingabe = AnwesenheitErfassenSerializer(data=request.data, kurs=kurs)
        eingabe.is_valid(raise_exception=True)
        daten = eingabe.validated_data
        try:
            fertig = services.anwesenheit_erfassen(
                daten["sitzung"], request.user, set(daten["anwesend"])
            )
        except NichtMoeglich as fehler:
            raise abgelehnt(fehler) from None
        return Response(AbschlussSerializer({"abgeschlossen": fertig}).data)

    @extend_schema(request=None, responses=AbschlussSerializer)
    @action(detail=True, methods=["post"])
    def abschliessen(self, request, pk=None):
        """Completes everyone who reached the minimum attendance; answers who did now."""
        kurs = self.get_object()
        try:
            fertig = services.abschluesse_pruefen(kurs, request.user)
        except NichtMoeglich as fehler:
            raise abgelehnt(fehler) from None
        return Response(AbschlussSerializer({"abgeschlossen": fertig}).data)


# --- sessions ---------------------------------------------------------------------------------


class SitzungFilter(django_filters.FilterSet):
    kurs = django_filters.ModelChoiceFilter(queryset=_sichtbare_kurse)

    class Meta:
        model = Sitzung
        fields = ["kurs"]


class SitzungViewSet(
    _OeffentlichLesbar, mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet
):
    """Sessions of the courses the caller sees (calendars keep them apart by ``uid``)."""

    model = Sitzung
    serializer_class = SitzungLesenSerializer
    filterset_class = SitzungFilter

    def narrow_queryset(self, queryset):
        return queryset.select_related("kurs").order_by("beginn", "pk")


# --- registrations ----------------------------------------------------------------------------


class AnmeldungFilter(django_filters.FilterSet):
    kurs = django_filters.ModelChoiceFilter(queryset=_sichtbare_kurse)

    class Meta:
        model = Anmeldung
        fields = ["kurs", "status"]


class AnmeldungViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """One's own registrations with the waiting position and, once completed, the
    certificate; the Fortbildungsteam sees everyone's."""

    model = Anmeldung
    serializer_class = AnmeldungSerializer
    filterset_class = AnmeldungFilter
    action_requires = {"abmelden": "view"}

    def narrow_queryset(self, queryset):
        return (
            queryset.select_related("kurs", "person")
            .mit_warteposition()
            .mit_abschlusstag()
            .order_by("-pk")
        )

    @extend_schema(request=None, responses=AnmeldungSerializer)
    @action(detail=True, methods=["post"])
    def abmelden(self, request, pk=None):
        """Cancels a seat (its place goes to the first waiting) or leaves the waiting list."""
        anmeldung = self.get_object()
        try:
            services.anmeldung_stornieren(anmeldung, request.user)
        except NichtMoeglich as fehler:
            raise abgelehnt(fehler) from None
        return Response(self.get_serializer(self.get_queryset().get(pk=anmeldung.pk)).data)
