from django import template
from django.utils.html import format_html

register = template.Library()


def _td(zelle):
    if zelle is None:
        return format_html('<td class="text-end">0</td>')
    if zelle.verborgen:
        return format_html('<td class="text-end text-muted">{}</td>', zelle.text)
    return format_html('<td class="text-end">{}</td>', zelle.text)


@register.simple_tag
def zelle(zellen: dict, key: str):
    """One report cell; a hidden one in muted text."""
    return _td(zellen[key])


@register.simple_tag
def feldzelle(spalte, feld: str):
    return _td(dict(spalte.je_feld).get(feld))


@register.filter
def wert(werte: dict, key: str):
    return werte.get(key, "")


@register.filter
def attr_text(zelle) -> str:
    return "" if zelle is None else zelle.text


@register.simple_tag
def feldtext(spalte, feld: str) -> str:
    zelle_ = dict(spalte.je_feld).get(feld)
    return "0" if zelle_ is None else zelle_.text
