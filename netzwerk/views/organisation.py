"""Organisation pages: the public directory, the Steckbrief, its editing by the
organisation's contacts, and the admission record of the network coordination."""

from django.contrib import messages
from django.db.models import Prefetch, Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.scoping import allows
from common.views import ScopedListView, ScopedUpdateView, ausfuehren, get_scoped_object_or_404

from .. import abschnitte, services
from ..forms import AufnahmeschrittForm, OrganisationForm, VerzeichnisFilter
from ..models import Aufnahmeschritt, Organisation, Veranstaltung


class VerzeichnisView(ScopedListView):
    """Published profiles, filtered by district, language, field of work and kind."""

    model = Organisation
    template_name = "netzwerk/verzeichnis.html"
    paginate_by = 20

    def narrow_queryset(self, queryset):
        self.filter = VerzeichnisFilter(self.request.GET or None)
        organisationen = (
            queryset.veroeffentlicht()
            .select_related("bezirk")
            .prefetch_related("sprachen", "arbeitsfelder")
            .order_by("name")
        )
        # every valid filter applies, even when another one names an unknown value
        self.filter.is_valid()
        daten = getattr(self.filter, "cleaned_data", {})
        if daten:
            if daten.get("q"):
                organisationen = organisationen.filter(
                    Q(name__icontains=daten.get("q")) | Q(gemeinschaften__icontains=daten.get("q"))
                )
            if daten.get("bezirk"):
                organisationen = organisationen.filter(bezirk=daten.get("bezirk"))
            if daten.get("sprache"):
                organisationen = organisationen.filter(sprachen=daten.get("sprache"))
            if daten.get("arbeitsfeld"):
                organisationen = organisationen.filter(arbeitsfelder=daten.get("arbeitsfeld"))
            if daten.get("art"):
                organisationen = organisationen.filter(art=daten.get("art"))
        return organisationen

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter=self.filter, **kwargs)


def organisation(request, pk):
    """The Steckbrief; its contacts and the network coordination see more than the public."""
    eintrag = get_scoped_object_or_404(request.user, Organisation, pk)
    eintrag = (
        Organisation.objects.filter(pk=eintrag.pk)
        .select_related("region", "bezirk")
        .prefetch_related("sprachen", "arbeitsfelder")
        .get()
    )
    user = request.user
    darf_aufnehmen = user.is_authenticated and allows(user, "aufnehmen", eintrag)
    context = {
        "organisation": eintrag,
        "darf_aendern": user.is_authenticated and allows(user, "change", eintrag),
        "darf_aufnehmen": darf_aufnehmen,
        "veranstaltungen": Veranstaltung.objects.for_user(user)
        .filter(organisation=eintrag, ende__gte=timezone.now(), abgesagt=False)
        .order_by("beginn")[:10],
        "abschnitte": abschnitte.fuer(eintrag, user),
    }
    if darf_aufnehmen:
        context["schritte"] = (
            Aufnahmeschritt.objects.for_user(user)
            .filter(organisation=eintrag)
            .select_related("erledigt_von")
        )
        context["aufnahme_form"] = AufnahmeschrittForm(user=user, organisation=eintrag)
    return render(request, "netzwerk/organisation.html", context)


class OrganisationBearbeitenView(ScopedUpdateView):
    model = Organisation
    form_class = OrganisationForm
    template_name = "netzwerk/organisation_form.html"
    scope_action = "change"

    def narrow_queryset(self, queryset):
        return queryset.prefetch_related(Prefetch("sprachen"), Prefetch("arbeitsfelder"))

    def form_valid(self, form):
        antwort = super().form_valid(form)
        if self.object.veroeffentlicht:
            messages.success(
                self.request, _("Der Steckbrief ist gespeichert und im Verzeichnis zu sehen.")
            )
        else:
            messages.success(
                self.request, _("Der Steckbrief ist gespeichert; er ist nicht öffentlich.")
            )
        return antwort


@require_POST
def aufnahmeschritt(request, pk):
    eintrag = get_scoped_object_or_404(request.user, Organisation, pk, scope_action="aufnehmen")
    form = AufnahmeschrittForm(request.POST, user=request.user, organisation=eintrag)
    if not form.is_valid():
        for fehlerliste in form.errors.values():
            for fehler in fehlerliste:
                messages.error(request, fehler)
        return redirect(eintrag)
    daten = form.cleaned_data
    ausfuehren(
        request,
        lambda: services.aufnahmeschritt_erfassen(
            eintrag,
            daten["schritt"],
            request.user,
            daten["datum"],
            notiz=daten["notiz"],
            satzung_datum=daten["satzung_datum"],
            verteiler=daten["verteiler"],
            veranstaltung=daten["veranstaltung"],
        ),
        lambda schritt: (
            _("Festgehalten: %(schritt)s.") % {"schritt": schritt.get_schritt_display()}
        ),
    )
    return redirect(eintrag)
