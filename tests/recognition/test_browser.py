"""One walk through the stories in a real browser, checked for accessibility with axe."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from associations.models import Town
from recognition.models import Nomination
from tests.factories.recognition import NominationFactory, StoryFactory, StoryImageFactory, ThanksFactory


def violations(page) -> list[str]:
    results = Axe().run(page)
    return [f"{v['id']}: {v['help']}" for v in results.response["violations"]]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_citizen_filters_the_stories_and_reads_one(page, live_server):
    story = StoryFactory(title="Strandrensning i Hornbæk", towns=[Town.HORNBAEK], body="Hundrede **frivillige** kom.")
    StoryImageFactory(story=story, alt_text="Frivillige med affaldssække på stranden")
    StoryFactory(title="Koret i Helsingør", towns=[Town.HELSINGOR])

    page.goto(f"{live_server.url}/historier/")
    assert violations(page) == []
    page.get_by_label("By").select_option("hornbaek")
    page.get_by_role("button", name="Vis historier").click()

    assert page.get_by_role("link", name="Koret i Helsingør").count() == 0
    page.get_by_role("link", name="Strandrensning i Hornbæk").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Strandrensning i Hornbæk"
    assert page.get_by_role("img", name="Frivillige med affaldssække på stranden").count() == 1
    assert violations(page) == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_recognition_pages_are_accessible(page, live_server):
    winner = NominationFactory(consent=Nomination.Consent.ACCEPTED, winner=True, shortlisted=True, story=StoryFactory())
    winner.round.winners_published = True
    winner.round.save()
    ThanksFactory(message="Tak for alt!")

    for path in ("/anerkendelse/", winner.round.award.get_absolute_url(), "/anerkendelse/tak/"):
        page.goto(f"{live_server.url}{path}")
        assert violations(page) == [], path
