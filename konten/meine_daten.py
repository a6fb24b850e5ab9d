"""The pages of a person's copy of their data: Mein Konto → Meine Daten herunterladen. The
worker builds the file (tasks.py, from auskunft.py); these pages ask for it, show its progress
and hand it out."""

from django.conf import settings
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language

from common.queueing import enqueue_on_commit

from .models import Auskunftsauftrag
from .tasks import auskunft_erstellen, auskunft_ordner


def _gueltige(user):
    """The person's own jobs whose file is still offered; anyone else's answer 404."""
    abgelaufen = Auskunftsauftrag.objects.abgelaufen().values("pk")
    return Auskunftsauftrag.objects.for_user(user).exclude(pk__in=abgelaufen)


def meine_daten(request):
    """Explains the copy and lists the person's recent ones; a POST asks for a new one
    (while one is being built, that one is shown instead of a second)."""
    auftraege = _gueltige(request.user).order_by("-created_at")
    if request.method == "POST":
        auftrag = auftraege.filter(
            status__in=[Auskunftsauftrag.Status.WARTEND, Auskunftsauftrag.Status.LAEUFT]
        ).first()
        if auftrag is None:
            auftrag = Auskunftsauftrag.objects.create(erstellt_von=request.user)
            enqueue_on_commit(auskunft_erstellen, auftrag.pk, get_language())
        return redirect("konten:auskunft_status", pk=auftrag.pk)
    return render(
        request,
        "konten/auskunft/seite.html",
        {"auftraege": auftraege, "tage": settings.AUSKUNFT_AUFBEWAHRUNG_TAGE},
    )


def auskunft_status(request, pk):
    """The job's progress; htmx asks again every second until the file is ready, opened as
    a page it reloads itself while the job runs."""
    auftrag = get_object_or_404(_gueltige(request.user), pk=pk)
    vorlage = "konten/auskunft/_auftrag.html" if request.htmx else "konten/auskunft/status.html"
    return render(request, vorlage, {"auftrag": auftrag})


def auskunft_datei(request, pk):
    auftrag = get_object_or_404(
        _gueltige(request.user).filter(status=Auskunftsauftrag.Status.FERTIG), pk=pk
    )
    pfad = auskunft_ordner() / auftrag.datei
    if not pfad.exists():
        raise Http404
    name = f"meine-daten-{timezone.localtime(auftrag.created_at):%Y-%m-%d}.zip"
    return FileResponse(pfad.open("rb"), as_attachment=True, filename=name)
