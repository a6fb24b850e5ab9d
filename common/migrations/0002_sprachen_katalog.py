from django.db import migrations

# Languages met in refugee accommodation in Germany (ISO 639-1, else 639-3), German names.
SPRACHEN = [
    ("de", "Deutsch"), ("en", "Englisch"), ("ar", "Arabisch"), ("fa", "Persisch (Farsi)"),
    ("prs", "Dari"), ("ps", "Paschtu"), ("ku", "Kurdisch"), ("kmr", "Kurmandschi"),
    ("ckb", "Sorani"), ("tr", "Türkisch"), ("ru", "Russisch"), ("uk", "Ukrainisch"),
    ("ti", "Tigrinya"), ("am", "Amharisch"), ("so", "Somali"), ("fr", "Französisch"),
    ("es", "Spanisch"), ("pt", "Portugiesisch"), ("it", "Italienisch"), ("pl", "Polnisch"),
    ("ro", "Rumänisch"), ("bg", "Bulgarisch"), ("sr", "Serbisch"), ("sq", "Albanisch"),
    ("mk", "Mazedonisch"), ("bs", "Bosnisch"), ("ka", "Georgisch"), ("hy", "Armenisch"),
    ("az", "Aserbaidschanisch"), ("ur", "Urdu"), ("hi", "Hindi"), ("bn", "Bengalisch"),
    ("vi", "Vietnamesisch"), ("zh", "Chinesisch"), ("ha", "Hausa"), ("yo", "Yoruba"),
    ("ig", "Igbo"), ("ln", "Lingála"), ("wo", "Wolof"), ("rom", "Romanes"),
    ("ber", "Tamazight (Berberisch)"), ("he", "Hebräisch"), ("uz", "Usbekisch"),
    ("tk", "Turkmenisch"), ("tg", "Tadschikisch"), ("ne", "Nepali"), ("ta", "Tamil"),
    ("dgs", "Deutsche Gebärdensprache"),
]


def anlegen(apps, schema_editor):
    Sprache = apps.get_model("common", "Sprache")
    for code, name in SPRACHEN:
        Sprache.objects.update_or_create(code=code, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("common", "0001_sprachen")]
    operations = [migrations.RunPython(anlegen, migrations.RunPython.noop)]
