from django.apps import AppConfig, apps
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

        _name_allauth_in_the_admin()


def _name_allauth_in_the_admin() -> None:
    """allauth's apps and models as the admin names them. allauth's own names read wrong in Danish: its "Accounts" is
    the same English word as a grant application's financial statement ("Regnskab"), "MFA" and "Authenticators" are
    not Danish, and its Danish spells "emailadresser" unlike every other page of the portal. Only the names the admin
    shows change: migrations read a model's original Meta, which stays as allauth wrote it."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    apps.get_app_config("account").verbose_name = _("User accounts")
    apps.get_app_config("mfa").verbose_name = _("Two-factor authentication")
    EmailAddress._meta.verbose_name_plural = _("email addresses")
    Authenticator._meta.verbose_name = _("authenticator")
    Authenticator._meta.verbose_name_plural = _("authenticators")
