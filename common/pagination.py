from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import APIException
from rest_framework.pagination import PageNumberPagination


class UngueltigeSeitenangabe(APIException):
    status_code = 400
    default_code = "invalid"


class Seitenweise(PageNumberPagination):
    """Page-number pagination; clients may ask for up to 100 rows a page.

    A page or page size that is not a whole number from 1 up answers 400 with
    ``{"detail": …}`` (DRF would quietly use the default size, or answer 404 for the
    page); a page past the last one answers 404, a size above 100 gives 100 rows.
    """

    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100
    page_query_description = _("Die Seite, ab 1 (oder „last“ für die letzte).")
    page_size_query_description = _("Einträge je Seite, ab 1; mehr als 100 liefern 100.")

    def get_page_size(self, request):
        wert = request.query_params.get(self.page_size_query_param)
        if not wert:
            return self.page_size
        return min(_ab_eins(self.page_size_query_param, wert), self.max_page_size)

    def get_page_number(self, request, paginator):
        wert = request.query_params.get(self.page_query_param)
        if not wert:
            return 1
        if wert in self.last_page_strings:
            return paginator.num_pages
        return _ab_eins(self.page_query_param, wert)

    def get_schema_operation_parameters(self, view):
        parameter = super().get_schema_operation_parameters(view)
        for eintrag in parameter:
            eintrag["schema"]["minimum"] = 1
        return parameter


def _ab_eins(name: str, wert: str) -> int:
    try:
        zahl = int(wert)
    except ValueError:
        zahl = 0
    if zahl < 1:
        raise UngueltigeSeitenangabe(
            _("„%(parameter)s“ muss eine ganze Zahl ab 1 sein.") % {"parameter": name}
        )
    return zahl
