from django.contrib import messages
from django.utils.translation import gettext as _

from common.scoping import allows
from common.views import ScopedDetailView, ScopedUpdateView

from .forms import OrganisationForm
from .models import Organisation


class OrganisationDetailView(ScopedDetailView):
    model = Organisation
    template_name = "netzwerk/organisation.html"

    def narrow_queryset(self, queryset):
        return queryset.select_related("region")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            darf_aendern=allows(self.request.user, "change", self.object),
            **kwargs,
        )


class OrganisationBearbeitenView(ScopedUpdateView):
    model = Organisation
    form_class = OrganisationForm
    template_name = "bearbeiten.html"

    def form_valid(self, form):
        messages.success(self.request, _("Das Profil ist gespeichert."))
        return super().form_valid(form)
