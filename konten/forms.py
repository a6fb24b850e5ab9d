from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from common.forms import ModelForm, Zeilenfeld

from . import roles, zwei_faktoren
from .models import Einladung, User


class AnmeldeForm(AuthenticationForm):
    """Login by e-mail address; one message for every failure, so nobody learns who exists."""

    username = forms.EmailField(
        label=_("E-Mail-Adresse"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    error_messages = {
        "invalid_login": _(
            "E-Mail-Adresse oder Passwort stimmen nicht. Bitte prüfen Sie beide Angaben."
        ),
        "inactive": _(
            "E-Mail-Adresse oder Passwort stimmen nicht. Bitte prüfen Sie beide Angaben."
        ),
    }


class KontoForm(ModelForm):
    class Meta:
        model = User
        fields = ["anzeigename", "sprache"]


class EinladungForm(forms.Form):
    email = forms.EmailField(label=_("E-Mail-Adresse der eingeladenen Person"))
    rolle = forms.ChoiceField(label=_("Rolle"))
    bereich = forms.ModelChoiceField(
        label=_("Bereich"),
        queryset=None,
        required=False,
        help_text=_("Für welche Region oder Einrichtung die Rolle gilt."),
    )

    def __init__(self, *args, inviter, **kwargs):
        super().__init__(*args, **kwargs)
        self.inviter = inviter
        self.rollen = {r.key: r for r in roles.einladbare_rollen(inviter)}
        self.fields["rolle"].choices = [("", "—")] + [(k, r.label) for k, r in self.rollen.items()]
        # Choosing a role reloads the scope field that fits it (htmx, see the view).
        self.fields["rolle"].widget.attrs.update(
            {
                "hx-get": reverse("konten:einladung_erstellen"),
                "hx-target": "#bereich",
                "hx-include": "this",
            }
        )
        rolle = self.rollen.get(self.data.get("rolle") or self.initial.get("rolle") or "")
        choices = rolle.scope_choices(inviter) if rolle else None
        if choices is None:
            del self.fields["bereich"]
        else:
            self.fields["bereich"].queryset = choices
            self.fields["bereich"].required = True

    def clean_email(self):
        return User.objects.normalize_email(self.cleaned_data["email"]).lower()

    def clean(self):
        cleaned = super().clean()
        email, rolle, bereich = cleaned.get("email"), cleaned.get("rolle"), cleaned.get("bereich")
        offen = Einladung.objects.for_user(self.inviter).filter(
            email=email, rolle=rolle, angenommen_am__isnull=True
        )
        if bereich is not None:
            offen = offen.filter(scope_id=bereich.pk)
        if email and rolle and any(not e.ist_abgelaufen for e in offen):
            raise forms.ValidationError(
                _("Für diese Adresse gibt es bereits eine offene Einladung in diese Rolle.")
            )
        return cleaned


class RegistrierungForm(forms.Form):
    """The invited person names themself and chooses a password."""

    anzeigename = Zeilenfeld(
        label=_("Ihr Name, wie andere ihn sehen"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    sprache = forms.ChoiceField(label=_("Bevorzugte Sprache"), choices=settings.LANGUAGES)
    password1 = forms.CharField(
        label=_("Passwort"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Passwort wiederholen"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, einladung, **kwargs):
        super().__init__(*args, **kwargs)
        self.einladung = einladung

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("Die beiden Passwörter stimmen nicht überein."))
        elif p1:
            probe = User(email=self.einladung.email, anzeigename=cleaned.get("anzeigename", ""))
            try:
                password_validation.validate_password(p1, probe)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class CodeForm(forms.Form):
    """One code, checked by ``pruefen(code)``; its result is kept as ``ergebnis``."""

    code = forms.CharField(
        label=_("Code aus der Authenticator-App"),
        help_text=_(
            "Sechs Ziffern. Ohne Telefon: einer Ihrer zehnstelligen Wiederherstellungscodes."
        ),
        max_length=24,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autofocus": True,
                "spellcheck": "false",
                "autocapitalize": "off",
            }
        ),
    )

    def __init__(self, *args, pruefen, **kwargs):
        super().__init__(*args, **kwargs)
        self.pruefen = pruefen

    def clean_code(self):
        try:
            self.ergebnis = self.pruefen(self.cleaned_data["code"])
        except zwei_faktoren.CodeFehler as fehler:
            raise forms.ValidationError(str(fehler), code="code") from None
        return self.cleaned_data["code"]


class EinrichtenForm(CodeForm):
    """The first code of an app being set up, which confirms it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].label = _("Code, den die App jetzt anzeigt")
        self.fields["code"].help_text = _("Sechs Ziffern; die App zeigt alle 30 Sekunden neue.")


class LoeschungForm(forms.Form):
    """Asking to erase one's own account takes the password: a session left open on a
    shared computer must not be enough."""

    passwort = forms.CharField(label=_("Ihr Passwort"), widget=forms.PasswordInput)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_passwort(self):
        passwort = self.cleaned_data["passwort"]
        if not self.user.check_password(passwort):
            raise forms.ValidationError(_("Das Passwort stimmt nicht."))
        return passwort
