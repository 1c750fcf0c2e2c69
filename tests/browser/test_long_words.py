"""Text people write may hold one very long word (a pasted link, a row of x's). It breaks inside the word rather
than widen the page: every page that shows such text fits a 375 px phone."""

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore

from tests.factories.advisory import AdviceRequestFactory, MessageFactory
from tests.factories.associations import ActivityFactory, AssociationFactory, VolunteerRoleFactory
from tests.factories.dialogue import CommentFactory, IdeaFactory
from tests.factories.portal import UserFactory
from tests.factories.recognition import StoryFactory, ThanksFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG = "x" * 5000
PHONE = 375


def _sign_in(page, live_server, user) -> None:
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": live_server.url}]
    )


def test_long_words_wrap_everywhere_user_text_is_shown(live_server, page):
    writer = UserFactory(full_name="y" * 150)
    association = AssociationFactory(name="z" * 150, description=LONG, meeting_place="m" * 200)
    idea = IdeaFactory(title="t" * 150, description=LONG, proposer=writer)
    CommentFactory(idea=idea, author=writer, body=LONG)
    story = StoryFactory(body=LONG, teaser="s" * 300, author=writer)
    ThanksFactory(recipient="r" * 150, message="x" * 500, author=writer)
    activity = ActivityFactory(association=association, description=LONG, place="p" * 200)
    role = VolunteerRoleFactory(association=association, description=LONG, requirements=LONG)
    advice = AdviceRequestFactory(asker=writer, subject="q" * 150, question=LONG)
    MessageFactory(request=advice, author=writer, body=LONG)
    pages = [
        idea.get_absolute_url(),
        "/dialog/ideer/",
        story.get_absolute_url(),
        "/historier/",
        "/anerkendelse/tak/",
        association.get_absolute_url(),
        "/foreninger/",
        activity.get_absolute_url(),
        "/aktiviteter/",
        role.get_absolute_url(),
        "/frivilligjob/",
        advice.get_absolute_url(),
    ]
    _sign_in(page, live_server, writer)
    page.set_viewport_size({"width": PHONE, "height": 800})

    too_wide = {}
    for path in pages:
        page.goto(f"{live_server.url}{path}")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE:
            too_wide[path] = width
    assert too_wide == {}
