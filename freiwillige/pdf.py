"""The volunteer's documents: the confirmation letter for a free police clearance certificate
and the activity certificate (Tätigkeitsnachweis)."""

from django.db.models import Q, Sum
from django.utils import timezone

from common.pdf import pdf_response
from unterkuenfte.models import Anforderungsart

from .models import Einsatz


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
            "organisation": bedarf.unterkunft.betreiber,
            "rechtsgrundlage": art.rechtsgrundlage if art else "",
            "heute": timezone.localdate(),
        },
        f"bestaetigung-fuehrungszeugnis-{bewerbung.pk}.pdf",
    )


def taetigkeitsnachweis(request, person):
    einsaetze = (
        Einsatz.objects.for_user(request.user)
        .filter(person=person)
        .select_related("bedarf__taetigkeitsfeld", "unterkunft__betreiber", "unterkunft__bezirk")
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
