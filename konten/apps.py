from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KontenConfig(AppConfig):
    name = "konten"
    verbose_name = _("Konten")

    def ready(self):
        from . import roles

        roles.register_base_roles()
