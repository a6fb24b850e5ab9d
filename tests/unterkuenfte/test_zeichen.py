"""A need's title arrives as one clean line, whether typed into the form, sent through the
API or entered in the admin; its description keeps its lines. What the outside probe sent:
line breaks to fake mail headers, and a right-to-left override to disguise a title."""

from django.urls import reverse
from rest_framework.test import APIClient

from netzwerk.models import Arbeitsfeld
from tests.unterkuenfte.test_bedarfe import _feld, _formular
from unterkuenfte.models import Bedarf

TITEL = "Deutsch\r\nBcc: x@y\u2028am\u0085Abend \u202eneu"
SAUBER = "Deutsch Bcc: x@y am Abend neu"
BESCHREIBUNG = "Wir treffen uns\r\nmittwochs\u202e.\r\n\r\nBitte pünktlich."
BESCHREIBUNG_SAUBER = "Wir treffen uns\nmittwochs.\n\nBitte pünktlich."
PERSISCH = "می\u200cخواهم فارسی یاد بدهم"
ARABISCH = "نحتاج إلى متطوعين للترجمة"


def test_a_title_typed_into_the_need_form_is_stored_as_one_clean_line(welt, client_als):
    url = reverse("unterkuenfte:bedarf_erstellen", args=[welt.unterkunft_a.pk])
    daten = _formular(
        taetigkeitsfeld=_feld("sprachmittlung"),
        titel=TITEL,
        beschreibung=BESCHREIBUNG,
        titel__fa=PERSISCH + "\u202e",
        beschreibung__ar=ARABISCH + "\r\n\u2067",
    )

    antwort = client_als(welt.ek_a).post(url, daten)

    assert antwort.status_code == 302
    bedarf = Bedarf.objects.get(unterkunft=welt.unterkunft_a, titel=SAUBER)
    assert bedarf.beschreibung == BESCHREIBUNG_SAUBER
    assert bedarf.uebersetzungen == {"fa": {"titel": PERSISCH}, "ar": {"beschreibung": ARABISCH}}


def test_a_title_of_nothing_but_control_characters_counts_as_missing(welt, client_als):
    url = reverse("unterkuenfte:bedarf_erstellen", args=[welt.unterkunft_a.pk])
    antwort = client_als(welt.ek_a).post(url, _formular(titel="\u202e\r\n\u2066"))
    assert antwort.status_code == 200
    assert "titel" in antwort.context["form"].errors


def test_a_title_sent_through_the_api_is_stored_as_one_clean_line(welt):
    client = APIClient()
    client.force_authenticate(welt.ek_a)
    url = reverse("api:bedarf-detail", args=[welt.bedarf_a.pk])

    antwort = client.patch(
        url,
        {
            "titel": TITEL,
            "beschreibung": BESCHREIBUNG,
            "uebersetzungen": {"fa": {"titel": PERSISCH}, "ar": {"beschreibung": ARABISCH}},
        },
        format="json",
    )

    assert antwort.status_code == 200, antwort.json()
    welt.bedarf_a.refresh_from_db()
    assert welt.bedarf_a.titel == SAUBER
    assert welt.bedarf_a.beschreibung == BESCHREIBUNG_SAUBER
    assert welt.bedarf_a.uebersetzungen["fa"]["titel"] == PERSISCH
    assert welt.bedarf_a.uebersetzungen["ar"]["beschreibung"] == ARABISCH


def test_a_persian_title_with_its_non_joiner_comes_through_the_api_unchanged(welt):
    client = APIClient()
    client.force_authenticate(welt.ek_a)
    url = reverse("api:bedarf-detail", args=[welt.bedarf_a.pk])
    antwort = client.patch(url, {"titel": PERSISCH}, format="json")
    assert antwort.status_code == 200
    assert antwort.json()["titel"] == PERSISCH


def test_a_name_entered_in_the_admin_is_stored_as_one_clean_line(welt, client_als):
    antwort = client_als(welt.admin).post(
        reverse("admin:netzwerk_arbeitsfeld_add"), {"name": "Kultur\r\nBcc: x@y\u202e"}
    )
    assert antwort.status_code == 302
    assert Arbeitsfeld.objects.filter(name="Kultur Bcc: x@y").exists()
