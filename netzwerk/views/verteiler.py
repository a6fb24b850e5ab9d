"""Distribution lists: members with their last activity, messages, the inactivity run
with its dry run, undo, import; and the token links in list mail (no sign-in needed)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRefresh

from common.auftraege import import_anlegen, import_uebernehmen
from common.bestaetigung import Frage, erst_fragen
from common.models import Importauftrag
from common.views import ScopedListView, ausfuehren, get_scoped_object_or_404
from common.workflow import NichtMoeglich

from .. import services
from ..forms import ImportForm, MitgliedForm, NachrichtForm, VerteilerForm
from ..importe import VERTEILER_IMPORT, Verteilerimport
from ..models import WIEDERHERSTELLEN_TAGE, Mitgliedschaft, Verteiler, Verteilernachricht
from ..permissions import darf_anlegen
from ..tasks import verteiler_import


class VerteilerListeView(ScopedListView):
    model = Verteiler
    template_name = "netzwerk/verteiler_liste.html"

    def narrow_queryset(self, queryset):
        auf_der_liste = Q(mitgliedschaften__status__in=["aktiv", "inaktiv"])
        return queryset.select_related("region", "organisation").annotate(
            mitglieder=Count("mitgliedschaften", filter=auf_der_liste),
            inaktive=Count("mitgliedschaften", filter=Q(mitgliedschaften__status="inaktiv")),
        )


def _empfaenger(anzahl: int) -> str:
    return ngettext(
        "Die Nachricht geht an %(n)d Empfänger*in.",
        "Die Nachricht geht an %(n)d Empfänger*innen.",
        anzahl,
    ) % {"n": anzahl}


def verteiler_neu(request):
    """Coordinations and organisation contacts start a list they then run."""
    if not darf_anlegen(request.user):
        raise PermissionDenied
    form = VerteilerForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        verteiler = form.save(commit=False)
        if ausfuehren(
            request,
            lambda: services.verteiler_anlegen(verteiler, request.user),
            _("Der Verteiler ist angelegt."),
        ):
            return redirect(verteiler)
    return render(request, "netzwerk/verteiler_form.html", {"form": form})


def _verteiler(request, pk):
    return get_scoped_object_or_404(request.user, Verteiler, pk)


def verteiler(request, pk):
    """Everyone on the list with their last activity; removed members while undo is open."""
    eintrag = _verteiler(request, pk)
    status = request.GET.get("status", "")
    mitglieder = (
        Mitgliedschaft.objects.for_user(request.user)
        .filter(verteiler=eintrag)
        .select_related("organisation", "person")
        .order_by("status", "letzte_aktivitaet", "pk")
    )
    if status in Mitgliedschaft.Status.values:
        mitglieder = mitglieder.filter(status=status)
    return render(
        request,
        "netzwerk/verteiler.html",
        {
            "verteiler": eintrag,
            "mitglieder": mitglieder,
            "status": status,
            "stati": Mitgliedschaft.Status.choices,
            "mitglied_form": MitgliedForm(),
            "nachrichten": Verteilernachricht.objects.for_user(request.user)
            .filter(verteiler=eintrag)
            .annotate(
                zugestellt=Count("zustellungen", filter=Q(zustellungen__gesendet_am__isnull=False)),
                offen=Count("zustellungen", filter=Q(zustellungen__gesendet_am__isnull=True)),
            )[:5],
            "wiederherstellen_tage": WIEDERHERSTELLEN_TAGE,
        },
    )


@require_POST
def mitglied_aufnehmen(request, pk):
    eintrag = _verteiler(request, pk)
    form = MitgliedForm(request.POST)
    if form.is_valid():
        daten = form.cleaned_data
        ausfuehren(
            request,
            lambda: services.mitglied_aufnehmen(
                eintrag,
                request.user,
                organisation=daten["organisation"],
                person=daten.get("person"),
            ),
            lambda m: _("%(name)s steht jetzt auf dem Verteiler.") % {"name": m.name},
        )
    else:
        for fehlerliste in form.errors.values():
            for fehler in fehlerliste:
                messages.error(request, fehler)
    return redirect(eintrag)


def mitglied(request, pk):
    """One member's history."""
    eintrag = get_scoped_object_or_404(request.user, Mitgliedschaft, pk)
    return render(
        request,
        "netzwerk/mitglied.html",
        {
            "mitglied": eintrag,
            "ereignisse": eintrag.ereignisse.select_related("akteur"),
            "wiederherstellen_tage": WIEDERHERSTELLEN_TAGE,
        },
    )


@require_POST
def rueckmeldung(request, pk):
    eintrag = get_scoped_object_or_404(request.user, Mitgliedschaft, pk)
    ausfuehren(
        request,
        lambda: services.rueckmeldung_vermerken(eintrag, request.user),
        _("Die Rückmeldung ist vermerkt."),
    )
    return redirect(eintrag.verteiler)


@require_POST
def wiederherstellen(request, pk):
    eintrag = get_scoped_object_or_404(request.user, Mitgliedschaft, pk)
    ausfuehren(
        request,
        lambda: services.mitgliedschaft_wiederherstellen(eintrag, request.user),
        _("%(name)s steht wieder auf dem Verteiler.") % {"name": eintrag.name},
    )
    return redirect(eintrag.verteiler)


def _inaktivitaet_frage(verteiler) -> Frage | None:
    """What the run would do now: the dry run's members. Nothing to do, nothing to ask."""
    bericht = services.inaktivitaet_pruefen(verteiler)
    if bericht.leer:
        return None
    markieren, entfernen = len(bericht.markieren), len(bericht.entfernen)
    return Frage(
        frage=_("Die Inaktivität auf dem Verteiler „%(name)s“ jetzt bereinigen?")
        % {"name": verteiler.name},
        knopf=_("Jetzt ausführen"),
        zurueck=reverse("netzwerk:inaktivitaet", args=[verteiler.pk]),
        folgen=[
            ngettext(
                "%(n)d Mitglied wird als inaktiv markiert und per Mail gewarnt.",
                "%(n)d Mitglieder werden als inaktiv markiert und per Mail gewarnt.",
                markieren,
            )
            % {"n": markieren},
            ngettext(
                "%(n)d Mitglied wird vom Verteiler ausgetragen.",
                "%(n)d Mitglieder werden vom Verteiler ausgetragen.",
                entfernen,
            )
            % {"n": entfernen},
            _("Eine Austragung lässt sich %(tage)d Tage lang rückgängig machen.")
            % {"tage": WIEDERHERSTELLEN_TAGE},
        ],
    )


def inaktivitaet(request, pk):
    """GET: the dry run (who would be marked, who removed); POST: asks, then does it."""
    eintrag = _verteiler(request, pk)
    if request.method == "POST":
        if frage := erst_fragen(request, lambda: _inaktivitaet_frage(eintrag)):
            return frage
        bericht = services.inaktivitaet_pruefen(eintrag, ausfuehren=True)
        messages.success(
            request,
            _("Als inaktiv markiert und gewarnt: %(markiert)d. Ausgetragen: %(entfernt)d.")
            % {"markiert": len(bericht.markieren), "entfernt": len(bericht.entfernen)},
        )
        return redirect(eintrag)
    bericht = services.inaktivitaet_pruefen(eintrag)
    return render(request, "netzwerk/inaktivitaet.html", {"verteiler": eintrag, "bericht": bericht})


def _an_wen(organisationen: int, personen: int) -> str:
    if organisationen and personen:
        return _("An %(organisationen)s und %(personen)s senden?") % {
            "organisationen": ngettext("%(n)d Organisation", "%(n)d Organisationen", organisationen)
            % {"n": organisationen},
            "personen": ngettext("%(n)d Person", "%(n)d Personen", personen) % {"n": personen},
        }
    if personen:
        return ngettext("An %(n)d Person senden?", "An %(n)d Personen senden?", personen) % {
            "n": personen
        }
    return ngettext(
        "An %(n)d Organisation senden?", "An %(n)d Organisationen senden?", organisationen
    ) % {"n": organisationen}


def _nachricht_frage(verteiler, betreff) -> Frage:
    """Names how many organisations and persons the message goes to: everyone still on the
    list, counted from the same rows the sending writes its ledger for."""
    zahlen = services.empfangende(verteiler).aggregate(
        organisationen=Count("pk", filter=Q(organisation__isnull=False)),
        personen=Count("pk", filter=Q(person__isnull=False)),
    )
    return Frage(
        frage=_an_wen(zahlen["organisationen"], zahlen["personen"]),
        knopf=_("Jetzt senden"),
        zurueck=verteiler.get_absolute_url(),
        folgen=[
            _("Die Nachricht „%(betreff)s“ geht an den Verteiler „%(name)s“.")
            % {"betreff": betreff, "name": verteiler.name},
            _("Jede Mail enthält einen Link zum Abmelden vom Verteiler."),
        ],
        gefaehrlich=False,
    )


def nachricht(request, pk):
    eintrag = _verteiler(request, pk)
    form = NachrichtForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        daten = form.cleaned_data
        if frage := erst_fragen(request, lambda: _nachricht_frage(eintrag, daten["betreff"])):
            return frage
        if ausfuehren(
            request,
            lambda: services.nachricht_senden(
                eintrag, request.user, daten["betreff"], daten["text"]
            ),
            lambda n: _empfaenger(n.zustellungen.count()),
        ):
            return redirect(eintrag)
    return render(
        request,
        "netzwerk/nachricht_form.html",
        {"verteiler": eintrag, "form": form, "anzahl": services.empfangende(eintrag).count()},
    )


def importieren(request, pk):
    """Upload a list (CSV or XLSX): the worker checks it, or takes it over only with every
    line right (common/auftraege.py); the request stores the bounded file, nothing more."""
    eintrag = _verteiler(request, pk)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        datei = form.cleaned_data["datei"]
        auftrag = import_anlegen(
            request.user,
            VERTEILER_IMPORT,
            datei,
            "xlsx" if datei.name.lower().endswith(".xlsx") else "csv",
            probelauf="importieren" not in request.POST,
            task=verteiler_import,
            ziel_id=eintrag.pk,
        )
        return redirect("netzwerk:import_auftrag", eintrag.pk, auftrag.pk)
    return render(request, "netzwerk/import.html", {"verteiler": eintrag, "form": form})


def import_auftrag(request, pk, auftrag):
    """One import into the list: its progress (htmx asks again every second; without
    JavaScript the page reloads itself), then what the check found. A clean dry run is
    taken over from here (POST); a finished import leads back to the list."""
    eintrag = _verteiler(request, pk)
    auftrag = get_scoped_object_or_404(request.user, Importauftrag, auftrag)
    if auftrag.art != VERTEILER_IMPORT or auftrag.ziel_id != eintrag.pk:
        raise Http404
    if request.method == "POST":
        import_uebernehmen(auftrag, verteiler_import)
        return redirect(request.path)
    if request.htmx:
        if auftrag.laeuft:
            return render(request, "netzwerk/_import_auftrag.html", {"auftrag": auftrag})
        return HttpResponseClientRefresh()  # the whole page shows the result
    ergebnis = None
    if auftrag.status == Importauftrag.Status.FERTIG:
        ergebnis = Verteilerimport(**auftrag.ergebnis)
        if ergebnis.ausgefuehrt:
            messages.success(request, ergebnis.zusammenfassung())
            return redirect(eintrag)
    kontext = {"verteiler": eintrag, "form": ImportForm(), "auftrag": auftrag, "ergebnis": ergebnis}
    return render(request, "netzwerk/import.html", kontext)


# --- links in list mail: no sign-in ---------------------------------------------------------


@login_not_required
@csrf_exempt  # RFC 8058: mail programs POST "List-Unsubscribe=One-Click" without a form
def abmelden(request, token):
    """GET asks for confirmation (link scanners must not unsubscribe); POST unsubscribes."""
    mitgliedschaft = (
        Mitgliedschaft.objects.filter(abmeldetoken=token).select_related("verteiler").first()
    )
    if mitgliedschaft is None:
        return render(request, "netzwerk/abmelden.html", {"ungueltig": True}, status=404)
    if request.method == "POST":
        services.mitgliedschaft_abmelden(token)
        if request.POST.get("List-Unsubscribe") == "One-Click":
            return HttpResponse(status=200)
        return render(
            request, "netzwerk/abmelden.html", {"mitgliedschaft": mitgliedschaft, "erledigt": True}
        )
    return render(request, "netzwerk/abmelden.html", {"mitgliedschaft": mitgliedschaft})


@login_not_required
def bestaetigen(request, token):
    """The link in the inactivity warning: GET asks, POST keeps the member on the list."""
    mitgliedschaft = (
        Mitgliedschaft.objects.filter(abmeldetoken=token).select_related("verteiler").first()
    )
    if mitgliedschaft is None:
        return render(request, "netzwerk/bestaetigen.html", {"ungueltig": True}, status=404)
    erledigt = False
    if request.method == "POST":
        try:
            mitgliedschaft = services.mitgliedschaft_bestaetigen(token)
            erledigt = True
        except NichtMoeglich as fehler:
            return render(
                request, "netzwerk/bestaetigen.html", {"ungueltig": True, "grund": str(fehler)}
            )
    return render(
        request,
        "netzwerk/bestaetigen.html",
        {"mitgliedschaft": mitgliedschaft, "erledigt": erledigt},
    )
