import datetime as dt

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.formats import date_format, get_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from associations import selectors, services
from associations.models import Activity, Association, Membership, TargetGroup, Town, VolunteerRole
from associations.validators import logo_prepare, validate_logo
from portal.forms import KeptFieldGroups
from portal.validation import (
    DATE_MESSAGE,
    EARLIEST_DATE,
    LATEST_DATE,
    SHORT_TEXT_MAX,
    CalendarDateField,
    validate_phone,
)

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y"]


ALL = _("All")


# The names of the days as written inside a sentence, where Danish writes them in lower case ("en tirsdag").
WEEKDAYS_IN_A_SENTENCE = (
    pgettext_lazy("in a sentence", "Monday"),
    pgettext_lazy("in a sentence", "Tuesday"),
    pgettext_lazy("in a sentence", "Wednesday"),
    pgettext_lazy("in a sentence", "Thursday"),
    pgettext_lazy("in a sentence", "Friday"),
    pgettext_lazy("in a sentence", "Saturday"),
    pgettext_lazy("in a sentence", "Sunday"),
)


def _choices_with_all(choices) -> list[tuple[str, str]]:
    return [("", ALL), *choices]


def _category_choices() -> list[tuple[str, str]]:
    return [(category.slug, category.name) for category in selectors.categories_all()]


class AssociationForm(forms.ModelForm):
    towns = forms.MultipleChoiceField(
        label=_("Towns served"), choices=Town.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    target_groups = forms.MultipleChoiceField(
        label=_("Target groups"), choices=TargetGroup.choices, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = Association
        fields = [
            "name",
            "kind",
            "categories",
            "description",
            "meeting_place",
            "min_age",
            "max_age",
            "contact_email",
            "contact_phone",
            "website",
            "logo",
            "cvr",
            "founded_year",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "categories": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 6}),
            "logo": forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp,image/gif"}),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "contact_phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        }
        help_texts = {
            "cvr": _("Optional. 8 digits, for example 12345674."),
            "logo": _("PNG, JPEG, WebP or GIF, at most 2 MB."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault("towns", [t.town for t in self.instance.towns.all()])
            self.initial.setdefault("target_groups", [g.group for g in self.instance.target_groups.all()])
        self.fields["description"].required = True
        self.fields["logo"].validators = [validate_logo]

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        # Only a newly chosen file is encoded again; the stored logo, or False for "clear", passes as it is.
        if isinstance(logo, UploadedFile):
            return logo_prepare(logo)
        return logo

    def clean(self):
        data = super().clean()
        if data.get("min_age") is not None and data.get("max_age") is not None and data["min_age"] > data["max_age"]:
            self.add_error("max_age", _("The oldest age must be at least the youngest age."))
        return data

    def profile_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields if name != "categories"}


class ExceptionsField(forms.CharField):
    """Cancelled dates of a weekly activity, one per line."""

    widget = forms.Textarea(attrs={"rows": 3})

    def to_python(self, value) -> list[dt.date]:
        dates = []
        for line in (value or "").replace(",", "\n").splitlines():
            line = line.strip()
            if not line:
                continue
            for pattern in DATE_FORMATS:
                try:
                    dates.append(dt.datetime.strptime(line, pattern).date())
                    break
                except ValueError:
                    continue
            else:
                raise forms.ValidationError(
                    _("“%(value)s” is not a date. Write one date per line, for example 24-12-2026."),
                    params={"value": line},
                    code="invalid_date",
                )
        return sorted(set(dates))

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(
                dt.date.fromisoformat(item).strftime("%d-%m-%Y") if isinstance(item, str) else item.strftime("%d-%m-%Y")
                for item in value
            )
        return value


class CancelledDatesField(forms.CharField):
    """Cancelled dates as staff type them in the admin: one per line or separated by commas, in ISO form
    (2026-12-24) or as the active language writes dates (24.12.2026 in Danish). The value is the list of ISO dates
    the model stores, so the model's own validation sees exactly what will be saved."""

    widget = forms.Textarea(attrs={"rows": 4, "cols": 20})

    @staticmethod
    def _input_formats() -> list[str]:
        return ["%Y-%m-%d", *get_format("DATE_INPUT_FORMATS")]

    def to_python(self, value) -> list[str]:
        if isinstance(value, list):
            return value
        dates = set()
        for text in (value or "").replace(",", "\n").splitlines():
            text = text.strip()
            if text:
                dates.add(self._parse(text))
        return [day.isoformat() for day in sorted(dates)]

    def _parse(self, text: str) -> dt.date:
        for pattern in self._input_formats():
            try:
                day = dt.datetime.strptime(text, pattern).date()
            except ValueError:
                continue
            if not EARLIEST_DATE <= day <= LATEST_DATE:
                raise forms.ValidationError(DATE_MESSAGE, code="out_of_range")
            return day
        raise forms.ValidationError(
            _("“%(value)s” is not a date. Write one date per line, for example %(example)s."),
            params={"value": text, "example": dt.date(2026, 12, 24).strftime(get_format("DATE_INPUT_FORMATS")[0])},
            code="invalid_date",
        )

    def prepare_value(self, value):
        # A stored list is shown as dates in the active language; text that did not parse is shown as it was typed.
        if isinstance(value, list):
            display = get_format("DATE_INPUT_FORMATS")[0]
            try:
                return "\n".join(dt.date.fromisoformat(item).strftime(display) for item in value)
            except (TypeError, ValueError):
                return "\n".join(str(item) for item in value)
        return value

    def has_changed(self, initial, data) -> bool:
        try:
            return self.to_python(initial or []) != self.to_python(data)
        except forms.ValidationError:
            return True


class ActivityForm(forms.ModelForm):
    exceptions = ExceptionsField(
        label=_("Cancelled dates"),
        required=False,
        help_text=_("For weekly activities: dates it does not take place, one per line, for example 24-12-2026."),
    )

    class Meta:
        model = Activity
        fields = list(services.ACTIVITY_FIELDS)  # exactly what the service accepts
        widgets = {
            "kind": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 5}),
            "starts_on": DATE_INPUT,
            "ends_on": DATE_INPUT,
            "start_time": TIME_INPUT,
            "end_time": TIME_INPUT,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("starts_on", "ends_on"):
            self.fields[name].input_formats = DATE_FORMATS
        self.fields["weekday"].help_text = _("For weekly activities.")

    def clean(self):
        data = super().clean()
        weekly = data.get("kind") == Activity.Kind.WEEKLY
        if weekly and data.get("weekday") is None:
            self.add_error("weekday", _("Choose the weekday of a weekly activity."))
        if data.get("start_time") and data.get("end_time") and data["end_time"] <= data["start_time"]:
            self.add_error("end_time", _("The activity must end after it starts."))
        if weekly and data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The last date must be on or after the first date."))
        self._check_dates(data, weekly=weekly)
        if data.get("min_age") is not None and data.get("max_age") is not None and data["min_age"] > data["max_age"]:
            self.add_error("max_age", _("The oldest age must be at least the youngest age."))
        return data

    def _check_dates(self, data: dict, *, weekly: bool) -> None:
        """A new date must not have passed, and a weekly activity must start on its own weekday. A date that is not
        changed is left alone, so an activity that has taken place can still be corrected."""
        today = timezone.localdate()
        starts_on, ends_on, weekday = data.get("starts_on"), data.get("ends_on"), data.get("weekday")
        if not weekly and starts_on and starts_on < today and "starts_on" in self.changed_data:
            self.add_error("starts_on", _("The date has passed. Choose today or a later date."))
        if weekly and ends_on and ends_on < today and "ends_on" in self.changed_data:
            self.add_error("ends_on", _("The last date has passed. Choose today or a later date, or leave it empty."))
        if weekly and starts_on and weekday is not None and starts_on.weekday() != weekday:
            self.add_error(
                "starts_on",
                _(
                    "The first date, %(date)s, is a %(day)s, but the activity takes place on %(weekday)s. Choose a "
                    "first date that is a %(weekday)s, or change the weekday."
                )
                % {
                    "date": date_format(starts_on),
                    "day": WEEKDAYS_IN_A_SENTENCE[starts_on.weekday()],
                    "weekday": WEEKDAYS_IN_A_SENTENCE[weekday],
                },
            )

    def _post_clean(self):
        # The service validates the model after clearing the fields a one-off activity does not use.
        pass

    def activity_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class VolunteerRoleForm(forms.ModelForm):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[(VolunteerRole.Status.OPEN, _("Open")), (VolunteerRole.Status.CLOSED, _("Closed"))],
        widget=forms.RadioSelect,
        initial=VolunteerRole.Status.OPEN,
    )

    class Meta:
        model = VolunteerRole
        fields = list(services.ROLE_FIELDS)  # exactly what the service accepts
        widgets = {"description": forms.Textarea(attrs={"rows": 5}), "requirements": forms.Textarea(attrs={"rows": 3})}

    def _post_clean(self):
        pass

    def role_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class InterestForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = forms.EmailField(label=_("Your email address"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    phone = forms.CharField(
        label=_("Phone"),
        max_length=30,
        required=False,
        validators=[validate_phone],
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    message = forms.CharField(
        label=_("Message"),
        required=False,
        max_length=SHORT_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Tell a little about yourself and when you could help."),
    )
    consent = forms.BooleanField(
        label=_("I agree that my name, email address, phone and message are shared with the poster of the role."),
        error_messages={"required": _("We can only pass on your interest if you agree to share your details.")},
    )


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Email address of the person you invite"))
    role = forms.ChoiceField(
        label=_("Role"), choices=Membership.Role.choices, widget=forms.RadioSelect, initial=Membership.Role.EDITOR
    )


class RoleChangeForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)


# Filters on the public lists. They are GET forms: invalid values are ignored rather than shown as errors.


class FilterForm(KeptFieldGroups, forms.Form):
    # A filter on a public list: every field may be left empty, so portal/forms/field.html marks none "(optional)".
    all_optional = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "category" in self.fields:
            self.fields["category"].choices = _choices_with_all(_category_choices())


class AssociationFilterForm(FilterForm):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    category = forms.ChoiceField(label=_("Category"), required=False)
    town = forms.ChoiceField(label=_("Town"), required=False, choices=_choices_with_all(Town.choices))
    # "Everyone" is a target group of its own, so the empty choice names what it leaves out.
    target_group = forms.ChoiceField(
        label=_("Target group"), required=False, choices=[("", _("All target groups")), *TargetGroup.choices]
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=_choices_with_all(Association.Kind.choices))
    age = forms.IntegerField(label=_("Age"), required=False, min_value=0, max_value=120)

    def filters(self) -> selectors.AssociationFilters:
        data = self.cleaned_data if self.is_valid() else {}
        return selectors.AssociationFilters(
            q=data.get("q", ""),
            category=data.get("category", ""),
            town=data.get("town", ""),
            target_group=data.get("target_group", ""),
            kind=data.get("kind", ""),
            age=data.get("age"),
        )


class ActivityFilterForm(FilterForm):
    start = CalendarDateField(label=_("From"), required=False, widget=DATE_INPUT, input_formats=DATE_FORMATS)
    end = CalendarDateField(label=_("To"), required=False, widget=DATE_INPUT, input_formats=DATE_FORMATS)
    town = forms.ChoiceField(label=_("Town"), required=False, choices=_choices_with_all(Town.choices))
    category = forms.ChoiceField(label=_("Category"), required=False)
    age = forms.IntegerField(label=_("Age"), required=False, min_value=0, max_value=120)
    free = forms.BooleanField(label=_("Free"), required=False)
    new_members_welcome = forms.BooleanField(label=_("New members welcome"), required=False)
    good_for_newcomers = forms.BooleanField(label=_("Good for newcomers to Denmark"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The last date must be on or after the first date."))
        return data

    def filters(self) -> selectors.ActivityFilters:
        # A field that did not validate is left out of cleaned_data, so one bad value drops only that filter (an end
        # before the start drops the end) and the page says why next to the field.
        self.is_valid()
        data = self.cleaned_data
        return selectors.ActivityFilters(
            start=data.get("start"),
            end=data.get("end"),
            town=data.get("town", ""),
            category=data.get("category", ""),
            age=data.get("age"),
            free=bool(data.get("free")),
            new_members_welcome=bool(data.get("new_members_welcome")),
            good_for_newcomers=bool(data.get("good_for_newcomers")),
        )


class RoleFilterForm(FilterForm):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    town = forms.ChoiceField(label=_("Town"), required=False, choices=_choices_with_all(Town.choices))
    category = forms.ChoiceField(label=_("Category"), required=False)
    poster = forms.ChoiceField(
        label=_("Posted by"),
        required=False,
        choices=[("", _("All")), ("association", _("Associations")), ("municipality", _("The municipality"))],
    )
    no_child_certificate = forms.BooleanField(label=_("No child certificate needed"), required=False)

    def filters(self) -> selectors.RoleFilters:
        data = self.cleaned_data if self.is_valid() else {}
        return selectors.RoleFilters(
            q=data.get("q", ""),
            town=data.get("town", ""),
            category=data.get("category", ""),
            poster=data.get("poster", ""),
            no_child_certificate=bool(data.get("no_child_certificate")),
        )
