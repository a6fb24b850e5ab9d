"""Form machinery shared by the apps."""

from django import forms
from django.db import models
from django.forms.models import ModelFormMetaclass

from .texte import INHALTSSPRACHEN, UEBERSETZUNGSSPRACHEN, richtung
from .zeichen import einzeilig, mehrzeilig


class Zeilenfeld(forms.CharField):
    """A single-line text (title, name, subject): see common/zeichen.py."""

    def to_python(self, value):
        # cleaned before the checks, so a title of nothing but control characters is empty
        return super().to_python(einzeilig(value) if isinstance(value, str) else value)


class Freitextfeld(forms.CharField):
    """A multi-line text (description, message): line breaks stay."""

    widget = forms.Textarea

    def to_python(self, value):
        return super().to_python(mehrzeilig(value) if isinstance(value, str) else value)


def textfeldklasse(db_field):
    """The form field class for a model's text column, ``None`` for anything else.

    Exact types: subclasses such as EmailField or SlugField bring their own form fields.
    """
    return {models.CharField: Zeilenfeld, models.TextField: Freitextfeld}.get(type(db_field))


def formfeld(db_field, **kwargs):
    """``formfield_callback`` of every ModelForm: text columns get the cleaning fields
    (a column with choices stays a choice field, Django ignores ``form_class`` there)."""
    if form_class := textfeldklasse(db_field):
        kwargs.setdefault("form_class", form_class)
    return db_field.formfield(**kwargs)


class _TextMetaclass(ModelFormMetaclass):
    def __new__(mcs, name, bases, attrs):
        # Django reads the callback from each form's own Meta, which does not inherit from
        # the base form's: give every Meta that names none ours
        meta = attrs.get("Meta")
        if meta is not None and not hasattr(meta, "formfield_callback"):
            meta.formfield_callback = staticmethod(formfeld)
        return super().__new__(mcs, name, bases, attrs)


class ModelForm(forms.ModelForm, metaclass=_TextMetaclass):
    """The apps' ModelForm: its text columns are cleaned like any other typed text."""


class UebersetzungenFormMixin:
    """Adds a field per translatable field and language (``beschreibung__ar``) to a
    ModelForm of a ``Mehrsprachig`` model and stores them in ``uebersetzungen``.

    The template groups them by language (``sprachgruppen``), each input marked with its
    ``lang`` and writing direction, so Arabic and Persian are typed right to left.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        vorhanden = self.instance.uebersetzungen or {}
        for sprache in UEBERSETZUNGSSPRACHEN:
            for feld in self.instance.uebersetzbare_felder:
                original = self.fields.get(feld) or self.instance._meta.get_field(feld).formfield()
                widget = (
                    forms.Textarea(attrs={"rows": 3})
                    if isinstance(original.widget, forms.Textarea)
                    else forms.TextInput()
                )
                widget.attrs.update(lang=sprache, dir=richtung(sprache))
                feldklasse = Freitextfeld if isinstance(widget, forms.Textarea) else Zeilenfeld
                self.fields[f"{feld}__{sprache}"] = feldklasse(
                    label=f"{original.label} ({INHALTSSPRACHEN[sprache]})",
                    required=False,
                    max_length=getattr(original, "max_length", None),
                    widget=widget,
                    initial=vorhanden.get(sprache, {}).get(feld, ""),
                )

    def _uebersetzungsfelder(self):
        return {
            f"{f}__{s}" for s in UEBERSETZUNGSSPRACHEN for f in self.instance.uebersetzbare_felder
        }

    def visible_fields(self):
        """The model's own fields; the translations come in ``sprachgruppen``."""
        eigene = self._uebersetzungsfelder()
        return [feld for feld in super().visible_fields() if feld.name not in eigene]

    def sprachgruppen(self):
        for sprache in UEBERSETZUNGSSPRACHEN:
            felder = [self[f"{feld}__{sprache}"] for feld in self.instance.uebersetzbare_felder]
            yield {
                "code": sprache,
                "name": INHALTSSPRACHEN[sprache],
                "richtung": richtung(sprache),
                "felder": felder,
                "ausgefuellt": any(f.value() for f in felder),
            }

    def _post_clean(self):
        # before the model's clean(), which validates the mapping
        uebersetzungen = {}
        for sprache in UEBERSETZUNGSSPRACHEN:
            texte = {
                feld: self.cleaned_data.get(f"{feld}__{sprache}", "").strip()
                for feld in self.instance.uebersetzbare_felder
            }
            texte = {feld: text for feld, text in texte.items() if text}
            if texte:
                uebersetzungen[sprache] = texte
        self.instance.uebersetzungen = uebersetzungen
        super()._post_clean()
