"""Loads demo data: every installed app with a ``demo.py`` adds its part, lower floors first.

Running it again leaves the same state (rows are looked up by natural keys, the demo
password is set anew).

Outside the embedded mode it refuses: demo personas with a known password do not belong on
a live site. ``--auch-im-betrieb`` loads them anyway (a staging server), but without a
single notice, so a worker with a real SMTP server mails nothing to the demo addresses.
"""

from contextlib import nullcontext
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from common.demo_kontext import DemoKontext, demo_passwort
from common.notices import ohne_notices


class Command(BaseCommand):
    help = "Legt Demodaten an (Berlin mit Regionen, Bezirken und einer Persona je Rolle)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--auch-im-betrieb",
            action="store_true",
            help="Auch mit DATABASE_URL oder CELERY_BROKER_URL anlegen, ohne Benachrichtigungen.",
        )

    def handle(self, *args, **options):
        im_betrieb = not settings.EINGEBETTET
        if im_betrieb and not options["auch_im_betrieb"]:
            raise CommandError(
                "Demo data belongs to the embedded mode (make run): this is a production "
                "database. Add --auch-im-betrieb to load it anyway, without notices or mail."
            )
        kontext = DemoKontext(passwort=demo_passwort())
        with transaction.atomic(), ohne_notices() if im_betrieb else nullcontext():
            for config in apps.get_app_configs():
                module_name = f"{config.name}.demo"
                if find_spec(module_name) is not None:
                    import_module(module_name).anlegen(kontext)
        self.stdout.write(self.style.SUCCESS("Demodaten sind angelegt."))
        self.stdout.write(f"Gemeinsames Demo-Passwort: {kontext.passwort}")
        for rolle, email in kontext.personas:
            self.stdout.write(f"  {rolle:<34} {email}")
