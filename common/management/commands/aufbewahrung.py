"""The retention schedule (common/aufbewahrung.py) for operators.

Without ``--ausfuehren`` it prints what a run would do now, per rule and step, and changes
nothing. With it, it runs the schedule as the daily job does, recording the run: rules not
yet confirmed by a platform admin are only counted there too.
"""

from django.core.management.base import BaseCommand

from common import aufbewahrung


class Command(BaseCommand):
    help = "Shows (dry run) or, with --ausfuehren, applies the retention schedule."

    def add_arguments(self, parser):
        parser.add_argument(
            "--ausfuehren", action="store_true", help="apply the schedule (default: dry run)"
        )

    def handle(self, *args, ausfuehren=False, **options):
        if ausfuehren:
            bericht = aufbewahrung.lauf()
            self._ausgeben(bericht.ergebnis)
            self.stdout.write(self.style.SUCCESS(f"\nRun {bericht.pk} recorded."))
        else:
            self._ausgeben(aufbewahrung.plan())
            self.stdout.write("\nDry run: nothing was changed. Apply with --ausfuehren.")
        if not aufbewahrung.bestaetigt():
            self.stdout.write(
                self.style.WARNING(
                    "The schedule is not confirmed: rules marked 'counted only' change nothing "
                    "until a platform admin confirms it on the Aufbewahrungsplan page."
                )
            )

    def _ausgeben(self, ergebnis):
        for eintrag in ergebnis:
            monate = "registry" if eintrag["monate"] is None else f"{eintrag['monate']} months"
            stand = "" if eintrag["angewendet"] else " (counted only)"
            fehler = " FAILED" if eintrag.get("fehler") else ""
            self.stdout.write(f"{eintrag['regel']} [{monate}]{stand}{fehler}")
            for schritt in eintrag["schritte"]:
                self.stdout.write(
                    f"  {schritt['model']:<40} {schritt['aktion']:<14} {schritt['anzahl']}"
                )
