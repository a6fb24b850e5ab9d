"""Prints the role registry: what each role sees in the menu and on the start page, and
what a closed role reaches. The one place to read "what does the regional coordination see"."""

from django.core.management.base import BaseCommand

from konten import roles


class Command(BaseCommand):
    help = "Lists every role with its menu, start-page sections and reachable routes."

    def handle(self, *args, **options):
        gruppen = dict(roles.MENUEGRUPPEN)
        platz = {key: i for i, key in enumerate(gruppen)}
        for rolle in roles.alle_rollen():
            bereich = f" (granted on {rolle.scope_model})" if rolle.scope_model else ""
            self.stdout.write(self.style.MIGRATE_HEADING(f"{rolle.label} [{rolle.key}]{bereich}"))
            self.stdout.write(f"  {rolle.beschreibung}")
            if rolle.zwei_faktoren:
                self.stdout.write("  signs in with two factors (ZWEI_FAKTOREN_PFLICHT)")
            for punkt in sorted(rolle.menue, key=lambda p: (platz[p.gruppe], p.reihenfolge)):
                bedingt = " (if …)" if punkt.bedingung else ""
                self.stdout.write(
                    f"  menu  {gruppen[punkt.gruppe]} › {punkt.label}: {punkt.url_name}{bedingt}"
                )
            for abschnitt in sorted(rolle.abschnitte, key=lambda a: a.reihenfolge):
                self.stdout.write(f"  start {abschnitt.template}")
            if rolle.geschlossen:
                erreicht = ", ".join(sorted(rolle.routen))
                self.stdout.write(f"  reaches only {erreicht} and public pages")
        self.stdout.write(self.style.MIGRATE_HEADING("Everyone signed in"))
        for punkt in roles.konto_menuepunkte():
            self.stdout.write(f"  account {punkt.label}: {punkt.url_name}")
        for punkt in roles.oeffentliche_menuepunkte():
            self.stdout.write(f"  public  {punkt.label}: {punkt.url_name}")
