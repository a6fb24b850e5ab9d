"""German is the source language; English is complete."""

from pathlib import Path

from babel.messages.pofile import read_po
from django.conf import settings
from django.urls import reverse

PO = Path(settings.BASE_DIR) / "locale/en/LC_MESSAGES/django.po"


def test_every_german_string_has_an_english_translation():
    with PO.open("rb") as handle:
        catalog = read_po(handle)
    missing = [
        message.id
        for message in catalog
        if message.id
        and (
            message.fuzzy
            or not message.string
            or (isinstance(message.string, tuple) and not all(message.string))
        )
    ]
    assert missing == []


def test_an_english_speaker_gets_the_login_page_in_english(db, client):
    page = client.get(reverse("konten:login"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="en"' in page
    assert "Email address" in page or "E-mail address" in page
    assert "Anmelden" not in page


def test_german_is_the_default(db, client):
    page = client.get(reverse("konten:login")).content.decode()
    assert '<html lang="de"' in page and "Passwort vergessen?" in page
