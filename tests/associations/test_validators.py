import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from associations.validators import validate_cvr, validate_logo


@pytest.mark.parametrize("value", ["12345674", "10150817"])
def test_valid_cvr_numbers_pass(value):
    validate_cvr(value)


@pytest.mark.parametrize(
    ("value", "code"), [("1234567", "cvr_format"), ("1234567a", "cvr_format"), ("12345678", "cvr_checksum")]
)
def test_invalid_cvr_numbers_are_refused_with_a_reason(value, code):
    with pytest.raises(ValidationError) as error:
        validate_cvr(value)
    assert error.value.code == code


def _png(size=(10, 10)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "red").save(buffer, format="PNG")
    return buffer.getvalue()


def test_a_real_png_logo_passes():
    validate_logo(SimpleUploadedFile("logo.png", _png(), content_type="image/png"))


def test_a_text_file_named_png_is_refused():
    with pytest.raises(ValidationError) as error:
        validate_logo(SimpleUploadedFile("logo.png", b"<svg>not an image</svg>", content_type="image/png"))
    assert error.value.code == "image_invalid"


def test_a_large_logo_is_refused():
    upload = SimpleUploadedFile("logo.png", _png(), content_type="image/png")
    upload.size = 3 * 1024 * 1024
    with pytest.raises(ValidationError) as error:
        validate_logo(upload)
    assert error.value.code == "too_large"
