"""The outbox for immediate notices.

A domain app writes a Notice inside the same transaction as the change it reports, so a
notice exists exactly when the change does. The notifications app drains the outbox,
renders and delivers; no domain app sends mail itself (ARCHITECTURE.md §3).
"""

from django.contrib.contenttypes.models import ContentType


def notice_write(empfaenger, art: str, objekt=None, **daten) -> None:
    from .models import Notice

    Notice.objects.create(
        empfaenger=empfaenger,
        art=art,
        objekt_typ=ContentType.objects.get_for_model(objekt) if objekt is not None else None,
        objekt_id=objekt.pk if objekt is not None else None,
        daten=daten,
    )


def notices_write(empfaenger, art: str, objekt=None, **daten) -> None:
    """The same notice to many recipients (a meeting's invited circle) in one INSERT."""
    from .models import Notice

    objekt_typ = ContentType.objects.get_for_model(objekt) if objekt is not None else None
    Notice.objects.bulk_create(
        [
            Notice(
                empfaenger=person,
                art=art,
                objekt_typ=objekt_typ,
                objekt_id=objekt.pk if objekt is not None else None,
                daten=daten,
            )
            for person in empfaenger
        ],
        batch_size=500,
    )
