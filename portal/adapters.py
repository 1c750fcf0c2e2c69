from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from django.contrib.sites.shortcuts import get_current_site
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme

from portal import services
from portal.models import User

# A page that sent a person off to verify an address stores its path here, so the verification link brings them back.
RETURN_AFTER_VERIFICATION = "return_after_verification"


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        # Mails are written in the language the person signed up in until they choose another on Min side.
        user.preferred_language = translation.get_language() or "da"
        return super().save_user(request, user, form, commit=commit)

    def confirm_email(self, request, email_address):
        super().confirm_email(request, email_address)
        if email_address.primary or not email_address.user.emailaddress_set.exclude(pk=email_address.pk).exists():
            services.user_welcome(user=email_address.user)

    def get_email_verification_redirect_url(self, email_address):
        path = self.request.session.pop(RETURN_AFTER_VERIFICATION, None)
        if path and self.request.user.is_authenticated and url_has_allowed_host_and_scheme(path, allowed_hosts=None):
            return path
        return super().get_email_verification_redirect_url(email_address)

    def send_mail(self, template_prefix, email, context):
        """Render an account mail with allauth's templates and hand it to the outbox instead of sending it here.

        Sending inside the request made a failing mail server fail the request (after the sign-up was saved) and
        lost the mail; the outbox delivers it after commit and retries until the server answers.
        """
        language = self._mail_language(email, context.get("user"))
        with translation.override(language):
            message = self.render_mail(
                template_prefix,
                email,
                {"request": self.request, "email": email, "current_site": get_current_site(self.request), **context},
            )
        services.account_mail_queue(email=email, subject=message.subject, body=message.body, language=language)

    @staticmethod
    def _mail_language(email, user) -> str:
        # A person who has a profile reads mails in their chosen language; a stranger in the one they are using.
        if not isinstance(user, User):
            address = EmailAddress.objects.filter(email__iexact=email).select_related("user").first()
            user = address.user if address else User.objects.filter(email__iexact=email).first()
        if user is not None:
            return user.preferred_language
        return translation.get_language() or "da"
