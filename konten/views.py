from functools import partial
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django.views.generic import FormView, TemplateView, UpdateView
from django.views.i18n import set_language
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from common import kalender as kalender_ics
from common.bestaetigung import Frage, erst_fragen
from common.drosselung import gedrosselt
from common.views import ScopedListView

from . import loeschantraege, roles, services, zwei_faktoren
from .forms import (
    AnmeldeForm,
    CodeForm,
    EinladungForm,
    EinrichtenForm,
    KontoForm,
    LoeschungForm,
    RegistrierungForm,
)
from .models import ApiZugang, Einladung, Kalenderschluessel, User


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

    def get_success_url(self):
        """Where the password leads: for a role with two factors, first to the code (or to
        setting up an app), then on to the page asked for."""
        ziel = super().get_success_url()
        schritt = zwei_faktoren.naechster_schritt(self.request.user)
        if schritt is None:
            return ziel
        return reverse(zwei_faktoren.SEITE[schritt]) + "?" + urlencode({"next": ziel})


def _weiter(request) -> str:
    """The page a step of signing in was started for (``next``), if it is one of ours."""
    ziel = request.POST.get("next") or request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(
        ziel, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return ziel
    return resolve_url(settings.LOGIN_REDIRECT_URL)


class PasswortVergessenView(auth_views.PasswordResetView):
    """Mails a reset link that leads to SITE_URL: Django would build it from the request's
    Host header, which whoever asks for the mail chooses."""

    def form_valid(self, form):
        self.extra_email_context = {"site_url": settings.SITE_URL}
        return super().form_valid(form)


class ZweiterFaktorView(FormView):
    """After the password: the code of the authenticator app, or a recovery code."""

    template_name = "konten/zweiter_faktor.html"
    form_class = CodeForm

    def dispatch(self, request, *args, **kwargs):
        if zwei_faktoren.naechster_schritt(request.user) != zwei_faktoren.CODE:
            return redirect(_weiter(request))
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["pruefen"] = partial(zwei_faktoren.code_pruefen, self.request.user)
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(weiter=_weiter(self.request), **kwargs)

    def form_valid(self, form):
        otp_login(self.request, form.ergebnis)
        if isinstance(form.ergebnis, StaticDevice):
            uebrig = zwei_faktoren.wiederherstellungscodes_uebrig(self.request.user)
            messages.warning(
                self.request,
                ngettext(
                    "Sie haben einen Wiederherstellungscode verwendet; es bleibt %(anzahl)d. "
                    "Unter „Zwei Faktoren“ erstellen Sie neue.",
                    "Sie haben einen Wiederherstellungscode verwendet; es bleiben %(anzahl)d. "
                    "Unter „Zwei Faktoren“ erstellen Sie neue.",
                    uebrig,
                )
                % {"anzahl": uebrig},
            )
        return redirect(_weiter(self.request))


#: recovery codes just made, shown on the next page and never again
NEUE_CODES = "zwei_faktoren_neue_codes"


class ZweiFaktorenView(TemplateView):
    """The authenticator app: set it up (QR code, first code), renew the recovery codes,
    remove it. Only for roles that sign in with two factors."""

    template_name = "konten/zwei_faktoren.html"

    def dispatch(self, request, *args, **kwargs):
        if not roles.zwei_faktoren_noetig(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def _hier(self) -> str:
        weiter = self.request.POST.get("next") or self.request.GET.get("next")
        hier = reverse("konten:zwei_faktoren")
        return hier + "?" + urlencode({"next": weiter}) if weiter else hier

    def get_context_data(self, form=None, **kwargs):
        user = self.request.user
        kontext = super().get_context_data(**kwargs)
        app = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        kontext.update(
            app=app,
            pflicht=settings.ZWEI_FAKTOREN_PFLICHT,
            weiter=_weiter(self.request),
            naechste_seite=self.request.POST.get("next") or self.request.GET.get("next", ""),
            neue_codes=[f"{c[:5]} {c[5:]}" for c in self.request.session.pop(NEUE_CODES, [])],
        )
        if app is None:
            entwurf = zwei_faktoren.app_entwurf(user)
            kontext.update(
                form=form or EinrichtenForm(pruefen=None),
                qr_code=zwei_faktoren.qr_code(entwurf),
                schluessel=zwei_faktoren.schluessel_text(entwurf),
            )
        else:
            kontext["uebrig"] = zwei_faktoren.wiederherstellungscodes_uebrig(user)
        return kontext

    def post(self, request, *args, **kwargs):
        aktion = request.POST.get("aktion")
        if aktion == "einrichten" and not zwei_faktoren.hat_app(request.user):
            return self._einrichten()
        if not zwei_faktoren.hat_app(request.user):
            return redirect(self._hier())
        if frage := erst_fragen(request, lambda: self._frage(aktion)):
            return frage
        if aktion == "codes":
            codes = zwei_faktoren.wiederherstellungscodes_erneuern(request.user)
            request.session[NEUE_CODES] = codes
            messages.success(request, _("Ihre neuen Wiederherstellungscodes stehen unten."))
        elif aktion == "entfernen":
            zwei_faktoren.zwei_faktoren_entfernen(request.user)
            messages.success(request, _("Die Authenticator-App ist entfernt."))
        return redirect(self._hier())

    def _einrichten(self):
        form = EinrichtenForm(
            self.request.POST,
            pruefen=partial(zwei_faktoren.app_bestaetigen, self.request.user),
        )
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        app, codes = form.ergebnis
        otp_login(self.request, app)
        self.request.session[NEUE_CODES] = codes
        messages.success(self.request, _("Die Authenticator-App ist eingerichtet."))
        return redirect(self._hier())

    def _frage(self, aktion) -> Frage | None:
        zurueck = self._hier()
        if aktion == "codes":
            uebrig = zwei_faktoren.wiederherstellungscodes_uebrig(self.request.user)
            return Frage(
                frage=_("Neue Wiederherstellungscodes erstellen?"),
                knopf=_("Neue Codes erstellen"),
                zurueck=zurueck,
                folgen=[
                    ngettext(
                        "Ihr bisheriger Code gilt dann nicht mehr.",
                        "Ihre %(anzahl)d bisherigen Codes gelten dann nicht mehr.",
                        uebrig,
                    )
                    % {"anzahl": uebrig}
                ],
            )
        if aktion == "entfernen":
            return Frage(
                frage=_("Die Authenticator-App und Ihre Wiederherstellungscodes entfernen?"),
                knopf=_("App entfernen"),
                zurueck=zurueck,
                folgen=[
                    _("Ihre Rolle verlangt zwei Faktoren: Sie richten danach eine neue App ein.")
                    if settings.ZWEI_FAKTOREN_PFLICHT
                    else _("Die Anmeldung fragt danach nur noch nach dem Passwort.")
                ],
            )
        return None


class KontoView(UpdateView):
    template_name = "konten/konto.html"
    form_class = KontoForm
    success_url = reverse_lazy("konten:konto")

    def get_object(self, queryset=None):
        return self.request.user

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            zwei_faktoren=roles.zwei_faktoren_noetig(self.request.user),
            loeschantrag=loeschantraege.offener_antrag(self.request.user),
            loeschung_form=kwargs.pop("loeschung_form", None) or LoeschungForm(user=None),
            karenz_tage=settings.LOESCHUNG_KARENZ_TAGE,
            **kwargs,
        )

    def form_valid(self, form):
        messages.success(self.request, _("Ihre Angaben sind gespeichert."))
        response = super().form_valid(form)
        return set_language_cookie(response, form.instance.sprache)


@require_POST
def loeschung_beantragen(request):
    """The person asks to erase their account; it happens after the grace period."""
    form = LoeschungForm(request.POST, user=request.user)
    if not form.is_valid():
        ansicht = KontoView(request=request, kwargs={}, object=request.user)
        kontext = ansicht.get_context_data(
            form=KontoForm(instance=request.user), loeschung_form=form
        )
        return render(request, KontoView.template_name, kontext, status=400)
    antrag = loeschantraege.loeschantrag_stellen(request.user)
    messages.success(
        request,
        _("Ihr Konto wird am %(datum)s gelöscht. Bis dahin können Sie den Antrag zurücknehmen.")
        % {"datum": timezone.localtime(antrag.faellig_am).strftime("%d.%m.%Y")},
    )
    return redirect("konten:konto")


@require_POST
def loeschung_widerrufen(request):
    antrag = loeschantraege.offener_antrag(request.user)
    if antrag is None:
        return redirect("konten:konto")
    frage = Frage(
        frage=_("Den Antrag auf Löschung Ihres Kontos zurücknehmen?"),
        knopf=_("Antrag zurücknehmen"),
        zurueck=reverse("konten:konto"),
        folgen=[_("Ihr Konto und Ihre Daten bleiben dann bestehen.")],
        gefaehrlich=False,
    )
    if antwort := erst_fragen(request, frage):
        return antwort
    if loeschantraege.loeschantrag_widerrufen(antrag):
        messages.success(request, _("Der Antrag ist zurückgenommen; Ihr Konto bleibt bestehen."))
    return redirect("konten:konto")


def set_language_cookie(response, sprache):
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
        services.einladung_erneut_senden(einladung)
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
        return super().get_context_data(gueltig_tage=settings.EINLADUNG_GUELTIG_TAGE, **kwargs)

    def get_template_names(self):
        # Changing the role reloads only the scope field (htmx), keeping what was typed.
        if self.request.htmx and self.request.method == "GET":
            return ["konten/_einladung_bereich.html"]
        return [self.template_name]

    def form_valid(self, form):
        data = form.cleaned_data
        services.einladung_anlegen(
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
            self.einladung = services.einladung_finden(kwargs["token"])
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
        return self._done(lambda: services.einladung_annehmen(self.einladung, request.user))

    def form_valid(self, form):
        data = form.cleaned_data

        def register():
            user = services.einladung_registrieren(
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


# --- API tokens ------------------------------------------------------------------------------


class ApiZugangListeView(ScopedListView):
    """The person's API tokens that still work: which client, since when, until when."""

    model = ApiZugang
    template_name = "konten/api_zugaenge.html"
    paginate_by = 50

    def narrow_queryset(self, queryset):
        return queryset.filter(user=self.request.user).gueltig()

    def get_context_data(self, **kwargs):
        return super().get_context_data(gueltig_tage=settings.API_TOKEN_GUELTIG_TAGE, **kwargs)


@require_POST
def api_zugang_widerrufen(request, pk):
    """Revokes one of the person's own tokens (an admin revokes others' in the admin)."""
    zugang = get_object_or_404(
        ApiZugang.objects.for_user(request.user, "change").filter(user=request.user), pk=pk
    )
    frage = Frage(
        frage=_("Den API-Zugang „%(name)s“ widerrufen?") % {"name": zugang.name},
        knopf=_("Zugang widerrufen"),
        zurueck=reverse("konten:api_zugaenge"),
        folgen=[_("Das Programm, das ihn benutzt, muss sich danach neu anmelden.")],
    )
    if antwort := erst_fragen(request, frage):
        return antwort
    zugang.delete()
    messages.success(
        request, _("Der API-Zugang „%(name)s“ ist widerrufen.") % {"name": zugang.name}
    )
    return redirect("konten:api_zugaenge")


# --- the personal calendar feed ----------------------------------------------------------------


def _kalender_frage(user, aktion) -> Frage | None:
    """Renewing or revoking an address in use asks first: calendars subscribed to it stop
    showing the person's dates. Creating the first one asks nothing."""
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
@gedrosselt("kalender")
def kalender_feed(request, schluessel):
    """The feed itself, read by calendar programs without a login (the key is the guard)."""

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
