"""Form machinery shared by the apps."""

from django import forms

from .texte import INHALTSSPRACHEN, UEBERSETZUNGSSPRACHEN, richtung


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
                self.fields[f"{feld}__{sprache}"] = forms.CharField(
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
