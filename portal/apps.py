from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save


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
