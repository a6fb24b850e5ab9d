"""Regional coordinators see their region and everything below it, nothing beside it."""

import pytest
from django.urls import reverse

from regionen.models import Region
from tests.conftest import persona
from tests.factories import RegionFactory


def test_a_coordinator_of_a_city_sees_all_of_its_regions(welt):
    stadt = persona("stadt@test.invalid", "Stadt", "regionalkoordination", welt.berlin)
    assert set(Region.objects.for_user(stadt)) == {welt.berlin, welt.nord, welt.suedost}


def test_a_coordinator_of_nord_sees_nord_and_its_subregions_only(welt):
    unter = RegionFactory(name="Pankow-Süd", oberregion=welt.nord)
    assert set(Region.objects.for_user(welt.rk_nord)) == {welt.nord, unter}
    assert not Region.objects.for_user(welt.rk_nord).filter(pk=welt.suedost.pk).exists()


@pytest.mark.parametrize("persona_name", ["verwaltung", "fortbildung", "freiwillig", "anonym"])
def test_people_without_a_region_grant_see_no_region_workspace(persona_name, welt):
    assert not Region.objects.for_user(welt.personas[persona_name]).exists()


def test_the_administration_reads_every_region_for_reports_but_no_workspace(welt):
    assert Region.objects.for_user(welt.verwaltung, "report").count() == 3
    assert Region.objects.for_user(welt.rk_nord, "report").get() == welt.nord


def test_a_grant_through_a_group_counts_like_a_personal_one(welt):
    from django.contrib.auth.models import Group
    from guardian.shortcuts import assign_perm

    team = Group.objects.create(name="Team Südost")
    person = persona("team@test.invalid", "Team")
    person.groups.add(team)
    assign_perm("regionen.koordinieren", team, welt.suedost)
    assert list(Region.objects.for_user(person)) == [welt.suedost]


def test_the_grant_is_stored_in_the_direct_foreign_key_table(welt):
    from regionen.models import RegionUserObjectPermission

    grant = RegionUserObjectPermission.objects.get(user=welt.rk_nord)
    assert grant.content_object == welt.nord


def test_moving_a_region_moves_its_subtree_and_the_grants_follow(welt):
    unter = RegionFactory(name="Unten", oberregion=welt.nord)
    welt.nord.oberregion = welt.suedost
    welt.nord.save()
    unter.refresh_from_db()
    assert unter.pfad.startswith(welt.suedost.pfad)
    assert set(Region.objects.for_user(welt.rk_suedost)) == {welt.suedost, welt.nord, unter}


def test_a_region_cannot_be_put_below_itself(welt):
    from django.core.exceptions import ValidationError

    unter = RegionFactory(oberregion=welt.nord)
    welt.nord.oberregion = unter
    with pytest.raises(ValidationError):
        welt.nord.full_clean()


def test_the_coordinator_sees_the_team_of_the_region_but_not_of_others(welt, client_als):
    client = client_als(welt.rk_nord)
    page = client.get(reverse("regionen:detail", args=[welt.nord.pk])).content.decode()
    assert welt.rk_nord.email in page and "Pankow" in page
    assert welt.rk_suedost.email not in page
    assert client.get(reverse("regionen:detail", args=[welt.suedost.pk])).status_code == 404


def test_a_coordinator_may_not_rename_the_region_and_nothing_changes(welt, client_als):
    client = client_als(welt.rk_nord)
    url = reverse("regionen:bearbeiten", args=[welt.nord.pk])
    assert client.post(url, {"name": "Umbenannt", "beschreibung": ""}).status_code == 403
    assert client_als(welt.rk_suedost).post(url, {"name": "X"}).status_code == 404
    welt.nord.refresh_from_db()
    assert welt.nord.name == "Berlin-Nord"


def test_an_admin_renames_a_region_and_an_empty_name_is_refused(welt, client_als):
    client = client_als(welt.admin)
    url = reverse("regionen:bearbeiten", args=[welt.nord.pk])
    leer = client.post(url, {"name": "", "beschreibung": ""})
    assert (
        leer.status_code == 200
        and "Dieses Feld ist zwingend erforderlich." in leer.content.decode()
    )
    assert client.post(url, {"name": "Nord-Ost", "beschreibung": "neu"}).status_code == 302
    welt.nord.refresh_from_db()
    assert welt.nord.name == "Nord-Ost"


def test_the_region_above_is_named_only_to_those_who_may_see_it(welt, client_als):
    rk = client_als(welt.rk_nord)
    assert "Berlin<" not in rk.get(reverse("regionen:liste")).content.decode()
    assert "Berlin<" not in rk.get(reverse("regionen:detail", args=[welt.nord.pk])).content.decode()
    admin = client_als(welt.admin)
    assert (
        "Berlin</a>" in admin.get(reverse("regionen:detail", args=[welt.nord.pk])).content.decode()
    )


def test_regions_list_in_tree_order_when_their_keys_gain_a_digit(db):
    # keys 9 and 10: as text "/10/" sorts before "/9/", the tenth region before the ninth
    land = RegionFactory(pk=8, name="Land", art="land")
    neunte = RegionFactory(pk=9, name="Zweite Region", oberregion=land)
    zehnte = RegionFactory(pk=10, name="Erste Region", oberregion=land)
    unter_neunter = RegionFactory(pk=11, name="Unterregion", oberregion=neunte)

    assert list(Region.objects.all()) == [land, neunte, unter_neunter, zehnte]
