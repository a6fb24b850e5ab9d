from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class KontenConfig(AppConfig):
    name = "konten"
    verbose_name = _("Konten")

    def ready(self):
        from . import aufbewahrung, personendaten, roles

        roles.register_base_roles()
        personendaten.beitragen()
        aufbewahrung.beitragen()


class PlattformAdminConfig(admin_apps.AdminConfig):
    """Django's admin behind the second factor, like every page (konten/zwei_faktoren.py).
    Named in INSTALLED_APPS in place of django.contrib.admin."""

    # not the configuration of the konten app itself
    default = False
    default_site = "konten.zwei_faktoren.PlattformAdminSite"
