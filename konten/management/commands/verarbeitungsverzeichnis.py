"""Prints the records of processing from the registry of personal data (konten/verzeichnis.py)."""

import json

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from konten.verzeichnis import verzeichnis, verzeichnis_daten


class Command(BaseCommand):
    help = "Prints the records of processing: personal data per category and purpose."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=("text", "json"), default="text")

    def handle(self, *args, format="text", **options):
        if format == "json":
            self.stdout.write(json.dumps(verzeichnis_daten(), ensure_ascii=False, indent=2))
            return
        for gruppe in verzeichnis():
            self.stdout.write(f"\n== {gruppe.kategorie}")
            for v in gruppe.verarbeitungen:
                self.stdout.write(f"\n{v.titel} ({v.model})")
                for titel, wert in (
                    (_("Daten"), ", ".join(v.felder)),
                    (_("Zweck"), v.zweck),
                    (_("Rechtsgrundlage"), v.rechtsgrundlage),
                    (_("Empfänger"), ", ".join(v.empfaenger) or "—"),
                    (_("Speicherdauer"), v.speicherdauer),
                    (_("Löschung"), f"{v.loeschung}: {v.begruendung}"),
                ):
                    self.stdout.write(f"  {titel}: {wert}")
