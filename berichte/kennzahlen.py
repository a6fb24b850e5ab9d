"""The figures of a region report, computed in SQL aggregates.

A report has columns: areas of the region tree, each given as the ids of its regions (a
region and everything below it), or ``None`` for the whole platform. Every figure is read
for all columns in one aggregate query (``common.aggregate.je_bereich``), so the number of
queries is fixed however many regions are compared. The results are raw counts; the rule
that hides small numbers of people is applied when they are shown (``schutz.py``).
"""

from statistics import median

from django.db.models import Count, Exists, F, Max, OuterRef, Q, Sum
from django.utils import timezone

from common.aggregate import je_bereich
from fortbildung.models import Anmeldung
from freiwillige.models import Einsatz, Stundeneintrag
from netzwerk.models import Mitgliedschaft, Veranstaltung
from regionen.models import Region, Teilnahme, Termin
from unterkuenfte.models import Bedarf, Unterkunft, UnterkunftUserObjectPermission
from unterkuenfte.permissions import KOORDINIEREN

#: the figures that count people: shown as "< 5" below the threshold (schutz.py)
PERSONEN = (
    "freiwillige_aktiv",
    "freiwillige_neu",
    "einsaetze",
    "anmeldungen",
    "abschluesse",
    "warteliste",
)


def teilbaum(region) -> list[int]:
    """Ids of a region and every region below it."""
    return list(Region.objects.filter(pfad__startswith=region.pfad).values_list("pk", flat=True))


def _im(feld: str, ids) -> Q:
    """Rows whose ``feld`` (a region id) lies in the area; everything for the platform."""
    return Q() if ids is None else Q(**{f"{feld}__in": ids})


def _bereiche(bereiche: dict, feld: str) -> dict:
    return {key: _im(feld, ids) for key, ids in bereiche.items()}


def _in_betrieb(periode) -> Q:
    """Shelters in operation at some time in the period."""
    begonnen = Q(in_betrieb_seit__isnull=True) | Q(in_betrieb_seit__lt=periode.bis)
    offen = Q(schliessung_am__isnull=True) & ~Q(status=Unterkunft.Status.GESCHLOSSEN)
    return begonnen & (offen | Q(schliessung_am__gte=periode.von))


def _unterkuenfte(bereiche, periode) -> dict:
    return je_bereich(
        Unterkunft.objects.filter(_in_betrieb(periode)),
        _bereiche(bereiche, "region_id"),
        unterkuenfte=lambda hier: Count("pk", filter=hier),
        kapazitaet=lambda hier: Sum("kapazitaet", filter=hier),
        belegung=lambda hier: Sum("belegung", filter=hier),
    )


def _laufend(periode):
    """Assignments running at some time in the period."""
    return Einsatz.objects.filter(beginn__lt=periode.bis).filter(
        Q(ende__isnull=True) | Q(ende__gte=periode.von)
    )


def _freiwillige(bereiche, periode) -> dict:
    frueher = Einsatz.objects.filter(person=OuterRef("person"), beginn__lt=periode.von)
    # new: the person's first assignment anywhere began in the period
    neu = Q(beginn__gte=periode.von) & ~Q(Exists(frueher))
    return je_bereich(
        _laufend(periode),
        _bereiche(bereiche, "bedarf__region_id"),
        freiwillige_aktiv=lambda hier: Count("person", distinct=True, filter=hier),
        freiwillige_neu=lambda hier: Count("person", distinct=True, filter=hier & neu),
        einsaetze=lambda hier: Count("pk", filter=hier),
    )


def _je_feld(bereiche, periode) -> dict:
    """Per column, the running assignments per field of activity (one grouped query)."""
    flaechen = _bereiche(bereiche, "bedarf__region_id")
    zeilen = (
        _laufend(periode)
        .values("bedarf__taetigkeitsfeld__name")
        .annotate(
            **{
                f"n{nummer}": Count("pk", filter=hier)
                for nummer, hier in enumerate(flaechen.values())
            }
        )
        .order_by("bedarf__taetigkeitsfeld__name")
    )
    ergebnis = {key: {} for key in bereiche}
    for zeile in zeilen:
        for nummer, key in enumerate(bereiche):
            if zeile[f"n{nummer}"]:
                ergebnis[key][zeile["bedarf__taetigkeitsfeld__name"]] = zeile[f"n{nummer}"]
    return {key: {"je_feld": felder} for key, felder in ergebnis.items()}


def _stunden(bereiche, periode) -> dict:
    werte = je_bereich(
        Stundeneintrag.objects.filter(
            bestaetigt_am__isnull=False, datum__gte=periode.von, datum__lt=periode.bis
        ),
        _bereiche(bereiche, "einsatz__bedarf__region_id"),
        stunden=lambda hier: Sum("stunden", filter=hier),
        # how many people the hours belong to: a sum of fewer than 5 is hidden like a count
        stunden_personen=lambda hier: Count("einsatz__person", distinct=True, filter=hier),
    )
    for zahlen in werte.values():
        zahlen["stunden"] = float(zahlen["stunden"])
    return werte


def _bedarfe(bereiche, periode) -> dict:
    werte = je_bereich(
        Bedarf.objects.filter(created_at__lt=periode.ende),
        _bereiche(bereiche, "region_id"),
        bedarfe_neu=lambda hier: Count("pk", filter=hier & Q(created_at__gte=periode.beginn)),
        bedarfe_offen=lambda hier: Count("pk", filter=hier & Q(status=Bedarf.Status.OFFEN)),
    )
    # days from posting to the acceptance that filled the last place, for needs filled in
    # the period: a few thousand pairs of numbers at most, the median taken here
    besetzt = (
        Bedarf.objects.filter(anzahl_besetzt__gte=F("anzahl_helfende"), anzahl_besetzt__gt=0)
        .annotate(besetzt_am=Max("einsaetze__created_at"))
        .filter(besetzt_am__gte=periode.beginn, besetzt_am__lt=periode.ende)
        .values_list("region_id", "created_at", "besetzt_am")
    )
    dauer = [(region_id, (am - seit).total_seconds() / 86400) for region_id, seit, am in besetzt]
    for key, ids in bereiche.items():
        im_bereich = None if ids is None else set(ids)
        tage = [t for region_id, t in dauer if im_bereich is None or region_id in im_bereich]
        werte[key]["median_tage_bis_besetzt"] = round(median(tage), 1) if tage else None
    return werte


def _jourfixe(bereiche, periode) -> dict:
    bis = min(periode.ende, timezone.now())  # held: a meeting still to come is not counted
    gehalten = Termin.objects.filter(
        status=Termin.Status.GEPLANT, beginn__gte=periode.beginn, beginn__lt=bis
    )
    werte = je_bereich(
        gehalten,
        _bereiche(bereiche, "serie__region_id"),
        jourfixe=lambda hier: Count("pk", filter=hier),
    )

    def vertreten(ids):
        """A shelter is represented when one of its coordinators attended a meeting of the
        area in the period."""
        dabei = Teilnahme.objects.filter(
            person=OuterRef("user"),
            anwesend=True,
            termin__in=gehalten.filter(_im("serie__region_id", ids)),
        )
        return Q(Exists(dabei)) & _im("content_object__region_id", ids)

    vertretung = je_bereich(
        UnterkunftUserObjectPermission.objects.filter(
            permission__codename=KOORDINIEREN,
            content_object__in=Unterkunft.objects.filter(_in_betrieb(periode)),
        ),
        {key: vertreten(ids) for key, ids in bereiche.items()},
        vertretene_unterkuenfte=lambda hier: Count("content_object", distinct=True, filter=hier),
    )
    for key in werte:
        werte[key].update(vertretung[key])
    return werte


def _aus_der_region(ids) -> Q:
    """Registrations of people of the area: coordinators of its shelters, and volunteers
    living there."""
    if ids is None:
        return Q()
    koordiniert = UnterkunftUserObjectPermission.objects.filter(
        user=OuterRef("person"),
        permission__codename=KOORDINIEREN,
        content_object__region_id__in=ids,
    )
    return Q(Exists(koordiniert)) | Q(person__profil__heimatbezirk__region_id__in=ids)


def _fortbildung(bereiche, periode) -> dict:
    im_zeitraum = Q(created_at__gte=periode.beginn, created_at__lt=periode.ende)
    abgeschlossen = Q(abgeschlossen_am__gte=periode.beginn, abgeschlossen_am__lt=periode.ende)
    wartend = Q(status=Anmeldung.Status.WARTEND, created_at__lt=periode.ende)
    return je_bereich(
        Anmeldung.objects.all(),
        {key: _aus_der_region(ids) for key, ids in bereiche.items()},
        anmeldungen=lambda hier: Count("pk", filter=hier & im_zeitraum),
        abschluesse=lambda hier: Count("pk", filter=hier & abgeschlossen),
        warteliste=lambda hier: Count("pk", filter=hier & wartend),
    )


def _netzwerk(bereiche, periode) -> dict:
    werte = je_bereich(
        Mitgliedschaft.objects.filter(organisation__isnull=False),
        _bereiche(bereiche, "verteiler__region_id"),
        organisationen_aktiv=lambda hier: Count(
            "organisation", distinct=True, filter=hier & Q(status=Mitgliedschaft.Status.AKTIV)
        ),
        organisationen_inaktiv=lambda hier: Count(
            "organisation", distinct=True, filter=hier & Q(status=Mitgliedschaft.Status.INAKTIV)
        ),
    )
    veranstaltungen = je_bereich(
        Veranstaltung.objects.filter(
            veroeffentlicht=True,
            abgesagt=False,
            beginn__gte=periode.beginn,
            beginn__lt=min(periode.ende, timezone.now()),
        ),
        {
            key: Q() if ids is None else Q(region_id__in=ids) | Q(bezirk__region_id__in=ids)
            for key, ids in bereiche.items()
        },
        veranstaltungen=lambda hier: Count("pk", filter=hier),
    )
    for key in werte:
        werte[key].update(veranstaltungen[key])
    return werte


TEILE = (
    _unterkuenfte,
    _freiwillige,
    _je_feld,
    _stunden,
    _bedarfe,
    _jourfixe,
    _fortbildung,
    _netzwerk,
)


def berechnen(bereiche: dict, periode) -> dict:
    """``{key: figures}`` for each area of ``bereiche`` (key → region ids, or None for the
    whole platform) in ``periode``: a fixed number of queries for any number of areas."""
    ergebnis = {key: {} for key in bereiche}
    for teil in TEILE:
        for key, zahlen in teil(bereiche, periode).items():
            ergebnis[key].update(zahlen)
    return ergebnis
