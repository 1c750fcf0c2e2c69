from allauth.account.adapter import DefaultAccountAdapter
from django.utils import translation

from portal import services


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        # Mails are written in the language the person signed up in until they choose another on Min side.
        user.preferred_language = translation.get_language() or "da"
        return super().save_user(request, user, form, commit=commit)

    def confirm_email(self, request, email_address):
        super().confirm_email(request, email_address)
        if email_address.primary or not email_address.user.emailaddress_set.exclude(pk=email_address.pk).exists():
            services.user_welcome(user=email_address.user)
