"""The portal's query budget: no page issues more than 12 queries, for a visitor or a signed-in person, on the demo data.

The apps' own tests prove that counts stay constant as rows grow; this walks every public page (and the signed-in
person's own pages) once, uncached, and lists each page over the budget.
"""

from io import StringIO

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from advisory.models import Guide, Topic
from associations.models import Activity, Association, VolunteerRole
from dialogue.models import Forum, Idea, InspirationEntry, Meeting
from facilities.models import Facility
from grants.models import GrantScheme
from portal.models import User
from recognition.models import Award, Story

pytestmark = pytest.mark.django_db

BUDGET = 12

LISTS = [
    "/",
    "/om/",
    "/foreninger/",
    "/foreninger/?q=spejder",
    "/aktiviteter/",
    "/aktiviteter/kalender.ics",
    "/frivilligjob/",
    "/lokaler/",
    "/tilskud/",
    "/tilskud/guide/",
    "/tilskud/frister.ics",
    "/historier/",
    "/historier/feed/",
    "/anerkendelse/",
    "/anerkendelse/tak/",
    "/dialog/",
    "/dialog/ideer/",
    "/dialog/fora/",
    "/dialog/inspiration/",
    "/raadgivning/",
    "/api/v1/associations",
    "/api/v1/activities",
    "/api/v1/volunteer-roles",
    "/api/v1/facilities",
    "/api/v1/grants",
    "/api/v1/grants/awards",
]
DETAILS = [Association, Activity, VolunteerRole, Facility, GrantScheme, Story, Award, Idea, Forum, Meeting,
           InspirationEntry, Topic, Guide]  # fmt: skip
OWN_PAGES = ["/min-side/", "/lokaler/bookinger/", "/tilskud/ansoegninger/", "/raadgivning/sager/", "/historier/mine/"]


def _detail_pages(client) -> list[str]:
    """The first few objects of each kind that a visitor may see (drafts and hidden ones answer 404)."""
    pages = []
    for model in DETAILS:
        shown = [
            url
            for url in (obj.get_absolute_url() for obj in model.objects.order_by("pk")[:6])
            if client.get(url).status_code == 200
        ]
        assert shown, f"the demo data has no public {model.__name__}"
        pages += shown[:2]
    return pages


def _over_budget(client, urls: list[str]) -> dict[str, int]:
    over = {}
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        if len(queries) > BUDGET:
            over[url] = len(queries)
    return over


@pytest.mark.skipif(not django_settings.REDIS_URL, reason="sessions are read from Redis in production; needs REDIS_URL")
def test_no_page_issues_more_than_twelve_queries(client, settings):
    settings.DEBUG = True  # seed_demo refuses to run otherwise
    call_command("seed_demo", stdout=StringIO())
    settings.DEBUG = False
    public = LISTS + _detail_pages(client)
    association = Association.objects.filter(memberships__user__email="forening@example.org").first()
    own = OWN_PAGES + [
        f"/min-side/foreninger/{association.slug}/",
        f"/min-side/foreninger/{association.slug}/medlemmer/",
    ]

    assert _over_budget(client, public) == {}
    client.force_login(User.objects.get(email="forening@example.org"))
    assert _over_budget(client, public + own) == {}
