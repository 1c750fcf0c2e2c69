import os
import zipfile

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image

from advisory.models import AdviceRequest, Topic
from associations.models import Association

MAX_ATTACHMENT_SIZE = 5 * 1024 * 1024

# Office documents are zip files; PDF and images are recognised by their first bytes and, for images, by Pillow.
ATTACHMENT_SIGNATURES = {
    ".pdf": (b"%PDF-",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".odt": (b"PK\x03\x04",),
    ".ods": (b"PK\x03\x04",),
}
OFFICE_MEMBERS = {
    ".docx": "[Content_Types].xml",
    ".xlsx": "[Content_Types].xml",
    ".odt": "mimetype",
    ".ods": "mimetype",
}
IMAGE_FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG"}


def validate_attachment(upload: UploadedFile) -> None:
    """Accept only PDF, images and office documents whose content matches their name, up to 5 MB."""
    if upload.size > MAX_ATTACHMENT_SIZE:
        raise ValidationError(
            _("The file is %(size)s. Attachments may be at most %(limit)s."),
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_ATTACHMENT_SIZE)},
            code="too_large",
        )
    ext = os.path.splitext(upload.name or "")[1].lower()
    if ext in IMAGE_FORMATS:
        try:
            upload.seek(0)
            with Image.open(upload) as image:
                image_format = image.format
                image.verify()
        except Exception:
            raise ValidationError(_("The file is not a readable image."), code="bad_image") from None
        finally:
            upload.seek(0)
        if image_format != IMAGE_FORMATS[ext]:
            raise ValidationError(_("The file's content does not match its name."), code="mismatch")
        return
    if ext not in ATTACHMENT_SIGNATURES:
        raise ValidationError(
            _("Attach a PDF, a Word, Excel or OpenDocument file, or a JPEG or PNG image."), code="file_type"
        )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if not any(head.startswith(signature) for signature in ATTACHMENT_SIGNATURES[ext]):
        raise ValidationError(_("The file's content does not match its name."), code="mismatch")
    if ext in OFFICE_MEMBERS and not _zip_has_member(upload, OFFICE_MEMBERS[ext]):
        raise ValidationError(_("The file's content does not match its name."), code="mismatch")


def _zip_has_member(upload: UploadedFile, member: str) -> bool:
    """Office documents are zip files with a known first member; any other zip is refused."""
    try:
        with zipfile.ZipFile(upload) as archive:
            return member in archive.namelist()
    except zipfile.BadZipFile:
        return False
    finally:
        upload.seek(0)


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
        label=_("Your message"), widget=forms.Textarea(attrs={"rows": 6}), max_length=10000, strip=True
    )
    attachment = forms.FileField(
        label=_("Attachment"),
        required=False,
        validators=[validate_attachment],
        help_text=_("PDF, Word, Excel, OpenDocument, JPEG or PNG, at most 5 MB. Only you and the advisors see it."),
    )
