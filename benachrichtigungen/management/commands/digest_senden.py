"""Sends the digests of one day by hand; without --ausfuehren it only reports (dry run)."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from benachrichtigungen import digest
from benachrichtigungen.models import Einstellung
from benachrichtigungen.tasks import CHUNK, digest_beat
from konten.models import User


class Command(BaseCommand):
    help = (
        "Sends the daily and weekly digests due on a day (default: today). Without "
        "--ausfuehren it lists how many people are due and how many have something new."
    )

    def add_arguments(self, parser):
        parser.add_argument("--tag", help="day in ISO form, e.g. 2026-11-23")
        parser.add_argument("--ausfuehren", action="store_true", help="really send")

    def handle(self, *args, tag=None, ausfuehren=False, **options):
        try:
            heute = date.fromisoformat(tag) if tag else timezone.localdate()
        except ValueError:
            raise CommandError(f"Not a day: {tag!r} (expected e.g. 2026-11-23)") from None
        if ausfuehren:
            gezaehlt = digest_beat(heute.isoformat())
            for rhythmus, anzahl in gezaehlt.items():
                self.stdout.write(f"{rhythmus}: {anzahl} recipients queued")
            return
        for rhythmus in (Einstellung.Digest.TAEGLICH, Einstellung.Digest.WOECHENTLICH):
            zr = digest.zeitraum(rhythmus, heute)
            ids = list(digest.empfaenger(rhythmus, heute, zr))
            mit_inhalt = 0
            for start in range(0, len(ids), CHUNK):
                personen = list(User.objects.filter(pk__in=ids[start : start + CHUNK]))
                mit_inhalt += len(digest.abschnitte(personen, zr))
            self.stdout.write(
                f"{rhythmus} {zr.schluessel}: {len(ids)} due, {mit_inhalt} with something "
                "new (dry run, nothing sent; add --ausfuehren to send)"
            )
