"""Destructive and far-reaching actions ask first (common/bestaetigung.py): the mechanism.

The actions themselves are tested in each app's ``test_bestaetigung.py``.
"""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template
from django_htmx.middleware import HtmxDetails

from common.bestaetigung import FELD, WERT, Frage, erst_fragen

pytestmark = pytest.mark.django_db

FRAGE = Frage(
    frage="Die Reihe „Jour fixe Nord“ beenden?",
    knopf="Reihe beenden",
    zurueck="/jourfixe/serien/7/",
    folgen=["5 künftige Termine entfallen.", "12 eingeladene Personen werden benachrichtigt."],
)


def _post(rf, daten, htmx=False, pfad="/jourfixe/serien/7/beenden/?von=liste"):
    kopf = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    request = rf.post(pfad, daten, **kopf)
    request.user = AnonymousUser()
    request.htmx = HtmxDetails(request)
    return request


def _versteckte_felder(html) -> list[tuple[str, str]]:
    """The hidden fields of the question's own form."""
    frage = re.search(r"<section .*?</section>", html, re.S).group(0)
    return re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', frage)


def test_a_post_without_the_confirmation_answers_a_page_that_asks_the_question(rf):
    antwort = erst_fragen(_post(rf, {"grund": "Krankheit"}), FRAGE)
    assert antwort.status_code == 200
    html = antwort.content.decode()
    assert "<title>Die Reihe „Jour fixe Nord“ beenden?" in html
    assert "<h1" in html and "5 künftige Termine entfallen." in html
    assert "12 eingeladene Personen werden benachrichtigt." in html
    assert ">Reihe beenden</button>" in html
    assert '<a class="btn btn-outline-secondary" href="/jourfixe/serien/7/">Abbrechen</a>' in html


def test_the_confirming_form_posts_every_field_again_to_the_same_address(rf):
    daten = {
        "status": "beendet",
        "anwesend": ["3", "5"],
        "text": 'Danke „für“ <alles> & "mehr"\nZeile zwei',
        "csrfmiddlewaretoken": "alter-token",
    }
    html = erst_fragen(_post(rf, daten), FRAGE).content.decode()
    assert '<form method="post" action="/jourfixe/serien/7/beenden/?von=liste"' in html
    felder = _versteckte_felder(html)
    assert ("status", "beendet") in felder
    assert ("anwesend", "3") in felder and ("anwesend", "5") in felder
    assert (
        "text",
        "Danke „für“ &lt;alles&gt; &amp; &quot;mehr&quot;\nZeile zwei",
    ) in felder
    assert (FELD, WERT) in felder
    # the page brings its own CSRF token; the old one is not copied
    assert "alter-token" not in html
    assert [name for name, _wert in felder].count("csrfmiddlewaretoken") == 1


def test_the_confirmed_post_goes_ahead_without_building_the_question(rf):
    gefragt = []
    request = _post(rf, {"status": "beendet", FELD: WERT})
    assert erst_fragen(request, lambda: gefragt.append(1) or FRAGE) is None
    assert gefragt == []


def test_a_wrong_value_in_the_confirmation_field_still_asks(rf):
    assert erst_fragen(_post(rf, {FELD: "1"}), FRAGE).status_code == 200


def test_an_action_with_nothing_to_ask_goes_ahead(rf):
    assert erst_fragen(_post(rf, {"status": "pausiert"}), None) is None
    assert erst_fragen(_post(rf, {"status": "pausiert"}), lambda: None) is None


def test_for_htmx_the_question_is_a_fragment_to_swap_in_place_of_the_form(rf):
    html = erst_fragen(_post(rf, {"status": "beendet"}, htmx=True), FRAGE).content.decode()
    assert "<html" not in html and "<h1" not in html
    # the question takes the focus, so a screen reader reads it out
    assert re.search(r'<h2 [^>]*tabindex="-1" autofocus>Die Reihe „Jour fixe Nord“ beenden\?', html)
    assert ("status", "beendet") in _versteckte_felder(html)
    # the confirmation is an ordinary form: it posts and follows the redirect like any page
    assert "hx-" not in html


@pytest.mark.parametrize("htmx", [False, True])
def test_the_question_needs_no_script_and_has_no_inline_handlers(rf, htmx):
    html = erst_fragen(_post(rf, {}, htmx=htmx), FRAGE).content.decode()
    inhalt = html.split('<main id="inhalt"', 1)[-1]
    assert "<script" not in inhalt
    assert not re.search(r"\son[a-z]+=", html)


def test_sending_asks_with_a_primary_button_and_ending_with_a_red_one(rf):
    senden = Frage(
        frage="An 75 Organisationen senden?", knopf="Jetzt senden", zurueck="/", gefaehrlich=False
    )
    assert (
        'class="btn btn-primary">Jetzt senden'
        in erst_fragen(_post(rf, {}), senden).content.decode()
    )
    assert (
        'class="btn btn-danger">Reihe beenden' in erst_fragen(_post(rf, {}), FRAGE).content.decode()
    )


def test_the_template_tag_makes_a_button_swap_the_question_in_place_of_its_form():
    html = Template("{% load plattform %}<button {% erst_fragen ziel %}>").render(
        Context({"ziel": "/einsaetze/3/status/?a=1&b=2"})
    )
    assert html == (
        '<button hx-post="/einsaetze/3/status/?a=1&amp;b=2" hx-target="closest form" '
        'hx-swap="outerHTML">'
    )
