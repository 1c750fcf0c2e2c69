from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from associations.models import Town
from portal.forms import required_in_some_cases
from portal.validation import LONG_TEXT_MAX, SHORT_TEXT_MAX
from recognition import selectors, services
from recognition.images import image_prepare
from recognition.models import Nomination, Story, Thanks

# Django's own wording, so the message matches the other fields' and is already translated.
REQUIRED = forms.Field.default_error_messages["required"]


def _association_label(association) -> str:
    # The person's own associations come first in the list and say so.
    if getattr(association, "is_own", False):
        return _("%(name)s (your association)") % {"name": association.name}
    return association.name


class AssociationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return _association_label(obj)


class AssociationsChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return _association_label(obj)


class CategoriesChoiceField(forms.ModelMultipleChoiceField):
    """The shared categories, chosen by slug so the form and the list's filter speak the same language."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("to_field_name", "slug")
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        return obj.name


class StoryForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=160)
    teaser = forms.CharField(
        label=_("Short introduction"),
        max_length=300,
        help_text=_("One or two sentences shown in lists and when the story is shared."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    body = forms.CharField(
        label=_("The story"),
        max_length=LONG_TEXT_MAX,
        help_text=_(
            "Leave a blank line between paragraphs. You can write **bold**, *italics* and [a link](https://…)."
        ),
        widget=forms.Textarea(attrs={"rows": 14}),
    )
    towns = forms.MultipleChoiceField(
        label=_("Towns"),
        choices=Town.choices,
        required=False,
        help_text=_("Where the story takes place. Choose as many as fit, or none."),
        widget=forms.CheckboxSelectMultiple,
    )
    categories = CategoriesChoiceField(
        label=_("Categories"),
        queryset=None,
        required=False,
        help_text=_("What the story is about. Choose as many as fit."),
        widget=forms.CheckboxSelectMultiple,
    )
    associations = AssociationsChoiceField(
        label=_("Associations the story is about"),
        queryset=None,
        required=False,
        help_text=_("The story is also shown on the associations' pages. Your own associations come first."),
        widget=forms.CheckboxSelectMultiple,
    )
    image = forms.FileField(
        label=_("Picture"),
        required=False,
        help_text=_("JPEG, PNG, WebP or GIF, at most 5 MB. We scale it down."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}),
    )
    alt_text = forms.CharField(
        label=_("Describe the picture"),
        max_length=250,
        required=False,
        help_text=_("For people who cannot see it, for example “Three scouts lighting a campfire at Hornbæk beach”."),
    )
    consent_confirmed = forms.BooleanField(
        label=_("The people who appear in the story and in the picture have agreed to it being published."),
        required=False,
    )

    def __init__(self, *args, submitting: bool = False, author=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.submitting = submitting
        # Only approved associations can be chosen, so a story never links to a profile nobody can see.
        self.fields["associations"].queryset = selectors.associations_to_name(user=author)
        self.fields["categories"].queryset = selectors.categories_to_choose()

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        if not upload:
            return None
        return image_prepare(upload)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("image") and not cleaned.get("alt_text", "").strip():
            self.add_error("alt_text", _("Describe the picture for people who cannot see it."))
        if self.submitting and not cleaned.get("consent_confirmed"):
            self.add_error(
                "consent_confirmed", _("Confirm that the people in the story have agreed to it being published.")
            )
        return cleaned

    @classmethod
    def initial_for(cls, story: Story) -> dict:
        return {
            "title": story.title,
            "teaser": story.teaser,
            "body": story.body,
            "towns": [row.town for row in story.towns.all()],
            "categories": [category.slug for category in story.categories.all()],
            "associations": [association.pk for association in story.associations.all()],
            "consent_confirmed": story.consent_confirmed,
        }


class ModerationForm(forms.Form):
    """The comment or reason staff give when they send a story back or reject it."""

    comment = forms.CharField(
        label=_("Message to the author"), max_length=SHORT_TEXT_MAX, widget=forms.Textarea(attrs={"rows": 5})
    )


class NominationForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Who do you nominate?"),
        choices=Nomination.Kind.choices,
        initial=Nomination.Kind.PERSON,
        widget=forms.RadioSelect,
    )
    association = AssociationChoiceField(
        label=_("The association, if it is on Frivillig Helsingør"),
        queryset=None,
        required=False,
        empty_label=_("Not on the list"),
        help_text=_(
            "Choose it here so its page is linked. Leave it empty for a person or an association not on the list."
        ),
    )
    nominee_name = required_in_some_cases(
        forms.CharField(
            label=_("Name of the person or association"),
            max_length=150,
            required=False,
            help_text=_("Not needed when you chose an association from the list."),
        )
    )
    nominee_email = forms.EmailField(
        label=_("Their email address"),
        help_text=_(
            "We ask them whether they accept the nomination and being named in public. The address is never shown."
        ),
    )
    reason = forms.CharField(
        label=_("Why do they deserve the award?"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    def __init__(self, *args, nominator=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.nominator = nominator
        # Everyone's own associations are marked but not put first here: nominating them counts as self-nomination.
        self.fields["association"].queryset = selectors.associations_to_name(user=nominator, own_first=False)

    def clean_nominee_email(self):
        email = self.cleaned_data["nominee_email"]
        if self.nominator is not None and email.strip().lower() == self.nominator.email.lower():
            raise ValidationError(_("You cannot nominate yourself."), code="self_nomination")
        return email

    def clean_association(self):
        association = self.cleaned_data.get("association")
        if (
            association is not None
            and self.nominator is not None
            and services.nomination_association_is_own(association=association, nominated_by=self.nominator)
        ):
            raise ValidationError(
                _("You are a member of %(association)s, so nominating it counts as nominating yourself."),
                code="self_nomination",
                params={"association": association.name},
            )
        return association

    def clean(self):
        cleaned = super().clean()
        association = cleaned.get("association")
        if association is not None and cleaned.get("kind") == Nomination.Kind.PERSON:
            self.add_error(
                "association", _("You chose to nominate a person. Choose “An association”, or leave this empty.")
            )
        if not cleaned.get("nominee_name", "").strip() and association is None and "association" not in self.errors:
            self.add_error("nominee_name", REQUIRED)
        return cleaned


class ThanksForm(forms.Form):
    recipient = required_in_some_cases(
        forms.CharField(
            label=_("Who do you want to thank?"),
            max_length=150,
            required=False,
            help_text=_("A volunteer or an association. Not needed when you choose an association from the list."),
        )
    )
    association = AssociationChoiceField(
        label=_("The association, if it is on Frivillig Helsingør"),
        queryset=None,
        required=False,
        empty_label=_("Not on the list"),
        help_text=_("Choose it here so your thanks links to the association's page."),
    )
    message = forms.CharField(
        label=_("Your thanks"),
        max_length=Thanks.MAX_LENGTH,
        help_text=_("At most 500 characters. We read it before it is shown."),
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": Thanks.MAX_LENGTH}),
    )

    def __init__(self, *args, author=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["association"].queryset = selectors.associations_to_name(user=author, own_first=False)

    def clean(self):
        cleaned = super().clean()
        named = cleaned.get("recipient", "").strip() or cleaned.get("association") is not None
        if not named and "association" not in self.errors:
            self.add_error("recipient", REQUIRED)
        return cleaned
