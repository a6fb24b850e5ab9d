"""The signed link of self-registration: it carries name, address and language, so
registering stores nothing until the link is followed (onboarding.py)."""

from django.core import signing

_SALT = "freiwillige.registrierung"
#: how long a verification link holds
LINK_GUELTIG = 3 * 24 * 3600


def registrierung_token(email: str, anzeigename: str, sprache: str) -> str:
    return signing.dumps({"e": email, "n": anzeigename, "s": sprache}, salt=_SALT, compress=True)


def registrierung_token_lesen(token: str) -> dict:
    """The signed data; raises signing.SignatureExpired or signing.BadSignature."""
    return signing.loads(token, salt=_SALT, max_age=LINK_GUELTIG)
