"""The table of the database cache (settings.CACHES without CACHE_URL): throttle counters
shared by every process. Created here, not by a separate ``createcachetable`` run, so every
``migrate`` leaves a working site; it is created whatever CACHES says today, so switching
from Redis to the database later needs no extra step."""

from django.core.management.commands.createcachetable import Command
from django.db import migrations

TABELLE = "plattform_cache"


def anlegen(apps, schema_editor):
    befehl = Command()
    befehl.verbosity = 0
    befehl.create_table(schema_editor.connection.alias, TABELLE, dry_run=False)


def entfernen(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(TABELLE)}")


class Migration(migrations.Migration):

    dependencies = [
        ('common', '0005_importauftrag'),
    ]

    operations = [
        migrations.RunPython(anlegen, entfernen),
    ]
