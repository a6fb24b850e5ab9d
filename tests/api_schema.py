"""The OpenAPI schema the API serves, to check an answer of the Django test client against.

``entspricht_schema(antwort, "/api/v1/bedarfe/{id}/", "get")`` fails unless the schema
documents the answer's status code and its body conforms to what is documented for it.
"""

from functools import cache

import requests
import schemathesis
from django.test import Client
from schemathesis.core.transport import Response


@cache
def api_schema() -> dict:
    return Client().get("/api/schema/?format=json").json()


@cache
def _geladen():
    return schemathesis.openapi.from_dict(api_schema())


def entspricht_schema(antwort, pfad: str, methode: str):
    dokumentiert = api_schema()["paths"][pfad][methode.lower()]["responses"]
    assert str(antwort.status_code) in dokumentiert, (
        f"{methode.upper()} {pfad} answered {antwort.status_code}; documented: "
        f"{', '.join(dokumentiert)}"
    )
    operation = _geladen()[pfad][methode.upper()]
    anfrage = requests.Request(methode.upper(), f"http://testserver{antwort.request['PATH_INFO']}")
    operation.validate_response(
        Response(
            status_code=antwort.status_code,
            headers={name: [wert] for name, wert in antwort.headers.items()},
            content=antwort.content,
            request=anfrage.prepare(),
            elapsed=0,
            verify=True,
        )
    )
    return antwort.json() if antwort.content else None


def feld_schema(komponente: str, feld: str) -> dict:
    return api_schema()["components"]["schemas"][komponente]["properties"][feld]
