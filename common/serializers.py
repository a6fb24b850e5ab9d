"""Serializer machinery shared by the apps."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers


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
            raise serializers.ValidationError(error.message_dict) from error
        return attrs
