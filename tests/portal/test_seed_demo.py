from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from portal.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET
from portal.models import User
from tests.factories.portal import totp_code

pytestmark = pytest.mark.django_db


def counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_it_creates_the_demo_accounts_and_a_second_run_changes_nothing(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    first = counts()
    call_command("seed_demo", stdout=StringIO())
    assert counts() == first
    admin = User.objects.get(email="admin@example.org")
    assert admin.is_superuser and admin.check_password("demo-portal-2026")
    assert User.objects.filter(email__in=["forening@example.org", "borger@example.org"]).count() == 2
    staff = Group.objects.get(name="Kommunale medarbejdere")
    assert staff.permissions.filter(codename="change_notification").exists()
    assert not staff.permissions.filter(codename="change_user").exists()


def test_it_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="refuses to run"):
        call_command("seed_demo")
    assert not User.objects.exists()
    call_command("seed_demo", "--force", stdout=StringIO())
    assert User.objects.exists()


def test_the_demo_admin_signs_in_to_the_admin_with_the_published_secret(settings, client):
    settings.DEBUG = True
    output = StringIO()
    call_command("seed_demo", stdout=output)
    assert DEMO_TOTP_SECRET in output.getvalue()
    assert "otpauth://totp/" in output.getvalue()

    client.post("/accounts/login/", {"login": "admin@example.org", "password": DEMO_PASSWORD})
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(DEMO_TOTP_SECRET)})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
