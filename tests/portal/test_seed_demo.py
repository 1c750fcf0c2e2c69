from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError

from portal.models import Notification, User

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


@pytest.mark.django_db(transaction=True)
def test_it_prints_a_summary_and_mails_nobody(settings, mailoutbox):
    # A transaction test: the notifications are delivered when the command's transaction commits, as in `make run`.
    settings.DEBUG = True
    out = StringIO()

    call_command("seed_demo", stdout=out)

    assert mailoutbox == []
    assert Notification.objects.exists()
    lines = out.getvalue().splitlines()
    assert len(lines) < 20
    assert f"Notifications: {Notification.objects.count()} new, shown on Min side and not mailed." in lines
