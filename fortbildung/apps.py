from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FortbildungConfig(AppConfig):
    name = "fortbildung"
    verbose_name = _("Fortbildung")
