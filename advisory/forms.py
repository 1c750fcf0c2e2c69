from django import forms
from django.utils.translation import gettext_lazy as _

from advisory.attachments import validate_attachment
from advisory.models import AdviceRequest, Topic
from associations.models import Association
from portal.validation import LONG_TEXT_MAX


class TopicChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Topic) -> str:
        return obj.name


NOT_YOUR_ASSOCIATION = _("You can only ask on behalf of an association you are an administrator or editor of.")


class AdviceRequestForm(forms.ModelForm):
    topic = TopicChoiceField(label=_("Topic"), queryset=Topic.objects.none(), empty_label=_("Choose a topic"))
    association = forms.ModelChoiceField(
        label=_("On behalf of"),
        queryset=Association.objects.none(),
        required=False,
        empty_label=_("Only myself"),
        help_text=_(
            "If you ask for an association, its other administrators and editors can read the request and the "
            "answers on their page. Attachments stay between you and the advisor."
        ),
        error_messages={"invalid_choice": NOT_YOUR_ASSOCIATION},
    )

    class Meta:
        model = AdviceRequest
        fields = ["topic", "association", "subject", "question", "preferred_contact", "phone"]
        labels = {
            "subject": _("Subject"),
            "question": _("Your question"),
            "preferred_contact": _("How would you like us to contact you?"),
            "phone": _("Phone number"),
        }
        help_texts = {
            "subject": _("A few words, for example “Bank account for a new association”."),
            "question": _(
                "Describe your situation and what you would like help with. Do not write sensitive personal "
                "information about others."
            ),
            "phone": _("Needed if you would like a call or a meeting."),
        }
        widgets = {
            "question": forms.Textarea(attrs={"rows": 8}),
            "preferred_contact": forms.RadioSelect,
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        }

    def __init__(self, *args, topics, associations, **kwargs):
        """`associations` are the asker's own; a person who is in none is not asked about it at all."""
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = topics
        self.fields["association"].queryset = associations
        if not associations.exists():
            del self.fields["association"]

    def clean(self):
        cleaned = super().clean()
        contact = cleaned.get("preferred_contact")
        if contact in (AdviceRequest.Contact.PHONE, AdviceRequest.Contact.MEETING) and not cleaned.get("phone"):
            self.add_error("phone", _("Give a phone number so that the advisor can reach you."))
        return cleaned


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"), widget=forms.Textarea(attrs={"rows": 6}), max_length=LONG_TEXT_MAX, strip=True
    )
    attachment = forms.FileField(
        label=_("Attachment"),
        required=False,
        validators=[validate_attachment],
        help_text=_("PDF, Word, Excel, OpenDocument, JPEG or PNG, at most 5 MB. Only you and the advisors see it."),
    )
