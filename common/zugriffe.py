"""The access log of sensitive records: which coordinator read whose inspection records,
access bans or profile details, on which page (``Zugriffsprotokoll``).

A page calls :func:`zugriffe_protokollieren` once with every person it shows, so a list of
fifty bans costs one INSERT, not fifty. Reading one's own records is not logged: the log
answers "who else has seen my data" (the person's export shows it)."""

from django.utils import timezone

from .models import Zugriffsprotokoll

#: what kind of records a page showed
Zugriff = Zugriffsprotokoll.Art


def zugriffe_protokollieren(request, personen_ids, *arten: str) -> None:
    """Notes that ``request.user`` read records of ``arten`` about each of ``personen_ids``."""
    akteur = request.user
    ansicht = request.resolver_match.view_name if request.resolver_match else ""
    jetzt = timezone.now()
    zeilen = [
        Zugriffsprotokoll(
            person_id=person_id, akteur=akteur, art=art, ansicht=ansicht, zeitpunkt=jetzt
        )
        for person_id in sorted(set(personen_ids) - {akteur.pk})
        for art in arten
    ]
    if zeilen:
        Zugriffsprotokoll.objects.bulk_create(zeilen)
