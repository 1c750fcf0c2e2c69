"""The forms' own messages: what a person sees before any booking rule is checked."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from facilities.forms import BookingForm, FacilityFilterForm, SeriesForm
from facilities.models import photo_prepare, validate_photo

from .conftest import last_sunday

pytestmark = pytest.mark.django_db


def test_the_filter_needs_a_whole_time_span():
    form = FacilityFilterForm({"date": "2030-01-07", "time_from": "17:00"})
    assert not form.is_valid()
    assert form.non_field_errors() == ["Angiv en dato og begge klokkeslæt for at finde ledige lokaler."]
    backwards = FacilityFilterForm({"date": "2030-01-07", "time_from": "17:00", "time_to": "16:00"})
    assert backwards.errors["time_to"] == ["Sluttidspunktet skal være efter starttidspunktet."]


def test_the_booking_form_explains_missing_and_wrong_fields(facility, association):
    form = BookingForm(
        {"association": association.slug, "start_time": "19:00", "end_time": "17:00", "date": "2030-01-07"},
        facility=facility,
        associations=[association],
    )
    assert not form.is_valid()
    assert form.errors["end_time"] == ["Sluttidspunktet skal være efter starttidspunktet."]
    assert form.errors["purpose"] == ["Dette felt er påkrævet."]
    too_many = BookingForm(
        {"association": association.slug, "attendees": "51"}, facility=facility, associations=[association]
    )
    assert too_many.errors["attendees"] == ["Denne værdi skal være mindre end eller lig 50."]


def test_the_booking_form_only_offers_the_persons_associations(facility, association):
    form = BookingForm({"association": "en-anden-forening"}, facility=facility, associations=[association])
    assert not form.is_valid()
    assert "association" in form.errors


def test_the_booking_form_refuses_a_time_skipped_by_summer_time(facility, association):
    sunday = last_sunday(timezone.localdate().year + 1, 3)
    form = BookingForm(
        {
            "association": association.slug,
            "date": sunday.isoformat(),
            "start_time": "02:00",
            "end_time": "04:00",
            "purpose": "x",
            "attendees": "5",
        },
        facility=facility,
        associations=[association],
    )
    assert form.errors["start_time"] == ["Tidspunktet findes ikke den dag, fordi urene stilles til sommertid."]


def test_the_series_form_limits_the_period(facility, association):
    form = SeriesForm(
        {
            "association": association.slug,
            "weekday": "0",
            "start_time": "17:00",
            "end_time": "19:00",
            "first_date": "2030-01-07",
            "last_date": "2031-06-01",
            "purpose": "x",
            "attendees": "5",
        },
        facility=facility,
        associations=[association],
    )
    assert form.errors["last_date"] == ["En fast booking kan højst strække sig over et år."]


def test_a_photo_must_really_be_an_image():
    with pytest.raises(ValidationError) as info:
        validate_photo(SimpleUploadedFile("hal.jpg", b"not an image at all", content_type="image/jpeg"))
    assert info.value.messages == [
        "Filen er ikke et billede, vi kan læse. Upload et billede i formatet JPEG, PNG eller WebP."
    ]


def test_a_real_photo_passes():
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (10, 10), "green").save(buffer, "PNG")
    validate_photo(SimpleUploadedFile("hal.png", buffer.getvalue(), content_type="image/png"))


def test_a_transparent_png_photo_stays_a_transparent_png():
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGBA", (40, 30), (0, 73, 147, 0)).save(buffer, "PNG")

    prepared = photo_prepare(SimpleUploadedFile("plan.png", buffer.getvalue(), content_type="image/png"))

    with Image.open(prepared) as stored:
        assert (stored.format, stored.mode, stored.size) == ("PNG", "RGBA", (40, 30))
        assert stored.getpixel((0, 0))[3] == 0
    # Stored under a name of the portal's own, with the extension of the format written.
    assert prepared.name.endswith(".png") and "plan" not in prepared.name


def test_a_photo_larger_than_any_page_shows_is_scaled_down():
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4800, 3200), "green").save(buffer, "JPEG")

    prepared = photo_prepare(SimpleUploadedFile("hal.jpg", buffer.getvalue(), content_type="image/jpeg"))

    with Image.open(prepared) as stored:
        assert (stored.format, stored.size) == ("JPEG", (2400, 1600))


def test_a_long_free_slot_is_shortened_to_the_longest_booking(facility):
    from facilities.forms import booking_initial

    initial = booking_initial({"date": "2030-01-07", "start_time": "08:00", "end_time": "22:00"}, facility)
    assert initial == {"date": "2030-01-07", "start_time": "08:00", "end_time": "12:00"}
    short = booking_initial({"start_time": "08:00", "end_time": "09:00"}, facility)
    assert short["end_time"] == "09:00"


def test_dates_far_from_now_are_refused_politely(facility, association):
    form = BookingForm(
        {
            "association": association.slug,
            "date": "0001-01-01",
            "start_time": "00:30",
            "end_time": "02:00",
            "purpose": "x",
            "attendees": "5",
        },
        facility=facility,
        associations=[association],
    )
    assert form.errors["date"] == ["Angiv en dato mellem år 2000 og 2100."]
    assert "date" in FacilityFilterForm({"date": "0001-01-01", "time_from": "00:30", "time_to": "02:00"}).errors
