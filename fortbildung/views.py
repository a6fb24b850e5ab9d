"""Training pages: the public calendar and course pages, "Meine Fortbildungen", topic
wishes, the certificate check, and the team's course management.

Rows come through ``for_user()`` (hidden courses answer 404); every change goes through a
service function whose refusal is shown to the person as it is worded.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common import abstimmung
from common.bestaetigung import Frage, erst_fragen
from common.drosselung import gedrosselt
from common.pdf import pdf_response
from common.views import ScopedListView, ausfuehren, get_scoped_object_or_404

from . import services
from .forms import ErteilungForm, KursForm, ReiheForm, SitzungFormSet, ThemenwunschForm
from .models import Anmeldung, Erteilung, Kurs, Reihe, Sitzung, Stufe, Themenwunsch, Zielgruppe
from .permissions import darf_wuenschen, ist_team


def _weiter(request, sonst) -> str:
    """The page a step returns to: the posted ``weiter`` where it is ours, else ``sonst``."""
    ziel = request.POST.get("weiter", "")
    if ziel and url_has_allowed_host_and_scheme(ziel, {request.get_host()}):
        return ziel
    return sonst.get_absolute_url()


def _seite(request, template, context, aktiv=""):
    """Renders a page of the training area with its section tabs."""
    user = request.user
    context.update(
        aktiv=aktiv, darf_wuenschen=darf_wuenschen(user), fortbildungsteam=ist_team(user)
    )
    return render(request, template, context)


def _nur_team(request):
    if not ist_team(request.user):
        raise PermissionDenied


def _kurs(request, pk, required_action=None):
    return get_scoped_object_or_404(request.user, Kurs, pk, required_action=required_action)


# --- public: calendar, course page, certificate check -----------------------------------------


class KalenderView(ScopedListView):
    """Published courses that have not ended, soonest first, with their free seats."""

    model = Kurs
    template_name = "fortbildung/kalender.html"
    paginate_by = 20

    def narrow_queryset(self, queryset):
        kurse = (
            queryset.filter(veroeffentlicht=True)
            .mit_belegung()
            .kommend()
            .select_related("reihe", "vermittelt")
            .prefetch_related("voraussetzungen")
            .order_by("erster_beginn", "pk")
        )
        stufe = self.request.GET.get("stufe")
        if stufe in Stufe.values:
            kurse = kurse.filter(reihe__stufe=stufe)
        zielgruppe = self.request.GET.get("zielgruppe")
        if zielgruppe in Zielgruppe.values:
            kurse = kurse.filter(reihe__zielgruppe__in=[zielgruppe, Zielgruppe.ALLE])
        return kurse

    def get_context_data(self, **kwargs):
        user = self.request.user
        return {
            **super().get_context_data(**kwargs),
            "aktiv": "kalender",
            "darf_wuenschen": darf_wuenschen(user),
            "fortbildungsteam": ist_team(user),
            "stufen": Stufe.choices,
            "zielgruppen": Zielgruppe.choices,
            "stufe": self.request.GET.get("stufe", ""),
            "zielgruppe": self.request.GET.get("zielgruppe", ""),
        }


@login_not_required
def kurs(request, pk):
    eintrag = (
        Kurs.objects.for_user(request.user)
        .mit_belegung()
        .select_related("reihe", "vermittelt", "themenwunsch")
        .prefetch_related("voraussetzungen", "sitzungen")
        .filter(pk=pk)
        .first()
    )
    if eintrag is None:
        raise Http404
    user = request.user
    context = {"kurs": eintrag, "team": ist_team(user)}
    if user.is_authenticated:
        context["meine"] = (
            Anmeldung.objects.for_user(user)
            .filter(kurs=eintrag, person=user)
            .exclude(status=Anmeldung.Status.ABGEMELDET)
            .mit_warteposition()
            .first()
        )
        if context["meine"] is None:
            context["hindernisse"] = services.anmeldung_hindernisse(eintrag, user)
            context["vorbereitende"] = _vorbereitende_kurse(eintrag, user)
    return _seite(request, "fortbildung/kurs.html", context, "kalender")


def _vorbereitende_kurse(kurs, user):
    """Upcoming courses that grant what the person still lacks for ``kurs``: the way in."""
    fehlend = services.fehlende_voraussetzungen(kurs, user)
    if not fehlend:
        return []
    return (
        Kurs.objects.for_user(user)
        .filter(veroeffentlicht=True, vermittelt__in=fehlend)
        .mit_belegung()
        .kommend()
        .order_by("erster_beginn")[:3]
    )


@require_POST
def anmelden(request, pk):
    eintrag = _kurs(request, pk)

    def meldung(anmeldung):
        if anmeldung.status == Anmeldung.Status.ANGEMELDET:
            return _("Sie sind angemeldet. Die Sitzungen stehen in Ihrem Kalender.")
        position = Anmeldung.objects.filter(pk=anmeldung.pk).mit_warteposition().get()
        return _("Der Kurs ist voll. Sie stehen auf der Warteliste an Platz %(n)d.") % {
            "n": position.warteposition
        }

    ausfuehren(request, lambda: services.anmeldung_anlegen(eintrag, request.user), meldung)
    return redirect(eintrag)


def _abmelden_frage(anmeldung, user, zurueck) -> Frage:
    werte = {"titel": anmeldung.kurs.titel, "person": anmeldung.person.anzeigename}
    eigene = anmeldung.person_id == user.pk
    if anmeldung.status == Anmeldung.Status.WARTEND:
        return Frage(
            frage=(
                _("Von der Warteliste für den Kurs „%(titel)s“ gehen?")
                if eigene
                else _("%(person)s von der Warteliste für den Kurs „%(titel)s“ nehmen?")
            )
            % werte,
            knopf=_("Von der Warteliste nehmen"),
            zurueck=zurueck,
        )
    return Frage(
        frage=(
            _("Ihre Anmeldung zum Kurs „%(titel)s“ stornieren?")
            if eigene
            else _("%(person)s vom Kurs „%(titel)s“ abmelden?")
        )
        % werte,
        knopf=_("Anmeldung stornieren"),
        zurueck=zurueck,
        folgen=[_("Der Platz geht an die erste Person auf der Warteliste, falls jemand wartet.")],
    )


@require_POST
def abmelden(request, pk):
    anmeldung = get_scoped_object_or_404(request.user, Anmeldung, pk)
    zurueck = _weiter(request, anmeldung.kurs)
    if frage := erst_fragen(request, lambda: _abmelden_frage(anmeldung, request.user, zurueck)):
        return frage
    wartend = anmeldung.status == Anmeldung.Status.WARTEND
    ausfuehren(
        request,
        lambda: services.anmeldung_stornieren(anmeldung, request.user),
        _("Sie stehen nicht mehr auf der Warteliste.")
        if wartend
        else _("Die Anmeldung ist storniert."),
    )
    return redirect(zurueck)


@login_not_required
@gedrosselt("zertifikat")
def pruefen(request):
    """Confirms a certificate's code: name, course and date, nothing more."""
    code = "".join(zeichen for zeichen in request.GET.get("code", "").upper() if zeichen.isalnum())
    treffer = None
    if code:
        formatiert = "-".join(code[i : i + 4] for i in range(0, len(code), 4))
        treffer = (
            Anmeldung.objects.filter(bescheinigungscode=formatiert, abgeschlossen_am__isnull=False)
            .mit_abschlusstag()
            .select_related("person", "kurs")
            .first()
        )
    return render(
        request,
        "fortbildung/pruefen.html",
        {"code": request.GET.get("code", ""), "gesucht": bool(code), "treffer": treffer},
    )


# --- the person's own training ----------------------------------------------------------------


def meine(request):
    user = request.user
    anmeldungen = (
        Anmeldung.objects.for_user(user)
        .filter(person=user)
        .exclude(status=Anmeldung.Status.ABGEMELDET)
        .mit_warteposition()
        .mit_abschlusstag()
        .select_related("kurs__reihe")
        .prefetch_related(Prefetch("kurs__sitzungen", queryset=Sitzung.objects.order_by("beginn")))
        .order_by("-pk")
    )
    return _seite(
        request,
        "fortbildung/meine.html",
        {
            "laufend": [a for a in anmeldungen if not a.abgeschlossen],
            "abgeschlossen": [a for a in anmeldungen if a.abgeschlossen],
            "qualifikationen": Erteilung.objects.for_user(user)
            .filter(person=user)
            .select_related("qualifikation", "kurs"),
        },
        "meine",
    )


def bescheinigung(request, pk):
    anmeldung = get_scoped_object_or_404(request.user, Anmeldung, pk)
    if not anmeldung.abgeschlossen:
        raise Http404
    kurs = Kurs.objects.mit_belegung().select_related("reihe").get(pk=anmeldung.kurs_id)
    return pdf_response(
        "fortbildung/pdf/bescheinigung.html",
        {
            "anmeldung": anmeldung,
            "person": anmeldung.person,
            "kurs": kurs,
            "sitzungen": kurs.sitzungen.all(),
            "anwesend": anmeldung.anwesenheiten.count(),
            "qualifikation": kurs.vermittelt,
            "traeger": settings.FORTBILDUNG_TRAEGER,
        },
        f"teilnahmebescheinigung-{anmeldung.pk}.pdf",
    )


# --- topic wishes -----------------------------------------------------------------------------


def wuensche(request):
    """Topic wishes ranked by votes; coordinators and organisations propose and vote."""
    if not darf_wuenschen(request.user):
        raise PermissionDenied
    form = ThemenwunschForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        daten = form.cleaned_data
        if ausfuehren(
            request,
            lambda: services.themenwunsch_vorschlagen(
                request.user, daten["titel"], daten["beschreibung"]
            ),
            _("Ihr Themenwunsch ist eingetragen; Ihre Stimme zählt schon."),
        ):
            return redirect("fortbildung:wuensche")
    liste = (
        Themenwunsch.objects.for_user(request.user)
        .mit_stimmen(request.user)
        .select_related("vorgeschlagen_von")
        .prefetch_related("kurse")
        .order_by("-anzahl_stimmen", "-created_at")
    )
    return _seite(
        request, "fortbildung/wuensche.html", {"wuensche": liste, "form": form}, "wuensche"
    )


@require_POST
def wunsch_stimme(request, pk):
    wunsch = get_scoped_object_or_404(request.user, Themenwunsch, pk)
    schritt, meldung = abstimmung.schritt_aus_formular(
        request.POST, services.themenwunsch_abstimmen, services.themenwunsch_stimme_zurueckziehen
    )
    ausfuehren(request, lambda: schritt(wunsch, request.user), meldung)
    return redirect("fortbildung:wuensche")


# --- the team's course management -------------------------------------------------------------


def verwaltung(request):
    _nur_team(request)
    kurse = (
        Kurs.objects.for_user(request.user, "change")
        .mit_belegung()
        .select_related("reihe")
        .order_by("-erster_beginn", "pk")
    )
    return _seite(
        request,
        "fortbildung/verwaltung.html",
        {
            "kommende": kurse.kommend(),
            "vergangene": kurse.exclude(pk__in=kurse.kommend().values("pk"))[:20],
            "reihen": Reihe.objects.for_user(request.user, "change")[:12],
            "wuensche": Themenwunsch.objects.for_user(request.user)
            .mit_stimmen(request.user)
            .order_by("-anzahl_stimmen", "-created_at")[:5],
        },
        "verwaltung",
    )


def reihe_erstellen(request):
    _nur_team(request)
    form = ReiheForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Die Reihe ist angelegt."))
        return redirect("fortbildung:verwaltung")
    return render(request, "fortbildung/reihe_form.html", {"form": form})


def _kurs_formular(request, instanz, vorlage):
    form = KursForm(request.POST or None, instance=instanz, user=request.user)
    sitzungen = SitzungFormSet(request.POST or None, instance=instanz, prefix="sitzungen")
    gueltig = request.method == "POST" and form.is_valid() and sitzungen.is_valid()
    if gueltig and ausfuehren(
        request,
        lambda: services.kurs_speichern(
            form.instance, request.user, sitzungen.sitzungen(), form.cleaned_data["voraussetzungen"]
        ),
        _("Der Kurs ist gespeichert."),
    ):
        return redirect("fortbildung:teilnehmende", pk=form.instance.pk)
    return render(request, vorlage, {"form": form, "sitzungen": sitzungen, "kurs": instanz})


def kurs_erstellen(request):
    _nur_team(request)
    instanz = Kurs(reihe_id=request.GET.get("reihe") or None)
    return _kurs_formular(request, instanz, "fortbildung/kurs_form.html")


def kurs_bearbeiten(request, pk):
    eintrag = _kurs(request, pk, required_action="change")
    return _kurs_formular(request, eintrag, "fortbildung/kurs_form.html")


def teilnehmende(request, pk):
    """Participants with attendance and completion, the waiting list, the sessions."""
    eintrag = _kurs(request, pk, required_action="change")
    eintrag = Kurs.objects.mit_belegung().select_related("reihe", "vermittelt").get(pk=eintrag.pk)
    alle = eintrag.anmeldungen.select_related("person").mit_warteposition()
    return _seite(
        request,
        "fortbildung/teilnehmende.html",
        {
            "kurs": eintrag,
            "teilnehmende": services.teilnehmende(eintrag),
            "warteliste": alle.filter(status=Anmeldung.Status.WARTEND),
            "storniert": alle.filter(status=Anmeldung.Status.ABGEMELDET).order_by("-abgemeldet_am"),
            "sitzungen": eintrag.sitzungen.all(),
            "noetig": eintrag.noetige_sitzungen(eintrag.anzahl_sitzungen),
        },
        "verwaltung",
    )


def anwesenheit(request, pk):
    """One session's attendance, phone-sized: tap a name to tick it."""
    sitzung = get_scoped_object_or_404(request.user, Sitzung, pk, required_action="change")
    if request.method == "POST":
        try:
            anwesende = {int(wert) for wert in request.POST.getlist("anwesend")}
        except ValueError:
            raise Http404 from None

        def meldung(fertig):
            text = _("Die Anwesenheit ist gespeichert.")
            if fertig:
                text += " " + _("Abgeschlossen und bescheinigt: %(namen)s.") % {
                    "namen": ", ".join(a.person.anzeigename for a in fertig)
                }
            return text

        if ausfuehren(
            request,
            lambda: services.anwesenheit_erfassen(sitzung, request.user, anwesende),
            meldung,
        ):
            return redirect("fortbildung:teilnehmende", pk=sitzung.kurs_id)
    anwesend = set(sitzung.anwesenheiten.values_list("anmeldung_id", flat=True))
    return render(
        request,
        "fortbildung/anwesenheit.html",
        {
            "sitzung": sitzung,
            "kurs": sitzung.kurs,
            "liste": [(a, a.pk in anwesend) for a in services.teilnehmende(sitzung.kurs)],
        },
    )


def anwesenheitsliste(request, pk):
    """The printable attendance sheet: a row per participant, a column per session."""
    eintrag = _kurs(request, pk, required_action="change")
    sitzungen = list(eintrag.sitzungen.all())
    zeilen = []
    for anmeldung in services.teilnehmende(eintrag).prefetch_related("anwesenheiten"):
        da = {x.sitzung_id for x in anmeldung.anwesenheiten.all()}
        zeilen.append((anmeldung, [sitzung.pk in da for sitzung in sitzungen]))
    return pdf_response(
        "fortbildung/pdf/anwesenheitsliste.html",
        {"kurs": eintrag, "sitzungen": sitzungen, "zeilen": zeilen},
        f"anwesenheitsliste-{eintrag.pk}.pdf",
    )


def qualifikation_erteilen(request):
    _nur_team(request)
    form = ErteilungForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        daten = form.cleaned_data
        if ausfuehren(
            request,
            lambda: services.qualifikation_erteilen(
                form.person, daten["qualifikation"], request.user, daten["grund"]
            ),
            _("Die Qualifikation ist erteilt."),
        ):
            return redirect("fortbildung:verwaltung")
    return render(request, "fortbildung/erteilen.html", {"form": form})
