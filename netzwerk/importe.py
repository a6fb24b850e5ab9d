"""Spreadsheet imports: organisations, and an existing distribution list (CSV or XLSX;
the machinery is in common/tabellen.py)."""

from dataclasses import asdict, dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export.fields import Field

from common.tabellen import (
    AuswahlWidget,
    TabellenResource,
    VerweisWidget,
    datensatz_lesen,
    importieren,
    lesefehler,
)
from common.zeichen import einzeilig
from regionen.models import Bezirk, Region

from .models import Mitgliedschaft, Organisation, Verteiler
from .services import mitglied_aufnehmen


class OrganisationResource(TabellenResource):
    """Operators and other organisations, identified by their (unique) name."""

    pflichtspalten = ("name",)

    art = Field(
        attribute="art",
        column_name="art",
        widget=AuswahlWidget(Organisation.Art.choices),
        default=Organisation.Art.TRAEGER,
    )
    region = Field(
        attribute="region",
        column_name="region",
        widget=VerweisWidget(
            Region,
            "slug",
            gettext_lazy("Keine Region mit dem Kurznamen „%(wert)s“."),
            kleinschreibung=True,
        ),
    )

    class Meta:
        model = Organisation
        fields = (
            "name",
            "art",
            "kontakt_name",
            "kontakt_email",
            "kontakt_telefon",
            "website",
            "region",
        )
        import_id_fields = ("name",)
        use_transactions = True
        clean_model_instances = True
        report_skipped = False

    def before_import_row(self, row, **kwargs):
        super().before_import_row(row, **kwargs)
        website = row.get("website")
        if isinstance(website, str) and website and "://" not in website:
            row["website"] = f"https://{website}"


def organisationen_importieren(datei_inhalt: bytes, format: str, dry_run: bool = True):
    return importieren(OrganisationResource, datei_inhalt, format, dry_run)


# --- an existing distribution list ------------------------------------------------------------

#: columns of a list file; "organisation" or "email" identifies a row
VERTEILER_SPALTEN = (
    "organisation",
    "art",
    "ansprechperson",
    "email",
    "telefon",
    "bezirk",
    "website",
)


@dataclass
class Verteilerimport:
    fehler: list[str] = field(default_factory=list)
    neue_organisationen: int = 0
    neue_mitglieder: int = 0
    schon_dabei: int = 0
    selbst_abgemeldet: int = 0
    ausgefuehrt: bool = False

    def zusammenfassung(self) -> str:
        text = _(
            "Neue Mitglieder: %(mitglieder)d, davon neu angelegte Organisationen: "
            "%(organisationen)d. Schon auf dem Verteiler: %(dabei)d."
        ) % {
            "mitglieder": self.neue_mitglieder,
            "organisationen": self.neue_organisationen,
            "dabei": self.schon_dabei,
        }
        if self.selbst_abgemeldet:
            text += " " + _(
                "Nicht wieder aufgenommen, weil sie sich selbst abgemeldet haben: %(n)d."
            ) % {"n": self.selbst_abgemeldet}
        return text


def _zellen(zeile: dict) -> dict:
    """Every column of the list is a single line (names, contacts): common/zeichen.py."""
    return {spalte: "" if wert is None else einzeilig(str(wert)) for spalte, wert in zeile.items()}


def _kopf_pruefen(kopf: list[str]) -> list[str]:
    unbekannt = [spalte for spalte in kopf if spalte and spalte not in VERTEILER_SPALTEN]
    fehler = []
    if "organisation" not in kopf:
        fehler.append(_("Es fehlt die Spalte „organisation“."))
    if unbekannt:
        fehler.append(
            _("Unbekannte Spalte %(spalten)s. Möglich sind: %(moeglich)s.")
            % {
                "spalten": ", ".join(f"„{s}“" for s in unbekannt),
                "moeglich": ", ".join(VERTEILER_SPALTEN),
            }
        )
    return fehler


def _organisation_aus(zeile: dict, region) -> Organisation:
    """The named organisation, or a new one with the row's contact data (not yet saved)."""
    vorhanden = Organisation.objects.filter(name__iexact=zeile["organisation"]).first()
    if vorhanden is not None:
        return vorhanden
    website = zeile.get("website", "")
    if website and "://" not in website:
        website = f"https://{website}"
    return Organisation(
        name=zeile["organisation"],
        art=zeile.get("art") or Organisation.Art.MSO,
        region=region,
        kontakt_name=zeile.get("ansprechperson", ""),
        kontakt_email=zeile.get("email", ""),
        kontakt_telefon=zeile.get("telefon", ""),
        website=website,
    )


def _zeile_importieren(verteiler, akteur, zeile: dict, ergebnis: Verteilerimport) -> list[str]:

    if not zeile.get("organisation"):
        return [_("Spalte „organisation“: bitte den Namen der Organisation angeben.")]
    organisation = _organisation_aus(zeile, verteiler.region)
    if zeile.get("bezirk"):
        bezirk = Bezirk.objects.filter(
            Q(name__iexact=zeile["bezirk"]) | Q(slug__iexact=zeile["bezirk"])
        ).first()
        if bezirk is None:
            return [
                _("Spalte „bezirk“: keinen Bezirk „%(wert)s“ gefunden.") % {"wert": zeile["bezirk"]}
            ]
        if organisation._state.adding:
            organisation.bezirk = bezirk
    if organisation._state.adding:
        try:
            organisation.full_clean()
        except ValidationError as fehler:
            return [
                _("Spalte „%(spalte)s“: %(meldung)s")
                % {"spalte": _SPALTE_ZU_FELD.get(feld, feld), "meldung": meldung}
                for feld, meldungen in fehler.message_dict.items()
                for meldung in meldungen
            ]
        organisation.save()
        ergebnis.neue_organisationen += 1
    vorhanden = verteiler.mitgliedschaften.filter(organisation=organisation).first()
    if vorhanden and vorhanden.status == Mitgliedschaft.Status.ABGEMELDET:
        # who unsubscribed decided so: an old list file does not sign them up again
        ergebnis.selbst_abgemeldet += 1
        return []
    if vorhanden and vorhanden.status != Mitgliedschaft.Status.ENTFERNT:
        ergebnis.schon_dabei += 1
        return []
    mitglied_aufnehmen(verteiler, akteur, organisation=organisation)
    ergebnis.neue_mitglieder += 1
    return []


_SPALTE_ZU_FELD = {
    "name": "organisation",
    "art": "art",
    "kontakt_name": "ansprechperson",
    "kontakt_email": "email",
    "kontakt_telefon": "telefon",
    "website": "website",
}


def verteiler_importieren(
    verteiler, akteur, datei, format: str, dry_run: bool = True, fortschritt=None
):
    """Reads a list file (its bytes or the open file) into the distribution list, all or
    nothing.

    Each line names an organisation (found by name, or created with the line's contact
    data) that joins the list. The dry run (the default) checks every line and reports
    problems with their line numbers (header = line 1); nothing is written unless every
    line is right. ``fortschritt`` is called with (lines done, lines in all).
    """
    ergebnis = Verteilerimport()
    try:
        datensatz = datensatz_lesen(datei, format)
    except Exception as fehler:  # an unreadable file is a message, not a crash
        ergebnis.fehler.append(lesefehler(fehler, format))
        return ergebnis
    kopf = [str(k or "").lstrip("\ufeff").strip().lower() for k in (datensatz.headers or [])]
    ergebnis.fehler = _kopf_pruefen(kopf)
    if ergebnis.fehler:
        return ergebnis
    gesehen = {}
    with transaction.atomic():
        for nummer, werte in enumerate(datensatz, start=2):
            zeile = _zellen(dict(zip(kopf, werte, strict=False)))
            if not any(zeile.values()):
                continue
            name = zeile.get("organisation", "").casefold()
            if name and name in gesehen:
                ergebnis.fehler.append(
                    _("Zeile %(nummer)d: dieselbe Organisation wie in Zeile %(erste)d.")
                    % {"nummer": nummer, "erste": gesehen[name]}
                )
                continue
            gesehen[name] = nummer
            for meldung in _zeile_importieren(verteiler, akteur, zeile, ergebnis):
                ergebnis.fehler.append(
                    _("Zeile %(nummer)d: %(meldung)s") % {"nummer": nummer, "meldung": meldung}
                )
            if fortschritt:
                fortschritt(nummer - 1, len(datensatz))
        if not gesehen and not ergebnis.fehler:
            ergebnis.fehler.append(_("Die Datei enthält keine Zeilen."))
        if dry_run or ergebnis.fehler:
            transaction.set_rollback(True)
        else:
            ergebnis.ausgefuehrt = True
    return ergebnis


#: ``Importauftrag.art`` of a list import
VERTEILER_IMPORT = "netzwerk.verteiler"


def verteiler_auftrag_ausfuehren(auftrag, datei, fortschritt):
    """The worker's part of a list import (netzwerk.tasks.verteiler_import): the list must
    still be the person's to run."""
    akteur = auftrag.erstellt_von
    verteiler = Verteiler.objects.for_user(akteur).filter(pk=auftrag.ziel_id).first()
    if verteiler is None:
        raise PermissionDenied
    ergebnis = verteiler_importieren(
        verteiler, akteur, datei, auftrag.format, auftrag.probelauf, fortschritt
    )
    return not ergebnis.fehler, asdict(ergebnis)
