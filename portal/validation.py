"""What the portal accepts as text, numbers, dates and times from a URL, a query string or a JSON body.

One set of rules serves the JSON API (as pydantic types for django-ninja's schemas and parameters), the pages' filter
forms (as form fields) and, through `portal.middleware.RejectControlCharacters`, every page and the admin. The rules
are the limits of what the database and Python's dates can hold, narrowed to what the portal means:

- text holds no control character (PostgreSQL refuses NUL in text, and no filter or name needs the others) and no
  lone surrogate (it cannot be encoded for the database);
- an integer fits PostgreSQL's bigint, and a count of rows to skip stays below `MAX_OFFSET`;
- a date lies between `EARLIEST_DATE` and `LATEST_DATE`, so the calendar can add weeks to it without leaving the
  years Python can count;
- a time of day is local (Europe/Copenhagen), written without a UTC offset.

What people type into forms has limits of its own, shared by every app so that the same kind of field accepts the
same input: free text is stored in `TextField`s, which have no length in the database, so the forms (`max_length`)
and the models' validators, which the services run through `full_clean()`, hold it to `LONG_TEXT_MAX` or
`SHORT_TEXT_MAX`; a phone number is checked by `validate_phone`.
"""

import datetime as dt
import re
from typing import Annotated

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _
from pydantic import AfterValidator, BeforeValidator, Field, WithJsonSchema

BIGINT_MAX = 2**63 - 1
MAX_OFFSET = 1_000_000
EARLIEST_DATE = dt.date(2000, 1, 1)
LATEST_DATE = dt.date(2100, 12, 31)

# Tab, line feed and carriage return are text a person types; every other C0 or C1 control character is not.
_CONTROL_CHARACTERS = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_CONTROL = re.compile(f"[{_CONTROL_CHARACTERS}]")
CLEAN_TEXT_PATTERN = f"^[^{_CONTROL_CHARACTERS}]*$"
# The years a date may have, as a pattern the OpenAPI schema can carry next to `format: date`.
CALENDAR_YEARS_PATTERN = r"^(20[0-9]{2}|2100)-"
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
# The start of an ISO 8601 date and time; pydantic reads the rest, but would also read a bare number as seconds.
_ISO_DATETIME_START = re.compile(r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}", re.ASCII)
LOCAL_TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$"
_LOCAL_TIME = re.compile(LOCAL_TIME_PATTERN, re.ASCII)

TEXT_MESSAGE = _("Remove the control characters from the text.")
DATE_MESSAGE = _("Enter a date between the years 2000 and 2100.")
DATETIME_MESSAGE = _("Give a date and time in ISO 8601, for example 2026-12-01T17:00:00+01:00.")
TIME_MESSAGE = _("Give a local time as HH:MM or HH:MM:SS, without a UTC offset.")


def has_control_characters(value: str) -> bool:
    """True for text the database cannot store or no person types: control characters and lone surrogates."""
    if _CONTROL.search(value):
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _date_message() -> str:
    return str(DATE_MESSAGE)


def _clean_text(value: str) -> str:
    if has_control_characters(value):
        raise ValueError(str(TEXT_MESSAGE))
    return value


def _iso_date(value: object) -> object:
    """Only the ISO form `YYYY-MM-DD`: pydantic alone would also read a number as seconds since 1970."""
    if isinstance(value, str):
        if not _ISO_DATE.fullmatch(value):
            raise ValueError(_date_message())
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(_date_message()) from None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    raise ValueError(_date_message())


def _date_in_range(value: dt.date) -> dt.date:
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        raise ValueError(_date_message())
    return value


def _iso_datetime(value: object) -> object:
    if isinstance(value, str):
        if not _ISO_DATETIME_START.match(value):
            raise ValueError(str(DATETIME_MESSAGE))
        return value
    if isinstance(value, dt.datetime):
        return value
    raise ValueError(str(DATETIME_MESSAGE))


def _datetime_in_range(value: dt.datetime) -> dt.datetime:
    _date_in_range(value.date())
    return value


def _local_time(value: object) -> object:
    if isinstance(value, str) and _LOCAL_TIME.fullmatch(value):
        return dt.time.fromisoformat(value)
    if isinstance(value, dt.time) and value.tzinfo is None:
        return value
    raise ValueError(str(TIME_MESSAGE))


# Types for django-ninja schemas and parameters. Each documents in the OpenAPI schema exactly what it accepts.
CleanText = Annotated[
    str,
    AfterValidator(_clean_text),
    Field(description="Text without control characters.", json_schema_extra={"pattern": CLEAN_TEXT_PATTERN}),
]
Id = Annotated[int, Field(ge=1, le=BIGINT_MAX)]
Offset = Annotated[int, Field(ge=0, le=MAX_OFFSET)]
CalendarDate = Annotated[
    dt.date,
    BeforeValidator(_iso_date),
    AfterValidator(_date_in_range),
    WithJsonSchema(
        {
            "type": "string",
            "format": "date",
            "pattern": CALENDAR_YEARS_PATTERN,
            "description": f"A date between {EARLIEST_DATE.isoformat()} and {LATEST_DATE.isoformat()}.",
        }
    ),
]
CalendarDateTime = Annotated[
    dt.datetime,
    BeforeValidator(_iso_datetime),
    AfterValidator(_datetime_in_range),
    WithJsonSchema(
        {
            "type": "string",
            "format": "date-time",
            "pattern": CALENDAR_YEARS_PATTERN,
            "description": f"A date and time between {EARLIEST_DATE.isoformat()} and {LATEST_DATE.isoformat()}, "
            "in ISO 8601 with a UTC offset.",
        }
    ),
]
LocalTime = Annotated[
    dt.time,
    BeforeValidator(_local_time),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": LOCAL_TIME_PATTERN,
            "description": "A local time in Helsingør (Europe/Copenhagen) as HH:MM or HH:MM:SS, without a UTC offset.",
            "example": "16:00:00",
        }
    ),
]


# Validators and form fields for the pages' forms.
def validate_calendar_date(value: dt.date) -> None:
    """A date the calendar can work with; anything further off is a form error, not a server error."""
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        raise ValidationError(DATE_MESSAGE, code="out_of_range")


class CalendarDateField(forms.DateField):
    default_validators = [validate_calendar_date]


# What people type into forms.

# A description, a question, a story, a message: several pages of text, far more than anyone writes by hand.
LONG_TEXT_MAX = 10_000
# A reason, a requirement, a note: a paragraph or two.
SHORT_TEXT_MAX = 2_000

PHONE_CHARACTERS = re.compile(r"^[0-9 +\-()]+$")
PHONE_MIN_DIGITS = 6
PHONE_MAX_DIGITS = 20


def long_text_validators() -> list:
    return [MaxLengthValidator(LONG_TEXT_MAX)]


def short_text_validators() -> list:
    return [MaxLengthValidator(SHORT_TEXT_MAX)]


def validate_phone(value: str) -> None:
    """A phone number holds digits, spaces, +, - and parentheses, and between 6 and 20 digits (Danish numbers have 8,
    foreign ones with their country code up to 15, extensions a few more)."""
    digits = sum(character.isdigit() for character in value)
    if not PHONE_CHARACTERS.match(value) or not PHONE_MIN_DIGITS <= digits <= PHONE_MAX_DIGITS:
        raise ValidationError(
            _("Write a phone number with digits only, for example 49 28 28 28 or +45 49 28 28 28."),
            code="phone",
        )
