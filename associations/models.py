"""Associations and the people behind them: who they are, what they do, and who may act for them."""

import datetime as dt
import re
import secrets
from collections.abc import Iterable
from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F
from django.db.models.functions import Concat
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from associations.validators import validate_cvr, validate_logo
from portal.db import CodePoint
from portal.i18n import Translated
from portal.uploads import UploadTo
from portal.validation import (
    DATE_MESSAGE,
    EARLIEST_DATE,
    LATEST_DATE,
    LONG_TEXT_MAX,
    SHORT_TEXT_MAX,
    long_text_validators,
    short_text_validators,
    validate_phone,
)


class Town(models.TextChoices):
    HELSINGOR = "helsingor", "Helsingør"
    SNEKKERSTEN = "snekkersten", "Snekkersten"
    ESPERGAERDE = "espergaerde", "Espergærde"
    TIKOB = "tikob", "Tikøb"
    HORNBAEK = "hornbaek", "Hornbæk"
    HELLEBAEK = "hellebaek", "Hellebæk"
    AALSGAARDE = "aalsgaarde", "Ålsgårde"
    KVISTGAARD = "kvistgaard", "Kvistgård"
    WHOLE_MUNICIPALITY = "kommune", _("The whole municipality")


class TargetGroup(models.TextChoices):
    CHILDREN = "children", _("Children")
    YOUTH = "youth", _("Young people")
    ADULTS = "adults", _("Adults")
    SENIORS = "seniors", _("Seniors")
    FAMILIES = "families", _("Families")
    DISABILITIES = "disabilities", _("People with disabilities")
    NEWCOMERS = "newcomers", _("Newcomers to Denmark")
    EVERYONE = "everyone", _("Everyone")


def association_search_terms(
    *, categories: Iterable[tuple[str, str]], towns: Iterable[str], target_groups: Iterable[str]
) -> str:
    """The words an association is found by besides its own texts: the Danish and English names of its categories
    and target groups (`(name_da, name_en)` pairs and `TargetGroup` values) and the names of its towns (`Town`
    values). "The whole municipality" is left out: "kommune" would find every association serving everyone."""
    words = [name for pair in categories for name in pair]
    for language in ("da", "en"):
        with translation.override(language):
            words += [str(TargetGroup(group).label) for group in target_groups]
    words += [str(Town(town).label) for town in towns if town != Town.WHOLE_MUNICIPALITY]
    return " ".join(dict.fromkeys(word for word in words if word))


class PortableSearchVector(models.Func):
    """The stored search document: a Danish `tsvector` on Postgres, plain text on SQLite.

    SQLite has no full-text configuration for Danish, and the embedded set-up searches with a simple contains match,
    so the column there only needs to exist for the schema to be the same on both databases.
    """

    output_field = SearchVectorField()

    def __init__(self, *fields: str, weights: tuple[str, ...]):
        self.fields = fields
        self.weights = weights
        super().__init__(*fields)

    def deconstruct(self):
        path, args, kwargs = super().deconstruct()
        return path, self.fields, {"weights": self.weights}

    def _vector(self):
        vector = None
        for field, weight in zip(self.fields, self.weights, strict=True):
            part = SearchVector(field, weight=weight, config="danish")
            vector = part if vector is None else vector + part
        return vector

    def resolve_expression(self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False):
        clone = super().resolve_expression(query, allow_joins, reuse, summarize, for_save)
        clone.postgres_vector = self._vector().resolve_expression(query, allow_joins, reuse, summarize, for_save)
        text = Concat(*[part for field in self.fields for part in (field, models.Value(" "))][:-1])
        clone.sqlite_text = text.resolve_expression(query, allow_joins, reuse, summarize, for_save)
        return clone

    def as_sql(self, compiler, connection, **extra_context):
        return compiler.compile(self.postgres_vector)

    def as_sqlite(self, compiler, connection, **extra_context):
        return compiler.compile(self.sqlite_text)


class StoredGeneratedField(models.GeneratedField):
    """A stored generated column whose system check needs no database connection.

    Django's check asks Postgres for its server version (to learn about virtual columns), so `check --deploy` on a
    build machine without the production database fails. Stored generated columns work on every database the portal
    supports (Postgres 12+, SQLite 3.31+), so there is nothing to check.
    """

    def _check_supported(self, databases):
        return []


class Category(models.Model):
    """What an association is about (sport, culture, ...). Staff keep the list; citizens filter by it."""

    name_da = models.CharField(_("name (Danish)"), max_length=80)
    name_en = models.CharField(_("name (English)"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["position", "name_da"]

    def __str__(self) -> str:
        return self.name

    name = Translated("name")


class Association(models.Model):
    class Kind(models.TextChoices):
        FOLKEOPLYSENDE = "folkeoplysende", _("Folkeoplysende association")
        SOCIAL = "social", _("Social or humanitarian association")
        CULTURAL = "cultural", _("Cultural association")
        NETWORK = "network", _("Self-organised network")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        HIDDEN = "hidden", _("Hidden")

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.FOLKEOPLYSENDE)
    categories = models.ManyToManyField(Category, verbose_name=_("categories"), related_name="associations", blank=True)
    description = models.TextField(
        _("description"), blank=True, max_length=LONG_TEXT_MAX, validators=long_text_validators()
    )
    meeting_place = models.CharField(_("meeting place"), max_length=200, blank=True)
    min_age = models.PositiveSmallIntegerField(
        _("youngest age"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    max_age = models.PositiveSmallIntegerField(
        _("oldest age"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True, validators=[validate_phone])
    website = models.URLField(_("website"), blank=True)
    logo = models.ImageField(
        _("logo"), upload_to=UploadTo("associations/logos"), blank=True, validators=[validate_logo]
    )
    cvr = models.CharField(_("CVR number"), max_length=8, blank=True, validators=[validate_cvr])
    founded_year = models.PositiveSmallIntegerField(
        _("founded (year)"), null=True, blank=True, validators=[MinValueValidator(1500), MaxValueValidator(2100)]
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    moderation_reason = models.TextField(
        _("reason"), blank=True, help_text=_("Why the association was rejected or hidden; sent to its admins.")
    )
    possible_duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("possibly the same as"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "An association that already had the same name or CVR number when this one was registered. Check that "
            "they are not the same before approving; clear the field when they are not."
        ),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    # Kept in step by `services.association_search_terms_refresh()`: a generated column cannot read other tables.
    search_terms = models.TextField(
        _("search terms"),
        blank=True,
        editable=False,
        help_text=_("The names of the association's categories, target groups and towns, for the search."),
    )
    search_vector = StoredGeneratedField(
        expression=PortableSearchVector(
            "name", "search_terms", "description", "meeting_place", weights=("A", "B", "B", "C")
        ),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    class Meta:
        verbose_name = _("association")
        verbose_name_plural = _("associations")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["status", "name"], name="association_public"),
            # Only approved associations are ever searched. Partial indexes let the planner combine the two in a
            # BitmapOr; over every row it judges a full scan cheaper (it does not know that comparing trigrams
            # row by row is slow) and runs one on each search.
            GinIndex(fields=["search_vector"], name="association_public_search", condition=models.Q(status="approved")),
            # The activity calendar leaves out the activities of the few associations that are not public (see
            # activities_public()): this lists them without reading the table.
            models.Index(fields=["id"], condition=~models.Q(status="approved"), name="association_not_public"),
            GinIndex(
                fields=["name"],
                opclasses=["gin_trgm_ops"],
                name="association_public_name_trgm",
                condition=models.Q(status="approved"),
            ),
            GinIndex(
                fields=["search_terms"],
                opclasses=["gin_trgm_ops"],
                name="association_public_terms_trgm",
                condition=models.Q(status="approved"),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("associations:association-detail", kwargs={"slug": self.slug})

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.APPROVED


class AssociationTown(models.Model):
    """One town an association serves; a row per town keeps the filter the same on Postgres and SQLite."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="towns")
    town = models.CharField(_("town"), max_length=20, choices=Town.choices)

    class Meta:
        verbose_name = _("town served")
        verbose_name_plural = _("towns served")
        ordering = ["town"]
        constraints = [models.UniqueConstraint(fields=["association", "town"], name="association_town_once")]

    def __str__(self) -> str:
        return self.get_town_display()


class AssociationTargetGroup(models.Model):
    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="target_groups")
    group = models.CharField(_("target group"), max_length=20, choices=TargetGroup.choices)

    class Meta:
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")
        ordering = ["group"]
        constraints = [models.UniqueConstraint(fields=["association", "group"], name="association_target_group_once")]

    def __str__(self) -> str:
        return self.get_group_display()


class Membership(models.Model):
    """Who may act for an association. Admins manage members; editors keep the profile, activities and roles."""

    class Role(models.TextChoices):
        ADMIN = "admin", _("Administrator")
        EDITOR = "editor", _("Editor")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    association = models.ForeignKey(
        Association, verbose_name=_("association"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.EDITOR)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["association__name", "role", "user__email"]
        constraints = [models.UniqueConstraint(fields=["user", "association"], name="membership_once_per_user")]

    def __str__(self) -> str:
        return f"{self.user} · {self.association} ({self.get_role_display()})"


def _invitation_token() -> str:
    return secrets.token_urlsafe(24)


class Invitation(models.Model):
    """An admin's invitation of an email address to become a member; accepted by following the link signed in."""

    VALID_FOR = dt.timedelta(days=14)

    association = models.ForeignKey(
        Association, verbose_name=_("association"), on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("email address"))
    role = models.CharField(_("role"), max_length=10, choices=Membership.Role.choices, default=Membership.Role.EDITOR)
    token = models.CharField(_("token"), max_length=64, unique=True, default=_invitation_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("invited by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} → {self.association}"

    @property
    def is_usable(self) -> bool:
        return self.accepted_at is None and timezone.now() < self.created_at + self.VALID_FOR


# The columns the public activity filters test (selectors.ActivityFilters), with the association that must be public.
CALENDAR_FILTER_COLUMNS = [
    "association_id",
    "town",
    "min_age",
    "max_age",
    "price",
    "new_members_welcome",
    "good_for_newcomers",
]
# The order of a day's activities in the calendar: by time, then title by code point (as Python compares strings).
# An index read in this order holds the title twice, in this key and as a column: an index-only scan needs the column.
DAY_ORDER = [F("start_time"), CodePoint("title"), F("id")]


ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def validate_cancelled_dates(value) -> None:
    """Cancelled dates are stored as a list of distinct ISO dates (`2026-12-24`) within the years the calendar counts:
    the calendar, the home page and the feeds read them with `date.fromisoformat` for every visitor, so one date in
    another form would break them for everyone."""
    if not isinstance(value, list):
        raise ValidationError(_("The cancelled dates must be a list of dates."), code="invalid_dates")
    seen = set()
    for item in value:
        try:
            day = dt.date.fromisoformat(item) if isinstance(item, str) and ISO_DATE.fullmatch(item) else None
        except ValueError:
            day = None
        if day is None:
            raise ValidationError(
                _("“%(value)s” is not a date written as YYYY-MM-DD."), code="invalid_date", params={"value": item}
            )
        if not EARLIEST_DATE <= day <= LATEST_DATE:
            raise ValidationError(DATE_MESSAGE, code="out_of_range")
        if day in seen:
            raise ValidationError(
                _("%(date)s is cancelled twice."), code="duplicate_date", params={"date": date_format(day)}
            )
        seen.add(day)


class Activity(models.Model):
    """Something an association does that people can join: once, or every week between two dates."""

    class Kind(models.TextChoices):
        ONCE = "once", _("One-off")
        WEEKLY = "weekly", _("Every week")

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    association = models.ForeignKey(
        Association, verbose_name=_("association"), on_delete=models.CASCADE, related_name="activities"
    )
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(
        _("description"), blank=True, max_length=LONG_TEXT_MAX, validators=long_text_validators()
    )
    kind = models.CharField(_("how often"), max_length=10, choices=Kind.choices, default=Kind.ONCE)
    starts_on = models.DateField(_("date or first date"))
    ends_on = models.DateField(_("last date"), null=True, blank=True, help_text=_("For weekly activities; optional."))
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices, null=True, blank=True)
    start_time = models.TimeField(_("starts at"))
    end_time = models.TimeField(_("ends at"))
    exceptions = models.JSONField(
        _("cancelled dates"),
        default=list,
        blank=True,
        validators=[validate_cancelled_dates],
        help_text=_("Dates a weekly activity does not take place."),
    )
    place = models.CharField(_("place"), max_length=200, help_text=_("The address where people meet."))
    town = models.CharField(_("town"), max_length=20, choices=Town.choices, default=Town.HELSINGOR)
    min_age = models.PositiveSmallIntegerField(
        _("youngest age"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    max_age = models.PositiveSmallIntegerField(
        _("oldest age"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    price = models.DecimalField(
        _("price (DKK)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Leave empty if it is free."),
    )
    new_members_welcome = models.BooleanField(_("new members welcome"), default=True)
    good_for_newcomers = models.BooleanField(_("good for newcomers to Denmark"), default=False)
    signup_url = models.URLField(_("sign-up link"), blank=True, help_text=_("Leave empty if people just show up."))
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["starts_on", "start_time", "title"]
        indexes = [
            models.Index(fields=["starts_on", "ends_on"], name="activity_dates"),
            # The calendar counts one-off and weekly activities from these alone, without reading the table
            # (selectors.OccurrenceList): they hold every column the public filters and the count look at …
            models.Index(
                F("starts_on"),
                *DAY_ORDER,
                include=["title", "end_time", *CALENDAR_FILTER_COLUMNS],
                condition=models.Q(kind="once"),
                name="activity_once_calendar",
            ),
            models.Index(
                fields=["town"],
                include=[
                    "starts_on",
                    "ends_on",
                    "weekday",
                    "end_time",
                    *(column for column in CALENDAR_FILTER_COLUMNS if column != "town"),
                ],
                condition=models.Q(kind="weekly"),
                name="activity_weekly_calendar",
            ),
            # … reads a day's page of weekly activities in the order it shows them, stopping when the page is full
            # (one-off ones come from activity_once_calendar, which is in that order within a date) …
            models.Index(
                F("weekday"),
                *DAY_ORDER,
                include=["title", "starts_on", "ends_on", "end_time", *CALENDAR_FILTER_COLUMNS],
                condition=models.Q(kind="weekly"),
                name="activity_weekly_day",
            ),
            # … and the few with cancelled dates on their own, with what the filters test.
            models.Index(
                fields=["weekday"],
                include=["id", "starts_on", "ends_on", *CALENDAR_FILTER_COLUMNS],  # which of a calendar's have any
                condition=models.Q(kind="weekly") & ~models.Q(exceptions=[]),
                name="activity_cancellations",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="once") | models.Q(weekday__isnull=False), name="activity_weekly_has_weekday"
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=models.F("starts_on")),
                name="activity_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("associations:activity-detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        # Stored in date order, so the cancelled dates read the same wherever they are shown or compared.
        if isinstance(self.exceptions, list) and all(isinstance(item, str) for item in self.exceptions):
            self.exceptions = sorted(self.exceptions)

    @property
    def is_free(self) -> bool:
        return not self.price

    @property
    def cancelled_dates(self) -> set[dt.date]:
        return {dt.date.fromisoformat(value) for value in self.exceptions}

    def occurrences(self, start: dt.date, end: dt.date) -> list[dt.date]:
        """The dates in [start, end] on which the activity takes place."""
        return activity_dates(
            kind=self.kind,
            starts_on=self.starts_on,
            ends_on=self.ends_on,
            weekday=self.weekday,
            exceptions=self.exceptions,
            start=start,
            end=end,
        )

    def starts_at(self, day: dt.date) -> dt.datetime:
        return dt.datetime.combine(day, self.start_time, tzinfo=timezone.get_default_timezone())

    def ends_at(self, day: dt.date) -> dt.datetime:
        return dt.datetime.combine(day, self.end_time, tzinfo=timezone.get_default_timezone())


def activity_dates(
    *,
    kind: str,
    starts_on: dt.date,
    ends_on: dt.date | None,
    weekday: int | None,
    exceptions: list[str],
    start: dt.date,
    end: dt.date,
) -> list[dt.date]:
    """The dates in [start, end] on which an activity with these fields takes place (no model instance needed)."""
    if kind == Activity.Kind.ONCE:
        return [starts_on] if start <= starts_on <= end else []
    first = max(start, starts_on)
    last = min(end, ends_on) if ends_on else end
    first += dt.timedelta(days=(weekday - first.weekday()) % 7)
    cancelled = {dt.date.fromisoformat(value) for value in exceptions} if exceptions else set()
    dates = []
    while first <= last:
        if first not in cancelled:
            dates.append(first)
        first += dt.timedelta(days=7)
    return dates


class MunicipalUnit(models.Model):
    """A municipal workplace (nursing home, library, school) that posts volunteer roles; staff keep the list."""

    class Kind(models.TextChoices):
        NURSING_HOME = "nursing_home", _("Nursing home")
        LIBRARY = "library", _("Library")
        SCHOOL = "school", _("School")
        CULTURE = "culture", _("Culture house")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    address = models.CharField(_("address"), max_length=200, blank=True)
    town = models.CharField(_("town"), max_length=20, choices=Town.choices, default=Town.HELSINGOR)
    email = models.EmailField(_("email"), help_text=_("Interest in the unit's volunteer roles is sent here."))
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[validate_phone])

    class Meta:
        verbose_name = _("municipal unit")
        verbose_name_plural = _("municipal units")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class VolunteerRole(models.Model):
    """A volunteer job (frivilligjob) posted by an association or by a municipal unit."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")
        HIDDEN = "hidden", _("Hidden by staff")

    association = models.ForeignKey(
        Association,
        verbose_name=_("association"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="volunteer_roles",
    )
    municipal_unit = models.ForeignKey(
        MunicipalUnit,
        verbose_name=_("municipal unit"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="volunteer_roles",
    )
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("what you do"), max_length=LONG_TEXT_MAX, validators=long_text_validators())
    time_commitment = models.CharField(_("time commitment"), max_length=150, help_text=_("For example 2 hours a week."))
    when = models.CharField(_("when"), max_length=150, blank=True, help_text=_("For example weekday afternoons."))
    place = models.CharField(_("where"), max_length=200, blank=True)
    town = models.CharField(_("town"), max_length=20, choices=Town.choices, default=Town.HELSINGOR)
    child_certificate_required = models.BooleanField(
        _("child certificate required"), default=False, help_text=_("A børneattest is needed for this role.")
    )
    languages = models.CharField(_("languages"), max_length=150, blank=True)
    requirements = models.TextField(
        _("other requirements"), blank=True, max_length=SHORT_TEXT_MAX, validators=short_text_validators()
    )
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_email = models.EmailField(
        _("contact email"), blank=True, help_text=_("Interest is also sent here when given.")
    )
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True, validators=[validate_phone])
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    moderation_reason = models.TextField(_("reason for hiding"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("volunteer role")
        verbose_name_plural = _("volunteer roles")
        ordering = ["-created_at", "-pk"]
        # The role lists and the home page show open roles newest first: read in that order, stop after a page.
        indexes = [models.Index(fields=["-created_at", "-id"], condition=models.Q(status="open"), name="role_open")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(association__isnull=False, municipal_unit__isnull=True)
                | models.Q(association__isnull=True, municipal_unit__isnull=False),
                name="volunteer_role_has_one_poster",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("associations:role-detail", kwargs={"pk": self.pk})

    @property
    def poster(self) -> Association | MunicipalUnit:
        return self.association or self.municipal_unit


class Interest(models.Model):
    """A citizen's "I want to help" for a volunteer role."""

    role = models.ForeignKey(
        VolunteerRole, verbose_name=_("volunteer role"), on_delete=models.CASCADE, related_name="interests"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), null=True, blank=True, on_delete=models.SET_NULL
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("email address"))
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[validate_phone])
    message = models.TextField(_("message"), blank=True, max_length=SHORT_TEXT_MAX, validators=short_text_validators())
    consent = models.BooleanField(_("consent to share"), default=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("interest")
        verbose_name_plural = _("interests")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} → {self.role}"
