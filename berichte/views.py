"""Region reports for the administration and the regional coordination: aggregates only."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.queueing import enqueue_on_commit
from common.views import get_scoped_object_or_404
from regionen.models import Region

from .bericht import bericht_erstellen
from .diagramme import diagramme
from .forms import ExportForm
from .models import Exportauftrag
from .permissions import berichtsregionen, darf_berichte, sieht_alles
from .tasks import _darf, export_erstellen, export_ordner
from .zeitraum import Periode, auswahl


def _pruefen(request) -> None:
    if not darf_berichte(request.user):
        raise PermissionDenied


def _periode(request) -> Periode:
    """The chosen period; the last closed month when none (or something invalid) is given."""
    standard = Periode.monat_von(timezone.localdate()).vorige()
    schluessel = request.GET.get("zeitraum")
    if not schluessel:
        return standard
    try:
        return Periode.aus_schluessel(schluessel)
    except ValueError as fehler:
        messages.error(request, str(fehler))
        return standard


def _wurzeln(user) -> list:
    """The highest regions whose reports the user reads."""
    regionen = list(berichtsregionen(user).order_by("pfad"))
    ids = {r.pk for r in regionen}
    return [r for r in regionen if r.oberregion_id not in ids]


def _kontext(request, bericht) -> dict:
    return {
        "bericht": bericht,
        "perioden": auswahl(),
        "diagramme": [d for d in diagramme(bericht) if d.beschriftungen],
        "export_form": ExportForm(
            initial={
                "region": bericht.region.pk if bericht.region else "",
                "nebeneinander": bericht.nebeneinander,
                "zeitraum": bericht.periode.schluessel,
            }
        ),
        "exporte": Exportauftrag.objects.for_user(request.user).order_by("-created_at")[:5],
    }


def uebersicht(request):
    """The regions below one region side by side with their total (default: the highest
    region the user reads, or the whole platform for the administration)."""
    _pruefen(request)
    user = request.user
    wurzeln = _wurzeln(user)
    if request.GET.get("region"):
        region = get_object_or_404(berichtsregionen(user), pk=request.GET["region"])
    elif sieht_alles(user):
        region = wurzeln[0] if len(wurzeln) == 1 else None
    else:
        region = wurzeln[0]
    if region is not None and not region.unterregionen.exists():
        return redirect(reverse("berichte:region", args=[region.pk]) + _anhang(request))
    bericht = bericht_erstellen(region, _periode(request), nebeneinander=True)
    kontext = _kontext(request, bericht)
    kontext["wahl"] = (
        berichtsregionen(user)
        .filter(Exists(Region.objects.filter(oberregion=OuterRef("pk"))))
        .order_by("pfad")
    )
    kontext["alle_waehlbar"] = sieht_alles(user) and len(wurzeln) > 1
    return render(request, "berichte/uebersicht.html", kontext)


def _anhang(request) -> str:
    zeitraum = request.GET.get("zeitraum")
    return f"?zeitraum={zeitraum}" if zeitraum else ""


def region(request, pk):
    """One region's report, compared with the previous period."""
    _pruefen(request)
    eintrag = get_object_or_404(berichtsregionen(request.user), pk=pk)
    bericht = bericht_erstellen(eintrag, _periode(request))
    kontext = _kontext(request, bericht)
    kontext["hat_unterregionen"] = eintrag.unterregionen.exists()
    return render(request, "berichte/region.html", kontext)


@require_POST
def export_neu(request):
    _pruefen(request)
    form = ExportForm(request.POST, user=request.user)
    if not form.is_valid():
        for fehler in form.errors.values():
            messages.error(request, " ".join(fehler))
        return redirect(form.ziel())
    auftrag = form.speichern(request.user)
    enqueue_on_commit(export_erstellen, auftrag.pk, get_language())
    if request.htmx:
        return render(request, "berichte/_export.html", {"auftrag": auftrag})
    messages.success(request, _("Der Export wird erstellt."))
    return redirect(form.ziel() + "#exporte")


def export_status(request, pk):
    """The job's progress; the page asks again every second until the file is ready (htmx
    swaps the list entry; opened as a page, it reloads itself while the job runs)."""
    auftrag = get_scoped_object_or_404(request.user, Exportauftrag, pk)
    vorlage = "berichte/_export.html" if request.htmx else "berichte/export.html"
    return render(request, vorlage, {"auftrag": auftrag})


def export_datei(request, pk):
    auftrag = get_scoped_object_or_404(request.user, Exportauftrag, pk)
    if auftrag.status != Exportauftrag.Status.FERTIG or not _darf(auftrag):
        raise Http404
    pfad = export_ordner() / auftrag.datei
    if not pfad.exists():
        raise Http404
    name = auftrag.datei.split("-", 1)[1]
    return FileResponse(pfad.open("rb"), as_attachment=True, filename=name)
