"""Validators for what associations type in: CVR numbers and logos."""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

# The CVR register's modulus-11 weights for the eight digits.
CVR_WEIGHTS = (2, 7, 6, 5, 4, 3, 2, 1)
LOGO_MAX_BYTES = 2 * 1024 * 1024
LOGO_FORMATS = {"PNG", "JPEG", "WEBP", "GIF"}


def validate_cvr(value: str) -> None:
    """A CVR number is eight digits whose weighted sum is divisible by 11."""
    if len(value) != 8 or not value.isdigit():
        raise ValidationError(_("A CVR number is exactly 8 digits."), code="cvr_format")
    if sum(int(digit) * weight for digit, weight in zip(value, CVR_WEIGHTS, strict=True)) % 11:
        raise ValidationError(_("This is not a valid CVR number. Please check the digits."), code="cvr_checksum")


def validate_logo(file: UploadedFile) -> None:
    """Accept only real PNG, JPEG, WebP or GIF images of at most 2 MB, judged by their content, not their name."""
    from PIL import Image

    if file.size and file.size > LOGO_MAX_BYTES:
        raise ValidationError(_("The logo may be at most 2 MB."), code="logo_size")
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        with Image.open(file) as image:
            image_format = image.format
            image.verify()
    except Exception:
        raise ValidationError(
            _("The logo must be an image file (PNG, JPEG, WebP or GIF)."), code="logo_invalid"
        ) from None
    finally:
        file.seek(position)
    if image_format not in LOGO_FORMATS:
        raise ValidationError(_("The logo must be an image file (PNG, JPEG, WebP or GIF)."), code="logo_format")
