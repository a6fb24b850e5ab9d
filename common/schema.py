"""The API's OpenAPI schema says what the answers contain, errors included.

drf-spectacular documents the successful answer of an operation; the refusals DRF gives
on its own (no or a bad token, a refused permission, a hidden object, an invalid request,
too many requests) are added here, each with its body, for every operation that can
give them. The rules follow DRF's order of checks: authentication, permissions, throttles,
then the view's own work.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import ResolvedComponent
from rest_framework import permissions, serializers

#: every refusal but an invalid request: ``{"detail": "…"}`` (common.api.fehler_als_json)
FEHLER = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
#: an invalid request: the messages per field (a nested field nests them), the rules that
#: tie fields together under ``non_field_errors``, a malformed request under ``detail``
VALIDIERUNGSFEHLER = {
    "type": "object",
    "properties": {
        "detail": {"type": "string"},
        "non_field_errors": {"type": "array", "items": {"type": "string"}},
    },
    "additionalProperties": {"anyOf": [{"type": "array"}, {"type": "object"}]},
}

#: a local time of day ("10:00", "10:00:00"): no offset, since the platform's times are
#: Berlin wall-clock times whose offset changes with daylight saving. OpenAPI's
#: ``format: time`` would promise RFC 3339's full-time, which requires one.
UHRZEIT = {
    "type": "string",
    "format": "partial-time",
    "pattern": r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?$",
    "example": "10:00:00",
}


class Schema(AutoSchema):
    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        if isinstance(field, serializers.TimeField) and schema.get("format") == "time":
            schema.update(UHRZEIT)
        return schema

    def _map_basic_serializer(self, serializer, direction):
        schema = super()._map_basic_serializer(serializer, direction)
        # fields some readers do not get (``auslassbare_felder`` of the serializer)
        auslassbar = set(getattr(serializer, "auslassbare_felder", ()))
        if auslassbar and "required" in schema:
            schema["required"] = [f for f in schema["required"] if f not in auslassbar]
        return schema

    def _get_response_bodies(self, direction="response"):
        antworten = super()._get_response_bodies(direction)
        for code, beschreibung, koerper in self._moegliche_fehler():
            antwort = antworten.setdefault(code, {"description": beschreibung})
            antwort.setdefault("content", {"application/json": {"schema": koerper}})
        return dict(sorted(antworten.items()))

    def _moegliche_fehler(self):
        fehler = self._komponente("Fehler", FEHLER)
        if self.view.get_authenticators():
            # a token sent along is checked on every endpoint, public ones too
            yield "401", _("Anmeldedaten fehlen, sind ungültig oder abgelaufen."), fehler
            # an API token issued without the second factor a role now needs; permissions
            yield "403", _("Keine Berechtigung für diese Aktion."), fehler
        elif not self._nur_oeffentlich():
            yield "403", _("Keine Berechtigung für diese Aktion."), fehler
        if self._hat_pfadparameter() or self._blaettert():
            yield "404", _("Nicht gefunden (oder für die anfragende Person verborgen)."), fehler
        if self.method not in permissions.SAFE_METHODS or self._hat_abfrageparameter():
            yield (
                "400",
                _("Die Anfrage ist ungültig: die Meldungen je Feld."),
                self._komponente("Validierungsfehler", VALIDIERUNGSFEHLER),
            )
        if self.view.get_throttles():
            yield "429", _("Zu viele Anfragen: später erneut versuchen."), fehler

    def _komponente(self, name, schema):
        komponente = ResolvedComponent(
            name=name, type=ResolvedComponent.SCHEMA, object=name, schema=schema
        )
        self.registry.register_on_missing(komponente)
        return komponente.ref

    def _nur_oeffentlich(self):
        return all(isinstance(p, permissions.AllowAny) for p in self.view.get_permissions())

    def _hat_pfadparameter(self):
        return "{" in self.path

    def _blaettert(self):
        # a page past the last one answers 404 (DRF's pagination)
        return self._is_list_view() and self._get_paginator() is not None

    def _hat_abfrageparameter(self):
        return any(p.get("in") == "query" for p in self._get_parameters())
