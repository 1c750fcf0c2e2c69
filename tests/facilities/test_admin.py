"""Staff: the approval queue with bulk decisions, closures that hit bookings, and the utilisation report."""

import datetime as dt
import io
import os
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.forms.models import model_to_dict
from django.utils import timezone
from PIL import Image

from facilities.models import Booking, Closure, FacilityPhoto
from tests.factories.facilities import (
    BookingFactory,
    BookingSeriesFactory,
    ClosureFactory,
    FacilityFactory,
    FacilityPhotoFactory,
)
from tests.factories.portal import StaffFactory

from .conftest import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    staff = StaffFactory(is_superuser=True)
    client.force_login(staff)
    return client


def test_the_queue_lists_requests_oldest_first(admin_client, monday):
    facility = FacilityFactory(name_da="Salen", needs_approval=True)
    newer = BookingFactory(facility=facility, status="requested", start=at(monday, 10), purpose="Nyere")
    older = BookingFactory(
        facility=facility,
        status="requested",
        start=at(monday, 14),
        purpose="Ældre",
        created_at=newer.created_at - dt.timedelta(days=1),
    )
    BookingFactory(facility=facility, start=at(monday, 18), purpose="Allerede bekræftet")
    response = admin_client.get("/admin/facilities/bookingrequest/")
    assert response.status_code == 200
    text = response.text
    assert "Allerede bekræftet" not in text
    assert text.index("Ældre") < text.index("Nyere")
    del older


def test_staff_approve_many_at_once(admin_client, monday, mailoutbox, django_capture_on_commit_callbacks):
    facility = FacilityFactory(needs_approval=True)
    bookings = [BookingFactory(facility=facility, status="requested", start=at(monday, 8 + 2 * n)) for n in range(3)]
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/admin/facilities/bookingrequest/",
            {"action": "approve", "_selected_action": [b.pk for b in bookings]},
        )
    assert response.status_code == 302
    assert set(Booking.objects.values_list("status", flat=True)) == {"confirmed"}
    assert len(mailoutbox) == 3


def test_staff_reject_with_a_reason(admin_client, monday, mailoutbox, django_capture_on_commit_callbacks):
    booking = BookingFactory(facility=FacilityFactory(needs_approval=True), status="requested", start=at(monday, 10))
    ask = admin_client.post("/admin/facilities/bookingrequest/", {"action": "reject", "_selected_action": [booking.pk]})
    assert ask.status_code == 200
    assert "Begrundelse" in ask.text
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            "/admin/facilities/bookingrequest/",
            {"action": "reject", "_selected_action": [booking.pk], "apply": "1", "reason": "Salen er optaget af valg"},
        )
    booking.refresh_from_db()
    assert booking.status == "rejected"
    assert booking.decision_reason == "Salen er optaget af valg"
    assert "Salen er optaget af valg" in mailoutbox[0].body


def test_the_queue_needs_staff(client, member):
    client.force_login(member)
    assert client.get("/admin/facilities/bookingrequest/").status_code == 302


def test_staff_without_permission_cannot_decide(client, monday):
    staff = StaffFactory()
    staff.user_permissions.add(Permission.objects.get(codename="view_bookingrequest"))
    client.force_login(staff)
    booking = BookingFactory(status="requested", start=at(monday, 10))
    client.post("/admin/facilities/bookingrequest/", {"action": "approve", "_selected_action": [booking.pk]})
    booking.refresh_from_db()
    assert booking.status == "requested"


def closure_data(facility, monday, **extra):
    return {
        "facility": facility.pk,
        "start_0": monday.isoformat(),
        "start_1": "12:00",
        "end_0": monday.isoformat(),
        "end_1": "23:00",
        "reason": "Vandskade",
        **extra,
    }


def test_a_closure_that_hits_bookings_lists_them_first(admin_client, facility, monday):
    booking = BookingFactory(facility=facility, start=at(monday, 17), purpose="Generalforsamling")
    response = admin_client.post("/admin/facilities/closure/add/", closure_data(facility, monday))
    assert response.status_code == 200
    assert "Generalforsamling" in response.text
    assert not Closure.objects.exists()
    booking.refresh_from_db()
    assert booking.status == "confirmed"


def test_confirming_the_closure_cancels_and_notifies(
    admin_client, facility, monday, mailoutbox, django_capture_on_commit_callbacks
):
    booking = BookingFactory(facility=facility, start=at(monday, 17))
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/admin/facilities/closure/add/", closure_data(facility, monday, cancel_hit_bookings="on")
        )
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == "cancelled"
    assert "Vandskade" in mailoutbox[0].body


def test_a_closure_without_hits_is_simply_saved(admin_client, facility, monday):
    response = admin_client.post("/admin/facilities/closure/add/", closure_data(facility, monday))
    assert response.status_code == 302
    assert Closure.objects.count() == 1


def test_the_facility_form_shows_inlines(admin_client, facility):
    ClosureFactory(facility=facility)
    response = admin_client.get(f"/admin/facilities/facility/{facility.pk}/change/")
    assert response.status_code == 200
    assert "opening_hours-TOTAL_FORMS" in response.text
    assert "closures-TOTAL_FORMS" in response.text
    assert "photos-TOTAL_FORMS" in response.text


def test_the_utilisation_report_and_its_csv(admin_client):
    facility = FacilityFactory(slug="hallen", hours=[(dt.time(8), dt.time(18))])
    month = timezone.localdate().replace(day=1) + dt.timedelta(days=40)
    month = month.replace(day=1)
    BookingFactory(facility=facility, start=at(month, 10), end=at(month, 15))
    BookingFactory(facility=facility, start=at(month, 8), end=at(month, 10), status="cancelled")
    response = admin_client.get(f"/admin/facilities/facility/utilisation/?month={month:%Y-%m}")
    assert response.status_code == 200
    csv = admin_client.get(f"/admin/facilities/facility/utilisation/?month={month:%Y-%m}&format=csv")
    assert csv["Content-Type"].startswith("text/csv")
    lines = csv.content.decode().splitlines()
    assert lines[0] == "facility,slug,month,booked_hours,open_hours,utilisation_percent"
    row = lines[1].split(",")
    days = ((month.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - month).days
    assert row[1:5] == ["hallen", f"{month:%Y-%m}", "5.00", f"{10 * days:.2f}"]


def test_a_closure_added_inline_on_the_facility_cancels_hit_bookings_once_confirmed(admin_client, monday):
    facility = FacilityFactory(hours=[])
    booking = BookingFactory(facility=facility, start=at(monday, 17))
    data = {key: value for key, value in model_to_dict(facility).items() if value is not None}
    data.update(
        {
            "opening_hours-TOTAL_FORMS": "0",
            "opening_hours-INITIAL_FORMS": "0",
            "photos-TOTAL_FORMS": "0",
            "photos-INITIAL_FORMS": "0",
            "closures-TOTAL_FORMS": "1",
            "closures-INITIAL_FORMS": "0",
            "closures-0-start_0": monday.isoformat(),
            "closures-0-start_1": "12:00",
            "closures-0-end_0": monday.isoformat(),
            "closures-0-end_1": "23:00",
            "closures-0-reason": "Vandskade",
        }
    )
    url = f"/admin/facilities/facility/{facility.pk}/change/"
    refused = admin_client.post(url, data)
    assert refused.status_code == 200
    assert "Lukningen rammer 1 booking" in refused.text
    data["closures-0-cancel_hit_bookings"] = "on"
    assert admin_client.post(url, data).status_code == 302
    booking.refresh_from_db()
    assert booking.status == "cancelled"
    assert Closure.objects.filter(facility=facility).count() == 1


def test_a_photo_added_by_staff_is_stored_upright_without_its_gps_position(admin_client, facility, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    exif = Image.Exif()
    exif[0x010F] = "Kameraproducent"  # Make
    exif[0x0112] = 6  # Orientation: the camera was turned, so the picture must be rotated 90° clockwise.
    exif[0x8825] = {1: "N", 2: (56.0, 2.0, 3.0), 3: "E", 4: (12.0, 35.0, 12.0)}  # GPSInfo: Helsingør
    buffer = io.BytesIO()
    Image.new("RGB", (400, 300), (0, 73, 147)).save(buffer, format="JPEG", exif=exif)
    data = {key: value for key, value in model_to_dict(facility).items() if value is not None}
    data.update(
        {
            "opening_hours-TOTAL_FORMS": "0",
            "opening_hours-INITIAL_FORMS": "0",
            "closures-TOTAL_FORMS": "0",
            "closures-INITIAL_FORMS": "0",
            "photos-TOTAL_FORMS": "1",
            "photos-INITIAL_FORMS": "0",
            "photos-0-image": SimpleUploadedFile("hallen.jpg", buffer.getvalue(), content_type="image/jpeg"),
            "photos-0-alt_da": "Hallen set indefra",
            "photos-0-position": "0",
        }
    )

    response = admin_client.post(f"/admin/facilities/facility/{facility.pk}/change/", data)

    assert response.status_code == 302
    photo = FacilityPhoto.objects.get(facility=facility)
    with Image.open(photo.image.path) as stored:
        assert stored.format == "JPEG"
        assert stored.size == (300, 400)
        assert dict(stored.getexif()) == {}
        assert stored.getexif().get_ifd(0x8825) == {}


def test_photos_stored_before_uploads_were_cleaned_can_be_cleaned_afterwards(settings, tmp_path, facility):
    settings.MEDIA_ROOT = tmp_path
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (56.0, 2.0, 3.0), 3: "E", 4: (12.0, 35.0, 12.0)}  # GPSInfo: Helsingør
    buffer = io.BytesIO()
    Image.new("RGB", (400, 300), (0, 73, 147)).save(buffer, format="JPEG", exif=exif)
    old = FacilityPhoto.objects.create(
        facility=facility, image=SimpleUploadedFile("gammel.jpg", buffer.getvalue()), alt_da="Gammelt foto"
    )
    plain = FacilityPhotoFactory(facility=facility)  # no metadata
    old_path, plain_name = old.image.path, plain.image.name
    out = io.StringIO()

    call_command("strip_photo_metadata", "--dry-run", stdout=out)
    assert "1 photos would be encoded again, 1 without metadata" in out.getvalue()
    old.refresh_from_db()
    assert old.image.path == old_path

    call_command("strip_photo_metadata", stdout=out)
    old.refresh_from_db()
    plain.refresh_from_db()
    with Image.open(old.image.path) as stored:
        assert stored.format == "JPEG"
        assert stored.getexif().get_ifd(0x8825) == {}
    assert not os.path.exists(old_path)
    assert plain.image.name == plain_name

    call_command("strip_photo_metadata", stdout=(second := io.StringIO()))
    assert "0 photos encoded again, 2 without metadata" in second.getvalue()


def test_a_photo_replaced_or_removed_by_staff_leaves_no_old_file(
    admin_client, facility, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    kept, removed = FacilityPhotoFactory(facility=facility), FacilityPhotoFactory(facility=facility)
    kept_path, removed_path = Path(kept.image.path), Path(removed.image.path)
    buffer = io.BytesIO()
    Image.new("RGB", (400, 300), (0, 73, 147)).save(buffer, format="JPEG")
    data = {key: value for key, value in model_to_dict(facility).items() if value is not None}
    data.update(
        {
            "opening_hours-TOTAL_FORMS": "0",
            "opening_hours-INITIAL_FORMS": "0",
            "closures-TOTAL_FORMS": "0",
            "closures-INITIAL_FORMS": "0",
            "photos-TOTAL_FORMS": "2",
            "photos-INITIAL_FORMS": "2",
            "photos-0-id": str(kept.pk),
            "photos-0-facility": str(facility.pk),
            "photos-0-image": SimpleUploadedFile("ny.jpg", buffer.getvalue(), content_type="image/jpeg"),
            "photos-0-alt_da": kept.alt_da,
            "photos-0-position": "0",
            "photos-1-id": str(removed.pk),
            "photos-1-facility": str(facility.pk),
            "photos-1-alt_da": removed.alt_da,
            "photos-1-position": "1",
            "photos-1-DELETE": "on",
        }
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/admin/facilities/facility/{facility.pk}/change/", data)

    assert response.status_code == 302
    kept.refresh_from_db()
    assert Path(kept.image.path).exists() and Path(kept.image.path) != kept_path
    assert not kept_path.exists()
    assert not FacilityPhoto.objects.filter(pk=removed.pk).exists()
    assert not removed_path.exists()


def test_staff_cannot_delete_a_booking_which_would_tell_the_booker_nothing(admin_client, monday):
    booking = BookingFactory(start=at(monday, 17), end=at(monday, 19))
    assert admin_client.get(f"/admin/facilities/booking/{booking.pk}/delete/").status_code == 403
    response = admin_client.post(
        "/admin/facilities/booking/", {"action": "delete_selected", "_selected_action": [booking.pk], "post": "yes"}
    )
    assert response.status_code in (200, 302)
    assert Booking.objects.filter(pk=booking.pk).exists()


def test_staff_read_booking_series_but_change_them_only_through_the_booking_service(admin_client):
    series = BookingSeriesFactory()
    assert admin_client.get(f"/admin/facilities/bookingseries/{series.pk}/change/").status_code == 200
    assert admin_client.get("/admin/facilities/bookingseries/add/").status_code == 403
    assert admin_client.get(f"/admin/facilities/bookingseries/{series.pk}/delete/").status_code == 403
    response = admin_client.post(f"/admin/facilities/bookingseries/{series.pk}/change/", {"first_date": "2030-01-01"})
    assert response.status_code == 403
