"""The layout in a real browser: accessibility (axe), a 320 px screen, and the keyboard."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = ["/", "/om/", "/accounts/login/", "/accounts/signup/"]
BLOCKING = {"serious", "critical"}


@pytest.mark.parametrize("language", ["", "/en"])
def test_key_pages_have_no_serious_accessibility_violations(live_server, page, language):
    axe = Axe()
    problems = []
    for path in PAGES:
        page.goto(f"{live_server.url}{language}{path}")
        results = axe.run(page)
        assert results.response["passes"], f"axe did not check {path}"
        for violation in results.response["violations"]:
            if violation["impact"] in BLOCKING:
                targets = [node["target"] for node in violation["nodes"]][:3]
                problems.append(f"{language}{path}: {violation['id']} ({violation['impact']}) {targets}")
    assert problems == []


def test_the_layout_fits_a_320_pixel_screen(live_server, page):
    page.set_viewport_size({"width": 320, "height": 640})
    for path in PAGES:
        page.goto(f"{live_server.url}{path}")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 320px"
        assert page.get_by_role("navigation", name="Hovedmenu").is_visible()


def test_the_skip_link_is_the_first_stop_and_moves_focus_to_the_content(live_server, page):
    page.goto(f"{live_server.url}/om/")
    page.keyboard.press("Tab")
    skip = page.locator("a.skipnav")
    assert skip.evaluate("element => element === document.activeElement")
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"


def test_the_language_switcher_keeps_the_page(live_server, page):
    page.goto(f"{live_server.url}/privatliv/")
    page.get_by_role("link", name="English").click()
    assert page.url == f"{live_server.url}/en/privatliv/"
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text() == "Privacy and data protection"
