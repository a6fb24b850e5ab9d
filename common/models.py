from django.db import models
from django.utils.translation import gettext_lazy as _

from .scoping import ScopedQuerySet


class Zeitstempel(models.Model):
    """Creation and change times for every domain row."""

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class SprachQuerySet(ScopedQuerySet):
    policy = "common.scoping.OeffentlichPolicy"


class Sprache(models.Model):
    """A language by its ISO 639 code: spoken by residents, needed for a task, known by people."""

    code = models.CharField(_("Sprachcode"), max_length=8, unique=True)
    name = models.CharField(_("Name"), max_length=80)

    objects = SprachQuerySet.as_manager()

    class Meta:
        verbose_name = _("Sprache")
        verbose_name_plural = _("Sprachen")
        ordering = ["name"]

    def __str__(self):
        return self.name
