from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from portal.models import User
from portal.page_cache import remember_each


def required_in_some_cases(field: forms.Field) -> forms.Field:
    """Mark a field the form's `clean()` requires in some cases (when no other field answers it), so
    `portal/forms/field.html` does not label it "(optional)" although `required` is off."""
    field.required_in_some_cases = True
    return field


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


class KeptFieldGroups:
    """A mixin for the filter forms of public lists: each field's group (label, control, hint), as rendered for its
    value, is kept per language under the content version (`page_cache.remember_each`).

    Rendering the directory's filter form through Django's templates took 2–3 ms of the 10–12 of a page that was not
    in the page cache, and such a page is mostly a new combination of values each field has seen before (a town, a
    category, a search word). For forms whose fields depend on nothing but the class, the language and the portal's content (choices
    read from the database change the version); a form with errors is rendered as usual.
    """

    template_name = "portal/forms/kept_fields.html"

    def field_groups(self) -> list[str]:
        fields = self.visible_fields()
        if self.errors:
            return [field.as_field_group() for field in fields]
        return remember_each(
            f"forms:field-group:{type(self).__module__}.{type(self).__qualname__}:{get_language()}",
            fields,
            key=lambda field: f"{field.name}:{field.value()!r}",
            compute=lambda missing: [field.as_field_group() for field in missing],
        )
