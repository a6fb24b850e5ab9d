from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FreiwilligeConfig(AppConfig):
    name = "freiwillige"
    verbose_name = _("Freiwillige")
