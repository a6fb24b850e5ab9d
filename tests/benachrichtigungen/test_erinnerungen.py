"""Reminders: a meeting or session tomorrow, a check due in 30 days, an action item due in
three days. Written once per day and person, however often the daily job runs."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from benachrichtigungen.models import Einstellung, einstellung_von
from benachrichtigungen.tasks import erinnerungen_schreiben
from common.models import Notice
from regionen.models import Teilnahme
from tests.factories import AnmeldungFactory, NachweisFactory, TeilnahmeFactory, fortbildungskurs


def heute():
    return timezone.localdate()


def morgen_um_10():
    return timezone.make_aware(datetime.combine(heute() + timedelta(days=1), time(10)))


def _an(mailoutbox, person):
    return [mail for mail in mailoutbox if mail.to == [person.email]]


def _termin_morgen(welt):
    termin = welt.termin_nord
    termin.beginn, termin.ende = morgen_um_10(), morgen_um_10() + timedelta(hours=2)
    termin.save()
    return termin


def test_the_invited_circle_is_reminded_of_tomorrows_jour_fixe_once(welt, mailoutbox):
    _termin_morgen(welt)

    erinnerungen_schreiben(heute().isoformat())
    erinnerungen_schreiben(heute().isoformat())  # the job runs again: nothing twice

    [mail] = _an(mailoutbox, welt.ek_a)
    assert mail.subject == "Morgen: Jour fixe Nord"
    assert "Erinnerung: Morgen" in mail.body and "10:00" in mail.body
    assert f"/regionen/jourfixe/termine/{welt.termin_nord.pk}/" in mail.body
    assert _an(mailoutbox, welt.ek_b) == []  # Südost's coordination is not invited
    assert Notice.objects.filter(art="erinnerung_termin").count() == 1


def test_who_declined_or_switched_jours_fixes_off_is_not_reminded(welt, mailoutbox):
    termin = _termin_morgen(welt)
    TeilnahmeFactory(termin=termin, person=welt.ek_a, antwort=Teilnahme.Antwort.NEIN)

    erinnerungen_schreiben(heute().isoformat())
    assert _an(mailoutbox, welt.ek_a) == []

    Teilnahme.objects.all().delete()
    Notice.objects.all().delete()
    einstellung = einstellung_von(welt.ek_a)
    einstellung.abbestellt = ["jourfixe"]
    einstellung.save()
    erinnerungen_schreiben(heute().isoformat())
    assert _an(mailoutbox, welt.ek_a) == []
    assert Notice.objects.get(art="erinnerung_termin").ergebnis == "abbestellt"


def test_a_cancelled_meeting_is_not_recalled(welt, mailoutbox):
    termin = _termin_morgen(welt)
    termin.status = termin.Status.ABGESAGT
    termin.save()

    erinnerungen_schreiben(heute().isoformat())

    assert not Notice.objects.filter(art="erinnerung_termin").exists()


def test_participants_with_a_seat_are_reminded_of_tomorrows_session(welt, mailoutbox):
    kurs = fortbildungskurs(
        welt.reihe_basis, "Moderation", plaetze=1, erste_in=morgen_um_10() - timezone.now()
    )
    AnmeldungFactory(kurs=kurs, person=welt.ek_b)
    AnmeldungFactory(kurs=kurs, person=welt.rk_nord, status="wartend")

    erinnerungen_schreiben(heute().isoformat())

    [mail] = _an(mailoutbox, welt.ek_b)
    assert mail.subject == "Morgen: Moderation"
    assert "Raum 1" in mail.body
    assert _an(mailoutbox, welt.rk_nord) == []  # waiting, no seat


def test_a_volunteer_is_reminded_thirty_days_before_a_check_falls_due(welt, mailoutbox):
    from freiwillige.models import Nachweis
    from unterkuenfte.models import Anforderungsart

    art = Anforderungsart.objects.get(slug="masernschutz")
    alt = NachweisFactory(person=welt.hanna, art=art)
    neu = NachweisFactory(person=welt.bea, art=art)
    Nachweis.objects.filter(pk__in=[alt.pk, neu.pk]).update(faellig_am=heute() + timedelta(days=30))
    # Hanna's check was renewed since: the newer record counts, nothing is due
    NachweisFactory(person=welt.hanna, art=art)

    erinnerungen_schreiben(heute().isoformat())
    erinnerungen_schreiben(heute().isoformat())

    [mail] = _an(mailoutbox, welt.bea)
    assert mail.subject == "Nachweis bald erneut vorlegen: Masernschutz"
    assert _an(mailoutbox, welt.hanna) == []


def test_the_owner_is_reminded_three_days_before_an_action_item_is_due(welt, mailoutbox):
    aufgabe = welt.aufgabe_nord
    aufgabe.faellig_am = heute() + timedelta(days=3)
    aufgabe.save()

    erinnerungen_schreiben(heute().isoformat())

    [mail] = _an(mailoutbox, welt.ek_a)
    assert mail.subject.startswith("Aufgabe fällig am")
    assert "Aufgabe-Nord-vertraulich" in mail.body
    assert [m for m in mailoutbox if "Aufgabe-Nord-vertraulich" in m.body] == [mail]


def test_reminders_follow_the_digest_preference_off_switch_only_for_digests(welt, mailoutbox):
    """Switching the digest off leaves reminders alone: they are immediate notices."""
    einstellung = einstellung_von(welt.ek_a)
    einstellung.digest = Einstellung.Digest.AUS
    einstellung.save()
    _termin_morgen(welt)

    erinnerungen_schreiben(heute().isoformat())

    assert len(_an(mailoutbox, welt.ek_a)) == 1
