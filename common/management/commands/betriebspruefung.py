"""Lists what an operator must still set before the platform goes live (README, "Operation").

The start-up checks (common/checks.py) stop what cannot work at all; this lists what works
but is still the example or the demo. Exits with 1 while anything is open, so a deployment
script can wait for an empty list.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from common.checks import SICHERUNG, offene_punkte


class Command(BaseCommand):
    help = "Nennt, was im Betrieb noch einzustellen ist (Absender, Adresse, Proxy, Mail, …)."

    def handle(self, *args, **options):
        punkte = offene_punkte()
        for punkt in punkte:
            self.stdout.write(f"- {punkt}")
        if not punkte:
            self.stdout.write(self.style.SUCCESS("Nothing left to set."))
        self.stdout.write(SICHERUNG.format(data_dir=settings.DATA_DIR))
        if punkte:
            raise CommandError(f"{len(punkte)} setting(s) still to choose.")
