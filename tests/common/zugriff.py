"""Access-matrix entries of the project's own routes: health, API schema, Django's admin."""

from tests.access_entry import Route

ZUGRIFF = {
    "healthz": Route(public=True),
    "schema": Route(public=True),
    "swagger-ui": Route(public=True),
    # Django's admin guards itself (staff only); its index stands for all of its routes.
    "admin:index": Route(ok={"admin"}, andere=302),
}
