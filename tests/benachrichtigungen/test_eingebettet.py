"""Without Redis (the embedded mode of ``make run``) the platform's own schedule still
delivers digests, reminders and notices, in-process, to the configured mail backend."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from benachrichtigungen.models import Einstellung
from common.embedded import EmbeddedBeat
from common.notices import notice_write
from tests.factories import EinstellungFactory

# the scheduler closes stale connections around each job, as a long-running server must
pytestmark = pytest.mark.django_db(transaction=True)


def test_the_embedded_scheduler_sends_digests_reminders_and_notices(welt, mailoutbox):
    EinstellungFactory(person=welt.hanna, digest=Einstellung.Digest.TAEGLICH)
    morgen = timezone.make_aware(datetime.combine(timezone.localdate(), time(10)))
    morgen += timedelta(days=1)
    welt.termin_nord.beginn, welt.termin_nord.ende = morgen, morgen + timedelta(hours=2)
    welt.termin_nord.save()
    notice_write(welt.bea, "bewerbung_angenommen", welt.bewerbung_a, titel="Deutsch am Abend")

    takt = EmbeddedBeat()  # the schedule of config/settings.py
    for name in takt.last_run:
        takt.last_run[name] = timezone.now() - timedelta(days=2)
    gelaufen = takt.run_due()

    assert {"digests", "erinnerungen", "notices-zustellen"} <= set(gelaufen)
    betreffe = {(mail.to[0], mail.subject) for mail in mailoutbox}
    assert ("hanna@test.invalid", "Ihre Zusammenfassung des Tages") in betreffe
    assert ("ek-a@test.invalid", "Morgen: Jour fixe Nord") in betreffe
    assert ("bea@test.invalid", "Ihre Bewerbung ist angenommen: Deutsch am Abend") in betreffe
