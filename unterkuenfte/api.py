import django_filters
from rest_framework import mixins, permissions

from common.api import ScopedViewSet
from common.models import Sprache
from regionen.models import Region

from .filters import BedarfFilter
from .models import Anforderungsart, Bedarf, Taetigkeitsfeld, Unterkunft, Unterkunftsart
from .serializers import (
    AnforderungsartSerializer,
    BedarfSerializer,
    SpracheSerializer,
    TaetigkeitsfeldSerializer,
    UnterkunftsartSerializer,
    UnterkunftSerializer,
)


def _sichtbare_regionen(request):
    return Region.objects.for_user(request.user) if request else Region.objects.none()


class UnterkunftApiFilter(django_filters.FilterSet):
    region = django_filters.ModelChoiceFilter(queryset=_sichtbare_regionen)

    class Meta:
        model = Unterkunft
        fields = ["region", "bezirk", "status", "art"]


class UnterkunftViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.UpdateModelMixin, ScopedViewSet
):
    """Shelters of the caller's workspace; the address only where it may be read."""

    model = Unterkunft
    serializer_class = UnterkunftSerializer
    filterset_class = UnterkunftApiFilter

    def narrow_queryset(self, queryset):
        return queryset.prefetch_related("sprachen", "anforderungen").mit_sichtbarer_adresse(
            self.request.user
        )


class BedarfViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.UpdateModelMixin, ScopedViewSet
):
    """Open needs for everyone (the board) plus every need of the caller's shelters and
    organisations."""

    model = Bedarf
    serializer_class = BedarfSerializer
    # The board is public: reading needs no account, changing does.
    permission_classes = [permissions.IsAuthenticatedOrReadOnly]
    filterset_class = BedarfFilter

    def narrow_queryset(self, queryset):
        return queryset.select_related("unterkunft", "organisation", "bezirk").prefetch_related(
            "sprachen", "zeitfenster", "zusaetzliche_anforderungen"
        )


class _Katalog(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Catalogues are public reference data, short enough for one page."""

    abstract = True
    pagination_class = None
    permission_classes = [permissions.AllowAny]


class SpracheViewSet(_Katalog):
    model = Sprache
    serializer_class = SpracheSerializer
    lookup_field = "code"


class UnterkunftsartViewSet(_Katalog):
    model = Unterkunftsart
    serializer_class = UnterkunftsartSerializer


class AnforderungsartViewSet(_Katalog):
    model = Anforderungsart
    serializer_class = AnforderungsartSerializer


class TaetigkeitsfeldViewSet(_Katalog):
    model = Taetigkeitsfeld
    serializer_class = TaetigkeitsfeldSerializer

    def narrow_queryset(self, queryset):
        return queryset.prefetch_related("anforderungen")
