from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save


class PortalConfig(AppConfig):
    name = "portal"

    def ready(self):
        from django.contrib.auth.signals import user_login_failed

        from portal.metrics import LOGINS_FAILED
        from portal.page_cache import on_model_change

        # Any change to what the public pages show makes the cached pages stale (portal/page_cache.py).
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(on_model_change, dispatch_uid="page-cache")

        # Failed sign-ins are counted for the metrics; allauth signs in through Django's authenticate(), which sends it.
        user_login_failed.connect(lambda **kwargs: LOGINS_FAILED.inc(), dispatch_uid="metrics-login-failed", weak=False)
