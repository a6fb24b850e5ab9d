"""Jour-fixe pages: series, Termine with agenda, answers, attendance, minutes, action items.

Every page reaches its rows through ``for_user()`` (hidden Termine answer 404); every change
goes through a service function, whose refusal is shown to the person as it is worded.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from common import abstimmung, kalender
from common.bestaetigung import Frage, erst_fragen
from common.scoping import allows
from common.views import ScopedListView, ausfuehren, get_scoped_object_or_404, refused
from common.workflow import NichtMoeglich
from common.zeichen import einzeilig

from .. import services, termin_verweise
from ..forms import (
    AufgabeForm,
    ProtokollForm,
    SerieBearbeitenForm,
    SerieForm,
    TerminForm,
    ThemaForm,
)
from ..kalender import termin_eintrag
from ..models import Aufgabe, JourFixeSerie, Stimme, Teilnahme, Termin, Thema
from ..permissions import darf_serien_anlegen

# --- lists ------------------------------------------------------------------------------------


#: past Termine a page of the list shows below the coming ones
VERGANGENE_JE_SEITE = 10


class TerminListeView(ScopedListView):
    """The coming Termine of every jour fixe the person is invited to or manages, and the
    past ones (with their minutes) a page at a time below them."""

    model = Termin
    template_name = "regionen/jourfixe/termine.html"
    paginate_by = 25

    def narrow_queryset(self, queryset):
        return queryset.kommend().select_related("serie__region").mit_antworten(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        vergangene = (
            Termin.objects.for_user(user)
            .filter(ende__lt=timezone.now())
            .select_related("serie__region")
            .order_by("-beginn", "-pk")
        )
        context["vergangene"] = Paginator(vergangene, VERGANGENE_JE_SEITE).get_page(
            self.request.GET.get("vergangen")
        )
        context["serien"] = (
            JourFixeSerie.objects.for_user(user, "change").laufend().select_related("region")
        )
        context["darf_anlegen"] = darf_serien_anlegen(user)
        context["antwort_auswahl"] = Teilnahme.Antwort.choices
        return context


class AufgabeListeView(ScopedListView):
    """Open action items: one's own first, then those of the jours fixes one manages."""

    model = Aufgabe
    template_name = "regionen/jourfixe/aufgaben.html"
    paginate_by = 25

    def narrow_queryset(self, queryset):
        user = self.request.user
        return (
            queryset.filter(status=Aufgabe.Status.OFFEN)
            .select_related("termin__serie", "verantwortlich")
            .annotate(
                eigene=Q(verantwortlich=user),
                darf_aendern=Exists(
                    Aufgabe.objects.for_user(user, "change").filter(pk=OuterRef("pk"))
                ),
            )
            .order_by("-eigene", "faellig_am", "pk")
        )


# --- series -----------------------------------------------------------------------------------


def serie_erstellen(request):
    if not darf_serien_anlegen(request.user):
        raise PermissionDenied
    form = SerieForm(
        request.POST or None, user=request.user, initial={"region": request.GET.get("region")}
    )
    if request.method == "POST" and form.is_valid():
        serie = form.save(commit=False)
        try:
            services.serie_anlegen(serie, request.user)
        except NichtMoeglich as fehler:
            refused(request, fehler)
        else:
            messages.success(request, _("Die Reihe ist angelegt; die Termine stehen im Kalender."))
            return redirect(serie)
    return render(request, "regionen/jourfixe/serie_form.html", {"form": form})


def serie(request, pk):
    eintrag = get_scoped_object_or_404(request.user, JourFixeSerie, pk)
    termine = (
        Termin.objects.for_user(request.user)
        .filter(serie=eintrag)
        .mit_antworten(request.user)
        .order_by("-beginn")
    )
    return render(
        request,
        "regionen/jourfixe/serie.html",
        {
            "serie": eintrag,
            "kommende": termine.kommend(),
            "vergangene": termine.exclude(pk__in=termine.kommend().values("pk"))[:12],
            "verwaltet": allows(request.user, "change", eintrag),
            "anzahl_eingeladene": services.eingeladene(eintrag).count(),
        },
    )


def serie_bearbeiten(request, pk):
    eintrag = get_scoped_object_or_404(request.user, JourFixeSerie, pk, required_action="change")
    form = SerieBearbeitenForm(request.POST or None, instance=eintrag)
    if (
        request.method == "POST"
        and form.is_valid()
        and ausfuehren(
            request,
            lambda: services.serie_aendern(form.instance, request.user),
            _("Die Reihe ist gespeichert."),
        )
    ):
        return redirect(eintrag)
    return render(request, "bearbeiten.html", {"form": form, "object": eintrag})


def _benachrichtigt(serie) -> str:
    anzahl = services.eingeladene(serie).count()
    return ngettext(
        "%(n)d eingeladene Person wird benachrichtigt.",
        "%(n)d eingeladene Personen werden benachrichtigt.",
        anzahl,
    ) % {"n": anzahl}


def _serie_beenden_frage(serie) -> Frage:
    termine = services.kuenftige_termine(serie).count()
    return Frage(
        frage=_("Die Reihe „%(titel)s“ beenden?") % {"titel": serie.titel},
        knopf=_("Reihe beenden"),
        zurueck=serie.get_absolute_url(),
        folgen=[
            ngettext(
                "%(n)d künftiger Termin entfällt.", "%(n)d künftige Termine entfallen.", termine
            )
            % {"n": termine},
            _benachrichtigt(serie),
            _("Vergangene Termine mit ihren Protokollen bleiben."),
        ],
    )


@require_POST
def serie_beenden(request, pk):
    eintrag = get_scoped_object_or_404(request.user, JourFixeSerie, pk, required_action="change")
    if frage := erst_fragen(request, lambda: _serie_beenden_frage(eintrag)):
        return frage
    ausfuehren(
        request,
        lambda: services.serie_beenden(eintrag, request.user),
        _("Die Reihe ist beendet; ihre künftigen Termine sind entfernt."),
    )
    return redirect(eintrag)


# --- one Termin -------------------------------------------------------------------------------


def _termin(request, pk, required_action=None):
    return get_scoped_object_or_404(
        request.user,
        Termin,
        pk,
        required_action=required_action,
    )


def _themen(termin, user):
    stimmen = Stimme.objects.filter(thema=OuterRef("pk"))
    return termin.themen.select_related("vorgeschlagen_von").annotate(
        **abstimmung.stimmen_zaehlen(stimmen, user)
    )


def termin(request, pk):
    eintrag = Termin.objects.select_related("serie__region").get(pk=_termin(request, pk).pk)
    user = request.user
    verwaltet = allows(user, "change", eintrag)
    themen = _themen(eintrag, user).order_by("-auf_tagesordnung", "position", "-anzahl_stimmen")
    meine = Teilnahme.objects.filter(termin=eintrag, person=user).first()
    antworten = eintrag.antwortzahlen()
    context = {
        "termin": eintrag,
        "serie": eintrag.serie,
        "verwaltet": verwaltet,
        "themen": themen,
        "tagesordnung": [thema for thema in themen if thema.auf_tagesordnung],
        "uebertragene_aufgaben": Aufgabe.objects.offen_bei(eintrag).select_related(
            "verantwortlich", "termin"
        ),
        "aufgaben": eintrag.aufgaben.select_related("verantwortlich"),
        "meine_antwort": meine.antwort if meine else "",
        "antworten": antworten,
        "antwort_auswahl": Teilnahme.Antwort.choices,
        "themen_form": ThemaForm(),
        "verweise": termin_verweise.verweise(eintrag, user),
    }
    return render(request, "regionen/jourfixe/termin.html", context)


def termin_ics(request, pk):
    eintrag = Termin.objects.select_related("serie__region").get(pk=_termin(request, pk).pk)
    return kalender.ics_response(
        [termin_eintrag(eintrag)], eintrag.serie.titel, f"jourfixe-{eintrag.pk}.ics"
    )


def termin_verschieben(request, pk):
    eintrag = _termin(request, pk, required_action="change")
    form = TerminForm.fuer(eintrag, request.POST or None)
    if request.method == "POST" and form.is_valid():
        beginn, ende = form.zeiten()
        daten = form.cleaned_data
        if ausfuehren(
            request,
            lambda: services.termin_verschieben(
                eintrag, request.user, beginn, ende, daten["ort"], daten["online_link"]
            ),
            _("Der Termin ist geändert; die Eingeladenen werden benachrichtigt."),
        ):
            return redirect(eintrag)
    return render(
        request, "regionen/jourfixe/termin_verschieben.html", {"form": form, "termin": eintrag}
    )


def _termin_absagen_frage(termin) -> Frage:
    return Frage(
        frage=_("Den Termin von „%(titel)s“ am %(datum)s um %(uhrzeit)s absagen?")
        % {
            "titel": termin.serie.titel,
            "datum": date_format(timezone.localtime(termin.beginn)),
            "uhrzeit": time_format(timezone.localtime(termin.beginn)),
        },
        knopf=_("Termin absagen"),
        zurueck=termin.get_absolute_url(),
        folgen=[_benachrichtigt(termin.serie), _("Die anderen Termine der Reihe bleiben.")],
    )


@require_POST
def termin_absagen(request, pk):
    eintrag = _termin(request, pk, required_action="change")
    if frage := erst_fragen(request, lambda: _termin_absagen_frage(eintrag)):
        return frage
    ausfuehren(
        request,
        # the reason field sits in the page, not in a form class: cleaned here like one
        lambda: services.termin_absagen(
            eintrag, request.user, einzeilig(request.POST.get("grund", ""))
        ),
        _("Der Termin ist abgesagt; die Eingeladenen werden benachrichtigt."),
    )
    return redirect(eintrag)


@require_POST
def termin_antworten(request, pk):
    eintrag = _termin(request, pk)
    ausfuehren(
        request,
        lambda: services.teilnahme_antworten(
            eintrag, request.user, request.POST.get("antwort", "")
        ),
        _("Ihre Antwort ist gespeichert."),
    )
    if request.POST.get("weiter") == "liste":
        return redirect("regionen:termine")
    return redirect(eintrag)


@require_POST
def thema_vorschlagen(request, pk):
    eintrag = _termin(request, pk)
    form = ThemaForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Bitte geben Sie dem Thema einen Titel."))
        return redirect(eintrag)
    ausfuehren(
        request,
        lambda: services.thema_vorschlagen(
            eintrag, request.user, form.cleaned_data["titel"], form.cleaned_data["beschreibung"]
        ),
        _("Ihr Thema ist vorgeschlagen."),
    )
    return redirect(eintrag.get_absolute_url() + "#themen")


@require_POST
def thema_stimme(request, pk):
    thema = get_scoped_object_or_404(request.user, Thema, pk)
    schritt, meldung = abstimmung.schritt_aus_formular(
        request.POST, services.thema_abstimmen, services.thema_stimme_zurueckziehen
    )
    ausfuehren(request, lambda: schritt(thema, request.user), meldung)
    return redirect(thema.termin.get_absolute_url() + "#themen")


@require_POST
def tagesordnung(request, pk):
    """Saves the agenda's choice and order; with ``veroeffentlichen`` also publishes it."""
    eintrag = _termin(request, pk, required_action="change")
    stellen = []
    for thema_pk in request.POST.getlist("auf_tagesordnung"):
        try:
            stellen.append((int(request.POST.get(f"position_{thema_pk}") or 999), int(thema_pk)))
        except ValueError:
            messages.error(request, _("Die Reihenfolge muss eine Zahl sein."))
            return redirect(eintrag)
    reihenfolge = [thema_pk for _stelle, thema_pk in sorted(stellen)]

    def festlegen():
        services.tagesordnung_festlegen(eintrag, request.user, reihenfolge)
        if request.POST.get("veroeffentlichen"):
            services.tagesordnung_veroeffentlichen(eintrag, request.user)

    meldung = (
        _("Die Tagesordnung ist veröffentlicht; die Eingeladenen werden benachrichtigt.")
        if request.POST.get("veroeffentlichen")
        else _("Die Tagesordnung ist gespeichert.")
    )
    ausfuehren(request, festlegen, meldung)
    return redirect(eintrag.get_absolute_url() + "#tagesordnung")


def anwesenheit(request, pk):
    """The attendance list on the day: one checkbox per invited person, phone-sized."""
    eintrag = _termin(request, pk, required_action="change")
    if request.method == "POST":
        try:
            anwesende = {int(wert) for wert in request.POST.getlist("anwesend")}
        except ValueError:
            raise Http404 from None
        if ausfuehren(
            request,
            lambda: services.anwesenheit_erfassen(eintrag, request.user, anwesende),
            _("Die Anwesenheit ist gespeichert."),
        ):
            return redirect(eintrag)
    return render(
        request,
        "regionen/jourfixe/anwesenheit.html",
        {"termin": eintrag, "liste": services.anwesenheitsliste(eintrag)},
    )


def protokoll(request, pk):
    """Minutes, decisions and action items of a Termin; publishing sends them to the circle."""
    eintrag = _termin(request, pk, required_action="change")
    form = ProtokollForm(
        request.POST or None,
        initial={"protokoll": eintrag.protokoll, "beschluesse": eintrag.beschluesse},
    )
    if request.method == "POST" and form.is_valid():
        veroeffentlichen = bool(request.POST.get("veroeffentlichen"))
        if ausfuehren(
            request,
            lambda: services.protokoll_speichern(
                eintrag,
                request.user,
                form.cleaned_data["protokoll"],
                form.cleaned_data["beschluesse"],
                veroeffentlichen=veroeffentlichen,
            ),
            _("Das Protokoll ist veröffentlicht.")
            if veroeffentlichen
            else _("Das Protokoll ist gespeichert."),
        ):
            if veroeffentlichen:
                return redirect(eintrag)
            return redirect("regionen:protokoll", pk=eintrag.pk)
    return render(
        request,
        "regionen/jourfixe/protokoll.html",
        {
            "termin": eintrag,
            "form": form,
            "aufgabe_form": AufgabeForm(serie=eintrag.serie),
            "aufgaben": eintrag.aufgaben.select_related("verantwortlich"),
        },
    )


@require_POST
def aufgabe_erstellen(request, pk):
    eintrag = _termin(request, pk, required_action="change")
    form = AufgabeForm(request.POST, serie=eintrag.serie)
    if form.is_valid():
        ausfuehren(
            request,
            lambda: services.aufgabe_anlegen(eintrag, request.user, **form.cleaned_data),
            _("Die Aufgabe ist angelegt."),
        )
    else:
        for fehler in form.errors.values():
            messages.error(request, " ".join(fehler))
    return redirect("regionen:protokoll", pk=eintrag.pk)


def _aufgabe_frage(aufgabe, status, zurueck) -> Frage | None:
    """Discarding asks first; marking as done does not."""
    if status != Aufgabe.Status.VERWORFEN:
        return None
    return Frage(
        frage=_("Die Aufgabe „%(titel)s“ verwerfen?") % {"titel": aufgabe.titel},
        knopf=_("Aufgabe verwerfen"),
        zurueck=zurueck,
        folgen=[_("Sie steht dann auf keiner Tagesordnung mehr.")],
    )


@require_POST
def aufgabe_status(request, pk):
    aufgabe = get_scoped_object_or_404(request.user, Aufgabe, pk, required_action="change")
    status = request.POST.get("status", "")
    zurueck = (
        aufgabe.termin.get_absolute_url()
        if request.POST.get("weiter") == "termin"
        else reverse("regionen:aufgaben")
    )
    if frage := erst_fragen(request, lambda: _aufgabe_frage(aufgabe, status, zurueck)):
        return frage
    ausfuehren(
        request,
        lambda: services.aufgabe_status_setzen(aufgabe, request.user, status),
        _("Der Stand der Aufgabe ist gespeichert."),
    )
    return redirect(zurueck)
