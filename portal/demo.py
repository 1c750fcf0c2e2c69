"""Demo accounts. Every app's demo module may rely on these three."""

from django.contrib.auth.models import Group

from portal.models import User

DEMO_PASSWORD = "demo-portal-2026"
# The demo admin's authenticator app secret (base32). Staff need a second factor for the admin, so demos and tests
# compute codes from this published secret; README.md shows how.
DEMO_TOTP_SECRET = "FRIVILLIGHELSINGORDEMOADMIN23456"

DEMO_ACCOUNTS = [
    {"email": "admin@example.org", "full_name": "Anne Admin", "is_staff": True, "is_superuser": True},
    {"email": "forening@example.org", "full_name": "Frederik Foreningsformand"},
    {"email": "borger@example.org", "full_name": "Birgitte Borger"},
]


def demo_user(email: str) -> User:
    return User.objects.get(email=email)


def seed(*, stdout) -> None:
    from allauth.account.models import EmailAddress

    for account in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(email=account["email"], defaults=account)
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        # allauth requires a verified address before it lets anyone sign in.
        EmailAddress.objects.update_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
    stdout.write(f"Demo accounts: {', '.join(a['email'] for a in DEMO_ACCOUNTS)} (password {DEMO_PASSWORD})")
    _seed_admin_authenticator(stdout=stdout)


def _seed_admin_authenticator(*, stdout) -> None:
    """Give the demo admin a TOTP authenticator with the published secret, and recovery codes."""
    from allauth.mfa.adapter import get_adapter
    from allauth.mfa.models import Authenticator
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.totp.internal.auth import TOTP

    admin = demo_user(DEMO_ACCOUNTS[0]["email"])
    if not Authenticator.objects.filter(user=admin, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(admin, DEMO_TOTP_SECRET)
    RecoveryCodes.activate(admin)
    url = get_adapter().build_totp_url(admin, DEMO_TOTP_SECRET)
    stdout.write(f"{admin.email} signs in to the admin with a TOTP code: secret {DEMO_TOTP_SECRET} ({url})")


STAFF_GROUP = "Kommunale medarbejdere"


def grant_staff_permissions(*, stdout) -> None:
    """Give the municipal staff group every permission on the portal's own apps (not on accounts or groups).

    Runs after every app has seeded, so it covers all their models."""
    from django.apps import apps
    from django.contrib.auth.models import Permission

    own_apps = [config.label for config in apps.get_app_configs() if not config.name.startswith(("django.", "allauth"))]
    group, _ = Group.objects.get_or_create(name=STAFF_GROUP)
    group.permissions.set(
        Permission.objects.filter(content_type__app_label__in=own_apps).exclude(codename__endswith="_user")
    )
    stdout.write(f"Staff group {STAFF_GROUP!r} may manage: {', '.join(sorted(own_apps))}")
