"""Demo personas for the global roles."""

from . import roles
from .models import User


def demo_konto(kontext, email, anzeigename, **extra):
    user, _created = User.objects.get_or_create(
        email=email, defaults={"anzeigename": anzeigename, **extra}
    )
    user.set_password(kontext.passwort)
    user.save(update_fields=["password"])
    return user


def anlegen(kontext):
    admin = demo_konto(
        kontext, "admin@demo.invalid", "Alex Admin", is_staff=True, is_superuser=True
    )
    kontext.persona(roles.rolle("plattform_admin").label, admin)
    for key, email, name in [
        ("verwaltung", "verwaltung@demo.invalid", "Vera Verwaltung"),
        ("fortbildungsteam", "fortbildung@demo.invalid", "Fatma Fortbildung"),
        ("freiwillige", "freiwillig@demo.invalid", "Finn Freiwillig"),
    ]:
        user = demo_konto(kontext, email, name)
        roles.rolle(key).grant(user)
        kontext.persona(roles.rolle(key).label, user)
    kontext.objekte["admin"] = admin
