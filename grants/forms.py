from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from associations.models import Association
from grants import services
from grants.attachments import MAX_ATTACHMENT_SIZE, attachment_type
from grants.models import ApplicantKind, Application, Attachment, GrantScheme, Purpose, TargetGroup
from grants.selectors import (
    WHEN_ANY,
    WHEN_NOW,
    WHEN_SOON,
    association_kind_refusal,
    associations_for_applying,
)
from portal.forms import required_in_some_cases
from portal.models import User
from portal.validation import LONG_TEXT_MAX


class SchemeFilterForm(forms.Form):
    """The filters above the list of schemes; every field is optional and read from the query string."""

    hvem = forms.ModelChoiceField(
        label=_("I am…"),
        queryset=ApplicantKind.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("Anyone"),
    )
    formaal = forms.ModelChoiceField(
        label=_("Purpose"), queryset=Purpose.objects.all(), to_field_name="slug", required=False, empty_label=_("Any")
    )
    maalgruppe = forms.ModelChoiceField(
        label=_("Target group"),
        queryset=TargetGroup.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("Any"),
    )
    aaben = forms.BooleanField(label=_("Only schemes open now"), required=False)


class GuideForm(forms.Form):
    """The questions of the eligibility guide; radio buttons, so it works without JavaScript."""

    hvem = forms.ModelChoiceField(
        label=_("Who are you?"),
        queryset=ApplicantKind.objects.all(),
        to_field_name="slug",
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": _("Choose who you are.")},
    )
    formaal = forms.ModelChoiceField(
        label=_("What do you need money for?"),
        queryset=Purpose.objects.all(),
        to_field_name="slug",
        widget=forms.RadioSelect,
        required=False,
        empty_label=_("Something else, or I do not know yet"),
        initial="",
    )
    maalgruppe = forms.ModelChoiceField(
        label=_("Who is it for?"),
        queryset=TargetGroup.objects.all(),
        to_field_name="slug",
        widget=forms.RadioSelect,
        required=False,
        empty_label=_("Everyone, or no particular group"),
        initial="",
    )
    hvornaar = forms.ChoiceField(
        label=_("When do you need it?"),
        choices=[
            (WHEN_NOW, _("I want to apply now")),
            (WHEN_SOON, _("Within the next three months")),
            (WHEN_ANY, _("I have time")),
        ],
        widget=forms.RadioSelect,
        initial=WHEN_ANY,
        required=False,
    )


class ReminderForm(forms.Form):
    email = forms.EmailField(
        label=_("Your email address"),
        help_text=_("We send you a link to confirm it first."),
        error_messages={"required": _("Write your email address."), "invalid": _("Write a valid email address.")},
    )


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs={"class": "form-input", **(attrs or {})}, format="%Y-%m-%d")


class AssociationChoiceField(forms.ModelChoiceField):
    """The person's associations, each with its kind and whether that kind may apply to the scheme."""

    scheme: GrantScheme | None = None

    def label_from_instance(self, obj: Association) -> str:
        if self.scheme is not None and not self.scheme.accepts_association_kind(obj.kind):
            return _("%(name)s (%(kind)s) – this kind cannot apply to the scheme") % {
                "name": obj.name,
                "kind": obj.get_kind_display(),
            }
        return f"{obj.name} ({obj.get_kind_display()})"


class ApplicationForm(forms.ModelForm):
    """What the applicant writes. Budget lines come from a formset next to it; declarations are checkboxes.

    A new application asks who applies: one of the person's associations, or the person themself where the scheme
    lets private persons apply. An association's name and CVR number come from its profile.
    """

    association = AssociationChoiceField(
        label=_("Who is applying?"),
        queryset=Association.objects.none(),
        widget=forms.RadioSelect,
        required=False,
    )

    declarations = forms.TypedMultipleChoiceField(
        label=_("Declarations"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("You must tick every declaration before you can submit. You can save a draft without."),
    )

    class Meta:
        model = Application
        # What the service accepts, but the applicant type, which it derives from who applies.
        fields = [name for name in services.APPLICATION_FIELDS if name != "applicant_type"]
        widgets = {
            "period_start": DateInput,
            "period_end": DateInput,
            "description": forms.Textarea(attrs={"rows": 8}),
            "target_group": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, scheme: GrantScheme, user: User | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.scheme = scheme
        # Who applies comes first: it decides whether the name and CVR number below are needed at all.
        self.order_fields(["association"])
        if self.instance.pk:
            self._fields_for_existing()
        else:
            self._fields_for_new(user)
        declarations = list(scheme.declarations.all())
        if declarations:
            self.fields["declarations"].choices = [(d.pk, d.text) for d in declarations]
            if self.instance.pk and not self.is_bound:
                accepted = set(self.instance.declarations_accepted)
                self.initial["declarations"] = [d.pk for d in declarations if d.text_da in accepted]
        else:
            del self.fields["declarations"]
        if scheme.requires_cvr and "cvr" in self.fields:
            # Submitting checks for it; a draft may be saved without.
            required_in_some_cases(self.fields["cvr"])
            self.fields["cvr"].help_text = _("This scheme requires a CVR number.")

    def _fields_for_new(self, user: User | None) -> None:
        field = self.fields["association"]
        field.queryset = associations_for_applying(user=user) if user is not None else Association.objects.none()
        field.scheme = self.scheme
        who = ", ".join(str(kind) for kind in self.scheme.applicant_kinds.all())
        field.help_text = _("Who can apply: %(who)s.") % {"who": who} if who else ""
        if self.scheme.accepts_individuals:
            field.empty_label = _("Myself, as a private person")
        else:
            field.required = True
            field.empty_label = None
            if not self.is_bound:
                # With a single association to choose, choose it; the person can still see which one it is.
                only = list(field.queryset[:2])
                if len(only) == 1:
                    self.initial.setdefault("association", only[0].pk)
            field.error_messages["required"] = _(
                "Choose the association you apply for. Only approved associations where you are an administrator "
                "or editor can apply."
            )
        if not self.scheme.accepts_individuals:
            # Only associations apply, and their name comes from their profile.
            del self.fields["organisation_name"]
            self.fields["cvr"].help_text = _("Only needed when the association's profile has no CVR number.")
            return
        organisation = self.fields["organisation_name"]
        organisation.required = False
        organisation.label = _("Your name, when you apply as a private person")
        organisation.help_text = _(
            "Leave it empty to use the name on your profile. For an association we use the name on its profile."
        )
        self.fields["cvr"].help_text = _("Only needed when the association's profile has no CVR number.")

    def _fields_for_existing(self) -> None:
        del self.fields["association"]
        association = self.instance.association
        if association is not None:
            # The association's profile is the source of its name and, when it has one, its CVR number.
            del self.fields["organisation_name"]
            if association.cvr:
                del self.fields["cvr"]

    def clean_association(self) -> Association | None:
        association = self.cleaned_data.get("association")
        if association is not None:
            refusal = association_kind_refusal(scheme=self.scheme, association=association)
            if refusal:
                raise forms.ValidationError(refusal, code="kind")
        return association


class BudgetLineForm(forms.Form):
    item = forms.CharField(label=_("Item"), max_length=200, required=False)
    amount = forms.DecimalField(
        label=_("Amount (DKK)"), min_value=Decimal("0"), max_digits=12, decimal_places=2, required=False
    )

    def clean(self):
        data = super().clean()
        if data.get("item") and data.get("amount") is None:
            self.add_error("amount", _("Write the amount for this item."))
        if data.get("amount") is not None and not data.get("item"):
            self.add_error("item", _("Write what the amount is for."))
        return data


BudgetFormSet = forms.formset_factory(BudgetLineForm, extra=3, max_num=40, absolute_max=40)


def budget_lines_from(formset) -> list[tuple[str, Decimal]]:
    return [
        (form.cleaned_data["item"], form.cleaned_data["amount"])
        for form in formset.forms
        if form.cleaned_data.get("item") and form.cleaned_data.get("amount") is not None
    ]


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, JPEG, PNG or an office document, at most %(size)d MB.")
        % {"size": MAX_ATTACHMENT_SIZE // (1024 * 1024)},
        error_messages={"required": _("Choose a file.")},
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Attachment.Kind.choices, initial=Attachment.Kind.APPLICATION)

    def __init__(self, *args, application: Application, **kwargs):
        super().__init__(*args, **kwargs)
        # Before the review an applicant adds attachments to the application; after a grant, the report.
        if application.accepts_report:
            self.fields["kind"].choices = [
                (value, label) for value, label in Attachment.Kind.choices if value != Attachment.Kind.APPLICATION
            ]
            self.fields["kind"].initial = Attachment.Kind.REPORT
        else:
            self.fields["kind"].widget = forms.HiddenInput()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        attachment_type(upload)
        return upload


class DecisionForm(forms.Form):
    """Staff decide an application in the admin."""

    outcome = forms.ChoiceField(
        label=_("Decision"),
        choices=[(value, label) for value, label in Application.Status.choices if value in Application.DECIDED],
        widget=forms.RadioSelect,
    )
    amount_granted = forms.DecimalField(
        label=_("Amount granted (DKK)"), min_value=Decimal("0"), max_digits=12, decimal_places=2, required=False
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=LONG_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("The applicant reads this in the decision mail."),
    )
    decided_on = forms.DateField(label=_("Decision date"), required=False, widget=DateInput)
