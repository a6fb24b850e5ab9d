"""Immediate notices leave the outbox as one mail each, once, in the recipient's language."""

import re
from collections import Counter
from smtplib import SMTPRecipientsRefused, SMTPServerDisconnected

import pytest
from django.conf import settings as django_settings
from django.core.mail.backends.locmem import EmailBackend
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from benachrichtigungen.models import einstellung_von
from benachrichtigungen.tasks import CHUNK, notices_einsammeln, notices_zustellen
from common.models import Notice
from common.notices import notice_write, notices_write
from freiwillige import services
from tests.factories import UserFactory, freiwillige_bereit

LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def bewerberin(welt):
    person = UserFactory(email="berta@test.invalid", anzeigename="Berta Bewerberin")
    freiwillige_bereit(person)
    return person


def _bewerben(welt, person):
    """Person applies to shelter A's open need; its coordination (ek_a) gets the notice."""
    return services.bewerbung_anlegen(person, welt.bedarf_a, "Ich spreche Arabisch.")


def _html(mail) -> str:
    teile = [inhalt for inhalt, art in mail.alternatives if art == "text/html"]
    assert len(teile) == 1, f"expected one HTML part, got {mail.alternatives!r}"
    return teile[0]


def _abbestellen_url(person, kategorie) -> str:
    token = einstellung_von(person).abmeldetoken
    pfad = reverse("benachrichtigungen:abbestellen", kwargs={"token": token, "was": kategorie})
    return django_settings.SITE_URL + pfad


def _an(mailoutbox, person):
    return [mail for mail in mailoutbox if mail.to == [person.email]]


# --- the mail a coordination gets for a new application ----------------------------------------


def test_an_application_mails_the_coordination_once_with_link_and_unsubscribe(
    welt, bewerberin, mailoutbox
):
    assert not Notice.objects.exists()
    bewerbung = _bewerben(welt, bewerberin)

    assert notices_einsammeln() == 1

    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["ek-a@test.invalid"]
    assert mail.subject == "Neue Bewerbung: Deutsch am Abend"
    assert "Berta Bewerberin" in mail.body
    assert "Deutsch am Abend" in mail.body
    ziel = django_settings.SITE_URL + reverse("freiwillige:bewerbung", args=[bewerbung.pk])
    assert ziel in mail.body
    html = _html(mail)
    assert f'href="{ziel}"' in html
    assert "Berta Bewerberin" in html
    assert "Hallo Emma Ahornhof," in mail.body
    # one-click unsubscribe for the group of the notice (RFC 8058), also in the sent message
    abbestellen = _abbestellen_url(welt.ek_a, "bewerbungen")
    nachricht = mail.message()
    assert nachricht["List-Unsubscribe"] == f"<{abbestellen}>"
    assert nachricht["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert nachricht.get_content_type() == "multipart/alternative"
    assert abbestellen in mail.body
    assert abbestellen in html

    notice = Notice.objects.get()
    assert notice.zugestellt_am is not None
    assert notice.ergebnis == "gesendet"

    # the next periodic run finds nothing left to send
    assert notices_einsammeln() == 0
    assert len(mailoutbox) == 1


def test_the_same_chunk_delivered_twice_mails_once(welt, bewerberin, mailoutbox):
    _bewerben(welt, bewerberin)
    notice_write(welt.bea, "bewerbung_angenommen", welt.bewerbung_a, titel="Deutsch am Abend")
    ids = list(Notice.objects.values_list("pk", flat=True))

    assert notices_zustellen(ids) == 2
    assert notices_zustellen(ids) == 0
    notices_zustellen.delay(ids)

    assert sorted(mail.to[0] for mail in mailoutbox) == ["bea@test.invalid", "ek-a@test.invalid"]
    assert set(Notice.objects.values_list("ergebnis", flat=True)) == {"gesendet"}


def test_an_english_speaker_gets_the_mail_in_english(welt, bewerberin, mailoutbox):
    welt.ek_a.sprache = "en"
    welt.ek_a.save(update_fields=["sprache"])
    _bewerben(welt, bewerberin)

    notices_einsammeln()

    [mail] = mailoutbox
    with translation.override("en"):
        betreff = gettext("Neue Bewerbung: %(titel)s") % {"titel": "Deutsch am Abend"}
        gruss = gettext("Hallo %(name)s,") % {"name": "Emma Ahornhof"}
    assert betreff != "Neue Bewerbung: Deutsch am Abend", "English translation missing"
    assert mail.subject == betreff
    assert gruss in mail.body
    assert '<html lang="en">' in _html(mail)
    assert "Berta Bewerberin" in mail.body
    # the page the mail names is the same for every language
    assert "/freiwillige/bewerbungen/" in mail.body


def test_a_language_the_interface_lacks_gets_german(welt, bewerberin, mailoutbox):
    welt.ek_a.sprache = "ar"
    welt.ek_a.save(update_fields=["sprache"])
    _bewerben(welt, bewerberin)

    notices_einsammeln()

    [mail] = mailoutbox
    assert mail.subject == "Neue Bewerbung: Deutsch am Abend"
    assert '<html lang="de">' in _html(mail)


# --- who gets nothing --------------------------------------------------------------------------


def test_a_switched_off_group_is_not_mailed_but_the_others_are(welt, bewerberin, mailoutbox):
    einstellung = einstellung_von(welt.ek_a)
    einstellung.abbestellt = ["bewerbungen"]
    einstellung.save()
    _bewerben(welt, bewerberin)
    notice_write(welt.ek_a, "jourfixe_eingeladen", welt.serie_nord, titel="Jour fixe Nord")

    assert notices_einsammeln() == 2

    [mail] = mailoutbox
    assert mail.to == ["ek-a@test.invalid"]
    assert mail.subject == "Einladung zum Jour fixe: Jour fixe Nord"
    ziel = django_settings.SITE_URL + reverse("regionen:serie", args=[welt.serie_nord.pk])
    assert ziel in mail.body
    assert mail.message()["List-Unsubscribe"] == f"<{_abbestellen_url(welt.ek_a, 'jourfixe')}>"
    ergebnisse = dict(Notice.objects.values_list("art", "ergebnis"))
    assert ergebnisse == {"bewerbung_eingegangen": "abbestellt", "jourfixe_eingeladen": "gesendet"}
    assert not Notice.objects.filter(zugestellt_am__isnull=True).exists()
    # held back means done: a later run does not send it after all
    notices_einsammeln()
    assert len(mailoutbox) == 1


def test_an_inactive_account_gets_nothing(welt, bewerberin, mailoutbox):
    welt.ek_a.is_active = False
    welt.ek_a.save(update_fields=["is_active"])
    _bewerben(welt, bewerberin)
    notice_write(welt.bea, "bewerbung_angenommen", welt.bewerbung_a, titel="Deutsch am Abend")

    notices_einsammeln()

    assert [mail.to for mail in mailoutbox] == [["bea@test.invalid"]]
    notice = Notice.objects.get(empfaenger=welt.ek_a)
    assert notice.ergebnis == "ohne_konto"
    assert notice.zugestellt_am is not None


# --- texts ------------------------------------------------------------------------------------


def test_an_unknown_kind_goes_out_with_a_general_text(welt, mailoutbox):
    notice_write(welt.bea, "gibt_es_noch_nicht", welt.bewerbung_a, titel="egal")

    notices_einsammeln()

    [mail] = mailoutbox
    assert mail.subject == "Neuigkeit auf der Ehrenamt-Plattform"
    assert "Es gibt Neuigkeiten für Sie auf der Ehrenamt-Plattform." in mail.body
    assert f"{django_settings.SITE_URL}/\n" in mail.body
    assert mail.message()["List-Unsubscribe"] == f"<{_abbestellen_url(welt.bea, 'bewerbungen')}>"
    assert Notice.objects.get().ergebnis == "gesendet"


def test_a_notice_lacking_a_value_still_goes_out(welt, mailoutbox):
    notice_write(welt.bea, "bewerbung_angenommen", welt.bewerbung_a)

    notices_einsammeln()

    [mail] = mailoutbox
    assert mail.subject == "Ihre Bewerbung ist angenommen:"
    assert "%(" not in mail.body


def test_markup_in_a_title_is_escaped_in_the_html_part_only(welt, mailoutbox):
    titel = 'Kochen & <b onclick="x()">Backen</b>'
    notice_write(welt.bea, "bewerbung_angenommen", welt.bewerbung_a, titel=titel)

    notices_einsammeln()

    [mail] = mailoutbox
    assert mail.subject == f"Ihre Bewerbung ist angenommen: {titel}"
    assert titel in mail.body
    html = _html(mail)
    assert "<b onclick" not in html
    assert "Kochen &amp; &lt;b onclick=&quot;x()&quot;&gt;Backen&lt;/b&gt;" in html


# --- the mail server -----------------------------------------------------------------------


class ZaehlenderMailserver(EmailBackend):
    """The test outbox, counting the connections and the mails each one carried."""

    verbindungen: list = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        ZaehlenderMailserver.verbindungen.append(0)

    def send_messages(self, messages):
        ZaehlenderMailserver.verbindungen[-1] += len(messages)
        return super().send_messages(messages)


class WackelnderMailserver(EmailBackend):
    """Takes one mail, then drops the connection; every later connection works again."""

    angenommen = 0

    def send_messages(self, messages):
        if WackelnderMailserver.angenommen == 1:
            WackelnderMailserver.angenommen += 1
            raise SMTPServerDisconnected("Connection unexpectedly closed")
        WackelnderMailserver.angenommen += 1
        return super().send_messages(messages)


class AbweisenderMailserver(EmailBackend):
    """Refuses one address for good (no such mailbox), takes every other mail."""

    def send_messages(self, messages):
        for message in messages:
            if "kaputt@test.invalid" in message.to:
                raise SMTPRecipientsRefused({"kaputt@test.invalid": (550, b"No such user")})
        return super().send_messages(messages)


def test_a_chunk_sends_over_one_connection(welt, settings, mailoutbox):
    settings.EMAIL_BACKEND = f"{__name__}.ZaehlenderMailserver"
    ZaehlenderMailserver.verbindungen = []
    personen = [UserFactory(email=f"person-{i}@test.invalid") for i in range(2 * CHUNK + 7)]
    notices_write(personen, "fortbildung_kurs_geaendert", welt.kurs_basis, titel="Basiskurs")

    assert notices_einsammeln() == 2 * CHUNK + 7

    assert ZaehlenderMailserver.verbindungen == [CHUNK, CHUNK, 7]
    assert Counter(mail.to[0] for mail in mailoutbox) == {p.email: 1 for p in personen}
    assert not Notice.objects.filter(zugestellt_am__isnull=True).exists()


def test_a_mail_server_that_is_down_leaves_the_notices_for_the_next_run(
    welt, bewerberin, settings, mailoutbox, caplog
):
    settings.EMAIL_BACKEND = "tests.mail_backends.AusgefallenerMailserver"
    _bewerben(welt, bewerberin)
    notice_write(welt.bea, "bewerbung_angenommen", welt.bewerbung_a, titel="Deutsch am Abend")

    notices_einsammeln()  # logs instead of raising

    assert mailoutbox == []
    assert Notice.objects.filter(zugestellt_am__isnull=True, ergebnis="").count() == 2
    assert "not delivered" in caplog.text

    settings.EMAIL_BACKEND = LOCMEM
    assert notices_einsammeln() == 2
    notices_einsammeln()
    assert sorted(mail.to[0] for mail in mailoutbox) == ["bea@test.invalid", "ek-a@test.invalid"]


def test_a_connection_dropped_mid_chunk_sends_each_notice_once(welt, settings, mailoutbox):
    settings.EMAIL_BACKEND = f"{__name__}.WackelnderMailserver"
    WackelnderMailserver.angenommen = 0
    personen = [UserFactory(email=f"person-{i}@test.invalid") for i in range(4)]
    notices_write(personen, "fortbildung_kurs_geaendert", welt.kurs_basis, titel="Basiskurs")

    notices_einsammeln()

    # the first mail was taken and counts as delivered; the rest wait
    assert [mail.to for mail in mailoutbox] == [[personen[0].email]]
    assert Notice.objects.filter(zugestellt_am__isnull=True).count() == 3

    notices_einsammeln()
    notices_einsammeln()
    assert Counter(mail.to[0] for mail in mailoutbox) == {p.email: 1 for p in personen}


def test_a_refused_address_does_not_hold_up_the_notices_after_it(welt, settings, mailoutbox):
    """A mailbox that does not exist is refused on every attempt; the other recipients of
    the same chunk must still get their mail."""
    settings.EMAIL_BACKEND = f"{__name__}.AbweisenderMailserver"
    kaputt = UserFactory(email="kaputt@test.invalid")
    personen = [UserFactory(email=f"person-{i}@test.invalid") for i in range(3)]
    notices_write([kaputt, *personen], "fortbildung_kurs_geaendert", welt.kurs_basis, titel="X")

    for _lauf in range(3):
        notices_einsammeln()

    assert Counter(mail.to[0] for mail in mailoutbox) == {p.email: 1 for p in personen}


def test_a_title_with_a_line_break_does_not_hold_up_the_outbox(welt, bewerberin, mailoutbox):
    """A title stored before texts were cleaned on input may hold a line break; the subject
    cannot carry it. The mail for it must not block the notices queued after it."""
    welt.bedarf_a.titel = "Deutsch\nam Abend"
    welt.bedarf_a.save(update_fields=["titel"])
    _bewerben(welt, bewerberin)  # ek_a's notice, subject with a line break
    notice_write(welt.bea, "bewerbung_angenommen", welt.bewerbung_b, titel="Fußball am Samstag")

    notices_einsammeln()
    notices_einsammeln()

    assert [mail.to for mail in _an(mailoutbox, welt.bea)] == [["bea@test.invalid"]]


def _zeilen_mit_kopf(mail) -> list[str]:
    """Lines of the text and HTML parts that would read as a mail header."""
    teile = (mail.body, _html(mail))
    return [z for teil in teile for z in teil.splitlines() if z.lstrip().startswith("Bcc:")]


def test_a_need_title_typed_with_line_breaks_reaches_the_mail_as_one_line(
    welt, bewerberin, client_als, mailoutbox
):
    from tests.unterkuenfte.test_bedarfe import _feld, _formular
    from unterkuenfte.models import Bedarf

    url = reverse("unterkuenfte:bedarf_erstellen", args=[welt.unterkunft_a.pk])
    titel = "Deutsch\r\nBcc: x@y\u2028am\u0085Abend \u202eneu"
    daten = _formular(titel=titel, taetigkeitsfeld=_feld("sprachmittlung"))
    assert client_als(welt.ek_a).post(url, daten).status_code == 302
    bedarf = Bedarf.objects.get(unterkunft=welt.unterkunft_a, titel__startswith="Deutsch Bcc")
    services.bewerbung_anlegen(bewerberin, bedarf, "Ich spreche Arabisch.")

    notices_einsammeln()

    [mail] = _an(mailoutbox, welt.ek_a)
    assert mail.subject == "Neue Bewerbung: Deutsch Bcc: x@y am Abend neu"
    assert "Deutsch Bcc: x@y am Abend neu" in mail.body
    assert _zeilen_mit_kopf(mail) == []
    assert "\u202e" not in mail.body + _html(mail)


def test_a_title_stored_with_line_breaks_before_the_cleaning_reads_as_one_line_in_the_mail(
    welt, bewerberin, mailoutbox
):
    welt.bedarf_a.titel = "Deutsch\r\nBcc: x@y\u2029am Abend\u202e"
    welt.bedarf_a.save(update_fields=["titel"])
    _bewerben(welt, bewerberin)

    notices_einsammeln()

    [mail] = _an(mailoutbox, welt.ek_a)
    assert mail.subject == "Neue Bewerbung: Deutsch Bcc: x@y am Abend"
    assert _zeilen_mit_kopf(mail) == []
    assert "\u202e" not in mail.subject + mail.body + _html(mail)


# --- cost ------------------------------------------------------------------------------------


def _zustellen_gezaehlt(welt, anzahl):
    Notice.objects.all().delete()
    personen = [UserFactory(email=f"q{anzahl}-{i}@test.invalid") for i in range(anzahl)]
    for person in personen:
        notice_write(person, "bewerbung_eingegangen", welt.bewerbung_a, titel="T", person="P")
    ids = list(Notice.objects.values_list("pk", flat=True))
    with CaptureQueriesContext(connection) as abfragen:
        assert notices_zustellen(ids) == anzahl
    return [abfrage["sql"] for abfrage in abfragen.captured_queries]


def _muster(sql: str) -> str:
    """The statement with its literal values taken out, so repeats of one query compare equal."""
    sql = re.sub(r"'[^']*'", "?", sql)
    sql = re.sub(r"\b\d+(\.\d+)?\b", "?", sql)
    sql = re.sub(r"\((\?, )*\?\)", "(…)", sql)  # IN lists and rows of any length
    sql = re.sub(r"\(…\)(, \(…\))+", "(…)", sql)
    return re.sub(r'"s\w+_x\w+"', '"sp"', sql)


def test_delivery_cost_does_not_grow_per_recipient(welt, mailoutbox):
    """Preferences, accounts and texts are read once per chunk. What repeats per notice is
    the row lock and the mark of delivery, inside the notice's own transaction (by design:
    a mail the server took counts as delivered at once)."""
    zehn = _zustellen_gezaehlt(welt, 10)
    vierzig = _zustellen_gezaehlt(welt, 40)
    print(f"\n{len(zehn)} queries for 10 notices, {len(vierzig)} for 40:")
    for muster, anzahl in Counter(map(_muster, vierzig)).most_common():
        print(f"  {anzahl:3}× {muster[:160]}")

    zaehlung_10, zaehlung_40 = Counter(map(_muster, zehn)), Counter(map(_muster, vierzig))
    wiederholt = {m for m in zaehlung_40 if zaehlung_40[m] != zaehlung_10.get(m)}
    # only the per-notice lock and mark repeat, once per notice each
    for muster in wiederholt:
        assert (zaehlung_10[muster], zaehlung_40[muster]) == (10, 40), muster
        assert re.match(
            r'(SAVEPOINT|RELEASE SAVEPOINT|SELECT .* FROM "common_notice"|UPDATE "common_notice")',
            muster,
        ), muster
    assert len(wiederholt) <= 4
    assert len(vierzig) - len(zehn) == 30 * len(wiederholt)
