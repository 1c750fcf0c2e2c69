import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from portal.models import Notification, User
from tests.factories.portal import PASSWORD, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_signing_up_asks_for_a_name_and_a_verified_email(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/accounts/signup/",
            {
                "email": "Ny.Borger@Example.org",
                "full_name": "Ny Borger",
                "password1": "et-langt-kodeord-2026",
                "password2": "et-langt-kodeord-2026",
            },
        )
    assert response.status_code == 302
    user = User.objects.get()
    assert user.email == "ny.borger@example.org"
    assert user.full_name == "Ny Borger"
    assert user.preferred_language == "da"
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1
    assert "Bekræft" in mail.outbox[0].subject or "bekræft" in mail.outbox[0].body.lower()

    # Following the link in the mail verifies the address, signs the person in and welcomes them.
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[0].body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/{path}")
    assert EmailAddress.objects.get(user=user).verified
    assert Notification.objects.filter(user=user, kind="welcome").exists()
    assert mail.outbox[-1].subject == "Velkommen til Frivillig Helsingør"


def test_signing_up_in_english_chooses_english_mails(client):
    client.post(
        "/en/accounts/signup/",
        {
            "email": "en@example.org",
            "full_name": "E N",
            "password1": "a-long-password-2026",
            "password2": "a-long-password-2026",
        },
    )
    assert User.objects.get().preferred_language == "en"


def test_a_signup_with_errors_keeps_what_was_typed(client):
    response = client.post(
        "/accounts/signup/",
        {"email": "beholdt@example.org", "full_name": "Beholdt Navn", "password1": "kort", "password2": "kort"},
    )
    assert response.status_code == 200
    assert 'value="beholdt@example.org"' in response.text
    assert 'value="Beholdt Navn"' in response.text
    assert "Formularen indeholder fejl" in response.text
    assert not User.objects.exists()


def test_an_unverified_person_cannot_sign_in(client):
    user = UserFactory(verified=False)
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session


def test_a_verified_person_signs_in_to_min_side(client, user):
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == "/min-side/"


def test_the_sixth_failed_login_for_an_account_is_refused(client, user):
    for _ in range(5):
        response = client.post("/accounts/login/", {"login": user.email, "password": "wrong-password"})
        assert response.status_code == 200
    # Even the right password is refused now: the account is locked for the rest of the window.
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "for mange mislykkede logonforsøg" in response.text


def test_the_admin_signs_in_through_allauth(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    login = client.get(response.url, follow=True)
    assert login.request["PATH_INFO"] in ("/accounts/login/", "/admin/login/")
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_staff_reach_the_admin_and_citizens_do_not(client):
    client.force_login(StaffFactory(is_superuser=True))
    assert client.get("/admin/").status_code == 200
    client.force_login(UserFactory())
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 403


def test_password_reset_sends_a_mail(client, user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/password/reset/", {"email": user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert user.email in mail.outbox[0].to


def test_two_factor_authentication_is_offered(client, user):
    client.force_login(user)
    response = client.get("/accounts/2fa/")
    assert response.status_code == 200
    assert "/accounts/2fa/totp/activate/" in response.text


def test_a_password_reset_for_an_unknown_address_mails_nobody(client):
    response = client.post("/accounts/password/reset/", {"email": "fremmed@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_password_resets_for_one_address_are_limited(client, user, django_capture_on_commit_callbacks):
    for number in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/accounts/password/reset/", {"email": user.email}, REMOTE_ADDR=f"192.0.2.{number}")
        assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/password/reset/", {"email": user.email}, REMOTE_ADDR="198.51.100.1")
    assert response.status_code == 429
    assert "Prøv igen senere" in response.text
    assert len(mail.outbox) == 3


def test_sign_ups_from_one_connection_are_limited(client):
    for number in range(10):
        client.post("/accounts/signup/", {"email": f"ny{number}@example.org", "password1": "x", "password2": "y"})
    response = client.post(
        "/accounts/signup/",
        {
            "email": "en-til@example.org",
            "full_name": "En Til",
            "password1": "et-langt-kodeord-2026",
            "password2": "et-langt-kodeord-2026",
        },
    )
    assert response.status_code == 429
    assert not User.objects.filter(email="en-til@example.org").exists()
    assert mail.outbox == []
