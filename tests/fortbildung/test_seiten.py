"""The training pages as people use them: the public calendar and course pages,
registration and the waiting list, "Meine Fortbildungen", certificates and their check,
topic wishes, the team's course management and the region dashboard's training section."""

import html
import re
import zlib
from datetime import datetime, time, timedelta

import pytest
from django.template.defaultfilters import date as datum_filter
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from fortbildung.models import Anmeldung, Erteilung, Kurs, Sitzung, Themenwunsch
from konten import roles
from tests.bestaetigung import BESTAETIGT
from tests.factories import (
    AnmeldungFactory,
    ErteilungFactory,
    ReiheFactory,
    ThemenwunschFactory,
    UserFactory,
    fortbildungskurs,
)

pytestmark = pytest.mark.django_db


def _text(antwort) -> str:
    return html.unescape(antwort.content.decode())


def _seite(client, url) -> str:
    antwort = client.get(url)
    assert antwort.status_code == 200, antwort.status_code
    return _text(antwort)


def _kursseite(client, kurs) -> str:
    return _seite(client, reverse("fortbildung:kurs", args=[kurs.pk]))


def _anmelden(client, kurs):
    return client.post(reverse("fortbildung:anmelden", args=[kurs.pk]), follow=True)


def _karte(seite: str, titel: str) -> str:
    """The list entry of one course or wish: from its title to the end of its list item."""
    anfang = seite.index(titel)
    return seite[anfang : seite.index("</li>", anfang)]


def _sitzt(kurs, person) -> Anmeldung:
    """A seat written directly, as the fixture does (no notices)."""
    return AnmeldungFactory(kurs=kurs, person=person)


def _koordination(welt, email, name):
    """A further shelter coordinator of shelter A (Nord)."""
    person = UserFactory(email=email, anzeigename=name)
    roles.rolle("ehrenamtskoordination").grant(person, welt.unterkunft_a)
    return person


def _vergangener_kurs(welt, titel, sitzungen=1, **daten):
    """A course whose sessions lie in the past days: attendance can be taken for each."""
    jetzt = timezone.now()
    return fortbildungskurs(
        welt.reihe_basis,
        titel,
        sitzungen=sitzungen,
        erste_in=timedelta(days=-5),
        anmeldung_ab=jetzt - timedelta(days=30),
        anmeldung_bis=jetzt - timedelta(days=10),
        abmeldung_bis=jetzt - timedelta(days=11),
        vermittelt=welt.qualifikation_basis,
        **daten,
    )


def _anwesenheit(client, sitzung, *anmeldungen):
    return client.post(
        reverse("fortbildung:anwesenheit", args=[sitzung.pk]),
        {"anwesend": [a.pk for a in anmeldungen]},
        follow=True,
    )


# --- the public calendar and course pages ----------------------------------------------------


def test_the_calendar_lists_published_upcoming_courses_with_their_free_seats(welt):
    seite = _seite(Client(), reverse("fortbildung:kalender"))
    assert "11 von 12 Plätzen frei" in _karte(seite, "Basiskurs Frühjahr")  # ek_a holds one
    assert "12 von 12 Plätzen frei" in _karte(seite, "Aufbaukurs Konflikte")
    assert "10 von 10 Plätzen frei" in _karte(seite, "Erste Hilfe für Freiwillige")
    assert "Voraussetzung: Basis abgeschlossen" in _karte(seite, "Aufbaukurs Konflikte")
    assert "Kurs-Entwurf-vertraulich" not in seite
    assert "Basiskurs Herbst" not in seite  # ended forty days ago


def test_the_calendar_shows_an_occupied_seat_as_taken(welt):
    _sitzt(welt.kurs_aufbau, welt.ek_b)
    seite = _seite(Client(), reverse("fortbildung:kalender"))
    assert "11 von 12 Plätzen frei" in _karte(seite, "Aufbaukurs Konflikte")


def test_the_calendar_never_lists_the_draft_not_even_for_the_team(welt, client_als):
    for person in (welt.fortbildung, welt.admin):
        seite = _seite(client_als(person), reverse("fortbildung:kalender"))
        assert "Basiskurs Frühjahr" in seite
        assert "Kurs-Entwurf-vertraulich" not in seite


def test_the_calendar_filters_by_level(welt):
    seite = _seite(Client(), reverse("fortbildung:kalender") + "?stufe=aufbau")
    assert "Aufbaukurs Konflikte" in seite
    assert "Basiskurs Frühjahr" not in seite
    assert "Erste Hilfe für Freiwillige" not in seite


def test_the_calendar_filters_by_target_group_and_keeps_courses_for_everyone(welt):
    reihe = ReiheFactory(titel="Offen für alle", jahr=welt.reihe_basis.jahr)
    fortbildungskurs(reihe, "Schreibwerkstatt für alle")
    freiwillige = _seite(Client(), reverse("fortbildung:kalender") + "?zielgruppe=freiwillige")
    assert "Erste Hilfe für Freiwillige" in freiwillige
    assert "Schreibwerkstatt für alle" in freiwillige
    assert "Basiskurs Frühjahr" not in freiwillige
    assert "Aufbaukurs Konflikte" not in freiwillige
    koordination = _seite(Client(), reverse("fortbildung:kalender") + "?zielgruppe=koordination")
    assert "Basiskurs Frühjahr" in koordination
    assert "Schreibwerkstatt für alle" in koordination
    assert "Erste Hilfe für Freiwillige" not in koordination


def test_an_anonymous_visitor_opens_a_published_course_and_is_asked_to_sign_in(welt):
    seite = _kursseite(Client(), welt.kurs_basis)
    assert "Basiskurs Frühjahr" in seite
    assert "3 Sitzungen" in seite
    assert "Melden Sie sich mit Ihrem Konto an, um sich für den Kurs anzumelden." in seite
    assert reverse("fortbildung:anmelden", args=[welt.kurs_basis.pk]) not in seite


@pytest.mark.parametrize(
    ("wer", "status"),
    [
        ("anonym", 404),
        ("ek_a", 404),
        ("freiwillig", 404),
        ("verwaltung", 404),
        ("fortbildung", 200),
        ("admin", 200),
    ],
)
def test_the_draft_course_page_is_there_only_for_the_team(welt, client_als, wer, status):
    antwort = client_als(welt.personas[wer]).get(
        reverse("fortbildung:kurs", args=[welt.kurs_entwurf.pk])
    )
    assert antwort.status_code == status
    assert ("Kurs-Entwurf-vertraulich" in _text(antwort)) == (status == 200)


# --- registering and the waiting list --------------------------------------------------------


def test_a_coordinator_registers_through_the_course_page_and_sees_the_confirmation(
    welt, client_als
):
    client = client_als(welt.ek_b)
    antwort = _anmelden(client, welt.kurs_basis)
    assert antwort.redirect_chain[-1][0] == welt.kurs_basis.get_absolute_url()
    seite = _text(antwort)
    assert "Sie sind angemeldet. Die Sitzungen stehen in Ihrem Kalender." in seite
    assert "Vom Kurs abmelden" in seite
    assert "10 von 12 Plätzen frei" in seite
    assert Anmeldung.objects.get(kurs=welt.kurs_basis, person=welt.ek_b).status == "angemeldet"


def test_registering_twice_is_refused_and_keeps_one_registration(welt, client_als):
    seite = _text(_anmelden(client_als(welt.ek_a), welt.kurs_basis))
    assert "Sie sind für diesen Kurs bereits angemeldet." in seite
    assert Anmeldung.objects.filter(kurs=welt.kurs_basis, person=welt.ek_a).count() == 1


def test_a_full_course_puts_the_next_people_on_the_waiting_list_in_order(welt, client_als):
    kurs = fortbildungskurs(welt.reihe_basis, "Basiskurs kompakt", plaetze=1)
    _sitzt(kurs, welt.ek_a)
    _anmelden(client_als(welt.rk_nord), kurs)
    antwort = _anmelden(client_als(welt.ek_b), kurs)
    seite = _text(antwort)
    assert "Der Kurs ist voll. Sie stehen auf der Warteliste an Platz 2." in seite
    assert "Sie stehen auf der Warteliste an Platz 2." in seite
    assert "Von der Warteliste nehmen" in seite
    assert "ausgebucht · 2 Personen auf der Warteliste" in seite
    assert Anmeldung.objects.get(kurs=kurs, person=welt.ek_b).status == "wartend"
    assert "Sie stehen auf der Warteliste an Platz 1." in _kursseite(client_als(welt.rk_nord), kurs)


def test_the_aufbau_course_names_the_missing_basis_and_offers_no_registration(welt, client_als):
    seite = _kursseite(client_als(welt.ek_b), welt.kurs_aufbau)
    assert "Für diesen Kurs brauchen Sie zuerst: Basis abgeschlossen." in seite
    assert reverse("fortbildung:anmelden", args=[welt.kurs_aufbau.pk]) not in seite
    assert "Verbindlich anmelden" not in seite


def test_the_aufbau_course_offers_registration_once_the_basis_is_held(welt, client_als):
    ErteilungFactory(person=welt.ek_b, qualifikation=welt.qualifikation_basis)
    seite = _kursseite(client_als(welt.ek_b), welt.kurs_aufbau)
    assert "Für diesen Kurs brauchen Sie zuerst" not in seite
    assert "Verbindlich anmelden" in seite


def test_posting_a_registration_without_the_basis_is_refused_and_registers_nobody(welt, client_als):
    seite = _text(_anmelden(client_als(welt.ek_b), welt.kurs_aufbau))
    assert "Für diesen Kurs brauchen Sie zuerst: Basis abgeschlossen." in seite
    assert not Anmeldung.objects.filter(kurs=welt.kurs_aufbau).exists()


def test_a_volunteer_is_told_the_coordinators_course_is_for_coordinators(welt, client_als):
    client = client_als(welt.freiwillig)
    seite = _kursseite(client, welt.kurs_basis)
    assert "Dieser Kurs richtet sich an Koordinator*innen." in seite
    assert "Verbindlich anmelden" not in seite
    assert "Dieser Kurs richtet sich an Koordinator*innen." in _text(
        _anmelden(client, welt.kurs_basis)
    )
    assert not Anmeldung.objects.filter(kurs=welt.kurs_basis, person=welt.freiwillig).exists()


# --- Meine Fortbildungen ---------------------------------------------------------------------


def test_my_trainings_show_registrations_waiting_positions_certificates_and_qualifications(
    welt, client_als
):
    voll = fortbildungskurs(welt.reihe_basis, "Basiskurs kompakt", plaetze=1)
    _sitzt(voll, welt.ek_b)
    AnmeldungFactory(kurs=voll, person=welt.rk_nord, status="wartend")
    AnmeldungFactory(kurs=voll, person=welt.ek_a, status="wartend")
    ErteilungFactory(person=welt.ek_a, qualifikation=welt.qualifikation_basis)
    seite = _seite(client_als(welt.ek_a), reverse("fortbildung:meine"))
    assert "angemeldet" in _karte(seite, "Basiskurs Frühjahr")
    assert "Warteliste, Platz 2" in _karte(seite, "Basiskurs kompakt")
    abgeschlossen = seite[seite.index("Abgeschlossene Kurse und Bescheinigungen") :]
    assert "Basiskurs Herbst" in abgeschlossen
    bescheinigung = reverse("fortbildung:bescheinigung", args=[welt.anmeldung_abgeschlossen.pk])
    assert f'href="{bescheinigung}"' in abgeschlossen
    qualifikationen = seite[seite.index('id="qualifikationen"') :]
    assert "Basis abgeschlossen" in qualifikationen
    assert "(anerkannt)" in qualifikationen


def test_my_trainings_never_show_someone_elses(welt, client_als):
    fremd = fortbildungskurs(welt.reihe_basis, "Kurs von Ben")
    _sitzt(fremd, welt.ek_b)
    ErteilungFactory(person=welt.ek_b, qualifikation=welt.qualifikation_basis)
    seite_a = _seite(client_als(welt.ek_a), reverse("fortbildung:meine"))
    assert "Kurs von Ben" not in seite_a
    assert "Noch keine Qualifikationen." in seite_a
    seite_b = _seite(client_als(welt.ek_b), reverse("fortbildung:meine"))
    assert "Kurs von Ben" in seite_b
    assert "Basiskurs Frühjahr" not in seite_b
    assert "Basiskurs Herbst" not in seite_b
    assert "Noch keine abgeschlossenen Kurse." in seite_b


def test_cancelling_from_my_trainings_returns_there_with_the_confirmation(welt, client_als):
    client = client_als(welt.ek_a)
    meine = reverse("fortbildung:meine")
    antwort = client.post(
        reverse("fortbildung:abmelden", args=[welt.anmeldung_ek_a.pk]),
        {**BESTAETIGT, "weiter": meine},
    )
    assert antwort.status_code == 302
    assert antwort["Location"] == meine
    seite = _seite(client, meine)
    assert "Die Anmeldung ist storniert." in seite
    assert "Basiskurs Frühjahr" not in seite
    welt.anmeldung_ek_a.refresh_from_db()
    assert welt.anmeldung_ek_a.status == "abgemeldet"


def test_a_freed_seat_goes_to_the_first_waiting_person_and_the_next_moves_to_place_one(
    welt, client_als
):
    kurs = fortbildungskurs(welt.reihe_basis, "Basiskurs kompakt", plaetze=1)
    sitz = _sitzt(kurs, welt.ek_a)
    _anmelden(client_als(welt.rk_nord), kurs)
    _anmelden(client_als(welt.ek_b), kurs)
    client_als(welt.ek_a).post(reverse("fortbildung:abmelden", args=[sitz.pk]), BESTAETIGT)
    assert "Sie sind angemeldet." in _kursseite(client_als(welt.rk_nord), kurs)
    assert "Sie stehen auf der Warteliste an Platz 1." in _kursseite(client_als(welt.ek_b), kurs)


def test_leaving_the_waiting_list_says_so(welt, client_als):
    kurs = fortbildungskurs(welt.reihe_basis, "Basiskurs kompakt", plaetze=1)
    _sitzt(kurs, welt.ek_a)
    wartend = AnmeldungFactory(kurs=kurs, person=welt.ek_b, status="wartend")
    antwort = client_als(welt.ek_b).post(
        reverse("fortbildung:abmelden", args=[wartend.pk]), BESTAETIGT, follow=True
    )
    assert antwort.redirect_chain[-1][0] == kurs.get_absolute_url()
    assert "Sie stehen nicht mehr auf der Warteliste." in _text(antwort)
    wartend.refresh_from_db()
    assert wartend.status == "abgemeldet"


def test_cancelling_another_persons_registration_answers_not_found(welt, client_als):
    antwort = client_als(welt.ek_b).post(
        reverse("fortbildung:abmelden", args=[welt.anmeldung_ek_a.pk]),
        {**BESTAETIGT, "weiter": reverse("fortbildung:meine")},
    )
    assert antwort.status_code == 404
    welt.anmeldung_ek_a.refresh_from_db()
    assert welt.anmeldung_ek_a.status == "angemeldet"


def test_cancelling_with_a_foreign_return_address_goes_to_the_course_page_instead(welt, client_als):
    antwort = client_als(welt.ek_a).post(
        reverse("fortbildung:abmelden", args=[welt.anmeldung_ek_a.pk]),
        {**BESTAETIGT, "weiter": "https://evil.example/fortbildung/meine/"},
    )
    assert antwort.status_code == 302
    assert antwort["Location"] == welt.kurs_basis.get_absolute_url()
    assert "evil.example" not in antwort["Location"]


# --- certificates: the PDF and the public check ----------------------------------------------


def _pdf_teile(pdf: bytes) -> tuple[dict[int, bytes], list[bytes]]:
    """The document's objects by number (streams decompressed, object streams unpacked)
    and the content streams of its pages."""
    objekte = {}
    gerippe = bytearray(pdf)  # the file with stream data blanked, for the plain objects
    for treffer in re.finditer(rb"(\d+) 0 obj\s*(<<.*?>>)\s*stream\r?\n", pdf, re.S):
        kopf = treffer.group(2)
        laenge = int(re.search(rb"/Length (\d+)", kopf).group(1))
        roh = pdf[treffer.end() : treffer.end() + laenge]
        gerippe[treffer.end() : treffer.end() + laenge] = b" " * laenge
        daten = zlib.decompress(roh) if b"/FlateDecode" in kopf else roh
        if b"/ObjStm" not in kopf:
            objekte[int(treffer.group(1))] = daten
        else:
            erstes = int(re.search(rb"/First (\d+)", kopf).group(1))
            zahlen = [int(z) for z in daten[:erstes].split()]
            eintraege = list(zip(zahlen[::2], zahlen[1::2], strict=True))
            enden = [versatz for _, versatz in eintraege[1:]] + [len(daten) - erstes]
            for (nummer, versatz), ende in zip(eintraege, enden, strict=True):
                objekte[nummer] = daten[erstes + versatz : erstes + ende]
    for nummer, koerper in re.findall(rb"(\d+) 0 obj\s*(.*?)\s*endobj", bytes(gerippe), re.S):
        objekte.setdefault(int(nummer), koerper)
    inhalte = [
        objekte[int(nummer)]
        for koerper in objekte.values()
        if b"/Type /Page" in koerper and b"/Contents" in koerper
        for nummer in re.findall(
            rb"(\d+) 0 R", re.search(rb"/Contents\s*(\[.*?\]|\d+ 0 R)", koerper).group(1)
        )
    ]
    return objekte, inhalte


def _pdf_text(pdf: bytes) -> str:
    """The text runs of the document as a reader extracts them: each glyph through its
    font's ToUnicode table, one line per run shown (a TJ or Tj), in drawing order."""
    objekte, inhalte = _pdf_teile(pdf)
    tabellen = {}  # font object -> {glyph code: text}
    for nummer, koerper in objekte.items():
        verweis = re.search(rb"/ToUnicode (\d+) 0 R", koerper)
        if verweis:
            cmap = objekte[int(verweis.group(1))]
            tabellen[nummer] = {
                int(code, 16): bytes.fromhex(ziel.decode()).decode("utf-16-be")
                for block in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S)
                for code, ziel in re.findall(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block)
            }
    schriften = {  # resource name -> table, from the pages' font dictionaries
        name.decode(): tabellen[int(nummer)]
        for koerper in objekte.values()
        for name, nummer in re.findall(rb"/([^\s/<>\[\]()]+)\s+(\d+) 0 R", koerper)
        if int(nummer) in tabellen
    }
    zeilen = []
    for inhalt in inhalte:
        tabelle = {}
        for schrift, feld, einzeln in re.findall(
            rb"/([^\s/<>\[\]()]+)\s+[\d.]+\s+Tf|\[(.*?)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj", inhalt, re.S
        ):
            if schrift:
                tabelle = schriften[schrift.decode()]
                continue
            codes = b"".join(re.findall(rb"<([0-9a-fA-F]*)>", feld)) if feld else einzeln
            zeilen.append(
                "".join(
                    tabelle.get(int(codes[i : i + 4], 16), "?") for i in range(0, len(codes), 4)
                )
            )
    return "\n".join(zeilen)


def _schriften(pdf: bytes) -> set[str]:
    """The embedded fonts' names without their subset prefix."""
    objekte, _inhalte = _pdf_teile(pdf)
    return {
        name.decode()
        for koerper in objekte.values()
        for name in re.findall(rb"/BaseFont\s*/[A-Z]{6}\+([^\s/<>\[\]()]+)", koerper)
    }


def _steht_im_text(wort: str, text: str) -> bool:
    """Right-to-left script is drawn in visual order: the run holds the word reversed."""
    return wort in text or wort[::-1] in text


def _pdf(antwort) -> bytes:
    assert antwort.status_code == 200, antwort.content[:300]
    assert antwort["Content-Type"] == "application/pdf"
    assert antwort.content.startswith(b"%PDF")
    return antwort.content


@pytest.mark.pdf
@pytest.mark.parametrize("name", ["ليلى حسن", "Олена Коваленко"])
def test_the_certificate_carries_the_name_in_its_script_the_course_and_the_check_code(
    welt, client_als, name
):
    person = _koordination(welt, "name@test.invalid", name)
    kurs = _vergangener_kurs(welt, "Gesprächsführung kompakt")
    anmeldung = _sitzt(kurs, person)
    _anwesenheit(client_als(welt.fortbildung), kurs.sitzungen.get(), anmeldung)
    anmeldung.refresh_from_db()
    assert anmeldung.bescheinigungscode
    seite = _seite(client_als(person), reverse("fortbildung:meine"))
    url = reverse("fortbildung:bescheinigung", args=[anmeldung.pk])
    assert f'href="{url}"' in seite

    pdf = _pdf(client_als(person).get(url))
    text = _pdf_text(pdf)
    assert _steht_im_text(name, text), text
    assert "Gesprächsführung kompakt" in text
    assert f"Prüfcode: {anmeldung.bescheinigungscode}" in text.replace("\n", "")
    assert "Teilnahmebescheinigung" in text
    schriften = _schriften(pdf)
    assert schriften and all(s.split("-")[0] == "Plattform" for s in schriften), schriften


def test_the_certificate_of_someone_else_or_of_an_unfinished_course_answers_not_found(
    welt, client_als
):
    fremd = reverse("fortbildung:bescheinigung", args=[welt.anmeldung_abgeschlossen.pk])
    assert client_als(welt.ek_b).get(fremd).status_code == 404
    offen = reverse("fortbildung:bescheinigung", args=[welt.anmeldung_ek_a.pk])
    assert client_als(welt.ek_a).get(offen).status_code == 404


@pytest.mark.pdf
def test_the_team_prints_the_attendance_sheet_with_the_participants(welt, client_als):
    _sitzt(welt.kurs_basis, welt.ek_b)
    antwort = client_als(welt.fortbildung).get(
        reverse("fortbildung:anwesenheitsliste", args=[welt.kurs_basis.pk])
    )
    text = _pdf_text(_pdf(antwort))
    assert "Anwesenheitsliste" in text
    assert "Emma Ahornhof" in text
    assert "Ben Birkenhain" in text
    assert "Finn Freiwillig" not in text


def _pruefen(code) -> str:
    return _seite(Client(), reverse("fortbildung:pruefen") + f"?code={code}")


def _bestaetigung(welt) -> str:
    """The check's sentence: the course ended with its only session forty days ago."""
    letzte = welt.anmeldung_abgeschlossen.kurs.sitzungen.get()
    with translation.override("de"):
        datum = datum_filter(timezone.localtime(letzte.ende), "j. F Y")
    return f"Emma Ahornhof hat den Kurs „Basiskurs Herbst“ am {datum} abgeschlossen."


def _tag(wert) -> str:
    with translation.override("de"):
        return datum_filter(wert, "j. F Y")


def _spaet_bescheinigt(welt, client_als):
    """A three-day course that ended three days ago, its attendance all entered today: the
    completion (and the certificate) is recorded today, the course ended on its last day."""
    kurs = _vergangener_kurs(welt, "Moderation in drei Tagen", sitzungen=3)
    anmeldung = _sitzt(kurs, welt.ek_b)
    team = client_als(welt.fortbildung)
    for sitzung in kurs.sitzungen.order_by("beginn"):
        _anwesenheit(team, sitzung, anmeldung)
    anmeldung.refresh_from_db()
    letzter_tag = timezone.localtime(kurs.sitzungen.order_by("-beginn").first().ende).date()
    assert timezone.localtime(anmeldung.abgeschlossen_am).date() == timezone.localdate()
    # days before the attendance was entered (a session late in the evening ends a day later)
    assert letzter_tag < timezone.localdate()
    return anmeldung, letzter_tag


def test_the_check_page_gives_the_courses_last_day_not_the_day_attendance_was_entered(
    welt, client_als
):
    anmeldung, letzter_tag = _spaet_bescheinigt(welt, client_als)

    seite = _pruefen(anmeldung.bescheinigungscode)

    assert f"den Kurs „Moderation in drei Tagen“ am {_tag(letzter_tag)} abgeschlossen" in seite
    assert _tag(timezone.localdate()) not in seite


def test_my_trainings_date_a_completed_course_by_its_last_day(welt, client_als):
    anmeldung, letzter_tag = _spaet_bescheinigt(welt, client_als)

    seite = _seite(client_als(welt.ek_b), reverse("fortbildung:meine"))

    eintrag = seite[seite.index("Moderation in drei Tagen") :][:200]
    assert date_format(letzter_tag, "SHORT_DATE_FORMAT") in eintrag
    assert date_format(timezone.localdate(), "SHORT_DATE_FORMAT") not in eintrag


@pytest.mark.pdf
def test_the_certificate_pdf_carries_the_courses_last_day(welt, client_als):
    anmeldung, letzter_tag = _spaet_bescheinigt(welt, client_als)

    pdf = _pdf(client_als(welt.ek_b).get(reverse("fortbildung:bescheinigung", args=[anmeldung.pk])))

    kopf = _pdf_text(pdf).split("Teilnahmebescheinigung")[0]
    assert date_format(letzter_tag, "DATE_FORMAT") in kopf
    assert date_format(timezone.localdate(), "DATE_FORMAT") not in kopf


def test_the_api_gives_the_completion_day_of_a_registration(welt, client_als):
    anmeldung, letzter_tag = _spaet_bescheinigt(welt, client_als)

    antwort = client_als(welt.ek_b).get(
        reverse("api:fortbildung-anmeldung-detail", args=[anmeldung.pk])
    )

    assert antwort.json()["abschlusstag"] == letzter_tag.isoformat()


@pytest.mark.parametrize("eingabe", ["TEST-CODE-2345", "test-code-2345", "testcode2345"])
def test_the_check_page_confirms_a_valid_code_with_name_course_and_date_only(welt, eingabe):
    seite = _pruefen(eingabe)
    assert "Diese Bescheinigung ist echt." in seite
    assert _bestaetigung(welt) in seite
    assert "ek-a@test.invalid" not in seite
    assert welt.reihe_basis.titel not in seite
    assert "Basis abgeschlossen" not in seite


def test_the_check_page_says_when_a_code_matches_no_certificate(welt):
    seite = _pruefen("TEST-CODE-9999")
    assert "Zu diesem Prüfcode gibt es keine Bescheinigung. Bitte prüfen Sie die Eingabe." in seite
    assert "Diese Bescheinigung ist echt." not in seite
    assert "Emma Ahornhof" not in seite


# --- topic wishes ----------------------------------------------------------------------------


def _wuensche(client) -> str:
    return _seite(client, reverse("fortbildung:wuensche"))


def _stimme(client, wunsch, aktion="abstimmen"):
    return client.post(
        reverse("fortbildung:wunsch_stimme", args=[wunsch.pk]), {"aktion": aktion}, follow=True
    )


def test_a_coordinator_proposes_a_topic_and_her_own_vote_counts_at_once(welt, client_als):
    client = client_als(welt.ek_b)
    antwort = client.post(
        reverse("fortbildung:wuensche"),
        {"titel": "Traumasensible Begleitung", "beschreibung": "Für Gespräche mit Kindern"},
        follow=True,
    )
    assert antwort.redirect_chain[-1][0] == reverse("fortbildung:wuensche")
    seite = _text(antwort)
    assert "Ihr Themenwunsch ist eingetragen; Ihre Stimme zählt schon." in seite
    karte = _karte(seite, "Traumasensible Begleitung")
    assert "1 Stimme" in karte
    assert "Stimme zurückziehen" in karte
    assert (
        Themenwunsch.objects.get(titel="Traumasensible Begleitung").vorgeschlagen_von == welt.ek_b
    )


def test_topics_are_ranked_by_votes_and_a_vote_can_be_taken_back(welt, client_als):
    neu = ThemenwunschFactory(titel="Traumasensible Begleitung", vorgeschlagen_von=welt.ek_b)
    neu.stimmen.create(person=welt.ek_b)
    # the newer wish comes first while the votes are even
    seite = _wuensche(client_als(welt.rk_nord))
    assert seite.index("Traumasensible Begleitung") < seite.index("Wunsch-vertraulich")

    seite = _text(_stimme(client_als(welt.rk_nord), welt.wunsch))
    assert "Ihre Stimme ist gezählt." in seite
    assert "2 Stimmen" in _karte(seite, "Wunsch-vertraulich")
    assert seite.index("Wunsch-vertraulich") < seite.index("Traumasensible Begleitung")

    seite = _text(_stimme(client_als(welt.rk_nord), welt.wunsch, "zurueckziehen"))
    assert "Ihre Stimme ist zurückgezogen." in seite
    assert "1 Stimme" in _karte(seite, "Wunsch-vertraulich")
    assert "Dafür stimmen" in _karte(seite, "Wunsch-vertraulich")
    assert seite.index("Traumasensible Begleitung") < seite.index("Wunsch-vertraulich")


def test_voting_twice_for_a_topic_is_refused_and_counts_once(welt, client_als):
    seite = _text(_stimme(client_als(welt.ek_a), welt.wunsch))
    assert "Sie haben für dieses Thema schon gestimmt." in seite
    assert "1 Stimme" in _karte(seite, "Wunsch-vertraulich")
    assert welt.wunsch.stimmen.count() == 1


@pytest.mark.parametrize("wer", ["freiwillig", "verwaltung"])
def test_volunteers_and_the_administration_may_not_wish_topics(welt, client_als, wer):
    client = client_als(welt.personas[wer])
    assert client.get(reverse("fortbildung:wuensche")).status_code == 403
    antwort = client.post(reverse("fortbildung:wuensche"), {"titel": "Fremdes Thema"})
    assert antwort.status_code == 403
    assert not Themenwunsch.objects.filter(titel="Fremdes Thema").exists()


# --- the team's course management ------------------------------------------------------------


def _zeitfeld(wert) -> str:
    return timezone.localtime(wert).strftime("%Y-%m-%dT%H:%M")


def _um(tage: int, stunde: int, minute: int = 0) -> datetime:
    tag = timezone.localdate() + timedelta(days=tage)
    return timezone.make_aware(datetime.combine(tag, time(stunde, minute)))


def _kursdaten(welt, sitzungen, **aenderungen) -> dict:
    """The course form as the team fills it in: fields and the sessions formset."""
    daten = {
        "reihe": welt.reihe_basis.pk,
        "titel": "Basiskurs Sommer",
        "beschreibung": "Grundlagen der Freiwilligenkoordination",
        "leitung": "Selin Kaya",
        "plaetze": "15",
        "anmeldung_ab": _zeitfeld(_um(-1, 9)),
        "anmeldung_bis": _zeitfeld(_um(20, 9)),
        "abmeldung_bis": _zeitfeld(_um(20, 9)),
        "mindestanwesenheit": "80",
        "vermittelt": welt.qualifikation_basis.pk,
        "themenwunsch": "",
        "veroeffentlicht": "on",
        "sitzungen-TOTAL_FORMS": str(len(sitzungen)),
        "sitzungen-INITIAL_FORMS": "0",
        "sitzungen-MIN_NUM_FORMS": "0",
        "sitzungen-MAX_NUM_FORMS": "1000",
    }
    for i, (beginn, ende) in enumerate(sitzungen):
        daten[f"sitzungen-{i}-beginn"] = _zeitfeld(beginn)
        daten[f"sitzungen-{i}-ende"] = _zeitfeld(ende)
        daten[f"sitzungen-{i}-ort"] = "Nachbarschaftshaus, Raum 2"
        daten[f"sitzungen-{i}-online_link"] = ""
    daten.update(aenderungen)
    return daten


def _bestand() -> tuple:
    return Kurs.objects.count(), Sitzung.objects.count()


def _kurz(wert) -> str:
    with translation.override("de"):
        return date_format(timezone.localtime(wert), "SHORT_DATETIME_FORMAT")


def test_the_team_creates_a_course_with_its_sessions_and_it_appears_in_the_calendar(
    welt, client_als
):
    sitzungen = [(_um(30, 10), _um(30, 13)), (_um(37, 10), _um(37, 13))]
    antwort = client_als(welt.fortbildung).post(
        reverse("fortbildung:kurs_erstellen"), _kursdaten(welt, sitzungen), follow=True
    )
    kurs = Kurs.objects.get(titel="Basiskurs Sommer")
    assert antwort.redirect_chain[-1][0] == reverse("fortbildung:teilnehmende", args=[kurs.pk])
    assert "Der Kurs ist gespeichert." in _text(antwort)
    assert [(s.beginn, s.ende) for s in kurs.sitzungen.order_by("beginn")] == sitzungen
    assert kurs.plaetze == 15
    karte = _karte(_seite(Client(), reverse("fortbildung:kalender")), "Basiskurs Sommer")
    assert "15 von 15 Plätzen frei" in karte
    assert "2 Sitzungen" in karte


def test_overlapping_sessions_are_refused_with_both_dates_and_create_nothing(welt, client_als):
    erste, zweite = (_um(30, 10), _um(30, 12)), (_um(30, 11), _um(30, 13))
    vorher = _bestand()
    antwort = client_als(welt.fortbildung).post(
        reverse("fortbildung:kurs_erstellen"), _kursdaten(welt, [erste, zweite])
    )
    assert antwort.status_code == 200
    erwartet = f"Die Sitzungen am {_kurz(erste[0])} und am {_kurz(zweite[0])} überschneiden sich."
    assert erwartet in _text(antwort)
    assert _bestand() == vorher


def test_a_session_ending_before_it_starts_is_refused_in_german_and_creates_nothing(
    welt, client_als
):
    beginn, ende = _um(30, 12), _um(30, 10)
    vorher = _bestand()
    antwort = client_als(welt.fortbildung).post(
        reverse("fortbildung:kurs_erstellen"), _kursdaten(welt, [(beginn, ende)])
    )
    assert antwort.status_code == 200
    seite = _text(antwort)
    # the service words it "Die Sitzung am <Beginn> endet, bevor sie beginnt."
    assert "endet, bevor sie beginnt." in seite
    assert "sitzung_ende_nach_beginn" not in seite  # no technical constraint name
    assert _bestand() == vorher


def test_a_registration_window_closing_before_it_opens_is_refused_in_german(welt, client_als):
    vorher = _bestand()
    antwort = client_als(welt.fortbildung).post(
        reverse("fortbildung:kurs_erstellen"),
        _kursdaten(
            welt,
            [(_um(30, 10), _um(30, 12))],
            anmeldung_ab=_zeitfeld(_um(10, 9)),
            anmeldung_bis=_zeitfeld(_um(5, 9)),
            abmeldung_bis=_zeitfeld(_um(5, 9)),
        ),
    )
    assert antwort.status_code == 200
    seite = _text(antwort)
    assert "Die Anmeldung muss enden, nachdem sie beginnt." in seite
    assert "kurs_anmeldefenster" not in seite  # no technical constraint name
    assert _bestand() == vorher


def _bearbeitungsdaten(welt, kurs, **aenderungen) -> dict:
    """The edit form of an existing course, its sessions as they are."""
    sitzungen = list(kurs.sitzungen.order_by("beginn"))
    daten = _kursdaten(
        welt,
        [(s.beginn, s.ende) for s in sitzungen],
        titel=kurs.titel,
        plaetze=str(kurs.plaetze),
        anmeldung_ab=_zeitfeld(kurs.anmeldung_ab),
        anmeldung_bis=_zeitfeld(kurs.anmeldung_bis),
        abmeldung_bis=_zeitfeld(kurs.abmeldung_bis),
        **{"sitzungen-INITIAL_FORMS": str(len(sitzungen))},
    )
    for i, sitzung in enumerate(sitzungen):
        daten[f"sitzungen-{i}-id"] = sitzung.pk
        daten[f"sitzungen-{i}-kurs"] = kurs.pk
        daten[f"sitzungen-{i}-ort"] = sitzung.ort
    daten.update(aenderungen)
    return daten


def test_seats_below_the_registered_count_are_refused_and_the_course_stays_unchanged(
    welt, client_als
):
    kurs = welt.kurs_basis
    _sitzt(kurs, welt.ek_b)
    sitzungen_vorher = list(kurs.sitzungen.order_by("beginn").values_list("beginn", "ende"))
    antwort = client_als(welt.fortbildung).post(
        reverse("fortbildung:kurs_bearbeiten", args=[kurs.pk]),
        _bearbeitungsdaten(welt, kurs, plaetze="1", titel="Basiskurs umbenannt"),
    )
    assert antwort.status_code == 200
    assert (
        "Es sind schon 2 Personen angemeldet; der Kurs braucht mindestens so viele Plätze."
        in _text(antwort)
    )
    kurs.refresh_from_db()
    assert (kurs.plaetze, kurs.titel) == (12, "Basiskurs Frühjahr")
    assert list(kurs.sitzungen.order_by("beginn").values_list("beginn", "ende")) == sitzungen_vorher


def test_ticking_attendance_completes_a_participant_once_the_minimum_is_reached(welt, client_als):
    kurs = _vergangener_kurs(welt, "Gesprächsführung kompakt", sitzungen=2)
    erste, zweite = kurs.sitzungen.order_by("beginn")
    emma, ben = _sitzt(kurs, welt.ek_a), _sitzt(kurs, welt.ek_b)
    client = client_als(welt.fortbildung)

    seite = _seite(client, reverse("fortbildung:anwesenheit", args=[erste.pk]))
    assert "Emma Ahornhof" in seite and "Ben Birkenhain" in seite

    antwort = _anwesenheit(client, erste, emma, ben)
    assert antwort.redirect_chain[-1][0] == reverse("fortbildung:teilnehmende", args=[kurs.pk])
    seite = _text(antwort)
    assert "Die Anwesenheit ist gespeichert." in seite
    assert "Abgeschlossen und bescheinigt" not in seite  # both sessions are needed

    seite = _text(_anwesenheit(client, zweite, emma))
    assert "Die Anwesenheit ist gespeichert. Abgeschlossen und bescheinigt: Emma Ahornhof." in seite
    emma.refresh_from_db()
    ben.refresh_from_db()
    assert emma.abgeschlossen and emma.bescheinigungscode
    assert not ben.abgeschlossen
    assert Erteilung.objects.filter(person=welt.ek_a, kurs=kurs).exists()
    assert not Erteilung.objects.filter(person=welt.ek_b, kurs=kurs).exists()
    seite = _seite(client, reverse("fortbildung:anwesenheit", args=[zweite.pk]))
    assert f'id="anwesend-{emma.pk}" checked>' in seite
    assert f'id="anwesend-{ben.pk}">' in seite


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("verwaltung", lambda w: []),
        ("kurs_erstellen", lambda w: []),
        ("teilnehmende", lambda w: [w.kurs_basis.pk]),
        ("kurs_bearbeiten", lambda w: [w.kurs_basis.pk]),
        ("anwesenheitsliste", lambda w: [w.kurs_basis.pk]),
        ("anwesenheit", lambda w: [w.sitzung_basis.pk]),
    ],
)
def test_a_coordinator_outside_the_team_may_not_manage_a_published_course(
    welt, client_als, name, args
):
    client = client_als(welt.ek_a)
    url = reverse(f"fortbildung:{name}", args=args(welt))
    assert client.get(url).status_code == 403
    assert (
        client.post(url, {"titel": "Übernommen", "anwesend": [welt.anmeldung_ek_a.pk]}).status_code
        == 403
    )
    assert not welt.sitzung_basis.anwesenheiten.exists()
    assert not Kurs.objects.filter(titel="Übernommen").exists()


# --- the region dashboard --------------------------------------------------------------------


def _dashboard(client, welt) -> str:
    return _seite(client, reverse("regionen:detail", args=[welt.nord.pk]))


def _abschnitt(seite: str) -> str:
    anfang = seite.index('id="abschnitt-fortbildung"')
    return seite[anfang : seite.index("</section>", anfang)]


def test_the_region_dashboard_counts_the_shelter_coordinators_who_completed_a_course(
    welt, client_als
):
    # Ben (Südost) completing a course counts for Südost, not for Nord
    AnmeldungFactory(
        kurs=welt.kurs_aufbau,
        person=welt.ek_b,
        abgeschlossen_am=timezone.now() - timedelta(days=3),
        bescheinigungscode="BENS-CODE-2345",
    )
    abschnitt = _abschnitt(_dashboard(client_als(welt.rk_nord), welt))
    assert "Fortbildungen der Ehrenamtskoordination" in abschnitt
    assert (
        "1 von 1 Ehrenamtskoordinator*innen der Region hat in den letzten zwölf Monaten "
        "einen Kurs abgeschlossen." in abschnitt
    )
    assert "Basiskurs Herbst" in abschnitt
    assert "Aufbaukurs Konflikte" not in abschnitt


def test_the_region_dashboard_leaves_out_completions_older_than_a_year(welt, client_als):
    Anmeldung.objects.filter(pk=welt.anmeldung_abgeschlossen.pk).update(
        abgeschlossen_am=timezone.now() - timedelta(days=400)
    )
    abschnitt = _abschnitt(_dashboard(client_als(welt.rk_nord), welt))
    assert (
        "0 von 1 Ehrenamtskoordinator*innen der Region haben in den letzten zwölf Monaten "
        "einen Kurs abgeschlossen." in abschnitt
    )
    assert "Basiskurs Herbst" not in abschnitt


def test_a_refused_aufbau_course_points_to_the_upcoming_course_that_grants_basis(welt, client_als):
    welt.kurs_entwurf.vermittelt = welt.qualifikation_basis
    welt.kurs_entwurf.save()
    seite = client_als(welt.ek_b).get(reverse("fortbildung:kurs", args=[welt.kurs_aufbau.pk]))
    inhalt = seite.content.decode()
    assert "Diese Kurse führen dorthin:" in inhalt
    assert reverse("fortbildung:kurs", args=[welt.kurs_basis.pk]) in inhalt
    # the draft grants Basis too, but is not published: it is never offered as the way in
    assert "Kurs-Entwurf-vertraulich" not in inhalt


# --- the team's start page and course management agree --------------------------------------


def _kurse_mit_belegung(html_text: str) -> dict:
    """Course title -> "taken/seats" of every course linked to its participants' page."""
    vorne = re.escape(reverse("fortbildung:teilnehmende", args=[0])).replace("0", r"\d+")
    return dict(re.findall(rf'href="{vorne}">([^<]+)</a>.*?(\d+/\d+)', html_text, re.S))


def test_the_teams_start_page_lists_the_coming_courses_its_course_management_lists(
    welt, client_als
):
    _sitzt(welt.kurs_aufbau, welt.ek_b)
    client = client_als(welt.fortbildung)

    start = _seite(client, reverse("start"))
    start = start[start.index("Kommende Kurse") :].split("Kursverwaltung")[0]
    verwaltung = _seite(client, reverse("fortbildung:verwaltung"))
    verwaltung = verwaltung[verwaltung.index('id="kommende-kurse"') :].split("</table>")[0]

    assert "Keine kommenden Kurse" not in start
    auf_der_startseite = _kurse_mit_belegung(start)
    assert auf_der_startseite == _kurse_mit_belegung(verwaltung)
    assert auf_der_startseite["Aufbaukurs Konflikte"] == "1/12"
    assert "Basiskurs Herbst" not in auf_der_startseite  # ended forty days ago
