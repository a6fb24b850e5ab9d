from django.db import migrations

#: the fields of work the directory filters by; the admin can add more
ARBEITSFELDER = [
    "Beratung und Begleitung",
    "Bildung und Sprachkurse",
    "Kinder und Jugend",
    "Frauen",
    "Kultur und Feste",
    "Sport",
    "Arbeit und Ausbildung",
    "Gesundheit",
    "Religion und Gemeinde",
    "Politische Teilhabe",
    "Antidiskriminierung",
    "Dolmetschen und Sprachmittlung",
]


def anlegen(apps, schema_editor):
    Arbeitsfeld = apps.get_model("netzwerk", "Arbeitsfeld")
    for name in ARBEITSFELDER:
        Arbeitsfeld.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [("netzwerk", "0003_steckbrief_verteiler_veranstaltungen")]

    operations = [migrations.RunPython(anlegen, migrations.RunPython.noop)]
