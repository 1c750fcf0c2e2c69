import time

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value

from portal.models import User

PASSWORD = "a-long-test-password-42"
# The secret of the authenticator app that tests give staff, so a test can compute the code a phone would show.
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name", locale="da_DK")
    preferred_language = "da"

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or PASSWORD)
        if create:
            self.save(update_fields=["password"])

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        # allauth only lets people with a verified address sign in; most tests want a person who can.
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class StaffFactory(UserFactory):
    is_staff = True


def totp_authenticator(user: User) -> Authenticator:
    """The person's TOTP authenticator, set up with TOTP_SECRET if they have none."""
    existing = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    return existing or TOTP.activate(user, TOTP_SECRET).instance


def totp_code(secret: str = TOTP_SECRET) -> str:
    """The code an authenticator app shows now for `secret`."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))
