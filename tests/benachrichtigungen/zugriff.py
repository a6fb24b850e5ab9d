"""Access-matrix entries of benachrichtigungen: everyone's own preferences; the digest
preview is for platform admins; the unsubscribe link works without a session (its token is
the credential) and asks first."""

from benachrichtigungen.models import einstellung_von
from tests.access_entry import Route


def _abmeldetoken(welt):
    return [einstellung_von(welt.ek_a).abmeldetoken, "digest"]


ZUGRIFF = {
    "benachrichtigungen:einstellungen": Route(),
    "benachrichtigungen:vorschau": Route(args=lambda w: [w.ek_a.pk], ok={"admin"}),
    "benachrichtigungen:abbestellen": Route(public=True, args=_abmeldetoken),
}
