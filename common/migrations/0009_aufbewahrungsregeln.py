"""The retention schedule's first rules (common/aufbewahrung.py). They stay unconfirmed: the
daily run only counts until a platform admin has confirmed the schedule."""

from django.db import migrations

#: key, name, months (None: the registry's period), description
REGELN = [
    (
        "bewerbungen-abgelehnt",
        "Abgelehnte Bewerbungen",
        6,
        "Abgelehnte Bewerbungen werden mit ihrem Verlauf gelöscht, wenn sie so lange "
        "unverändert sind (Frist für Ansprüche abgelehnter Bewerbender, § 15 Abs. 4 AGG).",
    ),
    (
        "nachweise",
        "Nachweise nach dem letzten Einsatz",
        3,
        "Nachweise (Führungszeugnis, Masernschutz, Belehrungen) einer Person werden gelöscht, "
        "wenn alle ihre Einsätze so lange beendet sind (§ 72a Abs. 5 SGB VIII).",
    ),
    (
        "konten-inaktiv",
        "Unbenutzte Konten",
        24,
        "Konten ohne Anmeldung (oder seit der Registrierung) in dieser Zeit werden per E-Mail "
        "gewarnt und nach weiteren 30 Tagen ohne Anmeldung gelöscht (anonymisiert). "
        "Plattform-Admins sind ausgenommen.",
    ),
    (
        "verteiler-nachrichten",
        "Nachrichten an Verteiler",
        12,
        "Nachrichten an Verteiler und ihre Zustellnachweise werden nach dieser Zeit gelöscht.",
    ),
    (
        "anmeldeversuche",
        "Protokolle der Anmeldeversuche",
        None,
        "Anmeldeversuche und die Protokolle der Anmeldungen und Fehlversuche werden nach "
        "dieser Zeit gelöscht.",
    ),
    (
        "zugriffsprotokoll",
        "Zugriffsprotokoll",
        None,
        "Die Einträge, wer Nachweise, Hausverbote und Profilangaben eingesehen hat, werden "
        "nach dieser Zeit gelöscht.",
    ),
    (
        "aufbewahrte-zeilen",
        "Aufbewahrtes gelöschter Personen",
        None,
        "Was beim Löschen einer Person zum Nachweis aufbewahrt blieb, wird nach Ablauf der "
        "Frist aus dem Verzeichnis anonymisiert.",
    ),
]


def anlegen(apps, schema_editor):
    Aufbewahrungsregel = apps.get_model("common", "Aufbewahrungsregel")
    for schluessel, name, monate, beschreibung in REGELN:
        Aufbewahrungsregel.objects.get_or_create(
            schluessel=schluessel,
            defaults={"name": name, "monate": monate, "beschreibung": beschreibung},
        )


def entfernen(apps, schema_editor):
    apps.get_model("common", "Aufbewahrungsregel").objects.filter(
        schluessel__in=[regel[0] for regel in REGELN]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("common", "0008_aufbewahrungsplan")]

    operations = [migrations.RunPython(anlegen, entfernen)]
