"""Serves the platform in the embedded mode: the development server plus periodic jobs."""

from django.conf import settings
from django.core.management.commands.runserver import Command as RunserverCommand

from common.embedded import EmbeddedBeat


class Command(RunserverCommand):
    help = "Startet die Plattform im eingebetteten Modus (Webserver und regelmäßige Aufgaben)."
    default_addr = "127.0.0.1"

    def inner_run(self, *args, **options):
        # inner_run executes in the serving process only (not in the autoreloader's parent).
        if settings.CELERY_TASK_ALWAYS_EAGER:
            beat = EmbeddedBeat()
            beat.start()
            self.stdout.write(f"Regelmäßige Aufgaben: {len(beat.entries)} im eingebetteten Takt.")
        super().inner_run(*args, **options)
