"""One walk through the public grant pages in a real browser, checked with axe for accessibility problems."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.factories.grants import ApplicantKindFactory, RoundFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_person_finds_a_scheme_through_the_guide_without_javascript(browser, live_server):
    kind = ApplicantKindFactory(slug="idraet", name_da="Idrætsforeninger")
    scheme = RoundFactory(scheme__title_da="Udstyrspuljen", scheme__slug="udstyrspuljen").scheme
    scheme.applicant_kinds.add(kind)

    # The guide is a plain form: it must work with scripts switched off.
    context = browser.new_context(java_script_enabled=False)
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.goto(f"{live_server.url}/tilskud/")
    page.get_by_role("link", name="I tvivl om, hvilken pulje der passer? Svar på fire spørgsmål").click()
    page.get_by_label("Idrætsforeninger").check()
    page.get_by_role("button", name="Vis de puljer, der passer").click()
    assert page.get_by_text("Idrætsforeninger kan søge.").is_visible()
    page.get_by_role("link", name="Udstyrspuljen").click()
    assert page.get_by_role("heading", name="Hvem kan søge").is_visible()
    guide_url = page.url
    context.close()

    # axe runs as a script in the page, so the accessibility check uses a normal browser.
    context = browser.new_context()
    context.set_default_timeout(10_000)
    page = context.new_page()
    axe = Axe()
    for path in ["/tilskud/", "/tilskud/guide/?hvem=idraet&hvornaar=any", "/tilskud/udstyrspuljen/"]:
        page.goto(f"{live_server.url}{path}")
        result = axe.run(page)
        assert result.violations_count == 0, (path, result.generate_report())
    assert guide_url.endswith("/tilskud/udstyrspuljen/")
    context.close()
