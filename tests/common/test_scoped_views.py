"""The scoped bases make the safe path the only path."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from common.api import ScopedViewSet
from common.views import ScopedDetailView, ScopedListView
from regionen.models import Region


def test_a_list_view_that_overrides_get_queryset_is_refused_at_class_creation():
    with pytest.raises(ImproperlyConfigured, match="overrides get_queryset"):

        class Unsicher(ScopedListView):
            model = Region

            def get_queryset(self):
                return Region.objects.all()


def test_an_api_viewset_that_overrides_get_queryset_is_refused_at_class_creation():
    with pytest.raises(ImproperlyConfigured, match="overrides get_queryset"):

        class Unsicher(ScopedViewSet):
            model = Region

            def get_queryset(self):
                return Region.objects.all()


def test_a_subclass_of_a_subclass_is_checked_too():
    class Sicher(ScopedDetailView):
        model = Region

    with pytest.raises(ImproperlyConfigured):

        class Unsicher(Sicher):
            def get_queryset(self):
                return Region.objects.all()


def test_an_unknown_action_is_an_error_not_an_empty_list(welt):
    with pytest.raises(ValueError, match="knows no action"):
        Region.objects.for_user(welt.rk_nord, "loeschen")


def test_a_custom_api_action_that_writes_needs_the_change_right(welt):
    from django.db import transaction
    from rest_framework.decorators import action
    from rest_framework.response import Response
    from rest_framework.test import APIRequestFactory, force_authenticate

    class Umbenennen(ScopedViewSet):
        model = Region

        @action(detail=True, methods=["post"])
        def umbenennen(self, request, pk=None):
            region = self.get_object()
            region.name = "geändert"
            region.save()
            return Response({})

    view = Umbenennen.as_view({"post": "umbenennen"})
    request = APIRequestFactory().post("/", {})
    force_authenticate(request, welt.rk_nord)
    with transaction.atomic():  # as ATOMIC_REQUESTS wraps a real request
        assert view(request, pk=welt.nord.pk).status_code == 403
    welt.nord.refresh_from_db()
    assert welt.nord.name == "Berlin-Nord"
