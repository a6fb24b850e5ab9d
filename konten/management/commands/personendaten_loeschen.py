"""Erases one person by the registry of personal data (common/loeschung.py).

Without ``--ausfuehren`` it only prints what would happen, per model; with it the erasure is
done at once (no grace period: the admin running it has the person's request), recorded as
an executed erasure request and mailed to the person's address before it is anonymised.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from common import loeschung
from konten.loeschantraege import loeschantrag_ausfuehren
from konten.models import Loeschantrag


class Command(BaseCommand):
    help = "Shows (dry run) or, with --ausfuehren, does the erasure of one person's data."

    def add_arguments(self, parser):
        parser.add_argument("email", help="the account's e-mail address")
        parser.add_argument(
            "--ausfuehren", action="store_true", help="erase now (default: dry run only)"
        )

    def handle(self, *args, email, ausfuehren=False, **options):
        person = get_user_model().objects.filter(email__iexact=email.strip()).first()
        if person is None:
            raise CommandError(f"no account with the address {email!r}")
        if not ausfuehren:
            self._ausgeben(loeschung.plan(person))
            self.stdout.write("\nDry run: nothing was changed. Erase with --ausfuehren.")
            return
        Loeschantrag.objects.filter(
            person=person, widerrufen_am__isnull=True, ausgefuehrt_am__isnull=True
        ).update(faellig_am=timezone.now())
        antrag = Loeschantrag.objects.filter(
            person=person, widerrufen_am__isnull=True, ausgefuehrt_am__isnull=True
        ).first() or Loeschantrag.objects.create(person=person, faellig_am=timezone.now())
        loeschantrag_ausfuehren(antrag)
        antrag.refresh_from_db()
        for zeile in antrag.ergebnis:
            self.stdout.write(self._zeile(zeile))
        self.stdout.write(self.style.SUCCESS(f"\nErased: account {person.pk} is anonymised."))

    def _ausgeben(self, schritte):
        for schritt in schritte:
            self.stdout.write(self._zeile(schritt.als_dict()))

    @staticmethod
    def _zeile(werte: dict) -> str:
        teile = [
            f"{name}={werte[name]}"
            for name in ("geloescht", "anonymisiert", "aufbewahrt", "akteur_geleert")
            if werte[name]
        ]
        return f"{werte['model']:<45} {' '.join(teile)}"
