"""A network meeting's registration and the answer to its Termin become one answer
(``treffen.treffen_abgleichen`` keeps them together from now on). Rows written before
were kept apart: here every registration becomes a yes on the Termin, and every yes on
the Termin a seat (or a place on the waiting list); where the two differ, the later one
counts. No notices are sent for this."""

from django.db import migrations

ANGEMELDET, WARTEND, ABGEMELDET = "angemeldet", "wartend", "abgemeldet"


def _zusammenfuehren(apps, schema_editor):
    Veranstaltung = apps.get_model("netzwerk", "Veranstaltung")
    Anmeldung = apps.get_model("netzwerk", "Veranstaltungsanmeldung")
    Teilnahme = apps.get_model("regionen", "Teilnahme")
    treffen = Veranstaltung.objects.filter(
        termin__isnull=False, anmeldung_erforderlich=True, veroeffentlicht=True, abgesagt=False
    )
    for veranstaltung in treffen:
        aktiv = Anmeldung.objects.filter(
            veranstaltung=veranstaltung, status__in=(ANGEMELDET, WARTEND)
        )
        antworten = {
            t.person_id: t
            for t in Teilnahme.objects.filter(termin_id=veranstaltung.termin_id).exclude(antwort="")
        }
        plaetze = {a.person_id: a for a in aktiv}
        for person_id, anmeldung in plaetze.items():
            teilnahme = antworten.get(person_id)
            if teilnahme is None:
                Teilnahme.objects.update_or_create(
                    termin_id=veranstaltung.termin_id, person_id=person_id, defaults={"antwort": "ja"}
                )
            elif teilnahme.antwort != "ja":
                if teilnahme.updated_at < anmeldung.updated_at:
                    teilnahme.antwort = "ja"
                    teilnahme.save(update_fields=["antwort"])
                else:
                    anmeldung.status = ABGEMELDET
                    anmeldung.abgemeldet_am = teilnahme.updated_at
                    anmeldung.save(update_fields=["status", "abgemeldet_am"])
        for person_id, teilnahme in sorted(antworten.items(), key=lambda e: e[1].updated_at):
            if teilnahme.antwort == "ja" and person_id not in plaetze:
                belegt = aktiv.filter(status=ANGEMELDET).count()
                frei = veranstaltung.plaetze is None or belegt < veranstaltung.plaetze
                Anmeldung.objects.create(
                    veranstaltung=veranstaltung,
                    person_id=person_id,
                    status=ANGEMELDET if frei else WARTEND,
                )


class Migration(migrations.Migration):
    dependencies = [
        ("netzwerk", "0006_erstellt_von"),
        ("regionen", "0003_pfad_mit_festen_stellen"),
    ]

    operations = [migrations.RunPython(_zusammenfuehren, migrations.RunPython.noop)]
