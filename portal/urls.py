from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from portal import views
from portal.api import api

# The admin signs in through allauth, so staff get the same rate limits and two-factor authentication.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = _("Frivillig Helsingør: administration")
admin.site.site_title = _("Frivillig Helsingør")
admin.site.index_title = _("Municipal staff")

handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("metrics", views.metrics_view, name="metrics"),
    path("api/v1/", api.urls),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("om/", views.about, name="about"),
    path("tilgaengelighed/", views.accessibility, name="accessibility"),
    path("privatliv/", views.privacy, name="privacy"),
    path("", include("associations.urls")),
    path("", include("recognition.urls")),
    path("raadgivning/", include("advisory.urls")),
    path("dialog/", include("dialogue.urls")),
    path("lokaler/", include("facilities.urls")),
    path("min-side/", views.min_side, name="min-side"),
    path("min-side/indstillinger/", views.preferences, name="preferences"),
    path("min-side/notifikationer/laest/", views.notifications_mark_read, name="notifications-mark-read"),
    path("tilskud/", include("grants.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
