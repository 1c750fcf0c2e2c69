"""Limits on what people type, shared by every app so that the same kind of field accepts the same input.

Free text is stored in `TextField`s, which have no length in the database; the limits below are enforced by the
forms (`max_length`) and by the models' validators, which the services run through `full_clean()`.
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

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
