from datetime import timedelta

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from konten.models import User

from . import digest, services
from .forms import EinstellungForm
from .mail import DIGEST, digest_mail
from .models import Einstellung, Kategorie, einstellung_von


# Mail clients drop stylesheets, so the digest's HTML styles every element inline; the
# preview shows that HTML unchanged. Its scripts stay as strict as everywhere (it has none).
@csp_update({"style-src": [UNSAFE_INLINE]})
def vorschau(request, pk):
    """A person's digest as its mail would show it, for platform admins only."""
    if not request.user.is_staff:
        raise Http404
    person = get_object_or_404(User, pk=pk)
    rhythmus = request.GET.get("rhythmus", Einstellung.Digest.WOECHENTLICH)
    if rhythmus not in (Einstellung.Digest.TAEGLICH, Einstellung.Digest.WOECHENTLICH):
        raise Http404
    # the period as if sent tomorrow morning: what came in today is what an admin checking
    # a new need or course wants to see in it
    zr = digest.zeitraum(rhythmus, timezone.localdate() + timedelta(days=1))
    abschnitte = digest.abschnitte([person], zr).get(person.pk)
    if not abschnitte:
        return render(
            request, "benachrichtigungen/vorschau_leer.html", {"person": person, "zr": zr}
        )
    mail = digest_mail(person, einstellung_von(person), abschnitte, zr, connection=None)
    return HttpResponse(mail.alternatives[0][0])


def einstellungen(request):
    """The signed-in person's own preferences (there is no page for anyone else's)."""
    form = EinstellungForm(request.POST or None, instance=einstellung_von(request.user))
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Ihre Einstellungen sind gespeichert."))
        return redirect("benachrichtigungen:einstellungen")
    return render(request, "benachrichtigungen/einstellungen.html", {"form": form})


@login_not_required
@csrf_exempt  # RFC 8058: mail programs POST "List-Unsubscribe=One-Click" without a form
def abbestellen(request, token, was):
    """GET asks (link scanners must not unsubscribe anyone); POST switches the group off."""
    if was not in (*Kategorie.values, DIGEST):
        raise Http404
    # the token is the credential: it finds exactly one person's preferences, nothing else
    einstellung = Einstellung.objects.filter(abmeldetoken=token).first()
    kontext = {"kategorie": _("Zusammenfassung") if was == DIGEST else Kategorie(was).label}
    if einstellung is None:
        return render(
            request, "benachrichtigungen/abbestellen.html", {"ungueltig": True}, status=404
        )
    if request.method == "POST":
        services.abbestellen(token, was)
        if request.POST.get("List-Unsubscribe") == "One-Click":
            return HttpResponse(status=200)
        kontext["erledigt"] = True
    return render(request, "benachrichtigungen/abbestellen.html", kontext)
