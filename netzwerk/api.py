from rest_framework import mixins

from common.api import ScopedViewSet

from .models import Organisation
from .serializers import OrganisationSerializer


class OrganisationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.UpdateModelMixin, ScopedViewSet
):
    """Organisations the caller represents (admins: all)."""

    model = Organisation
    serializer_class = OrganisationSerializer
