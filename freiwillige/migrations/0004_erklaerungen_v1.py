"""The first versions of the two declarations every volunteer accepts before helping."""

from datetime import datetime, timezone

from django.db import migrations

#: The first versions are in force from the platform's beginning, not from the moment they
#: were seeded: a catalogue seeded again later (a restore, a flushed test database) must not
#: read as "not yet in force" to anyone whose clock shows an earlier moment.
VON_ANFANG_AN = datetime(2025, 1, 1, tzinfo=timezone.utc)

DATENSCHUTZ = """Wir verarbeiten Ihre Angaben, damit Koordinator*innen von Unterkünften Sie passenden \
Einsätzen zuordnen können (Art. 6 Abs. 1 lit. b DSGVO).

• Gespeichert werden: Name, E-Mail-Adresse, freiwillig eine Telefonnummer, Sprachen, \
Interessen, Verfügbarkeit, Wohnbezirk, Geburtsjahr sowie Vermerke über eingesehene Nachweise \
(Art, Datum, Ergebnis). Kopien von Führungszeugnissen oder anderen Dokumenten werden nie \
gespeichert.
• Bevor Sie sich bewerben, sehen Koordinator*innen nur Ihren Vornamen, Ihre Sprachen, Ihren \
Bezirk und Ihre Verfügbarkeit. Ihr Profil sehen nur die Unterkünfte, bei denen Sie sich \
beworben haben oder eingesetzt sind.
• Die Regionalkoordination und die Verwaltung sehen nur Zahlen, keine Namen.
• Sie können Ihr Engagement jederzeit pausieren oder beenden und Auskunft, Berichtigung und \
Löschung verlangen."""

VERSCHWIEGENHEIT = """Ich verpflichte mich, über alles, was ich bei meinem Einsatz über \
Bewohner*innen, ihre Herkunft, ihre Verfahren, ihre Gesundheit und ihre Familien erfahre, \
Stillschweigen zu bewahren – auch nach dem Ende meines Engagements.

• Ich gebe keine Namen, Fotos, Adressen oder Zimmernummern weiter, auch nicht in sozialen \
Netzwerken.
• Ich nenne die Adresse der Unterkunft niemandem, der dort nicht tätig ist.
• Ich achte die Hausordnung und die Privatsphäre der Bewohner*innen; Zimmer betrete ich nur \
auf Einladung.
• Beobachtungen, die Anlass zur Sorge geben, bespreche ich nur mit der \
Ehrenamtskoordination der Unterkunft."""


def anlegen(apps, schema_editor):
    Erklaerung = apps.get_model("freiwillige", "Erklaerung")
    for art, titel, text in (
        ("datenschutz", "Datenschutzhinweise für Freiwillige", DATENSCHUTZ),
        ("verschwiegenheit", "Verpflichtung zur Verschwiegenheit", VERSCHWIEGENHEIT),
    ):
        Erklaerung.objects.get_or_create(
            art=art, version=1, defaults={"titel": titel, "text": text, "gueltig_ab": VON_ANFANG_AN}
        )


class Migration(migrations.Migration):
    dependencies = [("freiwillige", "0003_erklaerungen_verfuegbarkeit_stunden")]
    operations = [migrations.RunPython(anlegen, migrations.RunPython.noop)]
