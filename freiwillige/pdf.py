"""The volunteer's documents: the confirmation letter for a free police clearance certificate
and the activity certificate (Tätigkeitsnachweis)."""

from django.db.models import Q, Sum
from django.utils import timezone

from common.pdf import pdf_response
from unterkuenfte.models import Anforderungsart

from .models import Einsatz


def _aussteller(bedarf):
    """The shelter's operator issues the letter, or the organisation behind the call."""
    return bedarf.unterkunft.betreiber if bedarf.unterkunft_id else bedarf.organisation


def fz_bestaetigung(request, bewerbung):
    bedarf = bewerbung.bedarf
    art = Anforderungsart.objects.filter(slug="fuehrungszeugnis").first()
    return pdf_response(
        "freiwillige/pdf/fz_bestaetigung.html",
        {
            "bewerbung": bewerbung,
            "person": bewerbung.person,
            "bedarf": bedarf,
            "unterkunft": bedarf.unterkunft,
            "organisation": _aussteller(bedarf),
            "rechtsgrundlage": art.rechtsgrundlage if art else "",
            "heute": timezone.localdate(),
        },
        f"bestaetigung-fuehrungszeugnis-{bewerbung.pk}.pdf",
    )


def taetigkeitsnachweis(request, person):
    einsaetze = (
        Einsatz.objects.for_user(request.user)
        .filter(person=person)
        .select_related(
            "bedarf__taetigkeitsfeld",
            "bedarf__bezirk",
            "unterkunft__betreiber",
            "unterkunft__bezirk",
            "organisation",
        )
        .annotate(
            bestaetigt=Sum("stunden__stunden", filter=Q(stunden__bestaetigt_am__isnull=False))
        )
        .order_by("beginn", "pk")
    )
    return pdf_response(
        "freiwillige/pdf/taetigkeitsnachweis.html",
        {
            "person": person,
            "einsaetze": einsaetze,
            "summe": sum((e.bestaetigt or 0) for e in einsaetze),
            "heute": timezone.localdate(),
        },
        "taetigkeitsnachweis.pdf",
    )
