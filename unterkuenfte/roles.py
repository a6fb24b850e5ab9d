from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from guardian.shortcuts import assign_perm

from konten.roles import Rolle
from regionen.roles import Regionalkoordination

from .permissions import KOORDINIEREN, koordinierte_unterkuenfte


class Ehrenamtskoordination(Rolle):
    key = "ehrenamtskoordination"
    label = _("Ehrenamtskoordination")
    beschreibung = _("Koordiniert die Freiwilligen einer Unterkunft und veröffentlicht Bedarfe.")
    scope_model = "unterkuenfte.Unterkunft"
    start_template = "unterkuenfte/start_ehrenamtskoordination.html"

    def holds(self, user) -> bool:
        return koordinierte_unterkuenfte(user).exists()

    def grant(self, user, scope=None) -> None:
        if scope is None:
            raise ValueError("Ehrenamtskoordination is granted on a shelter")
        assign_perm(f"unterkuenfte.{KOORDINIEREN}", user, scope)

    def may_invite(self, inviter) -> bool:
        return inviter.is_staff or self.scope_choices(inviter).exists()

    def scope_choices(self, inviter):
        from .models import Unterkunft

        return Unterkunft.objects.for_user(inviter, "invite")

    def start_context(self, user) -> dict:
        from regionen.models import Teilnahme, Termin

        from .models import Unterkunft

        return {
            "unterkuenfte": Unterkunft.objects.for_user(user, "change").mit_bedarfszahlen(),
            # the next jour fixe of the shelter's region, answerable from the start page
            "naechster_termin": Termin.objects.for_user(user)
            .kommend()
            .select_related("serie__region")
            .mit_antworten(user)
            .first(),
            "antwort_auswahl": Teilnahme.Antwort.choices,
        }

    def navigation(self, user):
        return [
            (_("Meine Unterkunft"), "unterkuenfte:liste"),
            (_("Jours fixes"), "regionen:termine"),
        ]


class RegionalkoordinationMitUnterkuenften(Regionalkoordination):
    """Regional coordination also reaches the overview of its region's shelters."""

    start_template = "unterkuenfte/start_regionalkoordination.html"

    def start_context(self, user) -> dict:
        from .models import Unterkunft

        context = super().start_context(user)
        in_betrieb = Unterkunft.objects.for_user(user).exclude(status=Unterkunft.Status.GESCHLOSSEN)
        zahlen = in_betrieb.aggregate(
            unterkuenfte=Count("pk", distinct=True),
            offene_bedarfe=Count("bedarfe", filter=Q(bedarfe__status="offen"), distinct=True),
        )
        return {**context, **zahlen}

    def navigation(self, user):
        return [*super().navigation(user), (_("Unterkünfte"), "unterkuenfte:liste")]
