"""Staff edit an activity's cancelled dates in the admin as dates, and nothing the calendar cannot read is stored."""

import datetime as dt
import importlib

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from associations.models import Activity
from tests.factories.associations import ActivityFactory, MembershipFactory
from tests.factories.portal import StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    staff = StaffFactory(is_superuser=True)
    client.force_login(staff)
    return staff


@pytest.fixture
def weekly():
    today = timezone.localdate()
    return ActivityFactory(
        kind=Activity.Kind.WEEKLY,
        weekday=today.weekday(),
        starts_on=today,
        ends_on=today + dt.timedelta(weeks=20),
        title="Ugentlig svømning",
    )


def _post(client, activity: Activity, exceptions: str):
    data = {
        "association": activity.association_id,
        "title": activity.title,
        "description": activity.description,
        "kind": activity.kind,
        "starts_on": activity.starts_on.isoformat(),
        "ends_on": activity.ends_on.isoformat() if activity.ends_on else "",
        "weekday": activity.weekday if activity.weekday is not None else "",
        "start_time": "17:00",
        "end_time": "19:00",
        "exceptions": exceptions,
        "place": activity.place,
        "town": activity.town,
        "min_age": "",
        "max_age": "",
        "price": "",
        "new_members_welcome": "on",
        "signup_url": "",
    }
    return client.post(f"/admin/associations/activity/{activity.pk}/change/", data)


@pytest.mark.parametrize("typed", ["24-12-2026", "31.02.2027", "abc", "24.12.1899"])
def test_it_refuses_a_date_it_cannot_read_and_keeps_what_was_typed(client, staff, weekly, typed):
    response = _post(client, weekly, f"01.01.2027\n{typed}")

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["exceptions"]
    assert errors
    assert typed in errors[0] or "2000" in errors[0]
    assert f"01.01.2027\n{typed}" in response.content.decode()
    weekly.refresh_from_db()
    assert weekly.exceptions == []


def test_it_stores_danish_and_iso_dates_as_sorted_iso_dates(client, staff, weekly):
    response = _post(client, weekly, "24.12.2026, 2026-12-31\n24.12.2026")

    assert response.status_code == 302
    weekly.refresh_from_db()
    assert weekly.exceptions == ["2026-12-24", "2026-12-31"]


def test_it_shows_stored_dates_in_danish(client, staff, weekly):
    Activity.objects.filter(pk=weekly.pk).update(exceptions=["2026-12-24", "2026-12-31"])

    response = client.get(f"/admin/associations/activity/{weekly.pk}/change/")

    assert "24.12.2026\n31.12.2026</textarea>" in response.content.decode()


def test_the_calendar_and_home_page_show_the_activity_after_an_admin_edit(client, staff, weekly):
    next_week = weekly.starts_on + dt.timedelta(weeks=1)
    _post(client, weekly, next_week.strftime("%d.%m.%Y"))
    client.logout()

    for url in ["/", "/aktiviteter/", "/aktiviteter/kalender.ics"]:
        response = client.get(url)
        assert response.status_code == 200, url
    assert "Ugentlig svømning" in client.get("/aktiviteter/").content.decode()
    weekly.refresh_from_db()
    assert next_week not in weekly.occurrences(next_week, next_week)


@pytest.mark.parametrize(
    "stored",
    [["24-12-2026"], ["2027-02-31"], ["abc"], [20261224], "2026-12-24", ["2026-12-24", "2026-12-24"], ["1899-12-24"]],
)
def test_the_model_refuses_a_stored_value_the_calendar_cannot_read(weekly, stored):
    weekly.exceptions = stored

    with pytest.raises(ValidationError) as error:
        weekly.full_clean()

    assert "exceptions" in error.value.message_dict


def test_the_model_keeps_cancelled_dates_in_order(weekly):
    weekly.exceptions = ["2026-12-31", "2026-12-24"]

    weekly.full_clean()

    assert weekly.exceptions == ["2026-12-24", "2026-12-31"]


def test_staff_add_an_activity_through_the_admin(client, staff, weekly):
    data_activity = ActivityFactory.build(association=weekly.association, title="Julebanko")
    data = {
        "association": weekly.association_id,
        "title": "Julebanko",
        "description": "",
        "kind": "once",
        "starts_on": data_activity.starts_on.isoformat(),
        "weekday": "3",
        "start_time": "17:00",
        "end_time": "19:00",
        "exceptions": "24.12.2026",
        "place": "Stengade 1",
        "town": weekly.town,
    }

    response = client.post("/admin/associations/activity/add/", data)

    assert response.status_code == 302
    added = Activity.objects.get(title="Julebanko")
    # A one-off activity has no weekday and no cancelled dates, as when its association adds it.
    assert (added.weekday, added.exceptions) == (None, [])


def test_the_migration_writes_stored_cancelled_dates_as_iso_dates(weekly):
    migration = importlib.import_module("associations.migrations.0014_cancelled_dates_as_iso")
    Activity.objects.filter(pk=weekly.pk).update(exceptions=["31.12.2026", "24-12-2026", "2026-12-24", "abc"])

    migration.cancelled_dates_as_iso(django_apps, None)

    weekly.refresh_from_db()
    assert weekly.exceptions == ["2026-12-24", "2026-12-31"]
    weekly.full_clean()


def test_the_associations_own_form_explains_a_date_outside_the_calendar(client, weekly):
    member = MembershipFactory(association=weekly.association)
    client.force_login(member.user)
    url = reverse("associations:activity-edit", kwargs={"slug": weekly.association.slug, "pk": weekly.pk})
    data = {
        "title": weekly.title,
        "description": weekly.description,
        "kind": weekly.kind,
        "starts_on": weekly.starts_on.isoformat(),
        "weekday": weekly.weekday,
        "start_time": "17:00",
        "end_time": "19:00",
        "exceptions": "24-12-1899",
        "place": weekly.place,
        "town": weekly.town,
        "new_members_welcome": "on",
    }

    response = client.post(url, data)

    assert response.status_code == 200
    assert response.context["form"].errors["exceptions"]
    weekly.refresh_from_db()
    assert weekly.exceptions == []
