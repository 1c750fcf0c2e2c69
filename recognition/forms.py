from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from recognition.images import image_prepare
from recognition.models import Category, Nomination, Story, Thanks, Town


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
        help_text=_(
            "Leave a blank line between paragraphs. You can write **bold**, *italics* and [a link](https://…)."
        ),
        widget=forms.Textarea(attrs={"rows": 14}),
    )
    town = forms.ChoiceField(
        label=_("Town"), choices=[("", _("Not in one particular town"))] + Town.choices, required=False
    )
    category = forms.ChoiceField(
        label=_("Category"), choices=[("", _("Choose a category"))] + Category.choices, required=False
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

    def __init__(self, *args, submitting: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.submitting = submitting

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
            "town": story.town,
            "category": story.category,
            "consent_confirmed": story.consent_confirmed,
        }


class ModerationForm(forms.Form):
    """The comment or reason staff give when they send a story back or reject it."""

    comment = forms.CharField(label=_("Message to the author"), widget=forms.Textarea(attrs={"rows": 5}))


class NominationForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Who do you nominate?"),
        choices=Nomination.Kind.choices,
        initial=Nomination.Kind.PERSON,
        widget=forms.RadioSelect,
    )
    nominee_name = forms.CharField(label=_("Name of the person or association"), max_length=150)
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

    def clean_nominee_email(self):
        email = self.cleaned_data["nominee_email"]
        if self.nominator is not None and email.strip().lower() == self.nominator.email.lower():
            raise ValidationError(_("You cannot nominate yourself."), code="self_nomination")
        return email


class ThanksForm(forms.Form):
    recipient = forms.CharField(
        label=_("Who do you want to thank?"),
        max_length=150,
        help_text=_("A volunteer or an association."),
    )
    message = forms.CharField(
        label=_("Your thanks"),
        max_length=Thanks.MAX_LENGTH,
        help_text=_("At most 500 characters. We read it before it is shown."),
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": Thanks.MAX_LENGTH}),
    )
