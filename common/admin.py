"""Admin machinery shared by the apps."""

from .forms import textfeldklasse


class TextfelderMixin:
    """Cleans the text columns of a ModelAdmin or inline like every other form
    (common/zeichen.py). Put it first: the admin builds its forms with its own
    ``formfield_callback``, so the apps' ModelForm base does not reach them."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if form_class := textfeldklasse(db_field):
            kwargs.setdefault("form_class", form_class)
        return super().formfield_for_dbfield(db_field, request, **kwargs)
