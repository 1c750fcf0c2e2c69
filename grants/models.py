"""Grant schemes (puljer), their rounds, reminders and online applications."""

import datetime as dt
import os
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from associations.models import Association
from portal.i18n import Translated
from portal.uploads import upload_path
from portal.validation import LONG_TEXT_MAX, SHORT_TEXT_MAX, long_text_validators, short_text_validators, validate_phone


def local_date(moment: dt.datetime) -> dt.date:
    """The calendar date of a moment as people in Helsingør see it."""
    return timezone.localtime(moment, timezone.get_default_timezone()).date()


class Lookup(models.Model):
    """A small list staff maintain (who may apply, purposes, target groups), used by filters and the guide."""

    slug = models.SlugField(_("slug"), unique=True)
    name_da = models.CharField(_("name (Danish)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    name = Translated("name")

    class Meta:
        abstract = True
        ordering = ["order", "name_da"]

    def __str__(self) -> str:
        return self.name


class ApplicantKind(Lookup):
    """Who may apply: a kind of association, a network, an individual.

    `association_kind` ties an entry to the kinds associations register with, so the portal can tell whether an
    association may apply to a scheme; `individuals` marks the entry that lets private persons apply.
    """

    association_kind = models.CharField(
        _("kind of association"),
        max_length=20,
        choices=Association.Kind.choices,
        blank=True,
        help_text=_("Associations registered with this kind fit this entry. Leave empty for private persons."),
    )
    individuals = models.BooleanField(
        _("private persons"), default=False, help_text=_("Tick when this entry lets private persons apply.")
    )

    class Meta(Lookup.Meta):
        verbose_name = _("applicant kind")
        verbose_name_plural = _("applicant kinds")


class Purpose(Lookup):
    class Meta(Lookup.Meta):
        verbose_name = _("purpose")
        verbose_name_plural = _("purposes")


class TargetGroup(Lookup):
    class Meta(Lookup.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")


class GrantScheme(models.Model):
    """A pool of money (pulje) with its rules, as the municipality publishes it."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

    class ApplicationMethod(models.TextChoices):
        ONLINE = "online", _("Online on this portal")
        EXTERNAL = "external", _("Through an external link")

    title_da = models.CharField(_("title (Danish)"), max_length=160)
    title_en = models.CharField(_("title (English)"), max_length=160, blank=True)
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)

    summary_da = models.TextField(
        _("plain-language summary (Danish)"),
        max_length=400,
        help_text=_("Two or three short sentences a first-time applicant understands."),
    )
    summary_en = models.TextField(_("plain-language summary (English)"), max_length=400, blank=True)
    description_da = models.TextField(_("full description (Danish)"), blank=True, help_text=_("Markdown."))
    description_en = models.TextField(_("full description (English)"), blank=True, help_text=_("Markdown."))
    purpose_da = models.TextField(_("purpose (Danish)"), blank=True)
    purpose_en = models.TextField(_("purpose (English)"), blank=True)
    priorities_da = models.TextField(_("target groups and priorities (Danish)"), blank=True)
    priorities_en = models.TextField(_("target groups and priorities (English)"), blank=True)
    not_funded_da = models.TextField(_("what the scheme does not fund (Danish)"), blank=True)
    not_funded_en = models.TextField(_("what the scheme does not fund (English)"), blank=True)

    applicant_kinds = models.ManyToManyField(
        ApplicantKind, verbose_name=_("who can apply"), related_name="schemes", blank=True
    )
    purposes = models.ManyToManyField(Purpose, verbose_name=_("purposes"), related_name="schemes", blank=True)
    target_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("target groups"), related_name="schemes", blank=True
    )

    amount_min = models.DecimalField(_("smallest amount (DKK)"), max_digits=12, decimal_places=2, null=True, blank=True)
    amount_max = models.DecimalField(
        _("largest amount (DKK)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Leave both amounts empty when the amount follows the rules described below."),
    )
    amount_note_da = models.TextField(_("about the amount (Danish)"), blank=True)
    amount_note_en = models.TextField(_("about the amount (English)"), blank=True)
    cofinancing_da = models.TextField(_("co-financing (Danish)"), blank=True)
    cofinancing_en = models.TextField(_("co-financing (English)"), blank=True)

    requires_cvr = models.BooleanField(_("requires a CVR number"), default=False)
    requires_nemkonto = models.BooleanField(_("requires a NemKonto"), default=False)
    requires_child_certificate = models.BooleanField(
        _("requires a declaration on child protection certificates (børneattest)"), default=False
    )
    min_members = models.PositiveIntegerField(_("minimum number of members"), null=True, blank=True)
    prerequisites_da = models.TextField(_("other prerequisites (Danish)"), blank=True)
    prerequisites_en = models.TextField(_("other prerequisites (English)"), blank=True)

    legal_basis = models.CharField(
        _("legal basis"), max_length=160, blank=True, help_text=_("For example Serviceloven § 18.")
    )
    committee_da = models.CharField(_("owning committee (Danish)"), max_length=160, blank=True)
    committee_en = models.CharField(_("owning committee (English)"), max_length=160, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=160, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True, validators=[validate_phone])

    application_method = models.CharField(
        _("how to apply"), max_length=16, choices=ApplicationMethod.choices, default=ApplicationMethod.ONLINE
    )
    external_url = models.URLField(_("external application link"), blank=True)
    how_to_apply_da = models.TextField(_("how to apply (Danish)"), blank=True)
    how_to_apply_en = models.TextField(_("how to apply (English)"), blank=True)
    after_applying_da = models.TextField(_("what happens after you apply (Danish)"), blank=True)
    after_applying_en = models.TextField(_("what happens after you apply (English)"), blank=True)
    reporting_required = models.BooleanField(_("a report is required after the grant"), default=False)
    reporting_da = models.TextField(_("reporting duty (Danish)"), blank=True)
    reporting_en = models.TextField(_("reporting duty (English)"), blank=True)

    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    title = Translated("title")
    summary = Translated("summary")
    description = Translated("description")
    purpose = Translated("purpose")
    priorities = Translated("priorities")
    not_funded = Translated("not_funded")
    amount_note = Translated("amount_note")
    cofinancing = Translated("cofinancing")
    prerequisites = Translated("prerequisites")
    committee = Translated("committee")
    how_to_apply = Translated("how_to_apply")
    after_applying = Translated("after_applying")
    reporting = Translated("reporting")

    class Meta:
        verbose_name = _("grant scheme")
        verbose_name_plural = _("grant schemes")
        ordering = ["title_da"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_min__isnull=True)
                | Q(amount_max__isnull=True)
                | Q(amount_min__lte=models.F("amount_max")),
                name="grantscheme_amount_range",
                violation_error_message=_("The smallest amount cannot be larger than the largest amount."),
            ),
            models.CheckConstraint(
                condition=~Q(application_method="external") | ~Q(external_url=""),
                name="grantscheme_external_has_url",
                violation_error_message=_("A scheme that takes applications elsewhere needs the external link."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("grants:scheme-detail", kwargs={"slug": self.slug})

    def days_left_at(self, moment: dt.datetime) -> int | None:
        """Calendar days to the nearest deadline of an open round; needs the `next_deadline` annotation."""
        deadline = getattr(self, "next_deadline", None)
        if deadline is None:
            return None
        return (local_date(deadline) - local_date(moment)).days

    @property
    def days_left(self) -> int | None:
        return self.days_left_at(timezone.now())

    @property
    def applies_online(self) -> bool:
        return self.application_method == self.ApplicationMethod.ONLINE

    def accepts_association_kind(self, kind: str) -> bool:
        """Whether an association of this kind may apply; a scheme that names no one is open to everyone.

        Reads `applicant_kinds.all()`, which the views prefetch.
        """
        kinds = list(self.applicant_kinds.all())
        return not kinds or any(entry.association_kind == kind for entry in kinds)

    @property
    def accepts_individuals(self) -> bool:
        kinds = list(self.applicant_kinds.all())
        return not kinds or any(entry.individuals for entry in kinds)

    @property
    def prerequisite_flags(self) -> list[str]:
        flags = []
        if self.requires_cvr:
            flags.append(_("The association has a CVR number."))
        if self.requires_nemkonto:
            flags.append(_("The association has a NemKonto linked to its CVR number."))
        if self.requires_child_certificate:
            flags.append(_("The association obtains child protection certificates (børneattester) when required."))
        if self.min_members:
            flags.append(_("The association has at least %(count)d members.") % {"count": self.min_members})
        return flags


class RoundQuerySet(models.QuerySet):
    def open_at(self, moment: dt.datetime) -> "RoundQuerySet":
        return self.filter(Q(deadline__isnull=True) | Q(deadline__gt=moment), opens_at__lte=moment)

    def open_now(self) -> "RoundQuerySet":
        return self.open_at(timezone.now())


class Round(models.Model):
    """One application round of a scheme. A round without a deadline takes applications continuously."""

    scheme = models.ForeignKey(GrantScheme, verbose_name=_("scheme"), on_delete=models.CASCADE, related_name="rounds")
    name_da = models.CharField(_("name (Danish)"), max_length=120, blank=True, help_text=_("For example Spring 2027."))
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    opens_at = models.DateTimeField(_("opens"))
    deadline = models.DateTimeField(
        _("deadline"),
        null=True,
        blank=True,
        help_text=_("Date and time (Danish time). Leave empty when applications are accepted continuously."),
    )
    decision_expected_on = models.DateField(_("decision expected on"), null=True, blank=True)
    decision_note_da = models.CharField(
        _("decision expected (Danish)"),
        max_length=200,
        blank=True,
        help_text=_("For example: at the committee meeting in June."),
    )
    decision_note_en = models.CharField(_("decision expected (English)"), max_length=200, blank=True)

    objects = RoundQuerySet.as_manager()

    name = Translated("name")
    decision_note = Translated("decision_note")

    class Meta:
        verbose_name = _("round")
        verbose_name_plural = _("rounds")
        ordering = ["opens_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline__isnull=True) | Q(deadline__gt=models.F("opens_at")),
                name="round_deadline_after_opening",
                violation_error_message=_("The deadline must be after the round opens."),
            ),
        ]

    def __str__(self) -> str:
        if self.name:
            return f"{self.scheme} – {self.name}"
        if self.deadline:
            return f"{self.scheme} – {date_format(local_date(self.deadline), 'SHORT_DATE_FORMAT')}"
        return f"{self.scheme} – {_('continuous')}"

    def clean(self) -> None:
        if self.deadline and self.decision_expected_on and self.decision_expected_on < local_date(self.deadline):
            raise ValidationError({"decision_expected_on": _("The decision cannot be expected before the deadline.")})

    @property
    def is_continuous(self) -> bool:
        return self.deadline is None

    def is_open_at(self, moment: dt.datetime) -> bool:
        return self.opens_at <= moment and (self.deadline is None or moment < self.deadline)

    @property
    def is_open(self) -> bool:
        return self.is_open_at(timezone.now())

    def days_left_at(self, moment: dt.datetime) -> int | None:
        """Whole calendar days from `moment` to the deadline, counted in Danish time; 0 means "closes today"."""
        if self.deadline is None:
            return None
        return (local_date(self.deadline) - local_date(moment)).days

    @property
    def days_left(self) -> int | None:
        return self.days_left_at(timezone.now())


class SchemeLink(models.Model):
    """A document or web page about a scheme (rules, budget template, guidance)."""

    scheme = models.ForeignKey(GrantScheme, on_delete=models.CASCADE, related_name="links")
    title_da = models.CharField(_("title (Danish)"), max_length=160)
    title_en = models.CharField(_("title (English)"), max_length=160, blank=True)
    url = models.URLField(_("address"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    title = Translated("title")

    class Meta:
        verbose_name = _("document or link")
        verbose_name_plural = _("documents and links")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.title


class Declaration(models.Model):
    """A statement an applicant must tick before submitting, for example about child protection certificates."""

    scheme = models.ForeignKey(GrantScheme, on_delete=models.CASCADE, related_name="declarations")
    text_da = models.CharField(_("text (Danish)"), max_length=400)
    text_en = models.CharField(_("text (English)"), max_length=400, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    text = Translated("text")

    class Meta:
        verbose_name = _("declaration")
        verbose_name_plural = _("declarations")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text


class ReminderSubscription(models.Model):
    """Someone who wants an email 14 and 2 days before each deadline of a scheme.

    People who are not signed in confirm their address first, so nobody can sign up someone else.
    """

    scheme = models.ForeignKey(GrantScheme, on_delete=models.CASCADE, related_name="reminder_subscriptions")
    email = models.EmailField(_("email address"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="da")
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("deadline reminder")
        verbose_name_plural = _("deadline reminders")
        constraints = [
            models.UniqueConstraint(fields=["scheme", "email"], name="reminder_once_per_scheme_and_email"),
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.scheme}"


class PrivateStorage(FileSystemStorage):
    """Files under settings.PRIVATE_MEDIA_ROOT, which no web server serves: only views that check who asks do.

    The location is read from settings on every use, so it never ends up in a migration and tests can move it.
    """

    @property
    def base_location(self) -> str:
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def url(self, name: str | None) -> str:
        raise ValueError("Private files have no public address; link to the view that serves them.")


def private_storage() -> FileSystemStorage:
    return PrivateStorage()


def attachment_path(instance: "Attachment", filename: str) -> str:
    # The stored name is random: the person's own file name is kept in the database only.
    return upload_path(f"grants/{instance.application_id}", filename)


class Application(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        UNDER_REVIEW = "under_review", _("Under review")
        GRANTED = "granted", _("Granted")
        PARTLY_GRANTED = "partly_granted", _("Partly granted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class ApplicantType(models.TextChoices):
        ASSOCIATION = "association", _("An association")
        NETWORK = "network", _("A network or informal group")
        INDIVIDUAL = "individual", _("A private person")

    DECIDED = (Status.GRANTED, Status.PARTLY_GRANTED, Status.DECLINED)
    AWARDED = (Status.GRANTED, Status.PARTLY_GRANTED)

    scheme = models.ForeignKey(
        GrantScheme, verbose_name=_("scheme"), on_delete=models.PROTECT, related_name="applications"
    )
    round = models.ForeignKey(Round, verbose_name=_("round"), on_delete=models.PROTECT, related_name="applications")
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant"),
        on_delete=models.PROTECT,
        related_name="grant_applications",
    )
    association = models.ForeignKey(
        Association,
        verbose_name=_("association"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="grant_applications",
        help_text=_("The association that applies. Its admins and editors can see and change the application."),
    )
    applicant_type = models.CharField(
        _("who is applying"), max_length=16, choices=ApplicantType.choices, default=ApplicantType.ASSOCIATION
    )
    organisation_name = models.CharField(
        _("name of the association or applicant"), max_length=200, help_text=_("As it is registered.")
    )
    cvr = models.CharField(
        _("CVR number"),
        max_length=8,
        blank=True,
        validators=[RegexValidator(r"^\d{8}$", _("A CVR number has exactly 8 digits."))],
    )
    contact_name = models.CharField(_("contact person"), max_length=160)
    contact_email = models.EmailField(_("contact email"))
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True, validators=[validate_phone])

    title = models.CharField(_("project title"), max_length=200)
    description = models.TextField(
        _("description of the project"), blank=True, max_length=LONG_TEXT_MAX, validators=long_text_validators()
    )
    target_group = models.TextField(
        _("target group"),
        blank=True,
        help_text=_("Who will take part or benefit?"),
        max_length=SHORT_TEXT_MAX,
        validators=short_text_validators(),
    )
    period_start = models.DateField(_("project starts"), null=True, blank=True)
    period_end = models.DateField(_("project ends"), null=True, blank=True)
    amount_requested = models.DecimalField(
        _("amount applied for (DKK)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("1"))],
    )
    cofinancing = models.DecimalField(
        _("co-financing (DKK)"),
        max_digits=12,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Money from the association itself or other funds."),
    )
    declarations_accepted = models.JSONField(
        _("declarations accepted"),
        default=list,
        blank=True,
        help_text=_("The texts of the declarations the applicant ticked, as they read at the time."),
    )

    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Gets the receipt and every later message about the application."),
    )
    review_started_at = models.DateTimeField(_("review started"), null=True, blank=True)

    amount_granted = models.DecimalField(
        _("amount granted (DKK)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    decided_on = models.DateField(_("decision date"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["round", "status"], name="application_round_status"),
            # The admin's list of applications, newest first and filtered by status; trigram indexes for the
            # admin's search exist on Postgres only (migration 0006).
            models.Index(fields=["-created_at", "-id"], name="application_newest"),
            models.Index(fields=["status", "-created_at"], name="application_status_newest"),
            # The open data lists awards newest decision first; a few thousand among tens of thousands of
            # applications, so the index holds only those and serves a page without sorting them all.
            models.Index(
                fields=["-decided_on", "-id"],
                name="application_awards",
                condition=Q(status__in=["granted", "partly_granted"], decided_on__isnull=False),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_start__isnull=True)
                | Q(period_end__isnull=True)
                | Q(period_end__gte=models.F("period_start")),
                name="application_period_order",
                violation_error_message=_("The project cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("grants:application-detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        if self.round_id and self.scheme_id and self.round.scheme_id != self.scheme_id:
            raise ValidationError({"round": _("The round belongs to another scheme.")})

    @property
    def budget_total(self) -> Decimal:
        # Views prefetch the lines, so this never runs a query per application.
        return sum((line.amount for line in self.budget_lines.all()), Decimal("0"))

    @property
    def is_editable(self) -> bool:
        """The applicant may change it until staff start the review, and only while the round is open."""
        if self.status == self.Status.DRAFT:
            return self.round.is_open
        return self.status == self.Status.SUBMITTED and self.round.is_open

    @property
    def is_withdrawable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.SUBMITTED, self.Status.UNDER_REVIEW)

    @property
    def is_decided(self) -> bool:
        return self.status in self.DECIDED

    @property
    def is_awarded(self) -> bool:
        return self.status in self.AWARDED

    @property
    def accepts_report(self) -> bool:
        return self.is_awarded and self.scheme.reporting_required


class BudgetLine(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="budget_lines")
    item = models.CharField(_("item"), max_length=200)
    amount = models.DecimalField(
        _("amount (DKK)"), max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return f"{self.item}: {self.amount}"


class Attachment(models.Model):
    """A file that belongs to an application; stored outside the public media folder and served by a view."""

    class Kind(models.TextChoices):
        APPLICATION = "application", _("Attachment to the application")
        REPORT = "report", _("Report")
        ACCOUNTS = "accounts", pgettext_lazy("financial statement", "Accounts")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.APPLICATION)
    file = models.FileField(_("file"), upload_to=attachment_path, storage=private_storage, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=120)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse("grants:attachment-download", kwargs={"pk": self.application_id, "attachment_pk": self.pk})
