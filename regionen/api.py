from rest_framework import mixins

from common.api import ScopedViewSet

from .models import Bezirk, Region
from .serializers import BezirkSerializer, RegionSerializer


class RegionViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.UpdateModelMixin, ScopedViewSet
):
    """Regions the caller coordinates (admins: all). Changing a region is admin work (403)."""

    model = Region
    serializer_class = RegionSerializer
    filterset_fields = ["art", "oberregion"]

    def narrow_queryset(self, queryset):
        return queryset.prefetch_related("bezirke")


class BezirkViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Districts are public information."""

    model = Bezirk
    serializer_class = BezirkSerializer
    filterset_fields = ["region"]
