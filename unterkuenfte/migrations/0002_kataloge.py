import datetime

from django.db import migrations

ARTEN = [
    ("Gemeinschaftsunterkunft", "gemeinschaftsunterkunft", "GU"),
    ("Aufnahmeeinrichtung", "aufnahmeeinrichtung", "AE"),
    ("Notunterkunft", "notunterkunft", "NU"),
    ("Modulare Unterkunft", "modulare-unterkunft", "MUF"),
    ("Tempohome", "tempohome", "TH"),
]

# Rules as data (DOMAIN.md): age at presentation, renewal, who it applies to.
ANFORDERUNGEN = [
    {
        "name": "Erweitertes Führungszeugnis",
        "slug": "fuehrungszeugnis",
        "rechtsgrundlage": "§ 30a BZRG",
        "beschreibung": "Wird eingesehen, nicht kopiert: Ausstellungsdatum, Einsicht am, durch wen, "
        "ohne relevante Einträge.",
        "hoechstalter_bei_vorlage_tage": 91,
        "gueltigkeit_monate": 60,
    },
    {
        "name": "Masernschutz",
        "slug": "masernschutz",
        "rechtsgrundlage": "§ 20 IfSG",
        "beschreibung": "Impfung, Immunität oder medizinische Kontraindikation; gilt für Personen, "
        "die nach dem 31.12.1970 geboren sind.",
        "gilt_fuer_geboren_ab": datetime.date(1971, 1, 1),
    },
    {
        "name": "Belehrung Lebensmittelhygiene",
        "slug": "lebensmittelhygiene",
        "rechtsgrundlage": "§§ 42, 43 IfSG",
        "beschreibung": "Für regelmäßige Arbeit in Küche oder Essensausgabe; Erstbelehrung höchstens "
        "3 Monate vor Beginn, danach jährlich.",
        "hoechstalter_bei_vorlage_tage": 91,
        "gueltigkeit_monate": 12,
    },
    {
        "name": "Verpflichtung zur Verschwiegenheit",
        "slug": "verschwiegenheit",
        "rechtsgrundlage": "DSGVO Art. 29",
        "beschreibung": "Für alle, die personenbezogene Daten von Bewohner*innen sehen; neu zu "
        "unterschreiben, wenn sich der Text ändert.",
    },
]

FELDER = [
    ("Deutschkurs", "deutschkurs", "", []),
    ("Hausaufgabenhilfe", "hausaufgabenhilfe", "", []),
    ("Kinderbetreuung", "kinderbetreuung", "", []),
    (
        "Begleitung zu Behörden",
        "begleitung",
        "Freiwillige begleiten und übersetzen, sie geben keine Rechtsberatung zum Asylverfahren.",
        [],
    ),
    (
        "Sprachmittlung",
        "sprachmittlung",
        "Sprachmittlung überträgt, was gesagt wird; sie berät nicht und entscheidet nichts.",
        [],
    ),
    ("Freizeit und Sport", "freizeit-sport", "", []),
    ("Kleiderkammer", "kleiderkammer", "", []),
    ("Küche", "kueche", "", ["lebensmittelhygiene"]),
]


def anlegen(apps, schema_editor):
    Unterkunftsart = apps.get_model("unterkuenfte", "Unterkunftsart")
    Anforderungsart = apps.get_model("unterkuenfte", "Anforderungsart")
    Taetigkeitsfeld = apps.get_model("unterkuenfte", "Taetigkeitsfeld")
    for name, slug, kuerzel in ARTEN:
        Unterkunftsart.objects.update_or_create(slug=slug, defaults={"name": name, "kuerzel": kuerzel})
    for daten in ANFORDERUNGEN:
        Anforderungsart.objects.update_or_create(slug=daten["slug"], defaults=daten)
    for name, slug, hinweis, anforderungen in FELDER:
        feld, _ = Taetigkeitsfeld.objects.update_or_create(
            slug=slug, defaults={"name": name, "hinweis": hinweis}
        )
        feld.anforderungen.set(Anforderungsart.objects.filter(slug__in=anforderungen))


class Migration(migrations.Migration):
    dependencies = [("unterkuenfte", "0001_initial")]
    operations = [migrations.RunPython(anlegen, migrations.RunPython.noop)]
