import io

import pytest
from django.core.management import call_command

from grants.models import Application, GrantScheme
from portal.models import Notification

pytestmark = pytest.mark.django_db


def test_the_demo_data_is_complete_and_seeding_twice_changes_nothing(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    counts = (GrantScheme.objects.count(), Application.objects.count())
    call_command("seed_demo", stdout=io.StringIO())

    assert (GrantScheme.objects.count(), Application.objects.count()) == counts == (7, 8)
    assert GrantScheme.objects.filter(rounds__deadline__isnull=True).exists()
    assert Application.objects.filter(status=Application.Status.GRANTED).exists()
    # The demo association's applications belong to it, so its admin sees them on Min side.
    spejderne = Application.objects.filter(association__slug="espergaerde-spejderne")
    assert spejderne.count() == 3
    assert all(application.organisation_name == "Espergærde Spejderne" for application in spejderne)
    # Demo data is written directly, so nobody gets mail about it.
    assert not Notification.objects.filter(kind__startswith="grants-").exists()
