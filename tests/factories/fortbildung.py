"""Training: qualifications and their grants, series, courses, sessions, registrations,
attendance, topic wishes and their votes.

The factories write rows directly: no notices, no waiting list moving up, no grants from
completing a course."""

from datetime import timedelta

import factory
from django.utils import timezone

from fortbildung.models import (
    Anmeldung,
    Anwesenheit,
    Erteilung,
    Kurs,
    Qualifikation,
    Reihe,
    Sitzung,
    Stufe,
    Themenwunsch,
    Wunschstimme,
    Zielgruppe,
)

from .konten import UserFactory


class QualifikationFactory(factory.django.DjangoModelFactory):
    """A qualification valid without limit."""

    class Meta:
        model = Qualifikation

    name = factory.Sequence(lambda n: f"Qualifikation {n}")


class ErteilungFactory(factory.django.DjangoModelFactory):
    """A qualification granted by hand today, valid without limit."""

    class Meta:
        model = Erteilung

    person = factory.SubFactory(UserFactory)
    qualifikation = factory.SubFactory(QualifikationFactory)


class ReiheFactory(factory.django.DjangoModelFactory):
    """A training series of this year, open to everyone."""

    class Meta:
        model = Reihe

    titel = factory.Sequence(lambda n: f"Reihe {n}")
    stufe = Stufe.OFFEN
    jahr = factory.LazyFunction(lambda: timezone.localdate().year)
    zielgruppe = Zielgruppe.ALLE


class KursFactory(factory.django.DjangoModelFactory):
    """A published course of ten seats, registration open since yesterday for five more
    days, without sessions (``fortbildungskurs`` makes a course with its sessions)."""

    class Meta:
        model = Kurs

    reihe = factory.SubFactory(ReiheFactory)
    titel = factory.Sequence(lambda n: f"Kurs {n}")
    plaetze = 10
    anmeldung_ab = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    anmeldung_bis = factory.LazyFunction(lambda: timezone.now() + timedelta(days=5))
    abmeldung_bis = factory.LazyFunction(lambda: timezone.now() + timedelta(days=3))


class SitzungFactory(factory.django.DjangoModelFactory):
    """A session of two hours in ten days."""

    class Meta:
        model = Sitzung

    kurs = factory.SubFactory(KursFactory)
    beginn = factory.LazyFunction(lambda: timezone.now() + timedelta(days=10))
    ende = factory.LazyAttribute(lambda sitzung: sitzung.beginn + timedelta(hours=2))
    ort = "Raum 1"


class AnmeldungFactory(factory.django.DjangoModelFactory):
    """A taken seat in a course (``status="wartend"``: a place on its waiting list)."""

    class Meta:
        model = Anmeldung

    kurs = factory.SubFactory(KursFactory)
    person = factory.SubFactory(UserFactory)
    status = Anmeldung.Status.ANGEMELDET


class AnwesenheitFactory(factory.django.DjangoModelFactory):
    """A registered person's presence at a session of their course."""

    class Meta:
        model = Anwesenheit

    sitzung = factory.SubFactory(SitzungFactory)
    anmeldung = factory.SubFactory(AnmeldungFactory, kurs=factory.SelfAttribute("..sitzung.kurs"))


class ThemenwunschFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Themenwunsch

    titel = factory.Sequence(lambda n: f"Themenwunsch {n}")


class WunschstimmeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Wunschstimme

    wunsch = factory.SubFactory(ThemenwunschFactory)
    person = factory.SubFactory(UserFactory)


def fortbildungskurs(
    reihe, titel="Kurs", plaetze=10, sitzungen=1, erste_in=timedelta(days=10), jetzt=None, **daten
):
    """A published course with registration open at ``jetzt`` (default: now) and
    ``sitzungen`` daily sessions of two hours, the first ``erste_in`` after ``jetzt``; rows
    are written directly (no notices)."""
    jetzt = jetzt or timezone.now()
    beginn = jetzt + erste_in
    daten = {
        "anmeldung_ab": jetzt - timedelta(days=1),
        "anmeldung_bis": min(beginn, jetzt + timedelta(days=5)),
        "abmeldung_bis": min(beginn, jetzt + timedelta(days=3)),
        **daten,
    }
    kurs = KursFactory(reihe=reihe, titel=titel, plaetze=plaetze, **daten)
    Sitzung.objects.bulk_create(
        [
            Sitzung(
                kurs=kurs,
                beginn=beginn + timedelta(days=tag),
                ende=beginn + timedelta(days=tag, hours=2),
                ort="Raum 1",
            )
            for tag in range(sitzungen)
        ]
    )
    return kurs
