"""The "I want to help" form in a real browser, without JavaScript, and the directory against axe-core."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from associations.models import Interest
from tests.factories.associations import AssociationFactory, VolunteerRoleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_citizen_offers_help_without_javascript(browser, live_server):
    page = browser.new_context(java_script_enabled=False).new_page()
    role = VolunteerRoleFactory(title="Skaktræner")
    page.goto(live_server.url + role.get_absolute_url())
    page.get_by_label("Dit navn").fill("Hanne Hjælpsom")
    page.get_by_label("Din e-mailadresse").fill("ikke-en-adresse")
    page.get_by_role("button", name="Send min interesse").click()
    # The form comes back with the error and with what was typed.
    assert page.get_by_label("Dit navn").input_value() == "Hanne Hjælpsom"
    assert page.locator("#form-errors").is_visible()
    page.get_by_label("Din e-mailadresse").fill("hanne@example.org")
    page.locator("#id_consent").check()
    page.get_by_role("button", name="Send min interesse").click()
    assert page.locator(".alert-success, .alert").first.is_visible()
    assert Interest.objects.get().email == "hanne@example.org"


def test_the_directory_and_a_profile_have_no_accessibility_violations(page, live_server):
    association = AssociationFactory(name="Espergærde Spejderne")
    VolunteerRoleFactory(association=association)
    axe = Axe()
    for path in ["/foreninger/", association.get_absolute_url(), "/aktiviteter/", "/frivilligjob/"]:
        page.goto(live_server.url + path)
        results = axe.run(page)
        assert results.violations_count == 0, results.generate_report()
