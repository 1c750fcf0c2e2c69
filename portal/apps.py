from allauth.account.apps import AccountConfig as AllauthAccountConfig
from allauth.mfa.apps import MFAConfig as AllauthMFAConfig
from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"

    def ready(self):
        from allauth.mfa.signals import authenticator_added
        from django.contrib.auth.signals import user_login_failed
        from PIL import Image

        from portal.metrics import LOGINS_FAILED
        from portal.page_cache import on_model_change
        from portal.staff_mfa import record_second_factor_on_activation
        from portal.uploads import MAX_PIXELS

        # Pillow's default lets a picture of 179 megapixels be decoded anywhere (admin previews, management commands);
        # the portal never takes more than MAX_PIXELS, so Pillow warns above that and refuses twice as many.
        Image.MAX_IMAGE_PIXELS = MAX_PIXELS

        # Any change to what the public pages show makes the cached pages stale (portal/page_cache.py).
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(on_model_change, dispatch_uid="page-cache")
        authenticator_added.connect(record_second_factor_on_activation, dispatch_uid="staff-mfa-on-activation")

        # Failed sign-ins are counted for the metrics; allauth signs in through Django's authenticate(), which sends it.
        user_login_failed.connect(lambda **kwargs: LOGINS_FAILED.inc(), dispatch_uid="metrics-login-failed", weak=False)


# allauth's apps as the admin names them. allauth's own labels read wrong in Danish: its "Accounts" is the same English
# word as a grant application's financial statement ("Regnskab"), and "MFA" and "Authenticators" are not Danish.


class AccountConfig(AllauthAccountConfig):
    verbose_name = _("User accounts")

    def ready(self):
        super().ready()
        from allauth.account.models import EmailAddress

        # allauth's Danish spells the plural "emailadresser", unlike every other page of the portal.
        EmailAddress._meta.verbose_name_plural = _("email addresses")


class MFAConfig(AllauthMFAConfig):
    verbose_name = _("Two-factor authentication")

    def ready(self):
        super().ready()
        from allauth.mfa.models import Authenticator

        # Only the names the admin shows: the migration state is read from the model's original Meta, which stays.
        # The same holds for the e-mail addresses above.
        Authenticator._meta.verbose_name = _("authenticator")
        Authenticator._meta.verbose_name_plural = _("authenticators")
