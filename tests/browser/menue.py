"""Moving through the main menu in browser tests, as a person would."""

from playwright.sync_api import expect


def im_menue(page, name):
    """Follows the main menu's entry ``name`` as a person would: opens the toggler on a
    narrow window and the entry's group where it sits in one."""
    page.wait_for_load_state()  # the toggler shows or hides once the styles apply
    navigation = page.get_by_role("navigation", name="Hauptnavigation")
    toggler = navigation.get_by_role("button", name="Menü öffnen")
    if toggler.is_visible() and toggler.get_attribute("aria-expanded") != "true":
        toggler.click()
        # a person waits until the menu has unfolded; a click during the animation can land
        # beside the entry, which is still moving
        expect(navigation.locator("#hauptmenue.show")).to_be_visible()
        expect(navigation.locator(".collapsing")).to_have_count(0)
    eintrag = page.get_by_role("link", name=name, exact=True).or_(
        page.get_by_role("button", name=name, exact=True)
    )
    ziel = navigation.locator(eintrag)
    if not ziel.is_visible():
        # a closed group hides its entries from the accessibility tree: look among the hidden
        versteckt = page.get_by_role("link", name=name, exact=True, include_hidden=True).or_(
            page.get_by_role("button", name=name, exact=True, include_hidden=True)
        )
        gruppe = navigation.locator(".dropdown").filter(has=versteckt)
        gruppe.locator(".dropdown-toggle").click()
        expect(ziel).to_be_visible()
    ziel.click()
