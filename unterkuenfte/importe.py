"""Spreadsheet import of shelters (Unterkunft), alone or together with their operators.

The administration keeps both in spreadsheets; the machinery is in common/tabellen.py.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export.fields import Field
from import_export.results import Result

from common.models import Sprache
from common.tabellen import (  # noqa: F401 (the names the tests and the admin import from here)
    AuswahlWidget,
    DatumWidget,
    GanzzahlWidget,
    KatalogListeWidget,
    PostleitzahlWidget,
    TabellenResource,
    VerweisWidget,
    datensatz_lesen,
    fehlerzeilen,
    importieren,
)
from netzwerk.importe import organisationen_importieren
from netzwerk.models import Organisation
from regionen.models import Bezirk, Region

from .models import Anforderungsart, Unterkunft, Unterkunftsart


class UnterkunftResource(TabellenResource):
    """Shelters, identified by name *and* operator.

    Names are not unique across operators (several run a "Notunterkunft Turnhalle"), so the
    name alone could update another operator's shelter. The price: a change of operator
    cannot be imported; a row with the new operator creates a second shelter. Change the
    operator in the admin form instead.
    """

    pflichtspalten = ("name", "betreiber")

    betreiber = Field(
        attribute="betreiber",
        column_name="betreiber",
        widget=VerweisWidget(
            Organisation, "name", gettext_lazy("Kein Betreiber mit dem Namen „%(wert)s“.")
        ),
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
    bezirk = Field(
        attribute="bezirk",
        column_name="bezirk",
        widget=VerweisWidget(
            Bezirk,
            "slug",
            gettext_lazy("Kein Bezirk mit dem Kurznamen „%(wert)s“."),
            kleinschreibung=True,
        ),
    )
    art = Field(
        attribute="art",
        column_name="art",
        widget=VerweisWidget(
            Unterkunftsart,
            "slug",
            gettext_lazy("Keine Art von Unterkunft mit dem Kurznamen „%(wert)s“."),
            kleinschreibung=True,
        ),
    )
    kapazitaet = Field(attribute="kapazitaet", column_name="kapazitaet", widget=GanzzahlWidget())
    belegung = Field(
        attribute="belegung", column_name="belegung", widget=GanzzahlWidget(), default=0
    )
    sprachen = Field(
        attribute="sprachen",
        column_name="sprachen",
        widget=KatalogListeWidget(
            Sprache, "code", gettext_lazy("Unbekannte Sprachcodes: %(werte)s.")
        ),
    )
    status = Field(
        attribute="status",
        column_name="status",
        widget=AuswahlWidget(Unterkunft.Status.choices),
        default=Unterkunft.Status.IN_BETRIEB,
    )
    in_betrieb_seit = Field(
        attribute="in_betrieb_seit", column_name="in_betrieb_seit", widget=DatumWidget()
    )
    schliessung_am = Field(
        attribute="schliessung_am", column_name="schliessung_am", widget=DatumWidget()
    )
    plz = Field(attribute="plz", column_name="plz", widget=PostleitzahlWidget())
    anforderungen = Field(
        attribute="anforderungen",
        column_name="anforderungen",
        widget=KatalogListeWidget(
            Anforderungsart, "slug", gettext_lazy("Unbekannte Anforderungen: %(werte)s.")
        ),
    )

    def filter_export(self, queryset, **kwargs):
        # one query per relation for the whole export, not per row
        return queryset.select_related("betreiber", "region", "bezirk", "art").prefetch_related(
            "sprachen", "anforderungen"
        )

    class Meta:
        model = Unterkunft
        fields = (
            "name",
            "betreiber",
            "region",
            "bezirk",
            "art",
            "kapazitaet",
            "belegung",
            "sprachen",
            "status",
            "in_betrieb_seit",
            "schliessung_am",
            "beschreibung",
            "strasse",
            "plz",
            "ort",
            "ek_name",
            "ek_email",
            "ek_telefon",
            "anforderungen",
        )
        import_id_fields = ("name", "betreiber")
        use_transactions = True
        clean_model_instances = True
        report_skipped = False


def unterkuenfte_importieren(datei_inhalt: bytes, format: str, dry_run: bool = True):
    return importieren(UnterkunftResource, datei_inhalt, format, dry_run)


@dataclass
class Stammdatenergebnis:
    organisationen: Result
    unterkuenfte: Result

    @property
    def fehlerfrei(self) -> bool:
        return not any(
            r.has_errors() or r.has_validation_errors()
            for r in (self.organisationen, self.unterkuenfte)
        )

    def fehlerzeilen(self) -> list[str]:
        organisationen, unterkuenfte = _("Organisationen"), _("Unterkünfte")
        return [f"{organisationen}, {zeile}" for zeile in fehlerzeilen(self.organisationen)] + [
            f"{unterkuenfte}, {zeile}" for zeile in fehlerzeilen(self.unterkuenfte)
        ]


def stammdaten_importieren(
    organisationen: bytes, unterkuenfte: bytes, format: str, dry_run: bool = True
) -> Stammdatenergebnis:
    """Operators first, then their shelters, all or nothing across both files.

    The shelters may name operators that only the first file creates, also in a dry run:
    both imports run for real inside one transaction, which is rolled back if this is a
    dry run or either file has an error.
    """
    with transaction.atomic():
        ergebnis = Stammdatenergebnis(
            organisationen=organisationen_importieren(organisationen, format, dry_run=False),
            unterkuenfte=unterkuenfte_importieren(unterkuenfte, format, dry_run=False),
        )
        if dry_run or not ergebnis.fehlerfrei:
            transaction.set_rollback(True)
    return ergebnis
