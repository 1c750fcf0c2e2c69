"""Logos stored before logos were encoded again can be stored again the way uploads are stored."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from PIL import Image, PngImagePlugin

from tests.factories.associations import AssociationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _png_with_a_page() -> bytes:
    text = PngImagePlugin.PngInfo()
    text.add_text("Comment", "<html><script>alert(1)</script></html>")
    buffer = io.BytesIO()
    Image.new("RGBA", (40, 30), (0, 90, 160, 255)).save(buffer, format="PNG", pnginfo=text)
    return buffer.getvalue()


def _stored_as(name: str, content: bytes):
    association = AssociationFactory()
    # Stored straight through the storage, as the portal stored logos under their uploaded names.
    association.logo.name = association.logo.storage.save(f"associations/logos/{name}", ContentFile(content))
    association.save()
    return association


def test_old_logos_are_encoded_again_under_the_portals_names(django_capture_on_commit_callbacks, tmp_path):
    page = _stored_as("x.html", _png_with_a_page())
    not_a_picture = _stored_as("y.png", b"<svg onload='alert(1)'/>")

    call_command("encode_logos", "--dry-run", stdout=(dry := io.StringIO()), stderr=io.StringIO())
    assert "1 logos would be encoded again, 1 that are no readable picture would be removed." in dry.getvalue()
    assert (tmp_path / "associations/logos/x.html").exists()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("encode_logos", stdout=io.StringIO(), stderr=io.StringIO())

    page.refresh_from_db()
    not_a_picture.refresh_from_db()
    assert page.logo.name.endswith(".png") and not page.logo.name.endswith("/x.png")
    with Image.open(page.logo.path) as logo:
        assert (logo.format, logo.size) == ("PNG", (40, 30))
        assert not logo.text
    assert not (tmp_path / "associations/logos/x.html").exists()
    assert not not_a_picture.logo
    assert not (tmp_path / "associations/logos/y.png").exists()

    call_command("encode_logos", stdout=(second := io.StringIO()), stderr=io.StringIO())
    assert "0 logos were encoded again, 0 that are no readable picture were removed." in second.getvalue()
