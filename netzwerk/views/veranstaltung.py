"""Events: the public calendar, the event page with registration, iCal, and the pages of
those who run an event (create, change, cancel, participants and attendance)."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from common import kalender
from common.bestaetigung import Frage, erst_fragen
from common.views import ScopedListView, ausfuehren, get_scoped_object_or_404
from regionen.models import Teilnahme, Termin, Thema

from .. import services, treffen
from ..forms import KalenderFilter, VeranstaltungForm
from ..models import Veranstaltung, Veranstaltungsanmeldung
from ..permissions import darf_anlegen


class KalenderView(ScopedListView):
    """Upcoming events the reader may see, soonest first, with filters."""

    model = Veranstaltung
    template_name = "netzwerk/kalender.html"
    paginate_by = 20

    def narrow_queryset(self, queryset):
        self.filter = KalenderFilter(self.request.GET or None)
        veranstaltungen = (
            queryset.filter(veroeffentlicht=True, ende__gte=timezone.now())
            .mit_belegung()
            .select_related("organisation", "bezirk")
            .prefetch_related("sprachen")
            .order_by("beginn", "pk")
        )
        # every valid filter applies, even when another one names an unknown value
        self.filter.is_valid()
        daten = getattr(self.filter, "cleaned_data", {})
        if daten:
            if daten.get("art"):
                veranstaltungen = veranstaltungen.filter(art=daten.get("art"))
            if daten.get("bezirk"):
                veranstaltungen = veranstaltungen.filter(bezirk=daten.get("bezirk"))
            if daten.get("sprache"):
                veranstaltungen = veranstaltungen.filter(sprachen=daten.get("sprache"))
            if daten.get("kostenlos"):
                veranstaltungen = veranstaltungen.filter(eintritt=0)
        return veranstaltungen

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            filter=self.filter, darf_anlegen=darf_anlegen(user), **kwargs
        )


def _veranstaltung(request, pk, required_action=None):
    return get_scoped_object_or_404(
        request.user, Veranstaltung, pk, required_action=required_action
    )


def veranstaltung(request, pk):
    eintrag = (
        Veranstaltung.objects.for_user(request.user)
        .mit_belegung()
        .select_related("organisation", "bezirk", "region", "termin")
        .prefetch_related("sprachen")
        .filter(pk=pk)
        .first()
    )
    if eintrag is None:
        eintrag = _veranstaltung(request, pk)  # answers 404
    user = request.user
    context = {
        "veranstaltung": eintrag,
        "darf_aendern": False,
        **_tagesordnung(eintrag, user),
        **_antworten(eintrag, user),
    }
    if user.is_authenticated:
        context["darf_aendern"] = (
            Veranstaltung.objects.for_user(user, "change").filter(pk=eintrag.pk).exists()
        )
        context["meine"] = eintrag.anmeldungen.aktiv().filter(person=user).first()
        context["hindernisse"] = services.anmeldung_hindernisse(eintrag, user)
    return render(request, "netzwerk/veranstaltung.html", context)


def _tagesordnung(eintrag, user) -> dict:
    """A network meeting's agenda comes from its jour-fixe Termin, for those invited to it."""
    if not eintrag.termin_id:
        return {}
    termin = Termin.objects.for_user(user).filter(pk=eintrag.termin_id).first()
    if termin is None:
        return {}
    themen = Thema.objects.for_user(user).filter(termin=termin, auf_tagesordnung=True)
    return {"termin": termin, "tagesordnung": themen.order_by("position", "created_at")}


def _antworten(eintrag, user) -> dict:
    """A network meeting's answers are those of its Termin: the counts and one's own."""
    if not eintrag.termin_id:
        return {}
    termin = eintrag.termin
    meine = ""
    if user.is_authenticated:
        meine = termin.teilnahmen.filter(person=user).values_list("antwort", flat=True).first()
    return {
        "antworten": termin.antwortzahlen(),
        "meine_antwort": meine or "",
        "antwort_auswahl": Teilnahme.Antwort.choices,
    }


def veranstaltung_ics(request, pk):
    eintrag = _veranstaltung(request, pk)
    return kalender.ics_response(
        [veranstaltung_eintrag(eintrag)], eintrag.titel, f"veranstaltung-{eintrag.pk}.ics"
    )


def veranstaltung_eintrag(eintrag: Veranstaltung) -> kalender.Kalendereintrag:
    """The event as a calendar entry (UID for life, SEQUENCE grows with every move)."""
    ort = eintrag.ort or eintrag.online_link
    return kalender.Kalendereintrag(
        uid=f"veranstaltung-{eintrag.uid}@ehrenamt-plattform",
        beginn=eintrag.beginn,
        ende=eintrag.ende,
        titel=eintrag.titel,
        sequenz=eintrag.sequenz,
        abgesagt=eintrag.abgesagt,
        ort=ort,
        beschreibung=eintrag.beschreibung,
        url=settings.SITE_URL + eintrag.get_absolute_url(),
        geaendert=eintrag.updated_at,
    )


def veranstaltungen_im_kalender(user):
    """The user's personal feed carries the events they hold a seat at."""
    if not user.is_authenticated:
        return []
    return [
        veranstaltung_eintrag(a.veranstaltung)
        for a in Veranstaltungsanmeldung.objects.filter(
            person=user, status=Veranstaltungsanmeldung.Status.ANGEMELDET
        ).select_related("veranstaltung")
    ]


@require_POST
def anmelden(request, pk):
    """Registers; at a network meeting with a Termin, answers it (yes, maybe or no)."""
    eintrag = _veranstaltung(request, pk)
    antwort = request.POST.get("antwort")

    def meldung(anmeldung):
        if anmeldung is None:
            return _("Ihre Antwort ist gespeichert.")
        if anmeldung.status == Veranstaltungsanmeldung.Status.ANGEMELDET:
            return _("Sie sind angemeldet. Die Veranstaltung steht in Ihrem Kalender.")
        return _("Die Veranstaltung ist voll. Sie stehen auf der Warteliste.")

    ausfuehren(
        request,
        (lambda: treffen.treffen_antworten(eintrag, request.user, antwort))
        if eintrag.termin_id and antwort
        else (lambda: services.veranstaltung_anmelden(eintrag, request.user)),
        meldung,
    )
    return redirect(eintrag)


def _abmelden_frage(anmeldung, user) -> Frage:
    werte = {"titel": anmeldung.veranstaltung.titel, "person": anmeldung.person.anzeigename}
    eigene = anmeldung.person_id == user.pk
    if anmeldung.status == Veranstaltungsanmeldung.Status.WARTEND:
        frage = (
            _("Von der Warteliste für „%(titel)s“ gehen?")
            if eigene
            else _("%(person)s von der Warteliste für „%(titel)s“ nehmen?")
        )
        folgen = []
    else:
        frage = (
            _("Ihre Anmeldung zu „%(titel)s“ stornieren?")
            if eigene
            else _("Die Anmeldung von %(person)s zu „%(titel)s“ stornieren?")
        )
        folgen = [_("Der Platz geht an die erste Person auf der Warteliste, falls jemand wartet.")]
    return Frage(
        frage=frage % werte,
        knopf=_("Anmeldung stornieren"),
        zurueck=anmeldung.veranstaltung.get_absolute_url(),
        folgen=folgen,
    )


@require_POST
def abmelden(request, pk):
    anmeldung = get_scoped_object_or_404(
        request.user, Veranstaltungsanmeldung, pk, required_action="change"
    )
    if frage := erst_fragen(request, lambda: _abmelden_frage(anmeldung, request.user)):
        return frage
    ausfuehren(
        request,
        lambda: services.veranstaltung_abmelden(anmeldung, request.user),
        _("Die Anmeldung ist storniert."),
    )
    return redirect(anmeldung.veranstaltung)


def meine(request):
    """Own registrations, and the events the person runs."""
    user = request.user
    return render(
        request,
        "netzwerk/meine_veranstaltungen.html",
        {
            "anmeldungen": Veranstaltungsanmeldung.objects.for_user(user)
            .filter(person=user, veranstaltung__ende__gte=timezone.now())
            .aktiv()
            .select_related("veranstaltung")
            .order_by("veranstaltung__beginn"),
            "verwaltet": Veranstaltung.objects.for_user(user, "change")
            .filter(ende__gte=timezone.now())
            .mit_belegung()
            .select_related("organisation")
            .order_by("beginn"),
            "darf_anlegen": darf_anlegen(user),
        },
    )


def _speichern(request, form, eintrag=None):
    veranstaltung = form.save(commit=False)
    return ausfuehren(
        request,
        lambda: services.veranstaltung_speichern(
            veranstaltung, request.user, sprachen=form.cleaned_data["sprachen"]
        ),
        _("Die Veranstaltung ist gespeichert.")
        if veranstaltung.veroeffentlicht
        else _("Die Veranstaltung ist gespeichert; sie ist noch nicht veröffentlicht."),
    )


def neu(request):
    if not darf_anlegen(request.user):
        raise PermissionDenied
    form = VeranstaltungForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid() and _speichern(request, form):
        return redirect(form.instance)
    return render(request, "netzwerk/veranstaltung_form.html", {"form": form})


def bearbeiten(request, pk):
    eintrag = _veranstaltung(request, pk, required_action="change")
    form = VeranstaltungForm(request.POST or None, instance=eintrag, user=request.user)
    if request.method == "POST" and form.is_valid() and _speichern(request, form, eintrag):
        return redirect(eintrag)
    return render(
        request, "netzwerk/veranstaltung_form.html", {"form": form, "veranstaltung": eintrag}
    )


def _absagen_frage(veranstaltung) -> Frage:
    anzahl = services.angemeldete(veranstaltung).count()
    return Frage(
        frage=_("Die Veranstaltung „%(titel)s“ am %(datum)s absagen?")
        % {
            "titel": veranstaltung.titel,
            "datum": date_format(timezone.localtime(veranstaltung.beginn)),
        },
        knopf=_("Veranstaltung absagen"),
        zurueck=veranstaltung.get_absolute_url(),
        folgen=[
            ngettext(
                "%(n)d angemeldete oder wartende Person wird benachrichtigt.",
                "%(n)d angemeldete oder wartende Personen werden benachrichtigt.",
                anzahl,
            )
            % {"n": anzahl},
            _("Eine abgesagte Veranstaltung lässt sich nicht wieder ansetzen."),
        ],
    )


@require_POST
def absagen(request, pk):
    eintrag = _veranstaltung(request, pk, required_action="change")
    if frage := erst_fragen(request, lambda: _absagen_frage(eintrag)):
        return frage
    ausfuehren(
        request,
        lambda: services.veranstaltung_absagen(eintrag, request.user),
        _("Die Veranstaltung ist abgesagt; die Angemeldeten erfahren es."),
    )
    return redirect(eintrag)


def teilnehmende(request, pk):
    """Registrations and waiting list of an event; attendance from its day on."""
    eintrag = _veranstaltung(request, pk, required_action="change")
    if request.method == "POST":
        anwesende = {int(w) for w in request.POST.getlist("anwesend") if w.isdigit()}
        if ausfuehren(
            request,
            lambda: services.teilnahme_erfassen(eintrag, request.user, anwesende),
            lambda n: (
                ngettext(
                    "Teilnahme gespeichert: %(n)d Person anwesend.",
                    "Teilnahme gespeichert: %(n)d Personen anwesend.",
                    n,
                )
                % {"n": n}
            ),
        ):
            return redirect("netzwerk:teilnehmende", pk=eintrag.pk)
    anmeldungen = (
        Veranstaltungsanmeldung.objects.for_user(request.user)
        .filter(veranstaltung=eintrag)
        .filter(~Q(status=Veranstaltungsanmeldung.Status.ABGEMELDET))
        .select_related("person")
        .order_by("status", "pk")
    )
    return render(
        request,
        "netzwerk/teilnehmende.html",
        {
            "veranstaltung": eintrag,
            "anmeldungen": anmeldungen,
            "erfassbar": timezone.localtime(eintrag.beginn).date() <= timezone.localdate(),
        },
    )
