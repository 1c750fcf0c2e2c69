from allauth.account.adapter import DefaultAccountAdapter
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme

from portal import services

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
