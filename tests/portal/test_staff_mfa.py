"""Staff open the admin only after a second factor (TOTP) in the same session."""

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from tests.factories.portal import PASSWORD, StaffFactory, UserFactory, totp_authenticator, totp_code

pytestmark = pytest.mark.django_db


def test_staff_sign_in_with_password_and_code_and_reach_the_admin(client):
    staff = StaffFactory(is_superuser=True)
    totp_authenticator(staff)
    response = client.post("/accounts/login/", {"login": staff.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("mfa_authenticate")
    assert client.get("/admin/").status_code == 302, "the password alone opens nothing"

    response = client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_staff_without_an_authenticator_are_sent_to_set_one_up(client):
    staff = StaffFactory(is_superuser=True)
    client.force_login(staff, second_factor=False)
    response = client.get("/admin/portal/user/", follow=True)
    assert response.redirect_chain[0] == (reverse("mfa_activate_totp"), 302)
    assert "Medarbejdere skal bruge totrinsbekræftelse" in response.text


def test_setting_up_the_authenticator_opens_the_admin(client, django_capture_on_commit_callbacks):
    staff = StaffFactory(is_superuser=True)
    client.post("/accounts/login/", {"login": staff.email, "password": PASSWORD})
    assert client.get("/admin/").url == reverse("mfa_activate_totp")
    # allauth asks for the password again before an authenticator is added.
    response = client.get(reverse("mfa_activate_totp"))
    client.post(response.url, {"password": PASSWORD})
    client.get(reverse("mfa_activate_totp"))
    secret = client.session["mfa.totp.secret"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=staff, type=Authenticator.Type.TOTP).exists()
    assert client.get("/admin/").status_code == 200


def test_staff_whose_session_skipped_the_code_are_asked_for_it(client):
    staff = StaffFactory(is_superuser=True)
    totp_authenticator(staff)
    # A session signed in by password alone, for instance one that began before the authenticator was set up.
    client.force_login(staff, second_factor=False)
    response = client.get("/admin/grants/")
    assert response.status_code == 302
    assert response.url == f"{reverse('mfa_reauthenticate')}?next=%2Fadmin%2Fgrants%2F"

    response = client.post(response.url, {"code": totp_code()})
    assert response.status_code == 302
    assert response.url == "/admin/grants/"
    assert client.get("/admin/grants/").status_code == 200


def test_the_requirement_can_be_switched_off(client, settings):
    settings.STAFF_REQUIRE_MFA = False
    client.force_login(StaffFactory(is_superuser=True), second_factor=False)
    assert client.get("/admin/").status_code == 200


def test_citizens_pages_ask_no_second_factor(client):
    client.force_login(UserFactory(), second_factor=False)
    assert client.get("/min-side/").status_code == 200
