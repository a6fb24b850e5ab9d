"""Typed text is cleaned the same way wherever it enters: a title or name is one line
without invisible control or direction characters, a description keeps its line breaks.
And no form, API field or admin page of the platform can take text around the rule."""

from importlib import import_module

import pytest
from django import forms
from django.contrib import admin
from rest_framework import serializers

from common.admin import TextfelderMixin
from common.zeichen import einzeilig, mehrzeilig

pytestmark = pytest.mark.zeitlos

#: what the outside probe put into need titles
PROBE = "Deutsch\r\nBcc: x@y\u2028am\u0085Abend\u2029 \u202eneu"

#: Persian with a zero-width non-joiner ("I want"): without it the word is misspelt
PERSISCH = "می\u200cخواهم کمک کنم"
ARABISCH = "نحتاج إلى متطوعين للترجمة (العربية والألمانية)"


def test_a_title_with_line_breaks_and_an_override_becomes_one_clean_line():
    assert einzeilig(PROBE) == "Deutsch Bcc: x@y am Abend neu"


@pytest.mark.parametrize(
    "steuerzeichen",
    [
        *"\u202a\u202b\u202c\u202d\u202e",  # embeddings and overrides
        *"\u2066\u2067\u2068\u2069",  # isolates
        "\x00",
        "\x1b",
        "\x7f",
        "\u200b",  # zero-width space
        "\ufeff",  # byte-order mark
        "\U000e0041",  # tag character: hidden text
        "\ud800",  # a lone surrogate, which JSON can carry
    ],
)
def test_invisible_control_and_direction_characters_are_dropped(steuerzeichen):
    assert einzeilig(f"Kochen{steuerzeichen} mit Kindern") == "Kochen mit Kindern"
    assert mehrzeilig(f"Kochen{steuerzeichen}\nmit Kindern") == "Kochen\nmit Kindern"


def test_persian_with_a_zero_width_non_joiner_and_arabic_stay_as_they_are():
    for text in (PERSISCH, ARABISCH, "Deutsch\u200fالعربية"):  # RLM between the scripts
        assert einzeilig(text) == text
        assert mehrzeilig(text) == text


def test_a_description_keeps_its_lines_in_one_spelling_and_loses_the_override():
    text = "Wir treffen uns\r\nmittwochs\ram Tor\u2028oder\u2029drinnen\u0085\u202e.\tDanke "
    assert mehrzeilig(text) == "Wir treffen uns\nmittwochs\nam Tor\noder\ndrinnen\n. Danke"


def test_tabs_and_runs_of_spaces_in_a_title_become_one_space():
    assert einzeilig("  Kochen \t mit\u00a0\u00a0Kindern ") == "Kochen mit Kindern"


def test_decomposed_accents_are_stored_composed():
    assert einzeilig("Caf\u0065\u0301") == "Caf\u00e9"
    assert mehrzeilig("Mu\u0308hle") == "M\u00fchle"


# --- no way around the rule -------------------------------------------------------------------

#: the platform's own apps
APPS = (
    "common",
    "konten",
    "regionen",
    "netzwerk",
    "unterkuenfte",
    "freiwillige",
    "fortbildung",
    "benachrichtigungen",
    "berichte",
)

#: plain text fields that must stay exactly as typed: passwords and one-time codes
UNVERAENDERT = {"password", "password1", "password2", "new_password1", "new_password2", "code"}


def _eigene_module(namen):
    for app in APPS:
        for name in namen:
            try:
                yield import_module(f"{app}.{name}")
            except ModuleNotFoundError as fehler:
                if fehler.name != f"{app}.{name}":
                    raise


def _unterklassen(basis):
    for klasse in basis.__subclasses__():
        yield klasse
        yield from _unterklassen(klasse)


def _eigene_klassen(basis, module):
    """The classes the modules define, without the abstract bases (no ``Meta`` yet)."""
    namen = {modul.__name__ for modul in module}
    return {
        k
        for k in _unterklassen(basis)
        if k.__module__ in namen
        and not (issubclass(k, serializers.ModelSerializer) and not hasattr(k, "Meta"))
    }


def _roh(feld, basis) -> bool:
    """A plain text field that would take control characters as they come."""
    return type(feld) is basis


def test_every_form_of_the_platform_cleans_its_text_fields():
    module = list(_eigene_module(["forms", "views", "admin"]))
    formulare = _eigene_klassen(forms.BaseForm, module)
    assert len(formulare) > 30  # the search found the apps' forms
    roh = [
        f"{formular.__module__}.{formular.__name__}.{name}"
        for formular in formulare
        for name, feld in formular.base_fields.items()
        if _roh(feld, forms.CharField)
        and name not in UNVERAENDERT
        and not isinstance(feld.widget, forms.PasswordInput)
    ]
    assert sorted(roh) == [], "\n".join(sorted(roh))


#: serializers that only ever describe an answer, never read a request
NUR_AUSGABE = {
    "berichte.api.BerichtSerializer",
    "berichte.api.SpalteSerializer",
    "freiwillige.serializers.KandidatSerializer",
    "freiwillige.serializers.PassenderBedarfSerializer",
    "freiwillige.serializers.VerlaufSerializer",  # only inside BewerbungSerializer, read-only
}


def _felder(serializer, pfad=""):
    for name, feld in serializer.fields.items():
        if feld.read_only:
            continue
        if isinstance(feld, serializers.ListSerializer):
            feld = feld.child
        if isinstance(feld, serializers.Serializer):
            yield from _felder(feld, f"{pfad}{name}.")
        elif isinstance(feld, serializers.ListField):
            yield f"{pfad}{name}[]", feld.child
        else:
            yield f"{pfad}{name}", feld


def test_every_api_field_of_the_platform_cleans_its_text():
    module = list(_eigene_module(["serializers", "api"]))
    klassen = {
        k
        for k in _eigene_klassen(serializers.Serializer, module)
        if f"{k.__module__}.{k.__name__}" not in NUR_AUSGABE
    }
    assert len(klassen) > 40
    roh = [
        f"{klasse.__module__}.{klasse.__name__}.{name}"
        for klasse in klassen
        for name, feld in _felder(klasse())
        if _roh(feld, serializers.CharField) and name.rsplit(".", 1)[-1] not in UNVERAENDERT
    ]
    assert sorted(roh) == [], "\n".join(sorted(roh))


def test_every_admin_page_of_the_platform_cleans_its_text_fields():
    modeladmins = [m for m in admin.site._registry.values() if m.opts.app_label in APPS]
    assert len(modeladmins) > 20
    ohne = [
        klasse.__name__
        for modeladmin in modeladmins
        for klasse in (type(modeladmin), *modeladmin.inlines)
        if not issubclass(klasse, TextfelderMixin)
    ]
    assert ohne == []
