"""A network meeting is an event and a jour-fixe Termin at once (``Veranstaltung.termin``):
one answer serves both (services.py), and each page leads to the other. The event page
links its Termin itself; the Termin's page links back through ``regionen.termin_verweise``.
"""

from django.utils.translation import gettext as _

from regionen.termin_verweise import Verweis

from .models import Veranstaltung, Veranstaltungsanmeldung


def veranstaltung_verweise(termin, user) -> list[Verweis]:
    """The meeting's event page, if the user may see it, with their seat as a note."""
    treffen = Veranstaltung.objects.for_user(user).filter(termin=termin).first()
    if treffen is None:
        return []
    hinweis = ""
    if user.is_authenticated and treffen.anmeldung_erforderlich:
        meine = treffen.anmeldungen.aktiv().filter(person=user).first()
        if meine is not None:
            hinweis = (
                _("Sie haben einen Platz.")
                if meine.status == Veranstaltungsanmeldung.Status.ANGEMELDET
                else _("Sie stehen auf der Warteliste.")
            )
    return [
        Verweis(
            _("Zur Veranstaltungsseite: %(titel)s") % {"titel": treffen.titel},
            treffen.get_absolute_url(),
            hinweis,
        )
    ]
