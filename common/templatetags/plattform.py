from django import forms, template
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import get_language

register = template.Library()


def _css_class(widget) -> str:
    if isinstance(widget, forms.CheckboxInput | forms.RadioSelect | forms.CheckboxSelectMultiple):
        return "form-check-input"
    if isinstance(widget, forms.Select):
        return "form-select"
    return "form-control"


@register.filter
def eingabe(field):
    """Renders a bound field's widget with Bootstrap classes and its hint and errors linked."""
    if isinstance(field.field.widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
        # Django puts a class on the group and on every box alike; the fieldset names the group.
        return field.as_widget(attrs={"aria-invalid": "true"} if field.errors else None)
    attrs = {"class": _css_class(field.field.widget)}
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}_helptext")
    if field.errors:
        described.append(f"{field.auto_id}_error")
        attrs["class"] += " is-invalid"
        attrs["aria-invalid"] = "true"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)


@register.simple_tag(takes_context=True)
def seite_url(context, seite):
    """The current query string with another page number (filters stay)."""
    query = context["request"].GET.copy()
    query["page"] = seite
    return query.urlencode()


@register.simple_tag
def text(objekt, feld):
    """A multilingual object's field in the reader's language (German as the fallback).

    ``{% text o "beschreibung" as t %}<p lang="{{ t.sprache }}" dir="{{ t.richtung }}">``
    """
    return objekt.text(feld)


@register.simple_tag
def oberflaechensprache():
    """The language the interface text is in: the reader's, where it is translated."""
    sprache = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return sprache if sprache in settings.OBERFLAECHENSPRACHEN else settings.LANGUAGE_CODE


@register.simple_tag
def erst_fragen(ziel):
    """htmx attributes for a button whose action asks first (common/bestaetigung.py): the
    question replaces the button's form in place. Without JavaScript the form posts as
    usual and the question comes as a page of its own.

    ``<button name="status" value="beendet" {% erst_fragen url %}>``
    """
    return format_html('hx-post="{}" hx-target="closest form" hx-swap="outerHTML"', ziel)


class _TabelleNode(template.Node):
    def __init__(self, nodelist, beschriftung, karten):
        self.nodelist, self.beschriftung, self.karten = nodelist, beschriftung, karten

    def render(self, context):
        huelle = context.template.engine.get_template("_tabelle.html")
        # the table as rendered (and escaped) by the template it stands in: a SafeString
        inhalt = self.nodelist.render(context)
        with context.push(
            beschriftung=self.beschriftung.resolve(context), karten=self.karten, inhalt=inhalt
        ):
            return huelle.render(context)


@register.tag
def tabelle(parser, token):
    """Wraps a table so that it fits a phone: ``{% tabelle "caption-id" %}…{% endtabelle %}``
    scrolls sideways in a region named by the caption and says so; with ``karten`` after the
    id its rows become cards on a phone (each cell carries its column's name in data-label)."""
    teile = token.split_contents()
    if len(teile) not in (2, 3) or (len(teile) == 3 and teile[2] != "karten"):
        raise template.TemplateSyntaxError(
            '{% tabelle "caption-id" [karten] %} takes the id of the caption and "karten"'
        )
    nodelist = parser.parse(("endtabelle",))
    parser.delete_first_token()
    return _TabelleNode(nodelist, parser.compile_filter(teile[1]), len(teile) == 3)
