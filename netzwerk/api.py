"""The network API, scoped like the pages and acting through the same services.

Organisations with their Steckbrief (published ones for everyone signed in, their own for
the contacts, who change them); distribution lists and their members for the people who
run them; events with seats and a waiting list, created and changed by organisation
contacts and the network coordination; one's own registrations and those of the events
one runs. Hidden rows answer 404, steps on a visible row without the right to them 403,
and a refused step (``NichtMoeglich``) 400 with its reasons.
"""

import django_filters
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, When
from django.utils import timezone
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from common import warteliste
from common.aggregate import subquery_anzahl
from common.api import ScopedViewSet, abgelehnt
from common.filters import Kennung, MehrereKennungen
from common.workflow import NichtMoeglich

from . import services
from .models import (
    Arbeitsfeld,
    Mitgliedschaft,
    Organisation,
    Veranstaltung,
    Veranstaltungsanmeldung,
    Verteiler,
)
from .permissions import darf_anlegen
from .serializers import (
    MitgliedschaftSerializer,
    OrganisationSerializer,
    VeranstaltungsanmeldungSerializer,
    VeranstaltungSerializer,
    VerteilerSerializer,
)


def _sichtbar(model):
    def queryset(request):
        return model.objects.for_user(request.user) if request else model.objects.none()

    return queryset


# --- organisations ----------------------------------------------------------------------------


class OrganisationFilter(django_filters.FilterSet):
    arbeitsfelder = MehrereKennungen(queryset=Arbeitsfeld.objects.all())
    sprache = django_filters.CharFilter(
        field_name="sprachen__code", label=gettext_lazy("Sprachcode")
    )
    veroeffentlicht = django_filters.BooleanFilter(
        field_name="steckbrief_freigegeben_am",
        lookup_expr="isnull",
        exclude=True,
        label=gettext_lazy("true: nur öffentliche Steckbriefe; false: nur nicht öffentliche"),
    )

    class Meta:
        model = Organisation
        fields = ["art", "bezirk", "sprache", "arbeitsfelder", "veroeffentlicht"]


class OrganisationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.UpdateModelMixin, ScopedViewSet
):
    """Published Steckbriefe, one's own organisations and, for the network coordination,
    the organisations of its regions. Contacts change their own organisation's profile."""

    model = Organisation
    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilter
    http_method_names = ["get", "put", "patch", "head", "options"]

    def narrow_queryset(self, queryset):
        user = self.request.user

        def im_umfang(action):
            return Exists(Organisation.objects.for_user(user, action).filter(pk=OuterRef("pk")))

        return (
            queryset.select_related("region", "bezirk")
            .prefetch_related("sprachen", "arbeitsfelder")
            # statutes and admission are the record of the organisation and its coordination
            .annotate(akte_sichtbar=im_umfang("change") | im_umfang("aufnehmen"))
            .order_by("name", "pk")
        )


# --- distribution lists -----------------------------------------------------------------------


class VerteilerViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """The lists the caller runs (network coordination of the region, or the organisation
    running the list), with how many are on them."""

    model = Verteiler
    serializer_class = VerteilerSerializer
    filterset_fields = ["region", "organisation"]

    def narrow_queryset(self, queryset):
        def anzahl(*stati):
            return subquery_anzahl(
                Mitgliedschaft.objects.filter(verteiler=OuterRef("pk"), status__in=stati)
            )

        return (
            queryset.select_related("region", "organisation")
            .annotate(
                mitglieder=anzahl(Mitgliedschaft.Status.AKTIV, Mitgliedschaft.Status.INAKTIV),
                inaktive=anzahl(Mitgliedschaft.Status.INAKTIV),
            )
            .order_by("name", "pk")
        )


class MitgliedschaftFilter(django_filters.FilterSet):
    # a list the caller does not run answers an empty page, like one that does not exist
    verteiler = Kennung(field_name="verteiler")

    class Meta:
        model = Mitgliedschaft
        fields = ["verteiler", "status", "letzte_aktivitaet_art"]


class MitgliedschaftViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Members of the lists the caller runs, with their last activity; nobody else, not
    even the members themselves, sees who is on a list."""

    model = Mitgliedschaft
    serializer_class = MitgliedschaftSerializer
    filterset_class = MitgliedschaftFilter

    def narrow_queryset(self, queryset):
        return queryset.select_related("verteiler", "organisation", "person").order_by(
            "verteiler__name", "status", "letzte_aktivitaet", "pk"
        )


# --- events -----------------------------------------------------------------------------------


class VeranstaltungFilter(django_filters.FilterSet):
    organisation = django_filters.ModelChoiceFilter(queryset=_sichtbar(Organisation))
    region = Kennung(field_name="region")
    sprache = django_filters.CharFilter(
        field_name="sprachen__code", label=gettext_lazy("Sprachcode")
    )
    kommend = django_filters.BooleanFilter(
        method="filter_kommend",
        label=gettext_lazy(
            "true: nur Veranstaltungen, die noch nicht vorbei sind; false: nur vergangene"
        ),
    )

    class Meta:
        model = Veranstaltung
        fields = [
            "art",
            "organisation",
            "region",
            "bezirk",
            "sprache",
            "veroeffentlicht",
            "abgesagt",
            "kommend",
        ]

    def filter_kommend(self, queryset, name, value):
        jetzt = timezone.now()
        return queryset.filter(ende__gte=jetzt) if value else queryset.filter(ende__lt=jetzt)


class VeranstaltungViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    ScopedViewSet,
):
    """Published public events, members-only events for the list's members, and every
    event for those who run it, with seats taken, free and waiting. Organisation contacts
    and the network coordination create and change events; anyone signed in registers."""

    model = Veranstaltung
    serializer_class = VeranstaltungSerializer
    filterset_class = VeranstaltungFilter
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    action_requires = {**ScopedViewSet.action_requires, "anmelden": "view"}

    def narrow_queryset(self, queryset):
        return (
            queryset.mit_belegung()
            .select_related("organisation", "region", "bezirk")
            .prefetch_related("sprachen")
            .order_by("beginn", "pk")
        )

    def create(self, request, *args, **kwargs):
        # no object to ask the policy about yet: who may present events at all decides
        if not darf_anlegen(request.user):
            raise PermissionDenied
        return super().create(request, *args, **kwargs)

    def perform_create(self, serializer):
        self._speichern(serializer, Veranstaltung())

    def perform_update(self, serializer):
        # a fresh row: the annotated, prefetched object of the list is no row to save
        self._speichern(serializer, Veranstaltung.objects.get(pk=serializer.instance.pk))

    def _speichern(self, serializer, veranstaltung):
        daten = dict(serializer.validated_data)
        sprachen = daten.pop("sprachen", None)
        for feld, wert in daten.items():
            setattr(veranstaltung, feld, wert)
        try:
            services.veranstaltung_speichern(veranstaltung, self.request.user, sprachen=sprachen)
        except NichtMoeglich as fehler:
            raise abgelehnt(fehler) from None
        serializer.instance = self.get_queryset().get(pk=veranstaltung.pk)

    @extend_schema(request=None, responses={201: VeranstaltungsanmeldungSerializer})
    @action(detail=True, methods=["post"])
    def anmelden(self, request, pk=None):
        """Registers the caller: a seat while there is one, else the end of the waiting list."""
        veranstaltung = self.get_object()
        try:
            anmeldung = services.veranstaltung_anmelden(veranstaltung, request.user)
        except NichtMoeglich as fehler:
            raise abgelehnt(fehler) from None
        anmeldung = _anmeldungen(Veranstaltungsanmeldung.objects.for_user(request.user)).get(
            pk=anmeldung.pk
        )
        return Response(
            VeranstaltungsanmeldungSerializer(
                anmeldung, context=self.get_serializer_context()
            ).data,
            status=status.HTTP_201_CREATED,
        )


# --- registrations ----------------------------------------------------------------------------


def _anmeldungen(queryset):
    """Registrations with their event and person, and the waiting position (1 = next to
    move up; ids follow the order of registering, which is the order of moving up)."""
    vor_mir = Veranstaltungsanmeldung.objects.filter(
        veranstaltung=OuterRef("veranstaltung"),
        status=warteliste.WARTEND,
        pk__lte=OuterRef("pk"),
    )
    return queryset.select_related("veranstaltung", "person").annotate(
        warteposition=Case(
            When(status=warteliste.WARTEND, then=subquery_anzahl(vor_mir)),
            default=None,
            output_field=IntegerField(),
        )
    )


class VeranstaltungsanmeldungFilter(django_filters.FilterSet):
    veranstaltung = django_filters.ModelChoiceFilter(queryset=_sichtbar(Veranstaltung))
    eigene = django_filters.BooleanFilter(
        method="filter_eigene",
        label=gettext_lazy("true: nur die eigenen Anmeldungen; false: nur die anderer"),
    )

    class Meta:
        model = Veranstaltungsanmeldung
        fields = ["veranstaltung", "status", "eigene"]

    def filter_eigene(self, queryset, name, value):
        eigene = Q(person=self.request.user)
        return queryset.filter(eigene if value else ~eigene)


class VeranstaltungsanmeldungViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet
):
    """One's own registrations with the waiting position, and the registrations of the
    events one runs."""

    model = Veranstaltungsanmeldung
    serializer_class = VeranstaltungsanmeldungSerializer
    filterset_class = VeranstaltungsanmeldungFilter
    action_requires = {"abmelden": "change"}

    def narrow_queryset(self, queryset):
        return _anmeldungen(queryset).order_by("veranstaltung__beginn", "veranstaltung", "pk")

    @extend_schema(request=None, responses=VeranstaltungsanmeldungSerializer)
    @action(detail=True, methods=["post"])
    def abmelden(self, request, pk=None):
        """Gives up a seat (it goes to the first waiting person) or leaves the waiting list."""
        anmeldung = self.get_object()
        try:
            services.veranstaltung_abmelden(anmeldung, request.user)
        except NichtMoeglich as fehler:
            raise abgelehnt(fehler) from None
        return Response(self.get_serializer(self.get_queryset().get(pk=anmeldung.pk)).data)
