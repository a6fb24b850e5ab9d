"""Filters of the needs board and the shelter overview, shared by pages and API."""

import django_filters
from django import forms
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from common.models import Sprache, Wochentag
from regionen.models import Bezirk, Region

from .models import Bedarf, Taetigkeitsfeld, Unterkunft


def gefiltert(filterset):
    """The filtered rows; nothing while a filter value is invalid (its form shows why)."""
    if filterset.is_bound and not filterset.is_valid():
        return filterset.queryset.none()
    return filterset.qs


class BedarfFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Suche"), method="suche")
    bezirk = django_filters.ModelChoiceFilter(
        label=_("Bezirk"),
        field_name="bezirk",
        queryset=Bezirk.objects.all(),
        empty_label=_("alle"),
    )
    taetigkeitsfeld = django_filters.ModelChoiceFilter(
        label=_("Tätigkeitsfeld"), queryset=Taetigkeitsfeld.objects.all(), empty_label=_("alle")
    )
    sprache = django_filters.ModelChoiceFilter(
        label=_("Sprache"),
        field_name="sprachen",
        queryset=Sprache.objects.all(),
        to_field_name="code",
        empty_label=_("alle"),
    )
    wochentag = django_filters.TypedChoiceFilter(
        label=_("Wochentag"),
        choices=[("", _("alle")), *Wochentag.choices],
        coerce=int,
        method="an_wochentag",
    )

    class Meta:
        model = Bedarf
        fields = ["q", "bezirk", "taetigkeitsfeld", "sprache", "wochentag"]

    @extend_schema_field(OpenApiTypes.STR)
    def suche(self, queryset, name, value):
        # Title, description, field and the poster's name; never the street address.
        return queryset.filter(
            Q(titel__icontains=value)
            | Q(beschreibung__icontains=value)
            | Q(taetigkeitsfeld__name__icontains=value)
            | Q(unterkunft__name__icontains=value)
            | Q(organisation__name__icontains=value)
        )

    @extend_schema_field(OpenApiTypes.INT)
    def an_wochentag(self, queryset, name, value):
        return queryset.filter(zeitfenster__wochentag=value).distinct()


class UnterkunftFilter(django_filters.FilterSet):
    SORTIERUNG = [
        ("name", _("Name")),
        ("-offene_bedarfe", _("meiste offene Bedarfe")),
        ("fuellgrad_prozent", _("geringster Füllgrad")),
        ("-letzte_anmeldung", _("zuletzt aktive Koordination")),
    ]

    q = django_filters.CharFilter(label=_("Name"), field_name="name", lookup_expr="icontains")
    region = django_filters.ModelChoiceFilter(
        label=_("Region"), queryset=Region.objects.none(), empty_label=_("alle")
    )
    bezirk = django_filters.ModelChoiceFilter(
        label=_("Bezirk"), queryset=Bezirk.objects.all(), empty_label=_("alle")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Unterkunft.Status.choices, empty_label=_("alle")
    )
    nur_offene = django_filters.BooleanFilter(
        label=_("nur mit offenen Bedarfen"), method="mit_offenen", widget=forms.CheckboxInput
    )
    sortierung = django_filters.ChoiceFilter(
        label=_("Sortierung"), choices=SORTIERUNG, method="sortieren", empty_label=None
    )

    class Meta:
        model = Unterkunft
        fields = ["q", "region", "bezirk", "status", "nur_offene", "sortierung"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:
            # Only regions the user may see are choices; another id is refused like a missing one.
            self.filters["region"].queryset = Region.objects.for_user(user)

    @extend_schema_field(OpenApiTypes.BOOL)
    def mit_offenen(self, queryset, name, value):
        return queryset.filter(offene_bedarfe__gt=0) if value else queryset

    @extend_schema_field(OpenApiTypes.STR)
    def sortieren(self, queryset, name, value):
        feld = F(value.lstrip("-"))
        richtung = (
            feld.desc(nulls_last=True) if value.startswith("-") else feld.asc(nulls_last=True)
        )
        return queryset.order_by(richtung, "name")
