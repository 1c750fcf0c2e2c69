"""Halls and rooms the municipality lends out, when they are open, and who has booked them.

Every time is stored in UTC; opening hours are wall-clock times in Europe/Copenhagen, so a hall that opens at 08:00
opens at 08:00 local time on both sides of a daylight-saving change.
"""

import datetime as dt
import secrets
import zoneinfo

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateTimeRangeField, RangeBoundary, RangeOperators
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import DEFAULT_DB_ALIAS, models
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from associations.models import Association, Town
from portal.i18n import Translated
from portal.uploads import ImageInfo, UploadTo, image_check, upload_image
from portal.validation import validate_phone

LOCAL_TZ = zoneinfo.ZoneInfo(settings.TIME_ZONE)
# More people than any hall holds: a larger number in a filter or a booking is a mistake, not a wish.
MAX_CAPACITY = 100_000


class TsTzRange(models.Func):
    function = "TSTZRANGE"
    output_field = DateTimeRangeField()


class PortableExclusionConstraint(ExclusionConstraint):
    """An exclusion constraint on Postgres; nothing on SQLite, where the booking service's own check must do.

    The embedded SQLite set-up is for one person trying the portal on a laptop; production and CI run on Postgres,
    where this constraint is what makes a double booking impossible.
    """

    def constraint_sql(self, model, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return None
        return super().constraint_sql(model, schema_editor)

    def create_sql(self, model, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return None
        return super().create_sql(model, schema_editor)

    def remove_sql(self, model, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return None
        return super().remove_sql(model, schema_editor)

    def validate(self, model, instance, exclude=None, using=DEFAULT_DB_ALIAS):
        from django.db import connections

        if connections[using].vendor != "postgresql":
            return
        super().validate(model, instance, exclude=exclude, using=using)


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class Facility(models.Model):
    class Kind(models.TextChoices):
        SPORTS_HALL = "sports_hall", _("Sports hall")
        GYM = "gym", _("Gym")
        MEETING_ROOM = "meeting_room", _("Meeting room")
        EVENT_HALL = "event_hall", _("Hall for parties and events")
        OUTDOOR_PITCH = "outdoor_pitch", _("Outdoor pitch")
        WORKSHOP = "workshop", _("Workshop")
        OTHER = "other", _("Other")

    class Access(models.TextChoices):
        STAFF_OPENS = "staff_opens", _("Staff open the door")
        KEY_PICKUP = "key_pickup", _("Pick up a key")
        DOOR_CODE = "door_code", _("A door code is sent before the booking")
        UNLOCKED = "unlocked", _("Unlocked during opening hours")

    class BookableBy(models.TextChoices):
        ASSOCIATIONS = "associations", _("Associations only")
        EVERYONE = "everyone", _("Associations and citizens")

    name_da = models.CharField(_("name (Danish)"), max_length=150)
    name_en = models.CharField(_("name (English)"), max_length=150, blank=True)
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    description_da = models.TextField(_("description (Danish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    address = models.CharField(_("address"), max_length=200)
    town = models.CharField(_("town"), max_length=20, choices=Town.choices)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    capacity = models.PositiveIntegerField(_("capacity (people)"))
    area_m2 = models.PositiveIntegerField(_("area (m²)"), null=True, blank=True)
    equipment_da = models.TextField(_("equipment (Danish)"), blank=True)
    equipment_en = models.TextField(_("equipment (English)"), blank=True)
    step_free_access = models.BooleanField(_("step-free access"), default=False)
    accessible_toilet = models.BooleanField(_("accessible toilet"), default=False)
    hearing_loop = models.BooleanField(_("hearing loop"), default=False)
    disabled_parking = models.BooleanField(_("parking for disabled people"), default=False)
    house_rules_da = models.TextField(_("house rules (Danish)"), blank=True)
    house_rules_en = models.TextField(_("house rules (English)"), blank=True)
    access = models.CharField(_("how access works"), max_length=20, choices=Access.choices, default=Access.STAFF_OPENS)
    access_info_da = models.TextField(
        _("access information (Danish)"), blank=True, help_text=_("Sent to the booker with the reminder.")
    )
    access_info_en = models.TextField(_("access information (English)"), blank=True)
    contact_name = models.CharField(_("contact name"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True, validators=[validate_phone])
    bookable_by = models.CharField(
        _("who may book"), max_length=20, choices=BookableBy.choices, default=BookableBy.ASSOCIATIONS
    )
    price_per_hour = models.DecimalField(
        _("price per hour for others (DKK)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Shown as information. Associations under the Folkeoplysningsloven book free of charge."),
    )
    needs_approval = models.BooleanField(_("bookings need staff approval"), default=False)
    min_duration = models.PositiveIntegerField(_("minimum duration (minutes)"), default=60)
    max_duration = models.PositiveIntegerField(_("maximum duration (minutes)"), default=240)
    start_step = models.PositiveIntegerField(
        _("start-time step (minutes)"), default=30, help_text=_("Bookings start on a multiple of this after midnight.")
    )
    buffer_before = models.PositiveIntegerField(_("buffer before (minutes)"), default=0)
    buffer_after = models.PositiveIntegerField(
        _("buffer after (minutes)"), default=0, help_text=_("For example cleaning time.")
    )
    min_lead_time = models.PositiveIntegerField(
        _("minimum lead time (hours)"),
        default=24,
        help_text=_("How long before the start one must book at the latest."),
    )
    max_horizon = models.PositiveIntegerField(_("maximum horizon (days)"), default=180)
    cancellation_deadline = models.PositiveIntegerField(
        _("cancellation deadline (hours)"), default=48, help_text=_("How long before the start one may cancel.")
    )
    is_active = models.BooleanField(_("shown and bookable"), default=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("facility")
        verbose_name_plural = _("facilities")
        ordering = ["name_da"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(min_duration__gt=0) & models.Q(max_duration__gte=models.F("min_duration")),
                name="facility_durations_sensible",
            ),
            models.CheckConstraint(condition=models.Q(start_step__gt=0), name="facility_start_step_positive"),
        ]

    def __str__(self) -> str:
        return self.name_da

    def get_absolute_url(self) -> str:
        return reverse("facilities:facility-detail", kwargs={"slug": self.slug})

    name = Translated("name")
    description = Translated("description")
    equipment = Translated("equipment")
    house_rules = Translated("house_rules")
    access_info = Translated("access_info")

    @property
    def citizens_may_book(self) -> bool:
        return self.bookable_by == self.BookableBy.EVERYONE

    @property
    def accessibility_features(self) -> list[tuple[str, str]]:
        """(DKFDS icon name, label) of each accessibility feature the facility has, for the page."""
        features = [
            ("step_free_access", "accessibility-new", _("Step-free access")),
            ("accessible_toilet", "accessibility-new", _("Accessible toilet")),
            ("hearing_loop", "headset", _("Hearing loop")),
            ("disabled_parking", "car", _("Parking for disabled people")),
        ]
        return [(icon, label) for field, icon, label in features if getattr(self, field)]


MAX_PHOTO_BYTES = 5 * 1024 * 1024
PHOTO_FORMATS = ("JPEG", "PNG", "WEBP")
# Wider than any page shows a photo; a larger one is scaled down to this many pixels on its longer side.
PHOTO_SIDE = 2400


def validate_photo(upload: File) -> ImageInfo:
    """Accept only real JPEG, PNG or WebP images of a sensible size (in bytes and pixels), whatever the file is called."""
    return image_check(upload, formats=PHOTO_FORMATS, max_bytes=MAX_PHOTO_BYTES)


def photo_prepare(upload: File) -> ContentFile:
    """Check `upload` like `validate_photo` and return it encoded again in its own format, upright, scaled down to
    PHOTO_SIDE if it is larger.

    Re-encoding drops the metadata a camera writes into a photo (GPS position among it), which must not be published
    with a facility. A transparent PNG or WebP stays transparent.
    """
    return upload_image(upload, formats=PHOTO_FORMATS, max_bytes=MAX_PHOTO_BYTES, side=PHOTO_SIDE)


class FacilityPhoto(models.Model):
    facility = models.ForeignKey(Facility, verbose_name=_("facility"), on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("image"), upload_to=UploadTo("facilities/photos"), validators=[validate_photo])
    alt_da = models.CharField(_("alternative text (Danish)"), max_length=200)
    alt_en = models.CharField(_("alternative text (English)"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.alt_da

    alt = Translated("alt")


class OpeningHours(models.Model):
    """One interval in which a facility is open on a weekday; a day may have several."""

    facility = models.ForeignKey(
        Facility, verbose_name=_("facility"), on_delete=models.CASCADE, related_name="opening_hours"
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        ordering = ["weekday", "opens"]
        constraints = [
            models.CheckConstraint(condition=models.Q(closes__gt=models.F("opens")), name="opening_hours_closes_after")
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class Closure(models.Model):
    """A period in which a facility cannot be booked: holidays, maintenance, the municipality's own events."""

    facility = models.ForeignKey(
        Facility, verbose_name=_("facility"), on_delete=models.CASCADE, related_name="closures"
    )
    start = models.DateTimeField(_("from"))
    end = models.DateTimeField(_("until"))
    reason = models.CharField(_("reason"), max_length=200, help_text=_("Shown to citizens and sent to hit bookers."))
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("closure")
        verbose_name_plural = _("closures")
        ordering = ["start"]
        constraints = [models.CheckConstraint(condition=models.Q(end__gt=models.F("start")), name="closure_end_after")]

    def __str__(self) -> str:
        return f"{self.facility}: {self.reason}"


class BookingSeries(models.Model):
    """A weekly booking: the same weekday and time between two dates. Its dates are ordinary bookings."""

    facility = models.ForeignKey(
        Facility, verbose_name=_("facility"), on_delete=models.CASCADE, related_name="booking_series"
    )
    association = models.ForeignKey(
        Association,
        verbose_name=_("association"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="booking_series",
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("booked by"), on_delete=models.CASCADE, related_name="+"
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    start_time = models.TimeField(_("starts at"))
    end_time = models.TimeField(_("ends at"))
    first_date = models.DateField(_("first date"))
    last_date = models.DateField(_("last date"))
    purpose = models.CharField(_("purpose"), max_length=200)
    attendees = models.PositiveIntegerField(_("expected number of people"))
    failures = models.JSONField(
        _("dates not booked"), default=list, blank=True, help_text=_("Each date that could not be booked, and why.")
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        # English has one word for one series and several; Danish has two.
        verbose_name = pgettext_lazy("one", "booking series")
        verbose_name_plural = _("booking series")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.facility}: {self.get_weekday_display()} {self.start_time:%H:%M}–{self.end_time:%H:%M}"


class Booking(models.Model):
    class Status(models.TextChoices):
        REQUESTED = "requested", _("Awaiting approval")
        CONFIRMED = "confirmed", _("Confirmed")
        REJECTED = "rejected", _("Rejected")
        CANCELLED = "cancelled", _("Cancelled")

    ACTIVE = (Status.REQUESTED, Status.CONFIRMED)

    facility = models.ForeignKey(
        Facility, verbose_name=_("facility"), on_delete=models.PROTECT, related_name="bookings"
    )
    association = models.ForeignKey(
        Association,
        verbose_name=_("association"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bookings",
        help_text=_("Empty when a citizen booked privately."),
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("booked by"), on_delete=models.PROTECT, related_name="bookings"
    )
    series = models.ForeignKey(
        BookingSeries,
        verbose_name=_("series"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="bookings",
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    # The time the facility is taken including the buffers before and after, copied from the facility's rules when
    # the booking is made (later changes to the rules do not move existing bookings). The exclusion constraint
    # compares these.
    span_start = models.DateTimeField(_("taken from"), editable=False)
    span_end = models.DateTimeField(_("taken until"), editable=False)
    purpose = models.CharField(_("purpose"), max_length=200)
    attendees = models.PositiveIntegerField(_("expected number of people"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED)
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_public = models.BooleanField(
        _("show who booked"), default=False, help_text=_("Show the association and purpose in the public calendar.")
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["start"]
        indexes = [
            models.Index(fields=["facility", "span_start", "span_end"], name="booking_facility_span"),
            models.Index(fields=["status", "created_at"], name="booking_queue"),
            # The admin's list of bookings, in date order and filtered by status; a trigram index on the purpose
            # for the admin's search exists on Postgres only (migration 0004).
            models.Index(fields=["start"], name="booking_start"),
            models.Index(fields=["status", "start"], name="booking_status_start"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(end__gt=models.F("start")), name="booking_end_after_start"),
            models.CheckConstraint(
                condition=models.Q(span_start__lte=models.F("start")) & models.Q(span_end__gte=models.F("end")),
                name="booking_span_covers_booking",
            ),
            PortableExclusionConstraint(
                name="booking_no_overlap",
                expressions=[
                    ("facility", RangeOperators.EQUAL),
                    (TsTzRange("span_start", "span_end", RangeBoundary()), RangeOperators.OVERLAPS),
                ],
                condition=models.Q(status__in=["requested", "confirmed"]),
                violation_error_message=_("This time is already booked."),
            ),
        ]

    def __str__(self) -> str:
        local = timezone.localtime(self.start, LOCAL_TZ)
        return f"{self.facility} {date_format(local, 'SHORT_DATETIME_FORMAT')}"

    def get_absolute_url(self) -> str:
        return reverse("facilities:booking-detail", kwargs={"pk": self.pk})

    def set_span(self, *, buffer_before: int, buffer_after: int) -> None:
        self.span_start = self.start - dt.timedelta(minutes=buffer_before)
        self.span_end = self.end + dt.timedelta(minutes=buffer_after)

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE

    @property
    def booker_name(self) -> str:
        return self.association.name if self.association_id else self.booked_by.get_full_name()

    @property
    def cancellation_deadline(self) -> dt.datetime:
        return self.start - dt.timedelta(hours=self.facility.cancellation_deadline)


class BookingRequest(Booking):
    """The approval queue in the admin: bookings awaiting a decision by staff, oldest first."""

    class Meta:
        proxy = True
        verbose_name = _("booking awaiting approval")
        verbose_name_plural = _("approval queue")


def _feed_token() -> str:
    return secrets.token_urlsafe(32)


class BookingFeed(models.Model):
    """The secret address of an association's booking calendar; a new token revokes the old address."""

    association = models.OneToOneField(
        Association, verbose_name=_("association"), on_delete=models.CASCADE, related_name="booking_feed"
    )
    token = models.CharField(_("token"), max_length=64, unique=True, default=_feed_token, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("booking calendar feed")
        verbose_name_plural = _("booking calendar feeds")

    def __str__(self) -> str:
        return str(self.association)

    def get_absolute_url(self) -> str:
        return reverse("facilities:booking-feed", kwargs={"token": self.token})


def local_datetime(day: dt.date, time: dt.time) -> dt.datetime:
    """The moment (in UTC) a Copenhagen wall-clock time happens on `day` (the first one, if the clock runs it twice).

    The result is in UTC on purpose: Python subtracts two datetimes that share a tzinfo as wall-clock times, which
    would make a booking across a daylight-saving change an hour too long or too short.
    """
    return dt.datetime.combine(day, time, tzinfo=LOCAL_TZ).astimezone(dt.UTC)


def local_time_exists(day: dt.date, time: dt.time) -> bool:
    """False for the wall-clock times skipped when the clocks go forward (02:00–02:59 on the last Sunday of March)."""
    moment = local_datetime(day, time).astimezone(LOCAL_TZ)
    return (moment.date(), moment.time().replace(tzinfo=None)) == (day, time)
