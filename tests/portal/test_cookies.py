"""The portal sets only necessary cookies: the session, the CSRF token where a form is shown, and nothing else.

The language is part of the address (Danish at /, English at /en/), so no language cookie is needed; messages
("Thank you ...") wait in the session rather than in a cookie of their own.
"""

import pytest

from tests.factories.associations import VolunteerRoleFactory
from tests.factories.portal import PASSWORD, UserFactory
from tests.portal.test_query_budget import LISTS

pytestmark = pytest.mark.django_db


def _cookies(client) -> set[str]:
    """The names of the cookies the browser holds (a cookie the portal deleted has no value)."""
    return {name for name, morsel in client.cookies.items() if morsel.value}


def test_a_visitor_who_reads_gets_no_cookie(client):
    for url in LISTS + ["/en/", "/en/foreninger/", "/privatliv/"]:
        assert client.get(url).status_code == 200, url
    assert _cookies(client) == set()


def test_a_visitor_who_fills_in_a_form_gets_the_csrf_token_and_a_session_for_the_thank_you(client):
    role = VolunteerRoleFactory()
    assert client.get(role.get_absolute_url()).status_code == 200
    assert _cookies(client) == {"csrftoken"}
    response = client.post(
        role.get_absolute_url(),
        {"name": "Ida Holm", "email": "ida@example.org", "message": "Jeg kan om tirsdagen.", "consent": "on"},
    )
    assert response.status_code == 302
    # The thank-you waits in the session until it is shown, rather than in a cookie of its own.
    assert _cookies(client) == {"csrftoken", "sessionid"}
    assert "Tak! Din interesse er sendt" in client.get(response.url).text
    assert _cookies(client) <= {"csrftoken", "sessionid"}


def test_a_signed_in_person_gets_the_session_and_the_csrf_token(client):
    user = UserFactory()
    assert client.get("/accounts/login/").status_code == 200
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    for url in ["/", "/min-side/", "/en/min-side/", "/foreninger/"]:
        assert client.get(url).status_code == 200, url
    assert _cookies(client) == {"csrftoken", "sessionid"}
