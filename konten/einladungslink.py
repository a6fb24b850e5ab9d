"""The signed link of an invitation: the mail carries it (tasks.py), following it finds the
invitation again (services.py)."""

from django.core import signing

_SALT = "konten.einladung"


def einladung_token(einladung) -> str:
    return signing.dumps(einladung.pk, salt=_SALT, compress=True)


def einladung_aus_token(token: str) -> int:
    """The invitation's primary key; raises signing.BadSignature for a forged link."""
    return signing.loads(token, salt=_SALT)
