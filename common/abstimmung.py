"""Voting on topics, shared by the jour fixe's agenda (regionen) and training topic wishes
(fortbildung).

A topic's votes hang on it as ``stimmen`` (vote rows with a ``person``), and a unique
constraint keeps them to one per person and topic, so two parallel clicks count once. The
apps keep what is theirs: who may vote, until when, and how the topic is shown.
"""

from django.db import IntegrityError, transaction
from django.db.models import Exists
from django.utils.translation import gettext as _

from .aggregate import subquery_anzahl
from .workflow import NichtMoeglich


def abstimmen(thema, person, schon_gestimmt: str):
    """The person's vote for the topic; ``schon_gestimmt`` refuses a second one."""
    try:
        with transaction.atomic():
            return thema.stimmen.create(person=person)
    except IntegrityError:
        raise NichtMoeglich(schon_gestimmt) from None


def stimme_zurueckziehen(thema, person) -> None:
    if not thema.stimmen.filter(person=person).delete()[0]:
        raise NichtMoeglich(_("Sie haben für dieses Thema nicht gestimmt."))


def stimmen_zaehlen(stimmen, user) -> dict:
    """Annotations for a list of topics: ``anzahl_stimmen`` and whether ``user`` voted
    (``meine_stimme``). ``stimmen`` are the votes of the outer row (``OuterRef("pk")``)."""
    return {
        "anzahl_stimmen": subquery_anzahl(stimmen),
        "meine_stimme": Exists(stimmen.filter(person=user)),
    }


def schritt_aus_formular(post, abgeben, zurueckziehen):
    """The step a topic list's vote button asks for (its ``aktion``), with the message the
    page shows once it has run."""
    if post.get("aktion") == "zurueckziehen":
        return zurueckziehen, _("Ihre Stimme ist zurückgezogen.")
    return abgeben, _("Ihre Stimme ist gezählt.")
