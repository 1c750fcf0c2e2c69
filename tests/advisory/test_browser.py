"""One walk through the asker's side in a real browser, checked for accessibility on every page."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from advisory.models import AdviceRequest
from tests.factories.advisory import GuideFactory
from tests.factories.associations import MembershipFactory
from tests.factories.portal import PASSWORD, UserFactory


def _assert_accessible(page) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_person_finds_a_guide_asks_for_advice_and_sees_the_request(page, live_server, topic, advisor):
    GuideFactory(topic=topic, title_da="Sådan skriver I vedtægter")
    person = UserFactory()
    knitters = MembershipFactory(user=person, association__name="Espergærde Strikkeklub").association

    page.goto(f"{live_server.url}/raadgivning/")
    page.get_by_label("Søg i vejledningerne").fill("vedtægter")
    page.get_by_role("button", name="Søg").click()
    _assert_accessible(page)
    page.get_by_role("link", name="Sådan skriver I vedtægter").first.click()
    _assert_accessible(page)

    page.get_by_role("link", name="Spørg om råd om dette emne").click()
    page.get_by_label("E-mail").fill(person.email)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.locator("form").get_by_role("button", name="Log ind").click()

    # The topic the person came from is chosen already; an empty question gets a clear message.
    page.get_by_role("button", name="Send spørgsmål").click()
    assert page.get_by_role("alert").is_visible()
    _assert_accessible(page)
    page.get_by_label("Overskrift").fill("Vedtægter til strikkeklub")
    page.get_by_label("Dit spørgsmål").fill("Vil I læse vores udkast?")
    page.get_by_label("På vegne af").select_option(label="Espergærde Strikkeklub")
    page.get_by_role("button", name="Send spørgsmål").click()

    page.get_by_role("heading", name="Vedtægter til strikkeklub").wait_for()
    assert page.get_by_role("link", name="Espergærde Strikkeklub").is_visible()
    _assert_accessible(page)
    advice_request = AdviceRequest.objects.get()
    assert (advice_request.topic, advice_request.association) == (topic, knitters)
