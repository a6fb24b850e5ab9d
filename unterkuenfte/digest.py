"""Digest sections of the shelters' coordination (and of organisations calling for
helpers): needs that stay open too long; and of the regional coordination: the week of its
regions in figures."""

from datetime import timedelta

from django.db.models import Count, OuterRef, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from common.aggregate import je_bereich, subquery_anzahl
from common.digest import Abschnitt, Eintrag, absolut, gruppiert, je_chunk
from common.scoping import grant_rows, grants_by_user
from konten.models import User
from netzwerk.models import Organisation
from netzwerk.permissions import VERTRETEN
from regionen.models import Aufgabe, Region, Teilnahme, Termin
from regionen.permissions import KOORDINIEREN as REGION_KOORDINIEREN

from .models import BEDARF_OFFEN, Bedarf, Unterkunft, fuellgrad
from .permissions import KOORDINIEREN
from .uebersicht import NICHT_GESEHEN_TAGE

#: a need open this long without every place taken is named in the digest
LANGE_OFFEN_TAGE = 14


@je_chunk
def koordiniert(personen) -> tuple[dict, dict]:
    """Per person id, the shelters they coordinate and the organisations they represent
    (two queries for the whole chunk)."""
    ids = [p.pk for p in personen]
    return (
        grants_by_user(Unterkunft, ids, KOORDINIEREN),
        grants_by_user(Organisation, ids, VERTRETEN),
    )


def poster_schluessel(bedarf):
    return ("u", bedarf.unterkunft_id) if bedarf.unterkunft_id else ("o", bedarf.organisation_id)


def bei_postern(koordination, pfad: str = ""):
    """A filter for rows of every shelter and organisation of a ``koordiniert()`` result
    (``pfad``: the way from the row to its ``unterkunft``/``organisation``, e.g.
    ``"bedarf__"``); None where the chunk coordinates nothing."""
    unterkuenfte, organisationen = koordination
    alle_u = {pk for liste in unterkuenfte.values() for pk in liste}
    alle_o = {pk for liste in organisationen.values() for pk in liste}
    if not alle_u and not alle_o:
        return None
    return Q(**{f"{pfad}unterkunft_id__in": alle_u}) | Q(**{f"{pfad}organisation_id__in": alle_o})


def fuer_koordination(personen, koordination, zeilen, schluessel) -> dict:
    """Hands rows of shelters and organisations to the persons who coordinate them;
    ``schluessel(row)`` names the row's poster as ``("u", id)`` or ``("o", id)``."""
    unterkuenfte, organisationen = koordination
    je_poster = gruppiert((schluessel(z), z) for z in zeilen)
    ergebnis = {}
    for person in personen:
        eigene = [("u", pk) for pk in sorted(unterkuenfte.get(person.pk, ()))] + [
            ("o", pk) for pk in sorted(organisationen.get(person.pk, ()))
        ]
        treffer = [z for poster in eigene for z in je_poster.get(poster, [])]
        if treffer:
            ergebnis[person.pk] = treffer
    return ergebnis


def lange_offene_bedarfe(personen, zeitraum) -> dict:
    grenze = zeitraum.bis - timedelta(days=LANGE_OFFEN_TAGE)
    koordination = koordiniert(personen)
    if (eigene := bei_postern(koordination)) is None:
        return {}
    bedarfe = list(
        Bedarf.objects.offen()
        .filter(eigene, created_at__lt=grenze)
        .select_related("unterkunft", "organisation")
        .order_by("created_at")
    )
    ergebnis = {}
    zugeteilt = fuer_koordination(personen, koordination, bedarfe, poster_schluessel)
    for person_id, zeilen in zugeteilt.items():
        ergebnis[person_id] = [
            Abschnitt(
                _("Seit über zwei Wochen offen"),
                [
                    Eintrag(
                        b.titel,
                        absolut(b.get_absolute_url()),
                        _("%(anbieter)s · %(besetzt)s von %(gesucht)s besetzt")
                        % {
                            "anbieter": b.anbieter.name,
                            "besetzt": b.anzahl_besetzt,
                            "gesucht": b.anzahl_helfende,
                        },
                    )
                    for b in zeilen
                ],
            )
        ]
    return ergebnis


# --- the regional coordination -----------------------------------------------------------------


def _je_region(queryset, regionen, pfad_feld: str, **kennzahlen) -> dict:
    """``{region id: {name: value}}``: every figure for every region in one aggregate
    query. A figure is a function of the region's filter (the rows at or below it)."""
    bereiche = {r.pk: Q(**{f"{pfad_feld}__startswith": r.pfad}) for r in regionen}
    return je_bereich(queryset, bereiche, **kennzahlen)


def _bedarfszahlen(regionen, zeitraum) -> dict:
    neu = Q(created_at__gte=zeitraum.von, created_at__lt=zeitraum.bis)
    # a need filled or closed in the period was last changed in it
    erledigt = Q(updated_at__gte=zeitraum.von, updated_at__lt=zeitraum.bis) & Q(
        status__in=[Bedarf.Status.BESETZT, Bedarf.Status.GESCHLOSSEN]
    )
    offen = BEDARF_OFFEN
    return _je_region(
        Bedarf.objects.all(),
        regionen,
        "region__pfad",
        neu=lambda hier: Count("pk", filter=hier & neu),
        erledigt=lambda hier: Count("pk", filter=hier & erledigt),
        gesucht=lambda hier: Sum("anzahl_helfende", filter=hier & offen),
        besetzt=lambda hier: Sum("anzahl_besetzt", filter=hier & offen),
    )


def _nicht_gesehen(regionen, zeitraum) -> dict:
    """Per region id, the active coordinators of its open shelters without a login for
    NICHT_GESEHEN_TAGE (one query)."""
    grenze = zeitraum.bis - timedelta(days=NICHT_GESEHEN_TAGE)
    lange_nicht = User.objects.filter(Q(last_login__lt=grenze) | Q(last_login=None), is_active=True)
    offen = Unterkunft.objects.exclude(status=Unterkunft.Status.GESCHLOSSEN).filter(
        region__in=Region.objects.subtree_of({r.pfad for r in regionen})
    )
    zeilen = list(
        grant_rows(
            Unterkunft,
            KOORDINIEREN,
            personen=lange_nicht,
            objekte=offen,
            felder=("content_object__region__pfad",),
        )
    )
    return {
        region.pk: {
            "anzahl": len({person for person, _u, pfad in zeilen if pfad.startswith(region.pfad)})
        }
        for region in regionen
    }


def _aufgaben(regionen, zeitraum) -> dict:
    return _je_region(
        Aufgabe.objects.filter(status=Aufgabe.Status.OFFEN),
        regionen,
        "termin__serie__region__pfad",
        offen=lambda hier: Count("pk", filter=hier),
        ueberfaellig=lambda hier: Count("pk", filter=hier & Q(faellig_am__lt=zeitraum.stichtag)),
    )


def _naechste_termine(regionen, zeitraum) -> dict:
    """Per region id, its next meeting with the answers so far (one query)."""
    antworten = Teilnahme.objects.filter(termin=OuterRef("pk"))
    naechste = {}
    for termin in (
        Termin.objects.filter(
            serie__region__in=regionen,
            status=Termin.Status.GEPLANT,
            beginn__gte=zeitraum.bis,
            beginn__lt=zeitraum.bis + timedelta(days=31),
        )
        .annotate(
            zusagen=subquery_anzahl(antworten.filter(antwort=Teilnahme.Antwort.JA)),
            vielleicht=subquery_anzahl(antworten.filter(antwort=Teilnahme.Antwort.VIELLEICHT)),
            absagen=subquery_anzahl(antworten.filter(antwort=Teilnahme.Antwort.NEIN)),
        )
        .select_related("serie")
        .order_by("beginn")
    ):
        naechste.setdefault(termin.serie.region_id, termin)
    return naechste


def _zusammenfassung(region, zahlen, termin) -> list[Eintrag]:
    link = absolut(reverse("regionen:detail", args=[region.pk]))
    bedarfe = zahlen["bedarfe"]
    prozent = fuellgrad(bedarfe["besetzt"], bedarfe["gesucht"])
    eintraege = [
        Eintrag(
            _("%(neu)s neue Bedarfe, %(erledigt)s besetzt oder geschlossen")
            % {"neu": bedarfe["neu"], "erledigt": bedarfe["erledigt"]},
            link,
            _("Füllgrad der offenen Bedarfe: %(prozent)s %%") % {"prozent": prozent}
            if prozent is not None
            else _("keine offenen Bedarfe"),
        )
    ]
    if zahlen["nicht_gesehen"]["anzahl"]:
        eintraege.append(
            Eintrag(
                _("%(anzahl)s Ehrenamtskoordinationen seit %(tage)s Tagen nicht angemeldet")
                % {"anzahl": zahlen["nicht_gesehen"]["anzahl"], "tage": NICHT_GESEHEN_TAGE},
                link,
            )
        )
    if termin:
        eintraege.append(
            Eintrag(
                f"{termin.serie.titel} · "
                + date_format(timezone.localtime(termin.beginn), "SHORT_DATETIME_FORMAT"),
                absolut(reverse("regionen:termin", args=[termin.pk])),
                _("%(ja)s Zusagen, %(vielleicht)s vielleicht, %(nein)s Absagen")
                % {"ja": termin.zusagen, "vielleicht": termin.vielleicht, "nein": termin.absagen},
            )
        )
    aufgaben = zahlen["aufgaben"]
    if aufgaben["offen"]:
        eintraege.append(
            Eintrag(
                _("%(offen)s offene Aufgaben aus den Jours fixes, %(ueberfaellig)s überfällig")
                % aufgaben,
                absolut(reverse("regionen:aufgaben")),
            )
        )
    return eintraege


def regionen_zusammenfassung(personen, zeitraum) -> dict:
    """For the regional coordination, per coordinated region: new and closed needs, the fill
    rate, coordinators not seen for 60 days, the next jour fixe with its answers and the
    open action items. Figures only, a fixed number of queries for the whole chunk."""
    je_person = grants_by_user(Region, [p.pk for p in personen], REGION_KOORDINIEREN)
    regionen = list(
        Region.objects.filter(pk__in={r for s in je_person.values() for r in s}).order_by("name")
    )
    if not regionen:
        return {}
    zahlen = {
        "bedarfe": _bedarfszahlen(regionen, zeitraum),
        "nicht_gesehen": _nicht_gesehen(regionen, zeitraum),
        "aufgaben": _aufgaben(regionen, zeitraum),
    }
    termine = _naechste_termine(regionen, zeitraum)
    ergebnis = {}
    for person_id, eigene in je_person.items():
        for region in (r for r in regionen if r.pk in eigene):
            ergebnis.setdefault(person_id, []).append(
                Abschnitt(
                    _("Region %(name)s") % {"name": region.name},
                    _zusammenfassung(
                        region,
                        {name: werte[region.pk] for name, werte in zahlen.items()},
                        termine.get(region.pk),
                    ),
                )
            )
    return ergebnis


ABSCHNITTE = (lange_offene_bedarfe, regionen_zusammenfassung)
