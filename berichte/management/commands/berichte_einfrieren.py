"""Freezes report figures by hand: a given period, or the last closed month, quarter and
year (what the monthly job does). Frozen figures are never overwritten."""

from django.core.management.base import BaseCommand, CommandError

from berichte.tasks import berichte_einfrieren, einfrieren
from berichte.zeitraum import Periode


class Command(BaseCommand):
    help = "Freezes the report figures of a period (default: the last closed ones)."

    def add_arguments(self, parser):
        parser.add_argument("--zeitraum", help="2026-10, 2026-Q3 or 2025")

    def handle(self, *args, zeitraum=None, **options):
        if zeitraum is None:
            for schluessel, anzahl in berichte_einfrieren().items():
                self.stdout.write(f"{schluessel}: {anzahl} frozen")
            return
        try:
            periode = Periode.aus_schluessel(zeitraum)
        except ValueError as fehler:
            raise CommandError(str(fehler)) from None
        if not periode.abgeschlossen():
            raise CommandError(f"{periode.schluessel} has not ended yet.")
        self.stdout.write(f"{periode.schluessel}: {einfrieren(periode)} frozen")
