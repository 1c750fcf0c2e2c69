from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from portal.models import User


class SignupForm(forms.Form):
    """Extra field on allauth's sign-up form: the name shown to associations and staff."""

    full_name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    def signup(self, request, user: User) -> None:
        user.full_name = self.cleaned_data["full_name"]
        user.save(update_fields=["full_name"])


class PreferencesForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150, required=False)
    preferred_language = forms.ChoiceField(
        label=_("Language of emails"), choices=settings.LANGUAGES, widget=forms.RadioSelect
    )
    notification_delivery = forms.ChoiceField(
        label=_("How would you like to receive notifications?"),
        choices=User.Delivery.choices,
        widget=forms.RadioSelect,
    )
