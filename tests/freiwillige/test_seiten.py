"""The volunteers' and the coordination's pages: profile, applying, checks, acceptance,
hours, the shelter address and the PDF documents, driven like a browser would."""

import re
import zlib
from datetime import timedelta
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from dateutil.relativedelta import relativedelta
from django.urls import reverse
from django.utils import timezone

from common.models import Sprache
from freiwillige.models import Bewerbung, Einsatz, Nachweis, Profil, Stundeneintrag
from tests.bestaetigung import BESTAETIGT
from tests.factories import HausverbotFactory, UserFactory, freiwillige_bereit
from unterkuenfte.models import Anforderungsart

pytestmark = pytest.mark.django_db


@pytest.fixture
def welt(welt_freiwilligenarbeit):
    """These tests read only the volunteering (and the Grundlage beneath it)."""
    return welt_freiwilligenarbeit


# --- reading pages like a browser ----------------------------------------------------------


class _Formular(HTMLParser):
    """The page's own POST form (the first one posting to the page itself, not the sign-out
    form in the header): what a browser would submit, and whether each visible control has a
    name a screen reader reads (a <label>, or a fieldset with a legend)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.felder: dict[str, list[str]] = {}
        self.controls: list[tuple[str, str]] = []  # (name, id) of visible controls
        self.label_fuer: set[str] = set()
        self.ohne_for_gelabelt: set[str] = set()
        self.in_legende: set[str] = set()
        self._im_formular = self._fertig = False
        self._labels = 0
        self._fieldsets: list[bool] = []  # per open fieldset: has a legend been seen
        self._select: tuple[str, list[str], list[str]] | None = None  # name, selected, all
        self._textarea: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "form" and not self._fertig and a.get("method", "").lower() == "post":
            self._im_formular = not a.get("action")
        if not self._im_formular:
            return
        if tag == "label":
            self._labels += 1
            if a.get("for"):
                self.label_fuer.add(a["for"])
        elif tag == "fieldset":
            self._fieldsets.append(False)
        elif tag == "legend" and self._fieldsets:
            self._fieldsets[-1] = True
        elif tag in ("input", "select", "textarea"):
            typ = a.get("type", "text").lower() if tag == "input" else tag
            name = a.get("name", "")
            if typ not in ("hidden", "submit", "button"):
                self.controls.append((name, a.get("id", "")))
                if self._labels:
                    self.ohne_for_gelabelt.add(a.get("id", "") or name)
                if any(self._fieldsets):
                    self.in_legende.add(a.get("id", "") or name)
            if tag == "input":
                if typ in ("checkbox", "radio"):
                    if "checked" in a:
                        self.felder.setdefault(name, []).append(a.get("value") or "on")
                elif typ not in ("submit", "button", "file"):
                    self.felder.setdefault(name, []).append(a.get("value", ""))
            elif tag == "select":
                self._select = (name, [], [])
            else:
                self._textarea = (name, [])
        elif tag == "option" and self._select:
            self._select[2].append(a.get("value", ""))
            if "selected" in a:
                self._select[1].append(a.get("value", ""))

    def handle_data(self, data):
        if self._textarea:
            self._textarea[1].append(data)

    def handle_endtag(self, tag):
        if not self._im_formular:
            return
        if tag == "form":
            self._im_formular, self._fertig = False, True
        elif tag == "label":
            self._labels -= 1
        elif tag == "fieldset" and self._fieldsets:
            self._fieldsets.pop()
        elif tag == "select" and self._select:
            name, gewaehlt, alle = self._select
            # a browser submits the first option of a single select when none is selected
            self.felder[name] = gewaehlt or alle[:1]
            self._select = None
        elif tag == "textarea" and self._textarea:
            name, text = self._textarea
            self.felder[name] = ["".join(text).removeprefix("\n")]
            self._textarea = None

    def daten(self) -> dict:
        return {name: werte if len(werte) > 1 else werte[0] for name, werte in self.felder.items()}

    def ungelabelt(self) -> list[str]:
        return [
            name
            for name, ident in self.controls
            if ident not in self.label_fuer
            and (ident or name) not in self.ohne_for_gelabelt
            and (ident or name) not in self.in_legende
        ]


def _formular(antwort) -> _Formular:
    assert antwort.status_code == 200, antwort.status_code
    parser = _Formular()
    parser.feed(antwort.content.decode())
    assert parser._fertig, "no POST form on the page"
    return parser


def _seite(client, url) -> str:
    antwort = client.get(url)
    assert antwort.status_code == 200, (url, antwort.status_code)
    return antwort.content.decode()


def _meldungen(antwort) -> list[str]:
    return [str(m) for m in antwort.context["messages"]] if antwort.context else []


# --- the profile ----------------------------------------------------------------------------


def test_the_profile_page_fits_a_phone_and_labels_every_field(welt, client_als):
    antwort = client_als(welt.freiwillig).get(reverse("freiwillige:profil"))
    inhalt = antwort.content.decode()
    assert '<meta name="viewport" content="width=device-width' in inhalt
    formular = _formular(antwort)
    assert formular.ungelabelt() == []
    for ident in (
        "id_sprachen-0-sprache",
        "id_sprachen-0-niveau",
        "id_zeiten-0-wochentag",
        "id_zeiten-0-von",
        "id_zeiten-0-bis",
        "id_heimatbezirk",
        "id_geburtsjahr",
        "id_telefon",
        "id_freitext",
    ):
        assert f'<label class="form-label" for="{ident}">' in inhalt, ident
    assert 'type="time" name="zeiten-0-von" value="16:00"' in inhalt


def test_overlapping_times_are_refused_and_nothing_is_saved(welt, client_als):
    client = client_als(welt.freiwillig)
    daten = _formular(client.get(reverse("freiwillige:profil"))).daten()
    # Finn has Wednesday 16–18; the empty row gets Wednesday 17–19
    daten.update(
        {
            "zeiten-1-wochentag": "2",
            "zeiten-1-von": "17:00",
            "zeiten-1-bis": "19:00",
            "telefon": "030 1234567",
        }
    )
    antwort = client.post(reverse("freiwillige:profil"), daten)
    assert antwort.status_code == 200
    inhalt = antwort.content.decode()
    assert "überschneiden sich" in inhalt
    assert "Mi 16–18" in inhalt and "Mi 17–19" in inhalt
    profil = Profil.objects.get(person=welt.freiwillig)
    assert [(v.wochentag, v.von.hour, v.bis.hour) for v in profil.verfuegbarkeiten.all()] == [
        (2, 16, 18)
    ]
    assert profil.telefon == ""


def test_a_valid_profile_saves_languages_and_times(welt, client_als):
    client = client_als(welt.freiwillig)
    daten = _formular(client.get(reverse("freiwillige:profil"))).daten()
    deutsch = Sprache.objects.get(code="de")
    daten.update(
        {
            "sprachen-1-sprache": str(deutsch.pk),
            "sprachen-1-niveau": "2",
            "zeiten-0-bis": "17:00",
            "zeiten-1-wochentag": "5",
            "zeiten-1-von": "10:00",
            "zeiten-1-bis": "12:30",
            "geburtsjahr": "1988",
        }
    )
    antwort = client.post(reverse("freiwillige:profil"), daten, follow=True)
    assert antwort.redirect_chain[-1][0] == reverse("freiwillige:profil")
    assert "Ihr Profil ist gespeichert." in _meldungen(antwort)
    profil = Profil.objects.get(person=welt.freiwillig)
    assert sorted(
        (k.sprache.code, k.niveau) for k in profil.sprachkenntnisse.select_related("sprache")
    ) == [("ar", 4), ("de", 2)]
    assert [
        (v.wochentag, v.von.strftime("%H:%M"), v.bis.strftime("%H:%M"))
        for v in profil.verfuegbarkeiten.all()
    ] == [(2, "16:00", "17:00"), (5, "10:00", "12:30")]
    assert profil.geburtsjahr == 1988


def test_a_row_can_be_removed_from_the_profile(welt, client_als):
    client = client_als(welt.freiwillig)
    daten = _formular(client.get(reverse("freiwillige:profil"))).daten()
    daten["zeiten-0-DELETE"] = "on"
    client.post(reverse("freiwillige:profil"), daten)
    assert not Profil.objects.get(person=welt.freiwillig).verfuegbarkeiten.exists()


# --- applying --------------------------------------------------------------------------------


@pytest.fixture
def fz():
    return Anforderungsart.objects.get(slug="fuehrungszeugnis")


@pytest.fixture
def fz_bei_b(welt, fz):
    """Shelter B asks every helper for an extended police clearance."""
    welt.unterkunft_b.anforderungen.set([fz])
    return fz


@pytest.fixture
def clara(welt):
    person = UserFactory(email="clara@test.invalid", anzeigename="Clara Neu")
    freiwillige_bereit(person, sprachen=[("ru", 4)])
    return person


def test_applying_leads_to_the_application_the_coordination_can_see(
    welt, clara, fz_bei_b, client_als
):
    client = client_als(clara)
    formular = _seite(client, reverse("freiwillige:bewerben", args=[welt.bedarf_b.pk]))
    assert "Erweitertes Führungszeugnis" in formular
    antwort = client.post(
        reverse("freiwillige:bewerben", args=[welt.bedarf_b.pk]),
        {"nachricht": "Ich trainiere seit Jahren eine Jugendmannschaft."},
    )
    bewerbung = Bewerbung.objects.get(person=clara, bedarf=welt.bedarf_b)
    assert antwort.status_code == 302
    assert antwort["Location"] == reverse("freiwillige:bewerbung", args=[bewerbung.pk])
    assert bewerbung.status == "offen"

    seite = _seite(client_als(welt.ek_b), antwort["Location"])
    assert "Clara Neu" in seite
    assert "clara@test.invalid" in seite  # the profile, now that she applied
    assert "Russisch (Muttersprache)" in seite
    assert "Ich trainiere seit Jahren eine Jugendmannschaft." in seite
    assert re.search(r'text-bg-danger">fehlt</span>\s*Erweitertes Führungszeugnis', seite)
    assert reverse("freiwillige:bewerbung_aktion", args=[bewerbung.pk, "annehmen"]) in seite

    assert client_als(welt.ek_a).get(antwort["Location"]).status_code == 404


def test_applying_twice_is_refused_with_a_message(welt, client_als):
    client = client_als(welt.freiwillig)
    antwort = client.post(
        reverse("freiwillige:bewerben", args=[welt.bedarf_b.pk]), {"nachricht": ""}
    )
    assert antwort.status_code == 200
    assert "Sie haben sich auf diesen Bedarf bereits beworben." in _meldungen(antwort)
    assert Bewerbung.objects.filter(person=welt.freiwillig, bedarf=welt.bedarf_b).count() == 1


# --- recording checks (coordination) ---------------------------------------------------------


def _nachweis_post(client, welt, art, ausgestellt, eingesehen):
    url = reverse("freiwillige:person", args=[welt.freiwillig.profil.pk])
    daten = _formular(client.get(url)).daten()
    daten.update(
        {
            "art": str(art.pk),
            "ausgestellt_am": ausgestellt.isoformat(),
            "eingesehen_am": eingesehen.isoformat(),
        }
    )
    return client.post(url, daten, follow=True)


def test_an_inspection_before_the_issue_date_is_refused(welt, fz, client_als):
    heute = timezone.localdate()
    antwort = _nachweis_post(
        client_als(welt.ek_b), welt, fz, heute - timedelta(days=5), heute - timedelta(days=10)
    )
    assert antwort.status_code == 200
    assert "Die Einsicht kann nicht vor der Ausstellung liegen." in antwort.content.decode()
    assert not Nachweis.objects.exists()


def test_a_police_clearance_older_than_three_months_is_refused(welt, fz, client_als):
    heute = timezone.localdate()
    antwort = _nachweis_post(client_als(welt.ek_b), welt, fz, heute - timedelta(days=120), heute)
    inhalt = antwort.content.decode()
    assert f"höchstens {fz.hoechstalter_bei_vorlage_tage} Tage alt" in inhalt
    assert "dieses war 120 Tage alt" in inhalt
    assert not Nachweis.objects.exists()


def test_a_valid_check_is_recorded_with_who_saw_it_and_when_it_is_due(welt, fz, client_als):
    heute = timezone.localdate()
    ausgestellt = heute - timedelta(days=10)
    antwort = _nachweis_post(client_als(welt.ek_b), welt, fz, ausgestellt, heute)
    assert antwort.redirect_chain[-1][0] == reverse(
        "freiwillige:person", args=[welt.freiwillig.profil.pk]
    )
    assert "Der Nachweis ist vermerkt." in _meldungen(antwort)
    nachweis = Nachweis.objects.get()
    assert (nachweis.person, nachweis.art, nachweis.eingesehen_von) == (
        welt.freiwillig,
        fz,
        welt.ek_b,
    )
    assert nachweis.ergebnis == "erfuellt"
    assert nachweis.faellig_am == ausgestellt + relativedelta(months=fz.gueltigkeit_monate)
    assert nachweis.faellig_am > heute
    assert nachweis.faellig_am.strftime("%d.%m.%Y") in antwort.content.decode()


def test_the_person_page_is_only_for_shelters_the_person_applied_to(welt, client_als):
    url = reverse("freiwillige:person", args=[welt.freiwillig.profil.pk])
    assert client_als(welt.ek_a).get(url).status_code == 404
    assert client_als(welt.ek_a).post(url, {"art": "1"}).status_code == 404
    assert client_als(welt.bea).get(url).status_code == 404
    inhalt = _seite(client_als(welt.ek_b), url)
    assert "Finn Freiwillig" in inhalt
    assert 'type="file"' not in inhalt
    assert "enctype" not in inhalt


# --- accepting through the page --------------------------------------------------------------


def test_accepting_without_the_required_police_clearance_names_it(welt, fz_bei_b, client_als):
    bewerbung = welt.bewerbung_b
    antwort = client_als(welt.ek_b).post(
        reverse("freiwillige:bewerbung_aktion", args=[bewerbung.pk, "annehmen"]), follow=True
    )
    assert antwort.redirect_chain[-1][0] == reverse("freiwillige:bewerbung", args=[bewerbung.pk])
    assert "„Erweitertes Führungszeugnis“ fehlt." in antwort.content.decode()
    assert not Einsatz.objects.filter(bewerbung=bewerbung).exists()
    assert Bewerbung.objects.get(pk=bewerbung.pk).status == "offen"


def test_accepting_someone_banned_from_the_shelter_names_the_ban(welt, client_als):
    HausverbotFactory(
        unterkunft=welt.unterkunft_b, person=welt.freiwillig, grund="Grund-B-vertraulich"
    )
    bewerbung = welt.bewerbung_b
    antwort = client_als(welt.ek_b).post(
        reverse("freiwillige:bewerbung_aktion", args=[bewerbung.pk, "annehmen"]), follow=True
    )
    inhalt = antwort.content.decode()
    assert "Für diese Person besteht ein Hausverbot in dieser Unterkunft." in inhalt
    assert "Grund-B-vertraulich" not in inhalt
    assert not Einsatz.objects.filter(bewerbung=bewerbung).exists()


def test_accepting_with_everything_in_place_creates_the_assignment(welt, client_als):
    bewerbung = welt.bewerbung_b
    antwort = client_als(welt.ek_b).post(
        reverse("freiwillige:bewerbung_aktion", args=[bewerbung.pk, "annehmen"]), follow=True
    )
    assert "Angenommen. Der Einsatz ist angelegt" in antwort.content.decode()
    einsatz = Einsatz.objects.get(bewerbung=bewerbung)
    assert (einsatz.person, einsatz.unterkunft) == (welt.freiwillig, welt.unterkunft_b)


def test_the_other_shelter_cannot_accept(welt, client_als):
    antwort = client_als(welt.ek_a).post(
        reverse("freiwillige:bewerbung_aktion", args=[welt.bewerbung_b.pk, "annehmen"])
    )
    assert antwort.status_code == 404
    assert not Einsatz.objects.filter(bewerbung=welt.bewerbung_b).exists()


# --- hours -----------------------------------------------------------------------------------


def _stunden_post(client, welt, datum, stunden, taetigkeit="Training"):
    url = reverse("freiwillige:einsatz", args=[welt.einsatz_b.pk])
    daten = _formular(client.get(url)).daten()
    daten.update({"datum": datum.isoformat(), "stunden": stunden, "taetigkeit": taetigkeit})
    return client.post(url, daten, follow=True)


def test_hours_for_a_day_in_the_future_are_refused(welt, client_als):
    vorher = Stundeneintrag.objects.count()
    morgen = timezone.localdate() + timedelta(days=1)
    antwort = _stunden_post(client_als(welt.hanna), welt, morgen, "2")
    assert antwort.status_code == 200
    assert "Stunden können nicht für einen Tag in der Zukunft erfasst werden." in (
        antwort.content.decode()
    )
    assert Stundeneintrag.objects.count() == vorher


def test_more_than_24_hours_on_one_day_are_refused(welt, client_als):
    antwort = _stunden_post(client_als(welt.hanna), welt, welt.stunden_b.datum, "23")
    inhalt = antwort.content.decode()
    assert "Ein Tag hat 24 Stunden; für diesen Tag sind schon 2 Stunden erfasst." in inhalt
    assert list(Stundeneintrag.objects.filter(datum=welt.stunden_b.datum)) == [welt.stunden_b]


def test_logged_hours_wait_for_the_coordination_to_confirm_them(welt, client_als):
    heute = timezone.localdate()
    antwort = _stunden_post(client_als(welt.hanna), welt, heute, "3.5", "Aufwärmen")
    assert "Die Stunden sind erfasst." in _meldungen(antwort)
    eintrag = Stundeneintrag.objects.get(einsatz=welt.einsatz_b, datum=heute)
    assert (eintrag.stunden, eintrag.erfasst_von, eintrag.bestaetigt_am) == (
        Decimal("3.5"),
        welt.hanna,
        None,
    )
    assert "wartet auf Bestätigung" in antwort.content.decode()
    bestaetigen = reverse("freiwillige:stunden_bestaetigen", args=[eintrag.pk])
    assert bestaetigen not in antwort.content.decode()  # no button for the volunteer

    # the volunteer cannot confirm her own hours, even by posting to the address
    selbst = client_als(welt.hanna).post(bestaetigen, follow=True)
    assert "Stunden bestätigt die Koordination des Einsatzes." in _meldungen(selbst)
    eintrag.refresh_from_db()
    assert eintrag.bestaetigt_am is None

    seite = _seite(client_als(welt.ek_b), reverse("freiwillige:einsatz", args=[welt.einsatz_b.pk]))
    assert bestaetigen in seite
    antwort = client_als(welt.ek_b).post(bestaetigen, follow=True)
    assert "Die Stunden sind bestätigt." in _meldungen(antwort)
    eintrag.refresh_from_db()
    assert eintrag.bestaetigt_am is not None
    assert eintrag.bestaetigt_von == welt.ek_b
    inhalt = antwort.content.decode()
    assert "5,50 Stunden erfasst, davon 3,50 bestätigt." in inhalt


def test_hours_after_the_end_of_an_assignment_are_refused(welt, client_als):
    """The assignment ended five days ago; a tab left open still holds the hours form."""
    client = client_als(welt.hanna)
    url = reverse("freiwillige:einsatz", args=[welt.einsatz_b.pk])
    veraltet = _formular(client.get(url)).daten()
    Einsatz.objects.filter(pk=welt.einsatz_b.pk).update(
        status="beendet", ende=timezone.localdate() - timedelta(days=5)
    )
    assert 'name="datum"' not in _seite(client, url)  # the page offers no form any more
    gestern = timezone.localdate() - timedelta(days=1)
    veraltet.update({"datum": gestern.isoformat(), "stunden": "3", "taetigkeit": "Training"})
    client.post(url, veraltet)
    assert list(Stundeneintrag.objects.filter(einsatz=welt.einsatz_b)) == [welt.stunden_b]


def test_another_shelter_cannot_confirm_hours(welt, client_als):
    url = reverse("freiwillige:stunden_bestaetigen", args=[welt.stunden_b.pk])
    assert client_als(welt.ek_a).post(url).status_code == 404
    welt.stunden_b.refresh_from_db()
    assert welt.stunden_b.bestaetigt_am is None


# --- the shelter's address -------------------------------------------------------------------


def test_the_address_is_shown_only_once_an_application_is_accepted(welt, client_als):
    einsatz = _seite(
        client_als(welt.hanna), reverse("freiwillige:einsatz", args=[welt.einsatz_b.pk])
    )
    assert "Verborgene Straße 2" in einsatz

    finn = client_als(welt.freiwillig)
    for url in (
        reverse("unterkuenfte:bedarf", args=[welt.bedarf_b.pk]),
        reverse("freiwillige:bewerbung", args=[welt.bewerbung_b.pk]),
        reverse("freiwillige:bewerben", args=[welt.bedarf_b.pk]),
        reverse("freiwillige:bedarfe"),
    ):
        inhalt = _seite(finn, url)
        assert "Verborgene Straße" not in inhalt, url
    assert finn.get(reverse("freiwillige:einsatz", args=[welt.einsatz_b.pk])).status_code == 404


def test_the_address_disappears_when_the_assignment_ends(welt, client_als):
    client = client_als(welt.hanna)
    client.post(
        reverse("freiwillige:einsatz_status", args=[welt.einsatz_b.pk]),
        {**BESTAETIGT, "status": "beendet"},
    )
    einsatz = _seite(client, reverse("freiwillige:einsatz", args=[welt.einsatz_b.pk]))
    assert "Verborgene Straße" not in einsatz
    assert "Neukölln" in einsatz


# --- PDF documents ---------------------------------------------------------------------------


def _pdf_streams(pdf: bytes) -> list[bytes]:
    streams = []
    for roh in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            streams.append(zlib.decompressobj().decompress(roh))
        except zlib.error:
            streams.append(roh)
    return streams


def _pdf_zeichen(pdf: bytes) -> set[str]:
    """Every character the embedded fonts map a glyph to (their ToUnicode tables): the text
    a reader extracts, copies or reads aloud from the document."""
    zeichen = set()
    for stream in _pdf_streams(pdf):
        if b"beginbfchar" not in stream:
            continue
        for ziel in re.findall(rb"<[0-9a-fA-F]{4}> <([0-9a-fA-F]+)>", stream):
            zeichen.update(bytes.fromhex(ziel.decode()).decode("utf-16-be"))
    return zeichen


def _pdf_schriften(pdf: bytes) -> set[str]:
    """The embedded fonts' names without their subset prefix."""
    return {
        name.decode()
        for teil in (pdf, *_pdf_streams(pdf))
        for name in re.findall(rb"/BaseFont\s*/[A-Z]{6}\+([^\s/<>\[\]()]+)", teil)
    }


def _nur_die_eigene_schrift(pdf: bytes) -> bool:
    """Every glyph comes from the vendored DejaVu ("Plattform"), none from a system fallback."""
    schriften = _pdf_schriften(pdf)
    return bool(schriften) and all(s.split("-")[0] == "Plattform" for s in schriften)


def _pdf(antwort) -> bytes:
    assert antwort.status_code == 200, antwort.content[:300]
    assert antwort["Content-Type"] == "application/pdf"
    assert antwort.content.startswith(b"%PDF")
    return antwort.content


def test_the_activity_certificate_counts_confirmed_hours(welt, client_als):
    url = reverse("freiwillige:taetigkeitsnachweis")
    # the template's context shows what went into the document
    assert client_als(welt.hanna).get(url).context["summe"] == 0  # nothing confirmed yet
    client_als(welt.ek_b).post(reverse("freiwillige:stunden_bestaetigen", args=[welt.stunden_b.pk]))
    antwort = client_als(welt.hanna).get(url)
    pdf = _pdf(antwort)
    assert 'filename="taetigkeitsnachweis.pdf"' in antwort["Content-Disposition"]
    assert antwort.context["summe"] == 2
    assert [e.pk for e in antwort.context["einsaetze"]] == [welt.einsatz_b.pk]
    assert set("Hanna Helferin") <= _pdf_zeichen(pdf)
    assert _nur_die_eigene_schrift(pdf)


@pytest.mark.parametrize("name", ["سارة أحمد", "Олена Петренко"])
def test_the_activity_certificate_carries_names_in_arabic_and_cyrillic(welt, client_als, name):
    person = UserFactory(email="name@test.invalid", anzeigename=name)
    freiwillige_bereit(person)
    pdf = _pdf(client_als(person).get(reverse("freiwillige:taetigkeitsnachweis")))
    # every letter of the name is in the document, set in the vendored font (no fallback)
    assert set(name) - {" "} <= _pdf_zeichen(pdf)
    assert _nur_die_eigene_schrift(pdf)


def test_the_activity_certificate_is_only_for_volunteers(welt, client_als):
    # the certificate is always the signed-in person's own; the coordination has no profile
    assert client_als(welt.ek_b).get(reverse("freiwillige:taetigkeitsnachweis")).status_code == 404


def test_the_police_clearance_letter_exists_while_the_application_waits(welt, client_als):
    client = client_als(welt.freiwillig)
    url = reverse("freiwillige:fz_bestaetigung", args=[welt.bewerbung_b.pk])
    pdf = _pdf(client.get(url))
    assert set("Finn Freiwillig") <= _pdf_zeichen(pdf)
    _pdf(client_als(welt.ek_b).get(url))
    assert client_als(welt.ek_a).get(url).status_code == 404

    client = client_als(welt.freiwillig)
    client.post(
        reverse("freiwillige:bewerbung_aktion", args=[welt.bewerbung_b.pk, "zurueckziehen"]),
        BESTAETIGT,
    )
    assert Bewerbung.objects.get(pk=welt.bewerbung_b.pk).status == "zurueckgezogen"
    assert client.get(url).status_code == 404
