from konten.models import User

from .permissions import KOORDINIEREN


def region_team(region):
    """The people holding the Regionalkoordination grant directly on ``region``.

    Visibility derives from the region: callers pass a region obtained through
    ``Region.objects.for_user()``.
    """
    return User.objects.filter(
        regionuserobjectpermission__content_object=region,
        regionuserobjectpermission__permission__codename=KOORDINIEREN,
        is_active=True,
    ).order_by("anzeigename")
