"""Serializer machinery shared by the apps."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.fields import empty
from rest_framework.settings import api_settings

from .texte import uebersetzungen_pruefen
from .zeichen import einzeilig, mehrzeilig


class Zeilenfeld(serializers.CharField):
    """A single-line text (title, name): see common/zeichen.py."""

    def run_validation(self, data=empty):
        # cleaned before DRF's blank check, so a title of only control characters is blank
        return super().run_validation(einzeilig(data) if isinstance(data, str) else data)


class Freitextfeld(serializers.CharField):
    """A multi-line text (description, message): line breaks stay."""

    def run_validation(self, data=empty):
        return super().run_validation(mehrzeilig(data) if isinstance(data, str) else data)


class Zeitpunktfeld(serializers.DateTimeField):
    """A moment from 1900 on. Before that, Berlin's clock was local mean time: the offset
    (+00:53:28) cannot be written in RFC 3339, so such a moment could not be read back."""

    default_error_messages = {"zu_frueh": _("Bitte geben Sie einen Zeitpunkt ab dem Jahr 1900 an.")}

    def to_internal_value(self, value):
        zeitpunkt = super().to_internal_value(value)
        if zeitpunkt.year < 1900:
            self.fail("zu_frueh")
        return zeitpunkt


class ModelSerializer(serializers.ModelSerializer):
    """The apps' ModelSerializer: text columns are cleaned like any other typed text.

    DRF looks a model field up along its class hierarchy, so e-mail, URL and slug columns
    keep their own fields and only plain text columns land here.
    """

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.CharField: Zeilenfeld,
        models.TextField: Freitextfeld,
        models.DateTimeField: Zeitpunktfeld,
    }

    def include_extra_kwargs(self, kwargs, extra_kwargs):
        # DRF drops ``allow_blank`` from the fields it makes read-only; a blank column still
        # reads as "", and the schema must allow it (a link or an address promises a format).
        leer = kwargs.get("allow_blank", False)
        kwargs = super().include_extra_kwargs(kwargs, extra_kwargs)
        if leer and kwargs.get("read_only"):
            kwargs["allow_blank"] = True
        return kwargs


class ModelCleanMixin:
    """Runs the model's own ``clean()`` on the values a request would write.

    DRF checks fields one by one; the rules that tie fields together (end after start,
    occupancy within capacity) live in the model and must hold for the API too.
    """

    def validate(self, attrs):
        attrs = super().validate(attrs)
        model = self.Meta.model
        probe = (
            model(
                **{
                    f.attname: getattr(self.instance, f.attname)
                    for f in model._meta.concrete_fields
                }
            )
            if self.instance
            else model()
        )
        for name, value in attrs.items():
            field = model._meta.get_field(name)
            if not field.many_to_many:
                setattr(probe, name, value)
        try:
            probe.clean()
        except DjangoValidationError as error:
            raise serializers.ValidationError(als_fehler(error)) from error
        return attrs


def als_fehler(error: DjangoValidationError):
    """Django's validation error in DRF's shape: per field, or unbound rules under
    ``non_field_errors`` (a plain ``ValidationError`` has no field mapping)."""
    if hasattr(error, "error_dict"):
        return error.message_dict
    return {api_settings.NON_FIELD_ERRORS_KEY: error.messages}


@extend_schema_field(
    {
        "type": "object",
        "additionalProperties": {"type": "object", "additionalProperties": {"type": "string"}},
        "example": {"ar": {"beschreibung": "…"}},
    }
)
class UebersetzungenField(serializers.JSONField):
    """Translations ``{language: {field: text}}``: only supported languages and the model's
    translatable fields; empty texts are dropped."""

    def __init__(self, felder, **kwargs):
        self.felder = felder
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "help_text",
            format_lazy(
                "{} {}",
                _("Übersetzungen als Zuordnung Sprache → Feld → Text. Übersetzbare Felder:"),
                ", ".join(felder),
            ),
        )
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        data = super().to_internal_value(data)
        try:
            return uebersetzungen_pruefen(data, self.felder)
        except DjangoValidationError as fehler:
            raise serializers.ValidationError(fehler.messages) from None


class KuerzelFeld(serializers.SlugRelatedField):
    """A related row by its code (a language as ``"ar"``). A code with a NUL character
    names none: PostgreSQL cannot even compare a text column with it (a 500 otherwise)."""

    def to_internal_value(self, data):
        if isinstance(data, str) and "\x00" in data:
            self.fail("does_not_exist", slug_name=self.slug_field, value=data)
        return super().to_internal_value(data)
