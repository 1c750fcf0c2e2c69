"""After a failed security check, "Back to the form" returns to the form with what the person typed still there."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_going_back_keeps_what_was_typed(live_server, page):
    page.goto(f"{live_server.url}/accounts/signup/")
    page.fill("input[name=full_name]", "Bo Borger")
    # A stale token: the form stayed open while the session changed.
    page.evaluate("document.querySelector('input[name=csrfmiddlewaretoken]').value = 'x'.repeat(64)")
    page.locator("form input[name=full_name]").press("Enter")
    page.get_by_role("heading", name="Formularen kunne ikke sendes").wait_for()

    page.get_by_role("link", name="Tilbage til formularen").click()

    page.wait_for_url(f"{live_server.url}/accounts/signup/")
    assert page.input_value("input[name=full_name]") == "Bo Borger"
