"""Playwright drives Debian's chromium (never a downloaded browser) against the live server."""

import os

import pytest

from tests.conftest import CHROMIUM

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # German is the platform's first language; the browser asks for it like most users do.
    return {**browser_context_args, "locale": "de-DE"}


# Playwright's sync API keeps an event loop running in the test thread; the ORM calls that
# fixtures and tests make there (and the database flush after each test) are synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def anmelden(live_server):
    def sign_in(page, user, passwort=None):
        from tests.factories import PASSWORT

        page.goto(f"{live_server.url}/konten/anmelden/")
        page.get_by_label("E-Mail-Adresse").fill(user.email)
        page.get_by_label("Passwort").fill(passwort or PASSWORT)
        page.get_by_role("button", name="Anmelden").click()
        page.wait_for_load_state()

    return sign_in


@pytest.fixture
def fremde_anfragen(page, live_server):
    """Every request the page makes to anywhere but our own server."""
    fremd = []
    page.on(
        "request",
        lambda request: (
            fremd.append(request.url)
            if not request.url.startswith((live_server.url, "data:", "blob:"))
            else None
        ),
    )
    return fremd


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)
