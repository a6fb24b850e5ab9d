"""Distribution lists: members with their last activity, messages, the inactivity run
with its dry run, undo, import; and the token links in list mail (no sign-in needed)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from common.views import ScopedListView, ausfuehren, get_scoped_object_or_404
from common.workflow import NichtMoeglich

from .. import services
from ..forms import ImportForm, MitgliedForm, NachrichtForm, VerteilerForm
from ..importe import verteiler_importieren
from ..models import WIEDERHERSTELLEN_TAGE, Mitgliedschaft, Verteiler, Verteilernachricht
from ..permissions import darf_anlegen


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


def inaktivitaet(request, pk):
    """GET: the dry run (who would be marked, who removed); POST: do it."""
    eintrag = _verteiler(request, pk)
    ausfuehren_jetzt = request.method == "POST"
    bericht = services.inaktivitaet_pruefen(eintrag, ausfuehren=ausfuehren_jetzt)
    if ausfuehren_jetzt:
        messages.success(
            request,
            _("Als inaktiv markiert und gewarnt: %(markiert)d. Ausgetragen: %(entfernt)d.")
            % {"markiert": len(bericht.markieren), "entfernt": len(bericht.entfernen)},
        )
        return redirect(eintrag)
    return render(request, "netzwerk/inaktivitaet.html", {"verteiler": eintrag, "bericht": bericht})


def nachricht(request, pk):
    eintrag = _verteiler(request, pk)
    form = NachrichtForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and ausfuehren(
            request,
            lambda: services.nachricht_senden(
                eintrag, request.user, form.cleaned_data["betreff"], form.cleaned_data["text"]
            ),
            lambda n: _empfaenger(n.zustellungen.count()),
        )
    ):
        return redirect(eintrag)
    empfaenger = Mitgliedschaft.objects.for_user(request.user).filter(verteiler=eintrag)
    return render(
        request,
        "netzwerk/nachricht_form.html",
        {"verteiler": eintrag, "form": form, "anzahl": empfaenger.auf_der_liste().count()},
    )


def importieren(request, pk):
    """Upload a list (CSV or XLSX): checked first, imported only with every line right."""
    eintrag = _verteiler(request, pk)
    form = ImportForm(request.POST or None, request.FILES or None)
    ergebnis = None
    if request.method == "POST" and form.is_valid():
        datei = form.cleaned_data["datei"]
        format = "xlsx" if datei.name.lower().endswith(".xlsx") else "csv"
        probelauf = "importieren" not in request.POST
        ergebnis = verteiler_importieren(
            eintrag, request.user, datei.read(), format, dry_run=probelauf
        )
        if not probelauf and not ergebnis.fehler:
            messages.success(request, ergebnis.zusammenfassung())
            return redirect(eintrag)
    return render(
        request,
        "netzwerk/import.html",
        {"verteiler": eintrag, "form": form, "ergebnis": ergebnis},
    )


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
