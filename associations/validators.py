"""Validators for what associations type in: CVR numbers and logos."""

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _

from portal.uploads import image_check, upload_image

# The CVR register's modulus-11 weights for the eight digits.
CVR_WEIGHTS = (2, 7, 6, 5, 4, 3, 2, 1)
LOGO_MAX_BYTES = 2 * 1024 * 1024
LOGO_FORMATS = ("PNG", "JPEG", "WEBP", "GIF")
# A logo is shown small; a larger one is scaled down to this many pixels on its longer side.
LOGO_SIDE = 1000


def validate_cvr(value: str) -> None:
    """A CVR number is eight digits whose weighted sum is divisible by 11."""
    if len(value) != 8 or not value.isdigit():
        raise ValidationError(_("A CVR number is exactly 8 digits."), code="cvr_format")
    if sum(int(digit) * weight for digit, weight in zip(value, CVR_WEIGHTS, strict=True)) % 11:
        raise ValidationError(_("This is not a valid CVR number. Please check the digits."), code="cvr_checksum")


def validate_logo(file: File) -> None:
    """Accept only real PNG, JPEG, WebP or GIF images of at most 2 MB and a sensible number of pixels, judged by
    their content, not their name."""
    image_check(file, formats=LOGO_FORMATS, max_bytes=LOGO_MAX_BYTES)


def logo_prepare(upload: File) -> ContentFile:
    """Check `upload` like `validate_logo` and return the logo the portal stores: encoded again in its own format (a
    GIF as PNG), transparency kept, scaled down to LOGO_SIDE, with no metadata and a name of the portal's own."""
    return upload_image(upload, formats=LOGO_FORMATS, max_bytes=LOGO_MAX_BYTES, side=LOGO_SIDE)
