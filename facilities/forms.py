import datetime as dt

from django import forms
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext_lazy as _

from associations.models import Association, Town
from facilities.models import MAX_CAPACITY, Facility, Weekday, local_datetime, local_time_exists
from facilities.selectors import FacilityFilters
from facilities.services import MAX_SERIES_DAYS
from portal.validation import SHORT_TEXT_MAX, validate_calendar_date

FEATURE_CHOICES = [
    ("step_free_access", _("Step-free access")),
    ("accessible_toilet", _("Accessible toilet")),
    ("hearing_loop", _("Hearing loop")),
    ("disabled_parking", _("Parking for disabled people")),
]


NONEXISTENT_TIME = _("This time does not exist on that day because the clocks change to summer time.")


class FacilityFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", _("All kinds")), *Facility.Kind.choices], required=False)
    town = forms.ChoiceField(label=_("Town"), choices=[("", _("All towns")), *Town.choices], required=False)
    capacity = forms.IntegerField(
        label=_("Room for at least (people)"), min_value=1, max_value=MAX_CAPACITY, required=False
    )
    features = forms.MultipleChoiceField(
        label=_("Accessibility"), choices=FEATURE_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )
    date = forms.DateField(
        validators=[validate_calendar_date],
        label=_("Free on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    time_from = forms.TimeField(label=_("from"), required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    time_to = forms.TimeField(label=_("until"), required=False, widget=forms.TimeInput(attrs={"type": "time"}))

    def clean(self):
        data = super().clean()
        date, start, end = data.get("date"), data.get("time_from"), data.get("time_to")
        if any((date, start, end)) and not all((date, start, end)):
            raise forms.ValidationError(_("To find free facilities, give a date and both times."))
        if start and end and end <= start:
            self.add_error("time_to", _("The end must be after the start."))
        return data

    def filters(self) -> FacilityFilters:
        if not self.is_valid():
            return FacilityFilters()
        data = self.cleaned_data
        return FacilityFilters(
            kind=data["kind"],
            town=data["town"],
            min_capacity=data["capacity"],
            features=tuple(data["features"]),
            free_date=data["date"],
            free_from=data["time_from"],
            free_to=data["time_to"],
        )


def _association_choices(associations: list[Association], citizens_may_book: bool) -> list[tuple[str, str]]:
    choices = [(association.slug, association.name) for association in associations]
    if citizens_may_book:
        choices.append(("", _("Myself, as a private person")))
    return choices


class _BookingBase(forms.Form):
    association = forms.ChoiceField(label=_("Booking for"))
    purpose = forms.CharField(label=_("Purpose"), max_length=200, help_text=_("For example “Badminton training”."))
    attendees = forms.IntegerField(label=_("Expected number of people"), min_value=1)
    is_public = forms.BooleanField(label=_("Show our name and the purpose in the public calendar"), required=False)

    def __init__(self, *args, facility: Facility, associations: list[Association], **kwargs):
        super().__init__(*args, **kwargs)
        self.facility = facility
        self._associations = {association.slug: association for association in associations}
        self.fields["association"].choices = _association_choices(associations, facility.citizens_may_book)
        # The empty choice means "myself", which is a real answer where citizens may book.
        self.fields["association"].required = not facility.citizens_may_book
        self.fields["attendees"].validators.append(MaxValueValidator(facility.capacity))
        self.fields["attendees"].widget.attrs["max"] = facility.capacity

    def clean_association(self) -> Association | None:
        slug = self.cleaned_data["association"]
        return self._associations.get(slug) if slug else None


class BookingForm(_BookingBase):
    date = forms.DateField(
        validators=[validate_calendar_date],
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    start_time = forms.TimeField(label=_("From"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    end_time = forms.TimeField(label=_("Until"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))

    field_order = ["association", "date", "start_time", "end_time", "purpose", "attendees", "is_public"]

    def clean(self):
        data = super().clean()
        day, start, end = data.get("date"), data.get("start_time"), data.get("end_time")
        if day and start and end:
            if not local_time_exists(day, start):
                self.add_error("start_time", NONEXISTENT_TIME)
            if not local_time_exists(day, end):
                self.add_error("end_time", NONEXISTENT_TIME)
            if end <= start:
                self.add_error("end_time", _("The end must be after the start."))
        return data

    @property
    def start(self) -> dt.datetime:
        return local_datetime(self.cleaned_data["date"], self.cleaned_data["start_time"])

    @property
    def end(self) -> dt.datetime:
        return local_datetime(self.cleaned_data["date"], self.cleaned_data["end_time"])


def booking_initial(query, facility: Facility) -> dict:
    """Prefill the booking form from a free slot in the week view, shortened to the facility's longest booking."""
    initial = {key: query[key] for key in ("date", "start_time", "end_time") if query.get(key)}
    try:
        start = dt.time.fromisoformat(initial["start_time"])
        end = dt.time.fromisoformat(initial["end_time"])
    except (KeyError, ValueError):
        return initial
    longest = (dt.datetime.combine(dt.date.min, start) + dt.timedelta(minutes=facility.max_duration)).time()
    if start < longest < end:
        initial["end_time"] = longest.strftime("%H:%M")
    return initial


class SeriesForm(_BookingBase):
    weekday = forms.TypedChoiceField(label=_("Weekday"), choices=Weekday.choices, coerce=int)
    start_time = forms.TimeField(label=_("From"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    end_time = forms.TimeField(label=_("Until"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    first_date = forms.DateField(
        validators=[validate_calendar_date],
        label=_("First date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    last_date = forms.DateField(
        validators=[validate_calendar_date],
        label=_("Last date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("A series can cover at most one year."),
    )

    field_order = [
        "association",
        "weekday",
        "start_time",
        "end_time",
        "first_date",
        "last_date",
        "purpose",
        "attendees",
        "is_public",
    ]

    def clean(self):
        data = super().clean()
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The end must be after the start."))
        first, last = data.get("first_date"), data.get("last_date")
        if first and last:
            if last < first:
                self.add_error("last_date", _("The last date must be on or after the first date."))
            elif (last - first).days > MAX_SERIES_DAYS:
                self.add_error("last_date", _("A series can cover at most one year."))
        return data


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=SHORT_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Sent to the booker."),
    )
