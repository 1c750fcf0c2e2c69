import pytest
from axe_playwright_python.sync_playwright import Axe

from dialogue.models import Idea, Support
from tests.factories.dialogue import MeetingFactory
from tests.factories.portal import PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _assert_accessible(page) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_a_citizen_proposes_and_supports_an_idea(live_server, page):
    person = UserFactory(email="anna@example.org")
    meeting = MeetingFactory()
    page.goto(f"{live_server.url}/accounts/login/?next=/dialog/ideer/ny/")
    page.fill("input[name=login]", person.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url("**/dialog/ideer/ny/")
    _assert_accessible(page)

    page.get_by_label("Titel").fill("Cykelparkering ved stationen")
    page.get_by_label("Beskrivelse").fill("Flere **overdækkede** pladser.")
    page.get_by_label("Hornbæk").check()
    page.get_by_role("button", name="Offentliggør idéen").click()
    page.wait_for_url("**/dialog/ideer/*/")
    assert page.locator("h1").inner_text() == "Cykelparkering ved stationen"

    page.get_by_role("button", name="Støt idéen").click()
    page.get_by_role("button", name="Træk min støtte tilbage").wait_for()
    idea = Idea.objects.get()
    assert Support.objects.filter(idea=idea, user=person).count() == 1
    _assert_accessible(page)

    for path in ["/dialog/", "/dialog/ideer/", "/dialog/fora/", meeting.get_absolute_url(), "/dialog/inspiration/"]:
        page.goto(f"{live_server.url}{path}")
        _assert_accessible(page)
