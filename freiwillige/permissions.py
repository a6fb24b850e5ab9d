from common.scoping import Policy


class ProfilPolicy(Policy):
    """A volunteer sees and edits their own profile.

    Coordinators will see the profiles of people who applied to or are assigned at their
    shelter, once applications exist.
    """

    def scope(self, user, action, queryset):
        return queryset.filter(person=user)


class NachweisPolicy(Policy):
    """A volunteer reads their own inspection records; recording them is the coordination's
    work at shelters where the person applied or is assigned (with applications)."""

    def scope(self, user, action, queryset):
        return queryset.filter(person=user) if action == "view" else queryset.none()
