import django_filters
from rest_framework import mixins

from common.api import ScopedViewSet

from .models import Bezirk, Region
from .serializers import BezirkSerializer, RegionSerializer


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
    filterset_class = RegionFilter

    def narrow_queryset(self, queryset):
        return queryset.prefetch_related("bezirke").mit_sichtbarer_oberregion(self.request.user)


class BezirkViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Districts are public information."""

    model = Bezirk
    serializer_class = BezirkSerializer
    filterset_class = BezirkFilter
