"""Invitations: a role and scope, a one-time expiring link, exactly that grant."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from konten import roles
from konten.einladungslink import einladung_token
from konten.models import Einladung, User
from konten.services import einladung_anlegen, einladung_finden
from regionen.models import Region


def _link(einladung):
    return reverse("konten:einladung", kwargs={"token": einladung_token(einladung)})


def _registrieren(client, einladung, **daten):
    daten = {
        "anzeigename": "Nora Neu",
        "sprache": "de",
        "password1": "Ein-gutes-Passwort-42",
        "password2": "Ein-gutes-Passwort-42",
        **daten,
    }
    return client.post(_link(einladung), daten)


def test_an_admin_invites_a_regional_coordinator_of_nord_by_form(
    welt, client_als, mailoutbox, django_capture_on_commit_callbacks
):
    client = client_als(welt.admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("konten:einladung_erstellen"),
            {
                "email": "Nora@Test.invalid",
                "rolle": "regionalkoordination",
                "bereich": welt.nord.pk,
            },
        )
    assert response.status_code == 302
    einladung = Einladung.objects.get()
    assert (einladung.email, einladung.scope) == ("nora@test.invalid", welt.nord)
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["nora@test.invalid"]
    # the mailed link leads to exactly this invitation (tokens carry their signing time)
    token = re.search(r"/konten/einladung/([^/\s]+)/", mailoutbox[0].body).group(1)
    assert einladung_finden(token) == einladung
    assert "Regional coordination" in mailoutbox[0].body  # the mail carries English too
    einladung.refresh_from_db()
    assert einladung.versendet_am is not None


def test_following_the_link_sets_a_password_and_grants_exactly_that_scope(welt, client):
    einladung = einladung_anlegen(
        welt.admin, "nora@test.invalid", "regionalkoordination", welt.nord
    )
    response = _registrieren(client, einladung)
    assert response.status_code == 302
    nora = User.objects.get(email="nora@test.invalid")
    assert nora.check_password("Ein-gutes-Passwort-42")
    assert list(Region.objects.for_user(nora)) == [welt.nord]
    start = client.get(reverse("start")).content.decode()
    assert "Regionalkoordination" in start and welt.nord.name in start
    assert welt.suedost.name not in start
    assert client.get(reverse("regionen:detail", args=[welt.suedost.pk])).status_code == 404


def test_a_reused_link_gets_a_clear_message_and_changes_nothing(welt, client):
    einladung = einladung_anlegen(welt.admin, "nora@test.invalid", "freiwillige")
    _registrieren(client, einladung)
    client.logout()
    again = client.get(_link(einladung))
    assert again.status_code == 410
    assert "bereits angenommen" in again.content.decode()
    second = _registrieren(client, einladung, anzeigename="Jemand anderes")
    assert second.status_code == 410
    assert User.objects.filter(email="nora@test.invalid").count() == 1


def test_an_expired_link_gets_a_clear_message(welt, client):
    einladung = einladung_anlegen(welt.admin, "nora@test.invalid", "freiwillige")
    Einladung.objects.filter(pk=einladung.pk).update(
        gueltig_bis=timezone.now() - timedelta(hours=1)
    )
    response = client.get(_link(einladung))
    assert response.status_code == 410
    assert "abgelaufen" in response.content.decode()
    assert _registrieren(client, einladung).status_code == 410
    assert not User.objects.filter(email="nora@test.invalid").exists()


def test_a_forged_link_is_refused(db, client):
    response = client.get(reverse("konten:einladung", kwargs={"token": "gefaelscht:abc"}))
    assert response.status_code == 410
    assert "ungültig" in response.content.decode()


def test_a_weak_password_is_refused_with_a_reason_and_nothing_is_created(welt, client):
    einladung = einladung_anlegen(welt.admin, "nora@test.invalid", "freiwillige")
    response = _registrieren(client, einladung, password1="12345678", password2="12345678")
    assert response.status_code == 200
    fehler = response.context["form"].errors["password1"]
    assert any("komplett numerisch" in text for text in fehler)
    assert fehler[0] in response.content.decode()
    einladung.refresh_from_db()
    assert einladung.angenommen_am is None
    assert not User.objects.filter(email="nora@test.invalid").exists()


def test_an_existing_account_takes_the_role_after_signing_in(welt, client_als):
    einladung = einladung_anlegen(welt.admin, welt.freiwillig.email, "fortbildungsteam")
    anonym = client_als(None).get(_link(einladung)).content.decode()
    assert "Bitte melden Sie sich an" in anonym
    client = client_als(welt.freiwillig)
    assert client.post(_link(einladung)).status_code == 302
    welt.freiwillig.__dict__.pop("_gruppen_namen", None)
    assert roles.rolle("fortbildungsteam").holds(User.objects.get(pk=welt.freiwillig.pk))


def test_an_invitation_for_someone_else_cannot_be_taken_by_a_signed_in_account(welt, client_als):
    einladung = einladung_anlegen(welt.admin, welt.freiwillig.email, "verwaltung")
    response = client_als(welt.rk_nord).post(_link(einladung))
    assert response.status_code == 410
    assert not roles.rolle("verwaltung").holds(User.objects.get(pk=welt.rk_nord.pk))


@pytest.mark.parametrize("persona", ["verwaltung", "freiwillig"])
def test_people_without_the_right_cannot_invite(persona, welt, client_als):
    client = client_als(welt.personas[persona])
    response = client.post(
        reverse("konten:einladung_erstellen"),
        {"email": "x@test.invalid", "rolle": "regionalkoordination", "bereich": welt.nord.pk},
    )
    assert response.status_code == 403
    assert not Einladung.objects.exists()


def test_the_training_team_invites_only_into_its_own_team(welt, client_als):
    client = client_als(welt.fortbildung)
    response = client.post(
        reverse("konten:einladung_erstellen"),
        {"email": "x@test.invalid", "rolle": "regionalkoordination", "bereich": welt.nord.pk},
    )
    assert response.status_code == 200
    assert "keine gültige Auswahl" in response.content.decode()
    ok = client.post(
        reverse("konten:einladung_erstellen"),
        {"email": "x@test.invalid", "rolle": "fortbildungsteam"},
    )
    assert ok.status_code == 302
    assert Einladung.objects.get().rolle == "fortbildungsteam"


def test_a_second_open_invitation_for_the_same_role_is_refused(welt, client_als):
    einladung_anlegen(welt.admin, "x@test.invalid", "verwaltung")
    response = client_als(welt.admin).post(
        reverse("konten:einladung_erstellen"), {"email": "x@test.invalid", "rolle": "verwaltung"}
    )
    assert "bereits eine offene Einladung" in response.content.decode()
    assert Einladung.objects.count() == 1


def test_choosing_a_role_reloads_the_matching_scope_field(welt, client_als):
    client = client_als(welt.admin)
    response = client.get(
        reverse("konten:einladung_erstellen"),
        {"rolle": "regionalkoordination"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert "<html" not in body
    assert 'name="bereich"' in body and welt.nord.name in body
    global_role = client.get(
        reverse("konten:einladung_erstellen"), {"rolle": "verwaltung"}, HTTP_HX_REQUEST="true"
    )
    assert 'name="bereich"' not in global_role.content.decode()


def test_an_invitation_from_someone_who_lost_the_right_is_not_honoured(welt, client):
    einladung = einladung_anlegen(welt.fortbildung, "nora@test.invalid", "fortbildungsteam")
    welt.fortbildung.groups.clear()
    response = _registrieren(client, einladung)
    assert response.status_code == 410
    assert "gilt nicht mehr" in response.content.decode()
    assert not User.objects.filter(email="nora@test.invalid").exists()


def test_an_invitation_to_a_deleted_region_grants_nothing(welt, client):
    from tests.factories import RegionFactory

    region = RegionFactory(name="Kurzlebig", oberregion=welt.berlin)
    einladung = einladung_anlegen(welt.admin, "nora@test.invalid", "regionalkoordination", region)
    region.delete()
    assert _registrieren(client, einladung).status_code == 410
    assert not User.objects.filter(email="nora@test.invalid").exists()


def test_the_regional_role_is_never_granted_without_a_region(welt):
    with pytest.raises(ValueError):
        roles.rolle("regionalkoordination").grant(welt.freiwillig, None)


def test_a_failing_mail_server_loses_no_invitation(
    welt, client_als, settings, mailoutbox, django_capture_on_commit_callbacks
):
    from konten.tasks import einladungen_nachsenden

    settings.EMAIL_BACKEND = "tests.mail_backends.AusgefallenerMailserver"
    with django_capture_on_commit_callbacks(execute=True):
        response = client_als(welt.admin).post(
            reverse("konten:einladung_erstellen"),
            {"email": "nora@test.invalid", "rolle": "verwaltung"},
        )
    assert response.status_code == 302
    einladung = Einladung.objects.get()
    assert einladung.versendet_am is None

    # The mail server is back; the periodic job sends what is still waiting.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    Einladung.objects.update(created_at=timezone.now() - timedelta(minutes=10))
    assert einladungen_nachsenden() == 1
    assert [m.to for m in mailoutbox] == [["nora@test.invalid"]]
    assert einladungen_nachsenden() == 0


def test_the_inviter_resends_an_open_invitation_with_a_fresh_period(
    welt, client_als, mailoutbox, django_capture_on_commit_callbacks
):
    einladung = einladung_anlegen(welt.admin, "nora@test.invalid", "verwaltung")
    Einladung.objects.filter(pk=einladung.pk).update(
        gueltig_bis=timezone.now() - timedelta(days=1), versendet_am=timezone.now()
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client_als(welt.admin).post(
            reverse("konten:einladung_erneut", args=[einladung.pk])
        )
    assert response.status_code == 302
    einladung.refresh_from_db()
    assert einladung.gueltig_bis > timezone.now() + timedelta(days=13)
    assert len(mailoutbox) == 1
    assert client_als(None).get(_link(einladung)).status_code == 200


def test_nobody_else_can_resend_an_invitation(welt, client_als, mailoutbox):
    einladung = einladung_anlegen(welt.admin, "nora@test.invalid", "verwaltung")
    url = reverse("konten:einladung_erneut", args=[einladung.pk])
    assert client_als(welt.fortbildung).post(url).status_code == 404
    assert mailoutbox == []


def test_a_regional_coordinator_invites_shelter_coordinators_but_no_colleagues(welt, client_als):
    client = client_als(welt.rk_nord)
    url = reverse("konten:einladung_erstellen")
    kollegin = client.post(
        url, {"email": "x@test.invalid", "rolle": "regionalkoordination", "bereich": welt.nord.pk}
    )
    assert "keine gültige Auswahl" in kollegin.content.decode()
    fremd = client.post(
        url,
        {
            "email": "x@test.invalid",
            "rolle": "ehrenamtskoordination",
            "bereich": welt.unterkunft_b.pk,
        },
    )
    assert "keine gültige Auswahl" in fremd.content.decode()
    assert not Einladung.objects.exists()
    eigen = client.post(
        url,
        {
            "email": "x@test.invalid",
            "rolle": "ehrenamtskoordination",
            "bereich": welt.unterkunft_a.pk,
        },
    )
    assert eigen.status_code == 302
    assert Einladung.objects.get().scope == welt.unterkunft_a
