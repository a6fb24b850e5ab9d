from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import FormView, UpdateView
from django.views.i18n import set_language

from common.bestaetigung import Frage, erst_fragen
from common.views import ScopedListView

from . import roles, services
from .forms import AnmeldeForm, EinladungForm, KontoForm, RegistrierungForm
from .models import Einladung, User


@login_not_required
def start(request):
    """The start page: each role the user holds contributes a section."""
    if not request.user.is_authenticated:
        return render(request, "konten/start_anonym.html")
    karten = [(r, r.start_abschnitte(request.user)) for r in roles.rollen_von(request.user)]
    return render(request, "konten/start.html", {"karten": karten})


class AnmeldenView(auth_views.LoginView):
    template_name = "konten/anmelden.html"
    authentication_form = AnmeldeForm
    redirect_authenticated_user = True


class KontoView(UpdateView):
    template_name = "konten/konto.html"
    form_class = KontoForm
    success_url = reverse_lazy("konten:konto")

    def get_object(self, queryset=None):
        return self.request.user

    def form_valid(self, form):
        messages.success(self.request, _("Ihre Angaben sind gespeichert."))
        response = super().form_valid(form)
        return set_language_cookie(response, form.instance.sprache)


def set_language_cookie(response, sprache):
    from django.conf import settings

    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        sprache,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


@login_not_required
@require_POST
def sprache_setzen(request):
    """Django's language switch, remembered on the account of a signed-in user."""
    response = set_language(request)
    sprache = request.POST.get("language")
    if request.user.is_authenticated and sprache in dict(
        request.user._meta.get_field("sprache").choices
    ):
        User.objects.filter(pk=request.user.pk).update(sprache=sprache)
    return response


class EinladungListeView(ScopedListView):
    model = Einladung
    template_name = "konten/einladungen.html"
    paginate_by = 50

    def narrow_queryset(self, queryset):
        return queryset.select_related("scope_typ").prefetch_related("scope")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["darf_einladen"] = bool(roles.einladbare_rollen(self.request.user))
        return context


@require_POST
def einladung_erneut(request, pk):
    """Sends an open invitation again (lost mail, expired link), valid from today."""
    einladung = get_object_or_404(Einladung.objects.for_user(request.user, "change"), pk=pk)
    if einladung.angenommen_am:
        messages.info(request, _("Diese Einladung wurde bereits angenommen."))
    else:
        services.einladung_resend(einladung)
        messages.success(
            request,
            _("Die Einladung an %(email)s ist erneut unterwegs.") % {"email": einladung.email},
        )
    return redirect("konten:einladungen")


class EinladungErstellenView(FormView):
    template_name = "konten/einladung_erstellen.html"
    form_class = EinladungForm
    success_url = reverse_lazy("konten:einladungen")

    def dispatch(self, request, *args, **kwargs):
        if not roles.einladbare_rollen(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {
            "rolle": self.request.GET.get("rolle", ""),
            "bereich": self.request.GET.get("bereich"),
        }

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["inviter"] = self.request.user
        return kwargs

    def get_context_data(self, **kwargs):
        from django.conf import settings

        return super().get_context_data(gueltig_tage=settings.EINLADUNG_GUELTIG_TAGE, **kwargs)

    def get_template_names(self):
        # Changing the role reloads only the scope field (htmx), keeping what was typed.
        if self.request.htmx and self.request.method == "GET":
            return ["konten/_einladung_bereich.html"]
        return [self.template_name]

    def form_valid(self, form):
        data = form.cleaned_data
        services.einladung_create(
            self.request.user, data["email"], data["rolle"], data.get("bereich")
        )
        messages.success(
            self.request,
            _("Die Einladung an %(email)s ist unterwegs.") % {"email": data["email"]},
        )
        return super().form_valid(form)


@method_decorator(login_not_required, name="dispatch")
class EinladungAnnehmenView(FormView):
    """The page behind an invitation link: register, or confirm with an existing account."""

    template_name = "konten/einladung_annehmen.html"
    form_class = RegistrierungForm

    def dispatch(self, request, *args, **kwargs):
        try:
            self.einladung = services.einladung_from_token(kwargs["token"])
        except services.EinladungFehler as fehler:
            return render(
                request, "konten/einladung_ungueltig.html", {"fehler": str(fehler)}, status=410
            )
        self.konto = User.objects.filter(email__iexact=self.einladung.email).first()
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["einladung"] = self.einladung
        return kwargs

    def get_initial(self):
        return {"sprache": self.request.LANGUAGE_CODE}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            einladung=self.einladung,
            rolle=roles.rolle(self.einladung.rolle),
            konto_existiert=self.konto is not None,
            login_url=reverse("konten:login") + "?next=" + self.request.path,
        )
        return context

    def post(self, request, *args, **kwargs):
        if self.konto is None:
            return super().post(request, *args, **kwargs)
        if not request.user.is_authenticated:
            return redirect(reverse("konten:login") + "?next=" + request.path)
        return self._done(lambda: services.einladung_accept(self.einladung, request.user))

    def form_valid(self, form):
        data = form.cleaned_data

        def register():
            user = services.einladung_register(
                self.einladung, data["anzeigename"], data["password1"], data["sprache"]
            )
            login(self.request, user, backend="django.contrib.auth.backends.ModelBackend")

        return self._done(register)

    def _done(self, action):
        try:
            action()
        except services.EinladungFehler as fehler:
            return render(
                self.request, "konten/einladung_ungueltig.html", {"fehler": str(fehler)}, status=410
            )
        messages.success(
            self.request,
            _("Willkommen! Sie sind jetzt als %(rolle)s freigeschaltet.")
            % {"rolle": roles.rolle(self.einladung.rolle).label},
        )
        response = redirect("start")
        return set_language_cookie(response, self.request.user.sprache)


# --- the personal calendar feed ----------------------------------------------------------------


def _kalender_frage(user, aktion) -> Frage | None:
    """Renewing or revoking an address in use asks first: calendars subscribed to it stop
    showing the person's dates. Creating the first one asks nothing."""
    from .models import Kalenderschluessel

    if not Kalenderschluessel.objects.filter(person=user).exists():
        return None
    if aktion == "erneuern":
        return Frage(
            frage=_("Eine neue Kalender-Adresse erstellen?"),
            knopf=_("Neue Adresse erstellen"),
            zurueck=reverse("konten:kalender"),
            folgen=[
                _(
                    "Die bisherige Adresse gilt dann nicht mehr: tragen Sie die neue in Ihren "
                    "Kalenderprogrammen ein."
                )
            ],
        )
    return Frage(
        frage=_("Ihre Kalender-Adresse löschen?"),
        knopf=_("Adresse löschen"),
        zurueck=reverse("konten:kalender"),
        folgen=[_("Kalenderprogramme, die sie abonniert haben, zeigen Ihre Termine nicht mehr.")],
    )


def kalender(request):
    """The person's secret feed URL: create, renew (the old URL stops working) or revoke."""
    from .models import Kalenderschluessel

    if request.method == "POST":
        aktion = request.POST.get("aktion")
        if frage := erst_fragen(request, lambda: _kalender_frage(request.user, aktion)):
            return frage
        Kalenderschluessel.objects.filter(person=request.user).delete()
        if aktion == "erneuern":
            Kalenderschluessel.objects.create(person=request.user)
            messages.success(request, _("Ihre Kalender-Adresse ist neu erstellt."))
        else:
            messages.success(request, _("Ihre Kalender-Adresse ist gelöscht; sie gilt nicht mehr."))
        return redirect("konten:kalender")
    eintrag = Kalenderschluessel.objects.filter(person=request.user).first()
    adresse = (
        request.build_absolute_uri(reverse("kalender_feed", args=[eintrag.schluessel]))
        if eintrag
        else ""
    )
    return render(request, "konten/kalender.html", {"adresse": adresse})


@login_not_required
def kalender_feed(request, schluessel):
    """The feed itself, read by calendar programs without a login (the key is the guard)."""
    from common import kalender as kalender_ics

    from .models import Kalenderschluessel

    eintrag = get_object_or_404(
        Kalenderschluessel.objects.select_related("person"),
        schluessel=schluessel,
        person__is_active=True,
    )
    return kalender_ics.ics_response(
        kalender_ics.eintraege(eintrag.person),
        _("Ehrenamt-Plattform: %(name)s") % {"name": eintrag.person.anzeigename},
        "ehrenamt-plattform.ics",
    )
