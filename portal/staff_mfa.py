"""Staff reach the admin only after a second factor (TOTP) in the same session.

The admin decides on bookings, grants and people's accounts, so a guessed or leaked password must not be enough.
Everything is enforced here, in one middleware over every admin page; `STAFF_REQUIRE_MFA` switches it off.
"""

from urllib.parse import urlencode

from allauth.account.authentication import get_authentication_records
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

# Signing out must stay possible for someone who has not passed the second factor.
OPEN_ADMIN_VIEWS = {"logout"}


def passed_second_factor(request, user) -> bool:
    """Whether this session's sign-in included a TOTP or recovery code, as allauth records it."""
    return any(record.get("method") == "mfa" for record in get_authentication_records(request, user))


class StaffSecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if not settings.STAFF_REQUIRE_MFA or match is None or match.namespace != "admin":
            return None
        user = request.user
        if not (user.is_authenticated and user.is_staff) or match.url_name in OPEN_ADMIN_VIEWS:
            return None
        if not is_mfa_enabled(user, [Authenticator.Type.TOTP]):
            messages.warning(
                request,
                _(
                    "Staff must use two-factor authentication. Set up an authenticator app here, then open the "
                    "administration again."
                ),
            )
            return redirect("mfa_activate_totp")
        if not passed_second_factor(request, user):
            messages.info(request, _("Enter a code from your authenticator app to open the administration."))
            return redirect(f"{reverse('mfa_reauthenticate')}?{urlencode({'next': request.get_full_path()})}")
        return None


def record_second_factor_on_activation(sender, request, user, authenticator, **kwargs) -> None:
    """Count setting up TOTP as passing the second factor: the person has just entered a valid code from it.

    Without this, a staff member who sets up TOTP when the admin asks them to would be asked for a code at once.
    """
    if request is not None and authenticator.type == Authenticator.Type.TOTP:
        record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type)
        # allauth sends the signal once the transaction commits, which may be after the response saved the session.
        request.session.save()
