from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Case, IntegerField, Value, When
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.bestaetigung import Frage, erst_fragen
from common.export import csv_response
from common.scoping import allows, grants_by_object
from common.views import (
    ScopedDetailView,
    ScopedListView,
    ScopedUpdateView,
    get_scoped_object_or_404,
)
from common.zugriffe import Zugriff, zugriffe_protokollieren
from konten import roles
from konten.models import User
from netzwerk.models import Organisation

from . import services
from .filters import BedarfFilter, UnterkunftFilter, gefiltert
from .forms import BedarfForm, HausverbotForm, UnterkunftForm, ZeitfensterFormSet
from .models import Bedarf, Hausverbot, Unterkunft, ort_von
from .permissions import KOORDINIEREN, aufrufe_verwaltet

# Open needs first, then filled, paused and closed ones (the order of Bedarf.Status).
_STATUS_REIHENFOLGE = Case(
    *(When(status=status, then=Value(i)) for i, status in enumerate(Bedarf.Status.values)),
    output_field=IntegerField(),
)


def _koordination(unterkuenfte):
    """Coordinators of each shelter by name, fetched once for the whole page (two queries)."""
    je_unterkunft = grants_by_object(Unterkunft, [u.pk for u in unterkuenfte], KOORDINIEREN)
    personen = list(
        User.objects.filter(pk__in={p for ids in je_unterkunft.values() for p in ids}).order_by(
            "anzeigename"
        )
    )
    return {
        unterkunft_id: [p for p in personen if p.pk in ids]
        for unterkunft_id, ids in je_unterkunft.items()
    }


class UnterkunftListeView(ScopedListView):
    """Own shelters for their coordination; the region overview for regional coordination."""

    model = Unterkunft
    template_name = "unterkuenfte/liste.html"
    paginate_by = 50

    def narrow_queryset(self, queryset):
        queryset = (
            queryset.select_related("bezirk", "region", "art")
            .mit_bedarfszahlen()
            .mit_letzter_anmeldung()
            .mit_sichtbarer_adresse(self.request.user)
        )
        self.filter = UnterkunftFilter(
            self.request.GET or None, queryset=queryset, user=self.request.user
        )
        return gefiltert(self.filter)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        seite = list(context["object_list"])
        koordination = _koordination(seite)
        for unterkunft in seite:
            unterkunft.koordination = koordination.get(unterkunft.pk, [])
        context.update(object_list=seite, filter=self.filter)
        return context

    def render_to_response(self, context, **kwargs):
        if self.request.GET.get("format") == "csv":
            return _unterkuenfte_csv(self.object_list)
        return super().render_to_response(context, **kwargs)


def _unterkuenfte_csv(unterkuenfte):
    """The overview as CSV; the address only where the user may read it."""
    kopf = [
        _("Name"),
        _("Bezirk"),
        _("Status"),
        _("Kapazität"),
        _("Belegung"),
        _("offene Bedarfe"),
        _("Adresse"),
    ]
    zeilen = (
        [
            u.name,
            u.bezirk,
            u.get_status_display(),
            u.kapazitaet,
            u.belegung,
            u.offene_bedarfe,
            u.adresse if u.adresse_sichtbar else "",
        ]
        for u in unterkuenfte
    )
    return csv_response("unterkuenfte.csv", kopf, zeilen)


class UnterkunftDetailView(ScopedDetailView):
    """ "Meine Unterkunft": profile, requirement profile, occupancy and needs with fill status."""

    model = Unterkunft
    template_name = "unterkuenfte/detail.html"

    def narrow_queryset(self, queryset):
        return (
            queryset.select_related("bezirk", "region", "art", "betreiber")
            .prefetch_related("sprachen", "anforderungen")
            .mit_bedarfszahlen()
            .mit_sichtbarer_adresse(self.request.user)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        unterkunft = self.object
        user = self.request.user
        bedarfe = (
            Bedarf.objects.for_user(user, "manage")
            .filter(unterkunft=unterkunft)
            .select_related("taetigkeitsfeld")
            .prefetch_related("zeitfenster", "sprachen")
            .order_by(_STATUS_REIHENFOLGE, "-created_at")
        )
        context.update(
            bedarfe=bedarfe,
            koordination=_koordination([unterkunft]).get(unterkunft.pk, []),
            darf_aendern=allows(user, "change", unterkunft),
            darf_einladen=roles.rolle("ehrenamtskoordination").may_invite(user)
            and allows(user, "invite", unterkunft),
            aktive_hausverbote=Hausverbot.objects.for_user(user)
            .filter(unterkunft=unterkunft)
            .aktiv()
            .count(),
        )
        return context


class UnterkunftBearbeitenView(ScopedUpdateView):
    model = Unterkunft
    form_class = UnterkunftForm
    template_name = "bearbeiten.html"

    def form_valid(self, form):
        messages.success(self.request, _("Das Profil der Unterkunft ist gespeichert."))
        return super().form_valid(form)


def _bedarf_formular(request, bedarf, zurueck: str, neu: bool):
    """Posting or editing a need, for a shelter or an organisation alike."""
    form = BedarfForm(request.POST or None, instance=bedarf)
    formset = ZeitfensterFormSet(request.POST or None, instance=bedarf)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        with transaction.atomic():
            bedarf = form.save()
            formset.instance = bedarf
            formset.save()
        messages.success(
            request,
            _("Der Bedarf ist veröffentlicht.") if neu else _("Der Bedarf ist gespeichert."),
        )
        return redirect(zurueck)
    return render(
        request,
        "unterkuenfte/bedarf_formular.html",
        {
            "form": form,
            "formset": formset,
            "anbieter": bedarf.anbieter,
            "zurueck": zurueck,
            "neu": neu,
            "ort_fehlt": ort_von(bedarf.anbieter)[0] is None,
        },
    )


def bedarf_erstellen(request, pk):
    unterkunft = get_scoped_object_or_404(request.user, Unterkunft, pk, "view", "change")
    return _bedarf_formular(
        request, Bedarf(unterkunft=unterkunft), unterkunft.get_absolute_url(), neu=True
    )


def aufruf_erstellen(request, pk):
    """An organisation's contacts call for helpers: a need with the organisation as poster."""
    organisation = get_scoped_object_or_404(request.user, Organisation, pk, "view", "change")
    return _bedarf_formular(
        request,
        Bedarf(organisation=organisation),
        reverse("unterkuenfte:aufrufe", kwargs={"pk": organisation.pk}),
        neu=True,
    )


def bedarf_bearbeiten(request, pk):
    bedarf = get_scoped_object_or_404(request.user, Bedarf, pk, "view", "change")
    return _bedarf_formular(request, bedarf, bedarf.get_absolute_url(), neu=False)


def aufrufe(request, pk):
    """An organisation's calls for helpers with their fill status. Its contacts post and
    manage them here; the network coordination of its region looks on."""
    organisation = get_object_or_404(aufrufe_verwaltet(request.user), pk=pk)
    bedarfe = (
        Bedarf.objects.for_user(request.user, "manage")
        .filter(organisation=organisation)
        .select_related("taetigkeitsfeld")
        .prefetch_related("zeitfenster", "sprachen")
        .order_by(_STATUS_REIHENFOLGE, "-created_at")
    )
    return render(
        request,
        "unterkuenfte/aufrufe.html",
        {
            "organisation": organisation,
            "bedarfe": bedarfe,
            "darf_aendern": allows(request.user, "change", organisation),
        },
    )


def _bedarf_frage(bedarf, status) -> Frage | None:
    """Closing asks first; pausing and reopening do not."""
    if status != Bedarf.Status.GESCHLOSSEN:
        return None
    return Frage(
        frage=_("Den Bedarf „%(titel)s“ von %(anbieter)s schließen?")
        % {"titel": bedarf.titel, "anbieter": bedarf.anbieter.name},
        knopf=_("Bedarf schließen"),
        zurueck=bedarf.get_absolute_url(),
        folgen=[
            _("Er verschwindet von der Bedarfsbörse; niemand kann sich mehr darauf bewerben."),
            _("Laufende Einsätze bleiben, und Sie können ihn wieder öffnen."),
        ],
    )


@require_POST
def bedarf_status(request, pk):
    bedarf = get_scoped_object_or_404(request.user, Bedarf, pk, "view", "change")
    status = request.POST.get("status")
    if status not in Bedarf.Status.values:
        messages.error(request, _("Diesen Status gibt es nicht."))
    else:
        if frage := erst_fragen(request, lambda: _bedarf_frage(bedarf, status)):
            return frage
        services.bedarf_status_setzen(bedarf, status)
        messages.success(
            request,
            _("„%(titel)s“ ist jetzt %(status)s.")
            % {"titel": bedarf.titel, "status": bedarf.get_status_display()},
        )
    return redirect(bedarf.get_absolute_url())


def hausverbote(request, pk):
    """The ban list of one shelter; its coordination adds bans here."""
    unterkunft = get_scoped_object_or_404(request.user, Unterkunft, pk)
    darf_aendern = allows(request.user, "change", unterkunft)
    form = None
    if darf_aendern:
        form = HausverbotForm(request.POST or None, instance=Hausverbot(unterkunft=unterkunft))
        if request.method == "POST" and form.is_valid():
            form.instance.erteilt_von = request.user
            form.save()
            messages.success(request, _("Das Hausverbot ist eingetragen."))
            return redirect("unterkuenfte:hausverbote", pk=unterkunft.pk)
    elif request.method == "POST":
        raise PermissionDenied
    liste = list(
        Hausverbot.objects.for_user(request.user)
        .filter(unterkunft=unterkunft)
        .select_related("person", "erteilt_von")
    )
    zugriffe_protokollieren(request, [h.person_id for h in liste], Zugriff.HAUSVERBOTE)
    return render(
        request,
        "unterkuenfte/hausverbote.html",
        {
            "unterkunft": unterkunft,
            "hausverbote": liste,
            "form": form,
            "darf_aendern": darf_aendern,
            "heute": timezone.localdate(),
        },
    )


def _hausverbot_frage(hausverbot) -> Frage:
    werte = {"person": hausverbot.person.anzeigename, "unterkunft": hausverbot.unterkunft.name}
    return Frage(
        frage=_("Das Hausverbot für %(person)s in %(unterkunft)s beenden?") % werte,
        knopf=_("Hausverbot beenden"),
        zurueck=reverse("unterkuenfte:hausverbote", args=[hausverbot.unterkunft_id]),
        folgen=[
            _("%(person)s kann sich ab heute wieder auf Bedarfe dieser Unterkunft bewerben.")
            % werte,
            _("Der Eintrag bleibt mit seinem Zeitraum in der Liste."),
        ],
    )


@require_POST
def hausverbot_beenden(request, pk):
    hausverbot = get_scoped_object_or_404(request.user, Hausverbot, pk, "view", "change")
    if frage := erst_fragen(request, lambda: _hausverbot_frage(hausverbot)):
        return frage
    try:
        services.hausverbot_beenden(hausverbot)
        messages.success(request, _("Das Hausverbot ist beendet."))
    except services.HausverbotBeendet:
        messages.info(request, _("Dieses Hausverbot ist bereits beendet."))
    return redirect("unterkuenfte:hausverbote", pk=hausverbot.unterkunft_id)


@method_decorator(login_not_required, name="dispatch")
class BedarfBoardView(ScopedListView):
    """The public needs board: open needs, district only, never an address."""

    model = Bedarf
    scope_action = "public"
    template_name = "unterkuenfte/board.html"
    paginate_by = 20

    def narrow_queryset(self, queryset):
        queryset = queryset.select_related(
            "unterkunft", "organisation", "bezirk", "taetigkeitsfeld"
        ).prefetch_related("sprachen", "zeitfenster")
        self.filter = BedarfFilter(self.request.GET or None, queryset=queryset)
        return gefiltert(self.filter)

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter=self.filter, **kwargs)

    def render_to_response(self, context, **kwargs):
        if self.request.GET.get("format") == "csv":
            return _bedarfe_csv(self.object_list)
        return super().render_to_response(context, **kwargs)


def _bedarfe_csv(bedarfe):
    """The board as CSV: district, never an address."""
    kopf = [
        _("Titel"),
        _("Tätigkeitsfeld"),
        _("Unterkunft oder Organisation"),
        _("Bezirk"),
        _("Sprachen"),
        _("Zeiten"),
        _("gesucht"),
    ]
    zeilen = (
        [
            b.titel,
            b.taetigkeitsfeld,
            b.anbieter.name,
            b.bezirk or "",
            ", ".join(s.name for s in b.sprachen.all()),
            ", ".join(str(z) for z in b.zeitfenster.all()) or b.einmalig_am,
            b.anzahl_helfende - b.anzahl_besetzt,
        ]
        for b in bedarfe
    )
    return csv_response("bedarfe.csv", kopf, zeilen)


@method_decorator(login_not_required, name="dispatch")
class BedarfOeffentlichView(ScopedDetailView):
    model = Bedarf
    scope_action = "public"
    template_name = "unterkuenfte/bedarf.html"

    def narrow_queryset(self, queryset):
        return queryset.select_related(
            "unterkunft", "organisation", "bezirk", "taetigkeitsfeld"
        ).prefetch_related(
            "sprachen",
            "zeitfenster",
            "zusaetzliche_anforderungen",
            "unterkunft__anforderungen",
            "taetigkeitsfeld__anforderungen",
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            anforderungen=self.object.anforderungen_gesamt(),
            board_url=reverse("unterkuenfte:board"),
            **kwargs,
        )
