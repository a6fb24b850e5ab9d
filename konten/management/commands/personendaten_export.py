"""Writes everything the platform holds about one person as JSON, for a request for access
made on paper or by mail: the same file the person downloads from "Mein Konto"
(konten/auskunft.py)."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from konten.auskunft import auskunft_daten, auskunft_json


class Command(BaseCommand):
    help = "Writes a person's data (Art. 15/20 GDPR) as JSON to stdout or --datei."

    def add_arguments(self, parser):
        parser.add_argument("email", help="the person's e-mail address")
        parser.add_argument("--datei", help="write to this file instead of stdout")

    def handle(self, *args, email, datei=None, **options):
        person = get_user_model().objects.filter(email__iexact=email).first()
        if person is None:
            raise CommandError(f"No account with the address {email}.")
        with translation.override(person.sprache or "de"):
            text = auskunft_json(auskunft_daten(person))
        if datei:
            Path(datei).write_text(text + "\n", encoding="utf-8")
            self.stderr.write(f"Written to {datei}.")
        else:
            self.stdout.write(text)
