"""Needs carry the region and district of their poster; they follow it when it moves."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from netzwerk.models import Organisation

from .models import Bedarf, Unterkunft, ort_von


def _ort_nachziehen(anbieter, feld: str) -> None:
    region_id, bezirk_id = ort_von(anbieter)
    if region_id is None:
        # an organisation that no longer names a place keeps its calls where they were
        return
    Bedarf.objects.filter(**{feld: anbieter}).exclude(
        region_id=region_id, bezirk_id=bezirk_id
    ).update(region_id=region_id, bezirk_id=bezirk_id)


@receiver(post_save, sender=Unterkunft, dispatch_uid="bedarf_ort_unterkunft")
def unterkunft_gespeichert(sender, instance, raw=False, **kwargs):
    if not raw:
        _ort_nachziehen(instance, "unterkunft")


@receiver(post_save, sender=Organisation, dispatch_uid="bedarf_ort_organisation")
def organisation_gespeichert(sender, instance, raw=False, **kwargs):
    if not raw:
        _ort_nachziehen(instance, "organisation")
