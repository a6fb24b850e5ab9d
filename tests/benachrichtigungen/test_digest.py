"""Digests: one mail per person and period with the sections of their roles, sent once."""

import re
from collections import Counter
from datetime import date, timedelta
from smtplib import SMTPRecipientsRefused, SMTPServerDisconnected
from urllib.parse import urlparse

import pytest
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from benachrichtigungen import digest
from benachrichtigungen.models import Einstellung, Versand, einstellung_von
from benachrichtigungen.tasks import digest_beat, digest_senden
from common.models import Wochentag
from tests.factories import (
    BedarfFactory,
    BezirkFactory,
    EinsatzFactory,
    NachweisFactory,
    RegionFactory,
    UserFactory,
    freiwillige_bereit,
)


def morgen():
    return timezone.localdate() + timedelta(days=1)


TAEGLICH = Einstellung.Digest.TAEGLICH


def _taeglich(*personen):
    """A daily digest for ``personen``; everyone else switched off, so a test sees only
    the mails of the people it is about."""
    from konten.models import User

    Einstellung.objects.bulk_create(
        [Einstellung(person=p) for p in User.objects.all()], ignore_conflicts=True
    )
    Einstellung.objects.update(digest=Einstellung.Digest.AUS)
    Einstellung.objects.filter(person__in=personen).update(digest=TAEGLICH)


def _an(mailoutbox, person):
    return [mail for mail in mailoutbox if mail.to == [person.email]]


def _eine_an(mailoutbox, person):
    mails = _an(mailoutbox, person)
    assert len(mails) == 1, [m.to for m in mailoutbox]
    return mails[0]


def _html(mail) -> str:
    [html] = [inhalt for inhalt, art in mail.alternatives if art == "text/html"]
    return html


def _senden(tag=None) -> dict:
    """The daily job for ``tag`` (tomorrow): the period is the day before (today)."""
    return digest_beat((tag or morgen()).isoformat())


# --- what each role reads ---------------------------------------------------------------


def test_a_volunteer_reads_fitting_new_needs_with_reasons_and_their_assignment(welt, mailoutbox):
    _taeglich(welt.hanna)

    _senden()

    mail = _eine_an(mailoutbox, welt.hanna)
    assert mail.subject == "Ihre Zusammenfassung des Tages"
    text = mail.body
    assert "Neue Bedarfe, die zu Ihnen passen" in text
    assert "Deutsch am Abend · Unterkunft Ahornhof" in text
    assert "Mi 16–18" in text  # the reason: a time both have free
    assert "Ihre Einsätze" in text and "Fußball am Samstag" in text
    # what is not open, or where she already works, is not proposed
    assert "Pausierte" not in text
    assert text.count("Fußball am Samstag") == 1
    # the board never shows a shelter's address before an assignment
    assert "Geheimweg" not in text and "Geheimweg" not in _html(mail)


def test_a_volunteer_is_not_offered_needs_far_away_or_at_other_times(welt, mailoutbox):
    hamburg = RegionFactory(name="Hamburg", art="stadt")
    altona = BezirkFactory(name="Altona", region=hamburg)
    anna = UserFactory(email="anna@test.invalid", anzeigename="Anna Altona")
    freiwillige_bereit(anna, heimatbezirk=altona)
    BedarfFactory(unterkunft__bezirk=altona, titel="Hamburger Sprachcafé")
    spaet = BedarfFactory(unterkunft__bezirk=altona, titel="Nachtcafé")
    spaet.zeitfenster.update(wochentag=5)
    _taeglich(anna)

    _senden()

    text = _eine_an(mailoutbox, anna).body
    assert "Hamburger Sprachcafé" in text
    assert "Deutsch am Abend" not in text  # Berlin
    assert "Nachtcafé" not in text  # Saturday: she has Wednesdays only


def test_the_coordination_reads_waiting_applications_and_expiring_checks(welt, mailoutbox):
    from freiwillige.models import Nachweis
    from unterkuenfte.models import Anforderungsart

    NachweisFactory(
        person=welt.hanna,
        art=Anforderungsart.objects.get(slug="masernschutz"),
        eingesehen_am=timezone.localdate() - timedelta(days=300),
    )
    Nachweis.objects.filter(person=welt.hanna).update(
        faellig_am=timezone.localdate() + timedelta(days=9)
    )
    _taeglich(welt.ek_a, welt.ek_b)

    _senden()

    ek_a = _eine_an(mailoutbox, welt.ek_a).body
    assert "Bewerbungen, die auf Ihre Entscheidung warten" in ek_a
    assert "Bea Bewerberin · Deutsch am Abend" in ek_a
    assert "Hanna" not in ek_a  # she works at shelter B
    ek_b = _eine_an(mailoutbox, welt.ek_b).body
    assert "Nachweise Ihrer Freiwilligen, die ablaufen" in ek_b
    assert "Hanna Helferin · Masernschutz" in ek_b
    assert "Bea" not in ek_b


def test_the_regional_coordination_reads_figures_of_its_region_and_no_names(welt, mailoutbox):
    _taeglich(welt.rk_nord)

    _senden()

    mail = _eine_an(mailoutbox, welt.rk_nord)
    text = mail.body
    assert "Region Berlin-Nord" in text
    assert "2 neue Bedarfe, 0 besetzt oder geschlossen" in text  # shelter A's two
    assert "Füllgrad der offenen Bedarfe: 0 %" in text
    assert "1 offene Aufgaben aus den Jours fixes" in text
    assert "Südost" not in text
    for name in ("Bea", "Hanna", "Finn", "Emma"):
        assert name not in text


def test_the_training_team_reads_registrations_waiting_lists_and_wished_topics(welt, mailoutbox):
    _taeglich(welt.fortbildung)

    _senden()

    text = _eine_an(mailoutbox, welt.fortbildung).body
    assert "Kommende Kurse" in text
    assert "Basiskurs Frühjahr" in text
    assert "1 von 12 Plätzen · 0 auf der Warteliste · 1 neu" in text
    assert "Meistgewünschte Themen" in text and "Wunsch-vertraulich" in text
    assert "Kurs-Entwurf-vertraulich" not in text


def test_volunteers_read_courses_with_free_seats_meant_for_them(welt, mailoutbox):
    _taeglich(welt.hanna, welt.ek_b)

    _senden()

    hanna = _eine_an(mailoutbox, welt.hanna).body
    assert "Fortbildungen mit freien Plätzen" in hanna
    assert "Erste Hilfe für Freiwillige" in hanna
    assert "Basiskurs Frühjahr" not in hanna  # for coordinators
    ek_b = _eine_an(mailoutbox, welt.ek_b).body
    assert "Basiskurs Frühjahr" in ek_b
    assert "Aufbaukurs Konflikte" not in ek_b  # needs Basis first
    assert "Erste Hilfe für Freiwillige" not in ek_b


def test_list_members_read_coming_events_and_messages(welt_ganz, mailoutbox):
    welt = welt_ganz
    _taeglich(welt.org_a, welt.ek_a)

    _senden()

    org_a = _eine_an(mailoutbox, welt.org_a).body
    assert "Nachrichten auf Ihren Verteilern" in org_a
    ek_a = _eine_an(mailoutbox, welt.ek_a).body
    assert "Veranstaltungen im Netzwerk" in ek_a


def test_nobody_gets_a_digest_with_nothing_new(welt, mailoutbox):
    _taeglich(welt.verwaltung, welt.admin)

    gezaehlt = _senden()

    assert gezaehlt[TAEGLICH] == 2
    assert mailoutbox == []
    # the ledger remembers that there was nothing, so a rerun does not compose again
    assert set(Versand.objects.values_list("ergebnis", flat=True)) == {"leer"}
    assert _senden()[TAEGLICH] == 0


# --- when, and how often ----------------------------------------------------------------


def test_weekly_digests_go_out_on_the_chosen_weekday_and_mondays_by_default(welt, mailoutbox):
    montag = date(2026, 12, 7)
    dienstag = montag + timedelta(days=1)
    einstellung_von(welt.ek_a)  # weekly on Monday: the default
    bea = einstellung_von(welt.bea)
    bea.wochentag = Wochentag.DIENSTAG
    bea.save()
    einstellung_von(welt.hanna)
    Einstellung.objects.filter(person=welt.hanna).update(digest=Einstellung.Digest.AUS)

    def faellig(tag):
        zr = digest.zeitraum(Einstellung.Digest.WOECHENTLICH, tag)
        return set(digest.empfaenger(Einstellung.Digest.WOECHENTLICH, tag, zr))

    am_montag, am_dienstag = faellig(montag), faellig(dienstag)

    assert welt.ek_a.pk in am_montag and welt.ek_a.pk not in am_dienstag
    assert welt.bea.pk in am_dienstag and welt.bea.pk not in am_montag
    assert welt.rk_nord.pk in am_montag  # never chose
    assert welt.hanna.pk not in am_montag | am_dienstag  # switched off


def test_running_the_same_period_twice_sends_once(welt, mailoutbox):
    _taeglich(welt.hanna, welt.ek_a, welt.rk_nord)

    _senden()
    _senden()
    for ids in ([welt.hanna.pk, welt.ek_a.pk, welt.rk_nord.pk],):
        digest_senden(ids, TAEGLICH, morgen().isoformat())  # a retried chunk

    assert Counter(m.to[0] for m in mailoutbox) == {
        welt.hanna.email: 1,
        welt.ek_a.email: 1,
        welt.rk_nord.email: 1,
    }
    assert Versand.objects.filter(ergebnis="gesendet").count() == 3
    # the next day is a new period
    _senden(morgen() + timedelta(days=1))
    assert Versand.objects.filter(periode=f"T{(morgen() + timedelta(days=1)).isoformat()}").exists()


class WackelnderMailserver(EmailBackend):
    """Takes two mails, then drops the connection; later connections work again."""

    angenommen = 0

    def send_messages(self, messages):
        if WackelnderMailserver.angenommen == 2:
            WackelnderMailserver.angenommen += 1
            raise SMTPServerDisconnected("Connection unexpectedly closed")
        WackelnderMailserver.angenommen += 1
        return super().send_messages(messages)


def _freiwillige(anzahl, praefix="p"):
    personen = []
    for i in range(anzahl):
        person = UserFactory(email=f"{praefix}{i}@test.invalid", anzeigename=f"Person {i}")
        freiwillige_bereit(person, heimatbezirk=None)
        personen.append(person)
    return personen


def test_a_connection_lost_mid_chunk_sends_the_rest_once_on_the_next_run(
    welt, settings, mailoutbox
):
    settings.EMAIL_BACKEND = f"{__name__}.WackelnderMailserver"
    WackelnderMailserver.angenommen = 0
    personen = _freiwillige(5)
    _taeglich(*personen)

    _senden()  # in-process (no worker to retry): two go out, the rest waits in the ledger
    assert len(mailoutbox) == 2
    assert Versand.objects.filter(erledigt_am__isnull=True).count() == 3

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    Versand.objects.update(vergeben_am=timezone.now() - timedelta(hours=1))  # the task is gone
    _senden()

    assert Counter(m.to[0] for m in mailoutbox) == {p.email: 1 for p in personen}
    assert not Versand.objects.filter(erledigt_am__isnull=True).exists()


class AbweisenderMailserver(EmailBackend):
    def send_messages(self, messages):
        if any("kaputt" in m.to[0] for m in messages):
            raise SMTPRecipientsRefused({messages[0].to[0]: (550, b"No such user")})
        return super().send_messages(messages)


def test_a_refused_address_is_noted_and_does_not_hold_up_the_others(welt, settings, mailoutbox):
    settings.EMAIL_BACKEND = f"{__name__}.AbweisenderMailserver"
    kaputt, *andere = _freiwillige(3)
    kaputt.email = "kaputt@test.invalid"
    kaputt.save()
    _taeglich(kaputt, *andere)

    _senden()
    _senden()

    assert Counter(m.to[0] for m in mailoutbox) == {p.email: 1 for p in andere}
    assert Versand.objects.get(empfaenger=kaputt).ergebnis == "abgewiesen"


def test_a_chunk_queued_twice_while_the_first_copy_holds_it_sends_nothing_twice(welt, mailoutbox):
    personen = _freiwillige(3)
    _taeglich(*personen)
    ids = [p.pk for p in personen]
    # another live task took the rows a moment ago
    zr = digest.zeitraum(TAEGLICH, morgen())
    Versand.objects.bulk_create(
        [
            Versand(
                empfaenger=p,
                art=digest.ART,
                periode=zr.schluessel,
                vergeben_an="anderer-auftrag",
                vergeben_am=timezone.now(),
            )
            for p in personen
        ]
    )

    assert digest_senden(ids, TAEGLICH, morgen().isoformat()) == 0
    assert mailoutbox == []


# --- the mail itself ------------------------------------------------------------------


def test_one_click_in_the_digest_stops_the_next_digest_without_signing_in(welt, mailoutbox):
    _taeglich(welt.hanna)
    _senden()
    mail = _eine_an(mailoutbox, welt.hanna)
    kopf = mail.message()["List-Unsubscribe"]
    assert mail.message()["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert urlparse(kopf[1:-1]).path in mail.body  # the same link in the text

    antwort = Client(enforce_csrf_checks=True).post(
        urlparse(kopf[1:-1]).path,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert antwort.status_code == 200
    assert Einstellung.objects.get(person=welt.hanna).digest == Einstellung.Digest.AUS
    mailoutbox.clear()
    _senden(morgen() + timedelta(days=1))
    assert _an(mailoutbox, welt.hanna) == []


def test_the_digest_has_text_and_a_narrow_html_part_in_the_recipients_language(welt, mailoutbox):
    welt.hanna.sprache = "en"
    welt.hanna.save()
    _taeglich(welt.hanna)

    _senden()

    mail = _eine_an(mailoutbox, welt.hanna)
    assert mail.subject == "Your daily digest"
    assert "Your assignments" in mail.body
    html = _html(mail)
    assert '<html lang="en">' in html
    assert "max-width:36rem" in html  # readable in a narrow mail client
    assert 'name="viewport"' in html


def test_markup_in_a_need_title_is_escaped_in_html(welt, mailoutbox):
    BedarfFactory(unterkunft=welt.unterkunft_b, titel='Kochen & <b onclick="x()">Backen</b>')
    _taeglich(welt.hanna)

    _senden()

    html = _html(_eine_an(mailoutbox, welt.hanna))
    assert "<b onclick" not in html
    assert "Kochen &amp; &lt;b onclick=" in html


# --- cost -------------------------------------------------------------------------------


def _muster(sql: str) -> str:
    sql = re.sub(r"'[^']*'", "?", sql)
    sql = re.sub(r"\b\d+(\.\d+)?\b", "?", sql)
    sql = re.sub(r"VALUES \(.*\)", "VALUES (…)", sql)  # rows of a bulk INSERT
    sql = re.sub(r"\((\?, )*\?\)", "(…)", sql)
    return re.sub(r"\(…\)(, \(…\))+", "(…)", sql)


def _chunk_gezaehlt(welt, anzahl: int):
    """Queries of one chunk of ``anzahl`` volunteers, each with something new."""
    personen = _freiwillige(anzahl, praefix=f"q{anzahl}-")
    for person in personen:
        EinsatzFactory(person=person, bedarf=welt.bedarf_b)
    _taeglich(*personen)
    with CaptureQueriesContext(connection) as abfragen:
        gesendet = digest_senden([p.pk for p in personen], TAEGLICH, morgen().isoformat())
    assert gesendet == anzahl
    return [_muster(q["sql"]) for q in abfragen.captured_queries]


def test_a_chunk_reads_with_the_same_queries_for_10_and_for_100_recipients(welt, mailoutbox):
    """Composing reads a fixed set of queries for the whole chunk. The only statement that
    repeats is the ledger mark, one UPDATE per recipient right after the mail server took
    the mail: it is what lets a chunk cut off mid-way send the rest exactly once."""
    zehn = _chunk_gezaehlt(welt, 10)
    hundert = _chunk_gezaehlt(welt, 100)

    markierung = re.compile(r'UPDATE "benachrichtigungen_versand" SET "erledigt_am"')
    lesen_10 = [q for q in zehn if not markierung.match(q)]
    lesen_100 = [q for q in hundert if not markierung.match(q)]
    print(f"\n{len(lesen_10)} queries besides the marks for 10, {len(lesen_100)} for 100")
    assert Counter(lesen_10) == Counter(lesen_100)
    assert len(zehn) - len(lesen_10) == 10
    assert len(hundert) - len(lesen_100) == 100


# --- operations -------------------------------------------------------------------------


def test_the_command_reports_a_dry_run_and_sends_only_when_asked(welt, mailoutbox, capsys):
    _taeglich(welt.hanna, welt.ek_a)

    call_command("digest_senden", "--tag", morgen().isoformat())
    ausgabe = capsys.readouterr().out
    assert "2 due, 2 with something new" in ausgabe
    assert "dry run" in ausgabe
    assert mailoutbox == [] and not Versand.objects.exists()

    call_command("digest_senden", "--tag", morgen().isoformat(), "--ausfuehren")
    assert {m.to[0] for m in mailoutbox} == {welt.hanna.email, welt.ek_a.email}


def test_an_admin_previews_anyones_digest_as_the_mail_shows_it(welt, client_als, mailoutbox):
    from django.urls import reverse

    seite = client_als(welt.admin).get(
        reverse("benachrichtigungen:vorschau", args=[welt.hanna.pk]) + "?rhythmus=taeglich"
    )

    assert seite.status_code == 200
    assert "Ihre Einsätze" in seite.content.decode()
    # it shows what came in today, as the next morning's digest will
    assert "Deutsch am Abend · Unterkunft Ahornhof" in seite.content.decode()
    assert mailoutbox == [] and not Versand.objects.exists()  # a preview sends nothing
    for persona in ("ek_a", "rk_nord", "hanna"):
        antwort = client_als(getattr(welt, persona)).get(
            reverse("benachrichtigungen:vorschau", args=[welt.hanna.pk])
        )
        assert antwort.status_code == 404


@pytest.mark.parametrize("falsch", ["2026-13-01", "gestern"])
def test_the_command_names_a_wrong_day(welt, falsch):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Not a day"):
        call_command("digest_senden", "--tag", falsch)
