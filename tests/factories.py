from datetime import timedelta

import factory
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from fortbildung.models import Anmeldung, Reihe, Stufe, Zielgruppe
from freiwillige.models import Bewerbung, Einsatz
from konten.models import User
from netzwerk.models import Organisation
from regionen.models import Bezirk, Region
from unterkuenfte.models import Bedarf, Taetigkeitsfeld, Unterkunft, Unterkunftsart

PASSWORT = "Sehr-geheimes-Testpasswort-1"
# Hashing once keeps factories fast; every test account shares this password.
_PASSWORT_HASH = make_password(PASSWORT)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["email"]

    email = factory.Sequence(lambda n: f"person{n}@test.invalid")
    anzeigename = factory.Faker("name", locale="de_DE")
    password = _PASSWORT_HASH


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region

    name = factory.Sequence(lambda n: f"Region {n}")
    slug = factory.Sequence(lambda n: f"region-{n}")
    art = Region.Art.REGION


class BezirkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bezirk

    name = factory.Sequence(lambda n: f"Bezirk {n}")
    slug = factory.Sequence(lambda n: f"bezirk-{n}")
    region = factory.SubFactory(RegionFactory)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Träger {n}")


class UnterkunftFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unterkunft

    name = factory.Sequence(lambda n: f"Unterkunft {n}")
    betreiber = factory.SubFactory(OrganisationFactory)
    bezirk = factory.SubFactory(BezirkFactory)
    region = factory.SelfAttribute("bezirk.region")
    art = factory.LazyFunction(lambda: Unterkunftsart.objects.get(slug="gemeinschaftsunterkunft"))
    kapazitaet = 200
    belegung = 150
    strasse = factory.Sequence(lambda n: f"Teststraße {n}")
    plz = "10115"


class BedarfFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bedarf
        skip_postgeneration_save = True

    unterkunft = factory.SubFactory(UnterkunftFactory)
    titel = factory.Sequence(lambda n: f"Bedarf {n}")
    taetigkeitsfeld = factory.LazyFunction(lambda: Taetigkeitsfeld.objects.get(slug="deutschkurs"))
    anzahl_helfende = 2

    @factory.post_generation
    def zeitfenster(self, create, extracted, **kwargs):
        from datetime import time

        if create and not self.einmalig_am:
            self.zeitfenster.create(wochentag=2, von=time(16), bis=time(18))


class BewerbungFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bewerbung

    bedarf = factory.SubFactory(BedarfFactory)
    person = factory.SubFactory(UserFactory)


class EinsatzFactory(factory.django.DjangoModelFactory):
    """An assignment as accepting an application leaves it: the accepted application of the
    same person to the same need, at the need's shelter or organisation."""

    class Meta:
        model = Einsatz

    person = factory.SubFactory(UserFactory)
    bedarf = factory.SubFactory(BedarfFactory)
    bewerbung = factory.SubFactory(
        BewerbungFactory,
        person=factory.SelfAttribute("..person"),
        bedarf=factory.SelfAttribute("..bedarf"),
        status=Bewerbung.Status.ANGENOMMEN,
    )
    unterkunft = factory.SelfAttribute("bedarf.unterkunft")
    organisation = factory.SelfAttribute("bedarf.organisation")


class ReiheFactory(factory.django.DjangoModelFactory):
    """A training series of this year, open to everyone."""

    class Meta:
        model = Reihe

    titel = factory.Sequence(lambda n: f"Reihe {n}")
    stufe = Stufe.OFFEN
    jahr = factory.LazyFunction(lambda: timezone.localdate().year)
    zielgruppe = Zielgruppe.ALLE


class AnmeldungFactory(factory.django.DjangoModelFactory):
    """A taken seat in a course (``status="wartend"``: a place on its waiting list)."""

    class Meta:
        model = Anmeldung

    person = factory.SubFactory(UserFactory)
    status = Anmeldung.Status.ANGEMELDET


def freiwillige_bereit(user, sprachen=(), zeiten=((2, 16, 18),), **profil):
    """Makes ``user`` a volunteer ready to apply: role, profile, declarations accepted.

    ``sprachen`` are (ISO code, level) pairs, ``zeiten`` (weekday, from hour, until hour).
    """
    from datetime import time

    from common.models import Sprache
    from freiwillige.erklaerungen import aktuelle_erklaerungen
    from freiwillige.models import Profil, Zustimmung
    from konten import roles

    roles.rolle("freiwillige").grant(user)
    eintrag, _neu = Profil.objects.update_or_create(person=user, defaults=profil)
    for code, niveau in sprachen:
        eintrag.sprachkenntnisse.create(sprache=Sprache.objects.get(code=code), niveau=niveau)
    for tag, von, bis in zeiten:
        eintrag.verfuegbarkeiten.create(wochentag=tag, von=time(von), bis=time(bis))
    for erklaerung in aktuelle_erklaerungen():
        Zustimmung.objects.get_or_create(person=user, erklaerung=erklaerung)
    return eintrag


def fuehrungszeugnis_vermerken(person, ausgestellt, von=None):
    """A police clearance issued on ``ausgestellt`` and inspected five days later."""

    from freiwillige.models import Nachweis
    from unterkuenfte.models import Anforderungsart

    return Nachweis.objects.create(
        person=person,
        art=Anforderungsart.objects.get(slug="fuehrungszeugnis"),
        ausgestellt_am=ausgestellt,
        eingesehen_am=ausgestellt + timedelta(days=5),
        eingesehen_von=von,
    )


def jourfixe_serie(
    welt, regel="FREQ=MONTHLY;BYDAY=2WE", frist=3, region=None, akteur=None, jetzt=None, **daten
):
    """A jour fixe (of Nord unless ``region`` says otherwise) created through the service,
    as its regional coordination would: its Termine for the coming months exist, its circle
    is the region's shelter coordinators.

    Unless ``erster_tag`` is given, the series starts the day after its first Termin's topic
    deadline could still lie before ``jetzt`` (default: now), so topics and votes are open on
    it at any moment of the month.
    """
    from datetime import time

    from django.utils import timezone

    from regionen import services
    from regionen.models import JourFixeSerie

    heute = timezone.localtime(jetzt).date()
    serie = JourFixeSerie(
        region=region or welt.nord,
        titel=daten.pop("titel", "Jour fixe Pankow"),
        regel=regel,
        erster_tag=daten.pop("erster_tag", heute + timedelta(days=frist + 1)),
        beginn=time(10),
        ende=daten.pop("ende", time(12)),
        ort="Rathaus Pankow",
        kreis="ehrenamtskoordination",
        themenfrist_tage=frist,
        **daten,
    )
    return services.serie_anlegen(serie, akteur or welt.rk_nord)


def termin_heute(welt):
    """The first Termin of a new series, moved to an hour from now: topics and votes are
    still open (deadline 0 days before), attendance and minutes are possible (its day).

    The test must leave that hour inside its day: ``@pytest.mark.uhr(uhrzeit="10:00")``.
    """
    from django.utils import timezone

    from regionen import services

    termin = jourfixe_serie(welt, frist=0).termine.order_by("beginn").first()
    beginn = timezone.now() + timedelta(hours=1)
    assert timezone.localtime(beginn).date() == timezone.localdate(), (
        "termin_heute needs a test clock before 23:00 in Berlin: mark the test "
        '@pytest.mark.uhr(uhrzeit="10:00")'
    )
    services.termin_verschieben(termin, welt.rk_nord, beginn, beginn + timedelta(hours=1))
    termin.refresh_from_db()
    return termin


def fortbildungskurs(
    reihe, titel="Kurs", plaetze=10, sitzungen=1, erste_in=timedelta(days=10), jetzt=None, **daten
):
    """A published course with registration open at ``jetzt`` (default: now) and
    ``sitzungen`` daily sessions of two hours, the first ``erste_in`` after ``jetzt``; rows
    are written directly (no notices)."""
    from django.utils import timezone

    from fortbildung.models import Kurs, Sitzung

    jetzt = jetzt or timezone.now()
    beginn = jetzt + erste_in
    daten = {
        "anmeldung_ab": jetzt - timedelta(days=1),
        "anmeldung_bis": min(beginn, jetzt + timedelta(days=5)),
        "abmeldung_bis": min(beginn, jetzt + timedelta(days=3)),
        **daten,
    }
    kurs = Kurs.objects.create(reihe=reihe, titel=titel, plaetze=plaetze, **daten)
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
