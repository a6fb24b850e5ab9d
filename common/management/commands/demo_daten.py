"""Loads demo data: every installed app with a ``demo.py`` adds its part, lower floors first.

Running it again leaves the same state (rows are looked up by natural keys, the demo
password is set anew).
"""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from common.demo_kontext import DemoKontext, demo_passwort


class Command(BaseCommand):
    help = "Legt Demodaten an (Berlin mit Regionen, Bezirken und einer Persona je Rolle)."

    def handle(self, *args, **options):
        kontext = DemoKontext(passwort=demo_passwort())
        with transaction.atomic():
            for config in apps.get_app_configs():
                module_name = f"{config.name}.demo"
                if find_spec(module_name) is not None:
                    import_module(module_name).anlegen(kontext)
        self.stdout.write(self.style.SUCCESS("Demodaten sind angelegt."))
        self.stdout.write(f"Gemeinsames Demo-Passwort: {kontext.passwort}")
        for rolle, email in kontext.personas:
            self.stdout.write(f"  {rolle:<34} {email}")
