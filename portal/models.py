from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin
from django.contrib.auth.models import BaseUserManager as DjangoBaseUserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class UserManager(DjangoBaseUserManager):
    def create_user(self, email: str, password: str | None = None, **fields) -> "User":
        if not email:
            raise ValueError("A user needs an email address.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields) -> "User":
        fields.setdefault("is_staff", True)
        fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person using the portal. The email address is the login; there is no username."""

    class Delivery(models.TextChoices):
        IMMEDIATE = "immediate", _("Send each notification by email right away")
        DIGEST = "digest", _("Collect notifications in one daily email")

    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    notification_delivery = models.CharField(
        _("notification delivery"), max_length=16, choices=Delivery.choices, default=Delivery.IMMEDIATE
    )
    is_staff = models.BooleanField(
        _("staff status"),
        default=False,
        help_text=_("Municipal staff who may sign in to the administration."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name()

    @staticmethod
    def name_shown(full_name: str, email: str) -> str:
        """How a person is named to others: by name, else by email (for a name read without the user)."""
        return full_name or email

    def get_full_name(self) -> str:
        return self.name_shown(self.full_name, self.email)

    @staticmethod
    def public_name_of(full_name: str) -> str:
        """How a person is named in public (pages anyone may read, feeds, JSON-LD, the API): by the name they gave,
        else as "a citizen". Never by email address, which public pages, the page cache and the API would spread."""
        return full_name or gettext("A citizen")

    @property
    def public_name(self) -> str:
        return self.public_name_of(self.full_name)

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class Notification(models.Model):
    """One message to one recipient, written in the same transaction as the change it tells about (an outbox).

    `key` names the event (for example "booking-confirmed:42"); together with the recipient's address it is unique,
    so the same event can never notify the same person twice however often the code that raises it runs.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    email = models.EmailField(_("email address"))
    kind = models.CharField(_("kind"), max_length=80)
    key = models.CharField(_("event key"), max_length=200)
    context = models.JSONField(_("context"), default=dict, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    digest = models.BooleanField(
        _("in daily digest"),
        default=False,
        help_text=_("Sent with the recipient's daily digest, not on its own."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("delivery attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["key", "email"], name="notification_once_per_event_and_recipient"),
        ]
        indexes = [
            models.Index(fields=["user", "-created_at"], name="notification_inbox"),
            models.Index(fields=["created_at"], name="notification_unsent", condition=models.Q(sent_at__isnull=True)),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.email}"
