from django.contrib import messages
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from common.views import ScopedDetailView, ScopedListView, ScopedUpdateView
from konten import roles

from .. import uebersicht
from ..forms import RegionForm
from ..models import Region
from ..services import region_team


class RegionListeView(ScopedListView):
    model = Region
    template_name = "regionen/liste.html"
    paginate_by = 50

    def narrow_queryset(self, queryset):
        return (
            queryset.select_related("oberregion")
            .mit_sichtbarer_oberregion(self.request.user)
            .mit_kennzahlen()
        )


class RegionDetailView(ScopedDetailView):
    model = Region
    template_name = "regionen/detail.html"

    def narrow_queryset(self, queryset):
        return queryset.select_related("oberregion").mit_sichtbarer_oberregion(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        region = self.object
        rolle = roles.rolle("regionalkoordination")
        context.update(
            bezirke=region.bezirke.all(),
            unterregionen=region.unterregionen.all(),
            team=region_team(region),
            darf_einladen=rolle.may_invite(self.request.user),
            darf_aendern=self.request.user.is_staff,
            abschnitte=[
                (abschnitt, render_to_string(abschnitt.template, {**kontext, "region": region}))
                for abschnitt, kontext in uebersicht.abschnitte(region, self.request.user)
            ],
        )
        return context


class RegionBearbeitenView(ScopedUpdateView):
    model = Region
    form_class = RegionForm
    template_name = "bearbeiten.html"

    def form_valid(self, form):
        messages.success(self.request, _("Die Region ist gespeichert."))
        return super().form_valid(form)
