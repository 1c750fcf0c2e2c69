"""A form sent without a valid security token (left open too long, or signed out in another tab) gets the portal's
own page in the person's language, never Django's bare one, and is offered a way back to the form."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def checking_client():
    # The test client skips the CSRF check unless asked to enforce it.
    return Client(enforce_csrf_checks=True)


def _stale_post(client, path, **extra):
    client.get(path)
    client.cookies["csrftoken"] = "x" * 32
    return client.post(path, {"csrfmiddlewaretoken": "y" * 32, "email": "a@example.org"}, **extra)


def test_it_explains_the_failure_in_danish(checking_client):
    response = _stale_post(checking_client, "/accounts/login/")
    assert response.status_code == 403
    assert "Formularen kunne ikke sendes" in response.text
    assert "CSRF-verifikationen mislykkedes" not in response.text
    assert '<html lang="da">' in response.text


def test_it_explains_the_failure_in_english(checking_client):
    response = _stale_post(checking_client, "/en/accounts/login/")
    assert response.status_code == 403
    assert "The form could not be sent" in response.text
    assert '<html lang="en">' in response.text


def test_it_offers_to_go_back_to_the_form(checking_client):
    response = _stale_post(checking_client, "/accounts/login/", HTTP_REFERER="http://testserver/accounts/login/")
    assert 'href="http://testserver/accounts/login/" data-history-back' in response.text


def test_it_never_links_back_to_another_site(checking_client):
    response = _stale_post(checking_client, "/accounts/login/", HTTP_REFERER="https://evil.example.com/")
    assert "evil.example.com" not in response.text
    assert "data-history-back" not in response.text


def test_it_asks_for_cookies_when_none_was_sent():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"email": "a@example.org"})
    assert response.status_code == 403
    assert "Tillad cookies fra denne side i din browser" in response.text
