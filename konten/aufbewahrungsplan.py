"""The platform admin's page of the retention schedule (common/aufbewahrung.py): the rules
with their periods, what the next run would do (a dry run, nothing changes), the last runs'
reports, and the confirmation without which the daily run only counts."""

from dataclasses import dataclass, field

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from common import aufbewahrung, aufbewahrungsarten, datenschutz
from common.bestaetigung import Frage, erst_fragen
from common.models import Aufbewahrungslauf, Aufbewahrungsregel

#: runs shown on the page
LAEUFE = 10


@dataclass
class Zeile:
    regel: Aufbewahrungsregel
    #: the period in words ("6 Monate", "laut Verzeichnis")
    frist: str
    #: what the next run would do, per step in words; empty for a rule that is off
    schritte: list[str] = field(default_factory=list)
    anzahl: int = 0


def _schritt_text(schritt: dict) -> str:
    deklaration = datenschutz.deklaration(schritt["model"])
    titel = deklaration.titel if deklaration else schritt["model"]
    aktion = aufbewahrungsarten.Aktion(schritt["aktion"]).label
    return f"{titel}: {schritt['anzahl']} {aktion}"


def _frist_text(monate: int | None, eigene: int | None) -> str:
    if monate is None:
        return _("laut Verzeichnis, je Art der Daten")
    text = ngettext("%(n)d Monat", "%(n)d Monate", monate) % {"n": monate}
    return text if eigene is not None else _("%(frist)s (laut Verzeichnis)") % {"frist": text}


def zeilen(plan: list[dict]) -> list[Zeile]:
    """Every rule of the schedule with what the plan says it would do."""
    nach_schluessel = {eintrag["regel"]: eintrag for eintrag in plan}
    ergebnis = []
    for regel in Aufbewahrungsregel.objects.all():
        eintrag = nach_schluessel.get(regel.schluessel)
        regelart = aufbewahrungsarten.art(regel.schluessel)
        monate = aufbewahrung.frist(regel, regelart) if regelart else regel.monate
        zeile = Zeile(regel, _frist_text(monate, regel.monate))
        if eintrag:
            zeile.schritte = [_schritt_text(s) for s in eintrag["schritte"]]
            zeile.anzahl = sum(s["anzahl"] for s in eintrag["schritte"])
        ergebnis.append(zeile)
    return ergebnis


@dataclass
class Bericht:
    lauf: Aufbewahrungslauf
    #: per rule: its name and what the run did (or counted), in words
    regeln: list[dict]


def berichte() -> list[Bericht]:
    return [
        Bericht(
            lauf,
            [
                {
                    "name": eintrag["name"],
                    "schritte": "; ".join(_schritt_text(s) for s in eintrag["schritte"]),
                    "angewendet": eintrag["angewendet"],
                    "fehler": eintrag.get("fehler", False),
                }
                for eintrag in lauf.ergebnis
            ],
        )
        for lauf in Aufbewahrungslauf.objects.all()[:LAEUFE]
    ]


def _frage(anzahl: int, ziel: str) -> Frage:
    return Frage(
        frage=ngettext(
            "Aufbewahrungsplan bestätigen? Danach löscht der tägliche Lauf, was die aktiven "
            "Regeln auswählen, beim nächsten Lauf %(n)d Eintrag.",
            "Aufbewahrungsplan bestätigen? Danach löscht der tägliche Lauf, was die aktiven "
            "Regeln auswählen, beim nächsten Lauf %(n)d Einträge.",
            anzahl,
        )
        % {"n": anzahl},
        knopf=_("Aufbewahrungsplan bestätigen"),
        zurueck=ziel,
        folgen=[
            _(
                "Gelöschtes lässt sich nicht wiederherstellen. Unbenutzte Konten werden "
                "zuerst per E-Mail gewarnt."
            ),
            _("Fristen und Regeln bleiben in der Verwaltungsoberfläche änderbar."),
        ],
    )


def aufbewahrungsplan(request):
    """For platform admins only; everyone else finds no such page."""
    if not request.user.is_staff:
        raise Http404
    ziel = reverse("konten:aufbewahrungsplan")
    if request.method == "POST":
        if frage := erst_fragen(
            request, lambda: _frage(sum(z.anzahl for z in zeilen(aufbewahrung.plan())), ziel)
        ):
            return frage
        if aufbewahrung.bestaetigen():
            messages.success(
                request, _("Der Aufbewahrungsplan ist bestätigt; der tägliche Lauf wendet ihn an.")
            )
        return redirect(ziel)
    kontext = {
        "zeilen": zeilen(aufbewahrung.plan()),
        "bestaetigt": aufbewahrung.bestaetigt(),
        "berichte": berichte(),
    }
    return render(request, "konten/aufbewahrungsplan.html", kontext)
