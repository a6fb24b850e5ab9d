from .mail import DIGEST
from .models import Einstellung


def abbestellen(token: str, kategorie: str) -> Einstellung | None:
    """Switches one group of notices, or the digest, off for the owner of ``token``; twice
    changes nothing."""
    einstellung = Einstellung.objects.filter(abmeldetoken=token).first()
    if einstellung is None:
        return None
    if kategorie == DIGEST:
        if einstellung.digest != Einstellung.Digest.AUS:
            einstellung.digest = Einstellung.Digest.AUS
            einstellung.save(update_fields=["digest", "updated_at"])
    elif kategorie not in einstellung.abbestellt:
        einstellung.abbestellt = [*einstellung.abbestellt, kategorie]
        einstellung.save(update_fields=["abbestellt", "updated_at"])
    return einstellung
