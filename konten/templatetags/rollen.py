from django import template

from konten import roles

register = template.Library()


@register.simple_tag(takes_context=True)
def darf_oeffnen(context, url_name, *args) -> bool:
    """``{% darf_oeffnen "fortbildung:meine" as zeigen %}``: a link is shown only to whom
    it leads somewhere (``roles.darf_oeffnen``)."""
    return roles.darf_oeffnen(context["request"].user, url_name, *args)
