"""The volunteer's journey and the coordination's tools, as server-rendered pages.

Every page reads rows through ``for_user()``; state changes go through the service
functions, whose refusals (``NichtMoeglich``) are shown as they are worded.
"""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Prefetch, Q, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from common.bestaetigung import Frage, erst_fragen
from common.drosselung import gedrosselt
from common.scoping import allows
from common.views import ScopedListView, get_scoped_object_or_404, refused
from common.zugriffe import Zugriff, zugriffe_protokollieren
from konten.views import set_language_cookie
from unterkuenfte.models import Bedarf, Unterkunft

from . import gruende, matching, onboarding, pdf, services
from .erklaerungen import erklaerungen_annehmen, erklaerungen_offen
from .forms import (
    BewerbenForm,
    ErklaerungenForm,
    NachweisForm,
    PasswortWaehlenForm,
    ProfilForm,
    RegistrierenForm,
    SprachkenntnisFormSet,
    StundenForm,
    TextForm,
    VerfuegbarkeitFormSet,
)
from .models import Bewerbung, Einsatz, Nachweis, Profil, Sprachkenntnis, Stundeneintrag
from .nachweise import Status
from .nachweisstand import anforderungen_status

SEITE = 25
#: the list filter for applications waiting for a decision (``BewerbungQuerySet.wartend``)
WARTEND = "wartend"


def _eigenes_profil(user) -> Profil:
    """The signed-in volunteer's profile; 404 for everyone without one."""
    return get_object_or_404(Profil.objects.for_user(user, "change"), person=user)


# --- registration and onboarding ----------------------------------------------------------


@login_not_required
@gedrosselt("registrieren", methoden=("POST",), email_feld="email")
def registrieren(request):
    if request.user.is_authenticated:
        return redirect("start")
    form = RegistrierenForm(request.POST or None, initial={"sprache": request.LANGUAGE_CODE})
    if request.method == "POST" and form.is_valid():
        onboarding.registrierung_start(**form.cleaned_data)
        return redirect("freiwillige:registriert")
    return render(request, "freiwillige/registrieren.html", {"form": form})


@login_not_required
def registriert(request):
    return render(request, "freiwillige/registriert.html")


@login_not_required
def bestaetigen(request, token):
    try:
        daten = onboarding.registrierung_aus_token(token)
    except onboarding.RegistrierungFehler as fehler:
        return render(request, "freiwillige/link_ungueltig.html", {"fehler": fehler}, status=410)
    form = PasswortWaehlenForm(
        request.POST or None, email=daten["email"], anzeigename=daten["anzeigename"]
    )
    if request.method == "POST" and form.is_valid():
        try:
            user = onboarding.registrierung_abschliessen(token, form.cleaned_data["new_password1"])
        except onboarding.RegistrierungFehler as fehler:
            return render(
                request, "freiwillige/link_ungueltig.html", {"fehler": fehler}, status=410
            )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        request.session["erklaerungen_offen"] = True
        messages.success(request, _("Ihre E-Mail-Adresse ist bestätigt. Willkommen!"))
        return set_language_cookie(redirect("freiwillige:erklaerungen"), user.sprache)
    return render(request, "freiwillige/bestaetigen.html", {"form": form, "daten": daten})


def erklaerungen(request):
    offen = erklaerungen_offen(request.user)
    weiter = request.GET.get("next") or request.POST.get("next") or ""
    if not url_has_allowed_host_and_scheme(weiter, {request.get_host()}):
        weiter = ""
    if not offen:
        request.session.pop("erklaerungen_offen", None)
        return redirect(weiter or "freiwillige:profil")
    form = ErklaerungenForm(request.POST if request.method == "POST" else None, erklaerungen=offen)
    if request.method == "POST" and form.is_valid():
        erklaerungen_annehmen(request.user, offen)
        request.session.pop("erklaerungen_offen", None)
        messages.success(request, _("Danke! Ihre Zustimmung ist gespeichert."))
        return redirect(weiter or "freiwillige:profil")
    return render(
        request, "freiwillige/erklaerungen.html", {"form": form, "offen": offen, "next": weiter}
    )


def profil(request):
    eintrag = _eigenes_profil(request.user)
    form = ProfilForm(request.POST or None, instance=eintrag)
    sprachen = SprachkenntnisFormSet(request.POST or None, instance=eintrag, prefix="sprachen")
    zeiten = VerfuegbarkeitFormSet(request.POST or None, instance=eintrag, prefix="zeiten")
    if request.method == "POST" and all(f.is_valid() for f in (form, sprachen, zeiten)):
        with transaction.atomic():
            form.save()
            sprachen.save()
            zeiten.save()
        messages.success(request, _("Ihr Profil ist gespeichert."))
        return redirect("freiwillige:profil")
    return render(
        request,
        "freiwillige/profil.html",
        {"form": form, "sprachen": sprachen, "zeiten": zeiten, "profil": eintrag},
    )


def engagement(request):
    eintrag = _eigenes_profil(request.user)
    if request.method == "POST":
        status = request.POST.get("status")
        if status not in Profil.Status.values:
            messages.error(request, _("Diesen Status gibt es nicht."))
            return redirect("freiwillige:engagement")
        if frage := erst_fragen(request, lambda: _engagement_frage(request.user, status)):
            return frage
        try:
            onboarding.engagement_status_set(request.user, status)
        except services.NichtMoeglich as fehler:
            refused(request, fehler)
        else:
            messages.success(request, _ENGAGEMENT_MELDUNG[status])
        return redirect("freiwillige:engagement")
    return render(request, "freiwillige/engagement.html", {"profil": eintrag})


def _engagement_frage(user, status) -> Frage | None:
    """Ending asks first, with what it withdraws and ends; pausing and resuming do not."""
    if status != Profil.Status.BEENDET:
        return None
    bewerbungen = onboarding.offene_bewerbungen(user).count()
    einsaetze = onboarding.laufende_einsaetze(user).count()
    folgen = [
        ngettext(
            "%(n)d offene Bewerbung wird zurückgezogen.",
            "%(n)d offene Bewerbungen werden zurückgezogen.",
            bewerbungen,
        )
        % {"n": bewerbungen},
        ngettext(
            "%(n)d laufender Einsatz wird beendet.",
            "%(n)d laufende Einsätze werden beendet.",
            einsaetze,
        )
        % {"n": einsaetze},
    ]
    if bewerbungen or einsaetze:
        folgen.append(_("Die Koordination der Unterkünfte und Organisationen erfährt es."))
    folgen.append(_("Wieder aktiv werden können Sie jederzeit."))
    return Frage(
        frage=_("Ihr Engagement beenden?"),
        knopf=_("Engagement beenden"),
        zurueck=reverse("freiwillige:engagement"),
        folgen=folgen,
    )


_ENGAGEMENT_MELDUNG = {
    "aktiv": gettext_lazy("Schön, dass Sie wieder dabei sind."),
    "pausiert": gettext_lazy("Ihr Engagement ist pausiert. Sie erhalten keine Vorschläge."),
    "beendet": gettext_lazy("Ihr Engagement ist beendet. Danke für Ihre Hilfe!"),
}


# --- matching ------------------------------------------------------------------------------


def passende_bedarfe(request):
    eintrag = _eigenes_profil(request.user)
    kontext = matching.profil_kontext(eintrag)
    seite = Paginator(matching.passende_bedarfe(kontext), SEITE).get_page(request.GET.get("page"))
    gruende.fuer_bedarfe(kontext, seite.object_list)
    return render(
        request,
        "freiwillige/passende_bedarfe.html",
        {"page_obj": seite, "profil": eintrag, "ohne_zeiten": not kontext.slots},
    )


def kandidaten(request, pk):
    bedarf = get_scoped_object_or_404(request.user, Bedarf, pk, "manage", "change")
    kontext = matching.bedarf_kontext(bedarf)
    seite = Paginator(matching.kandidaten(kontext), SEITE).get_page(request.GET.get("page"))
    seite.object_list = list(seite.object_list)
    gruende.fuer_kandidaten(kontext, seite.object_list)
    eingeladen = set(
        bedarf.bewerbungseinladungen.filter(
            person__in=[p.person_id for p in seite.object_list]
        ).values_list("person_id", flat=True)
    )
    return render(
        request,
        "freiwillige/kandidaten.html",
        {"bedarf": kontext.bedarf, "page_obj": seite, "eingeladen": eingeladen},
    )


@require_POST
def kandidat_einladen(request, pk, profil_pk):
    bedarf = get_scoped_object_or_404(request.user, Bedarf, pk, "manage", "change")
    kontext = matching.bedarf_kontext(bedarf)
    # only someone the candidate list proposes may be invited (no probing of other profiles)
    kandidat = get_object_or_404(matching.kandidaten(kontext).select_related(None), pk=profil_pk)
    try:
        services.zur_bewerbung_einladen(bedarf, kandidat.person, request.user)
    except services.NichtMoeglich as fehler:
        refused(request, fehler)
    else:
        messages.success(
            request,
            _("%(name)s ist eingeladen, sich zu bewerben.") % {"name": kandidat.vorname},
        )
    return redirect("freiwillige:kandidaten", pk=bedarf.pk)


# --- applications ---------------------------------------------------------------------------


def bewerben(request, pk):
    bedarf = get_object_or_404(
        Bedarf.objects.for_user(request.user, "public").select_related(
            "unterkunft", "organisation", "bezirk"
        ),
        pk=pk,
    )
    _eigenes_profil(request.user)
    form = BewerbenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            bewerbung = services.bewerbung_anlegen(
                request.user, bedarf, form.cleaned_data["nachricht"]
            )
        except services.NichtMoeglich as fehler:
            refused(request, fehler)
        else:
            messages.success(
                request,
                _("Ihre Bewerbung ist bei „%(anbieter)s“ angekommen. Sie hören von dort.")
                % {"anbieter": bedarf.anbieter.name},
            )
            return redirect("freiwillige:bewerbung", pk=bewerbung.pk)
    return render(
        request,
        "freiwillige/bewerben.html",
        {"bedarf": bedarf, "form": form, "anforderungen": _anforderungen(request.user, bedarf)},
    )


def _anforderungen(person, bedarf) -> list[dict]:
    """Each requirement of the need with the person's status, for display."""
    return [
        {"art": art, "status": status, "label": Status(status).label, "nachweis": nachweis}
        for art, (status, nachweis) in anforderungen_status(
            person, bedarf.anforderungen_gesamt()
        ).items()
    ]


class BewerbungListeView(ScopedListView):
    """The volunteer's own applications; for the coordination, those at its shelters."""

    model = Bewerbung
    template_name = "freiwillige/bewerbungen.html"
    paginate_by = SEITE

    def narrow_queryset(self, queryset):
        status = self.request.GET.get("status")
        if status == WARTEND:
            queryset = queryset.wartend()
        elif status in Bewerbung.Status.values:
            queryset = queryset.filter(status=status)
        return queryset.select_related(
            "person",
            "bedarf__unterkunft",
            "bedarf__organisation",
            "bedarf__bezirk",
            "bedarf__taetigkeitsfeld",
        ).order_by("-updated_at", "-pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            status_auswahl=[
                (WARTEND, _("wartet auf Entscheidung (offen oder Rückfrage)")),
                *Bewerbung.Status.choices,
            ],
            status=self.request.GET.get("status", ""),
        )
        return context


def bewerbung(request, pk):
    eintrag = get_scoped_object_or_404(request.user, Bewerbung, pk)
    eintrag = (
        Bewerbung.objects.select_related(
            "person",
            "bedarf__unterkunft__betreiber",
            "bedarf__organisation",
            "bedarf__taetigkeitsfeld",
        )
        .prefetch_related("verlauf__akteur")
        .get(pk=eintrag.pk)
    )
    koordination = allows(request.user, "decide", eintrag)
    kontext = {
        "bewerbung": eintrag,
        "koordination": koordination,
        "eigene": eintrag.person_id == request.user.pk,
        "anforderungen": _anforderungen(eintrag.person, eintrag.bedarf),
        "einsatz": Einsatz.objects.filter(bewerbung=eintrag).first(),
        "textform": TextForm(),
        "fz_bestaetigung": services.braucht_fuehrungszeugnis(eintrag.bedarf)
        and services.fz_bestaetigung_moeglich(eintrag),
    }
    if koordination:
        kontext["profil"] = _profil_mit_details(eintrag.person_id)
        # the profile and the status of every required check
        zugriffe_protokollieren(request, [eintrag.person_id], Zugriff.PROFIL, Zugriff.NACHWEISE)
    return render(request, "freiwillige/bewerbung.html", kontext)


def _profil_mit_details(person_id):
    return (
        Profil.objects.filter(person_id=person_id)
        .select_related("person", "heimatbezirk")
        .prefetch_related(
            Prefetch(
                "sprachkenntnisse",
                queryset=Sprachkenntnis.objects.select_related("sprache").order_by("-niveau"),
            ),
            "verfuegbarkeiten",
            "interessen",
        )
        .first()
    )


_BEWERBUNG_AKTIONEN = {
    "annehmen": lambda b, user, text: services.bewerbung_annehmen(b, user),
    "ablehnen": lambda b, user, text: services.bewerbung_ablehnen(b, user, text),
    "rueckfrage": lambda b, user, text: services.bewerbung_rueckfrage(b, user, text),
    "antworten": lambda b, user, text: services.bewerbung_antworten(b, user, text),
    "zurueckziehen": lambda b, user, text: services.bewerbung_zurueckziehen(b, user),
}

_BEWERBUNG_MELDUNG = {
    "annehmen": gettext_lazy("Angenommen. Der Einsatz ist angelegt und die Person benachrichtigt."),
    "ablehnen": gettext_lazy("Die Bewerbung ist abgelehnt; die Person wird benachrichtigt."),
    "rueckfrage": gettext_lazy("Ihre Frage ist gestellt."),
    "antworten": gettext_lazy("Ihre Antwort ist bei der Koordination angekommen."),
    "zurueckziehen": gettext_lazy("Ihre Bewerbung ist zurückgezogen."),
}


def _ablehnen_frage(bewerbung, user) -> Frage:
    person = bewerbung.person.anzeigename
    return Frage(
        frage=_("Die Bewerbung von %(person)s auf „%(titel)s“ ablehnen?")
        % {"person": person, "titel": bewerbung.bedarf.titel},
        knopf=_("Bewerbung ablehnen"),
        zurueck=reverse("freiwillige:bewerbung", args=[bewerbung.pk]),
        folgen=[_("%(person)s wird benachrichtigt.") % {"person": person}],
    )


def _zurueckziehen_frage(bewerbung, user) -> Frage:
    return Frage(
        frage=_("Ihre Bewerbung auf „%(titel)s“ bei %(anbieter)s zurückziehen?")
        % {"titel": bewerbung.bedarf.titel, "anbieter": bewerbung.bedarf.anbieter.name},
        knopf=_("Bewerbung zurückziehen"),
        zurueck=reverse("freiwillige:bewerbung", args=[bewerbung.pk]),
        folgen=[_("Die Koordination erfährt es.")],
    )


#: the steps that end an application ask first, and only someone holding the right the
#: step needs; anyone else gets the step's refusal straight away, as before
_BEWERBUNG_FRAGEN = {
    "ablehnen": ("decide", _ablehnen_frage),
    "zurueckziehen": ("withdraw", _zurueckziehen_frage),
}


def _bewerbung_frage(bewerbung, user, aktion) -> Frage | None:
    if aktion not in _BEWERBUNG_FRAGEN:
        return None
    recht, frage = _BEWERBUNG_FRAGEN[aktion]
    return frage(bewerbung, user) if allows(user, recht, bewerbung) else None


@require_POST
def bewerbung_aktion(request, pk, aktion):
    if aktion not in _BEWERBUNG_AKTIONEN:
        raise Http404
    eintrag = get_scoped_object_or_404(request.user, Bewerbung, pk)
    if frage := erst_fragen(request, lambda: _bewerbung_frage(eintrag, request.user, aktion)):
        return frage
    try:
        _BEWERBUNG_AKTIONEN[aktion](eintrag, request.user, request.POST.get("text", ""))
    except services.NichtMoeglich as fehler:
        refused(request, fehler)
    else:
        messages.success(request, _BEWERBUNG_MELDUNG[aktion])
    return redirect("freiwillige:bewerbung", pk=eintrag.pk)


def fz_bestaetigung(request, pk):
    eintrag = get_scoped_object_or_404(request.user, Bewerbung, pk)
    eintrag = Bewerbung.objects.select_related(
        "person", "bedarf__unterkunft__betreiber", "bedarf__organisation", "bedarf__taetigkeitsfeld"
    ).get(pk=eintrag.pk)
    if not services.fz_bestaetigung_moeglich(eintrag):
        raise Http404
    return pdf.fz_bestaetigung(request, eintrag)


# --- people and their checks (coordination) ------------------------------------------------


def person(request, pk):
    """A volunteer's profile and checks, for the coordination of a shelter they applied to."""
    eintrag = get_scoped_object_or_404(request.user, Profil, pk)
    profil_details = _profil_mit_details(eintrag.person_id)
    darf_erfassen = services.darf_nachweise_erfassen(request.user, eintrag.person)
    form = None
    if darf_erfassen:
        form = NachweisForm(request.POST or None, person=eintrag.person, akteur=request.user)
        if request.method == "POST" and form.is_valid():
            try:
                services.nachweis_erfassen(eintrag.person, request.user, **form.cleaned_data)
            except (services.NichtMoeglich, ValidationError) as fehler:
                refused(request, fehler)
            else:
                messages.success(request, _("Der Nachweis ist vermerkt."))
                return redirect("freiwillige:person", pk=eintrag.pk)
    nachweise = Nachweis.objects.for_user(request.user).filter(person=eintrag.person)
    zugriffe_protokollieren(request, [eintrag.person_id], Zugriff.PROFIL, Zugriff.NACHWEISE)
    return render(
        request,
        "freiwillige/person.html",
        {
            "profil": profil_details,
            "form": form,
            "nachweise": nachweise.select_related("art", "eingesehen_von"),
            "bewerbungen": Bewerbung.objects.for_user(request.user)
            .filter(person=eintrag.person)
            .select_related("bedarf__unterkunft", "bedarf__organisation"),
        },
    )


# --- assignments and hours ------------------------------------------------------------------


class EinsatzListeView(ScopedListView):
    model = Einsatz
    template_name = "freiwillige/einsaetze.html"
    paginate_by = SEITE

    def narrow_queryset(self, queryset):
        return (
            queryset.select_related(
                "person", "bedarf__taetigkeitsfeld", "bedarf__bezirk", "unterkunft", "organisation"
            )
            .annotate(stunden_bestaetigt=Sum("stunden__stunden", default=0))
            .order_by("status", "-beginn", "-pk")
        )


def einsatz(request, pk):
    eintrag = get_scoped_object_or_404(request.user, Einsatz, pk)
    eintrag = (
        Einsatz.objects.select_related(
            "person",
            "bedarf__taetigkeitsfeld",
            "bedarf__bezirk",
            "unterkunft__bezirk",
            "unterkunft__betreiber",
            "organisation",
        )
        .prefetch_related("bedarf__zeitfenster")
        .get(pk=eintrag.pk)
    )
    form = StundenForm(request.POST or None, einsatz=eintrag)
    if request.method == "POST" and form.is_valid():
        try:
            services.stunden_erfassen(eintrag, request.user, **form.cleaned_data)
        except (services.NichtMoeglich, ValidationError) as fehler:
            refused(request, fehler)
        else:
            messages.success(request, _("Die Stunden sind erfasst."))
            return redirect("freiwillige:einsatz", pk=eintrag.pk)
    koordination = allows(request.user, "change", eintrag.bedarf)
    stunden = eintrag.stunden.select_related("bestaetigt_von")
    adresse = Unterkunft.objects.for_user(request.user, "address").filter(pk=eintrag.unterkunft_id)
    return render(
        request,
        "freiwillige/einsatz.html",
        {
            "einsatz": eintrag,
            "form": form if eintrag.status != Einsatz.Status.BEENDET else None,
            "stunden": stunden,
            "summe": stunden.aggregate(
                alle=Sum("stunden", default=0),
                bestaetigt=Sum("stunden", filter=Q(bestaetigt_am__isnull=False), default=0),
            ),
            "koordination": koordination,
            "adresse_sichtbar": adresse.exists(),
        },
    )


def _einsatz_frage(einsatz, user, status) -> Frage | None:
    """Ending asks first; pausing and resuming do not."""
    if status != Einsatz.Status.BEENDET:
        return None
    werte = {
        "person": einsatz.person.anzeigename,
        "ort": einsatz.anbieter.name,
        "titel": einsatz.bedarf.titel,
    }
    eigener = einsatz.person_id == user.pk
    if einsatz.unterkunft_id:
        frage = (
            _("Ihren Einsatz in %(ort)s beenden?")
            if eigener
            else _("Einsatz von %(person)s in %(ort)s beenden?")
        )
    else:
        frage = (
            _("Ihren Einsatz bei %(ort)s beenden?")
            if eigener
            else _("Einsatz von %(person)s bei %(ort)s beenden?")
        )
    return Frage(
        frage=frage % werte,
        knopf=_("Einsatz beenden"),
        zurueck=reverse("freiwillige:einsatz", args=[einsatz.pk]),
        folgen=[
            _("Der Platz im Bedarf „%(titel)s“ wird wieder frei.") % werte,
            _("Die Koordination erfährt es.")
            if eigener
            else _("%(person)s wird benachrichtigt.") % werte,
            _("Die erfassten Stunden bleiben erhalten."),
        ],
    )


@require_POST
def einsatz_status(request, pk):
    eintrag = get_scoped_object_or_404(request.user, Einsatz, pk)
    status = request.POST.get("status")
    if status not in Einsatz.Status.values:
        messages.error(request, _("Diesen Status gibt es nicht."))
        return redirect("freiwillige:einsatz", pk=eintrag.pk)
    if frage := erst_fragen(request, lambda: _einsatz_frage(eintrag, request.user, status)):
        return frage
    try:
        services.einsatz_status_setzen(eintrag, status, request.user)
    except services.NichtMoeglich as fehler:
        refused(request, fehler)
    else:
        messages.success(
            request,
            _("Der Einsatz ist jetzt „%(status)s“.") % {"status": Einsatz.Status(status).label},
        )
    return redirect("freiwillige:einsatz", pk=eintrag.pk)


@require_POST
def stunden_bestaetigen(request, pk):
    eintrag = get_scoped_object_or_404(request.user, Stundeneintrag, pk)
    try:
        services.stunden_bestaetigen(eintrag, request.user)
    except services.NichtMoeglich as fehler:
        refused(request, fehler)
    else:
        messages.success(request, _("Die Stunden sind bestätigt."))
    return redirect("freiwillige:einsatz", pk=eintrag.einsatz_id)


def taetigkeitsnachweis(request):
    _eigenes_profil(request.user)
    return pdf.taetigkeitsnachweis(request, request.user)
