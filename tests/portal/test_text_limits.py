"""The shared limits on what people type: phone numbers and the length of free text."""

import pytest
from django.core.exceptions import ValidationError

from portal.validation import validate_phone


@pytest.mark.parametrize("value", ["49 28 28 28", "+45 49 28 28 28", "(+45) 4928-2828", "0046 8 123 456 78", "112233"])
def test_it_accepts_what_a_phone_number_holds(value):
    validate_phone(value)


@pytest.mark.parametrize(
    "value", ["abc<script>", "12345", "49 28 28 28 ring efter kl. 16", "1" * 21, "+45 49 28 28 28\x00", "٤٩٢٨٢٨٢٨"]
)
def test_it_refuses_anything_else(value):
    with pytest.raises(ValidationError, match="telefonnummer"):
        validate_phone(value)
