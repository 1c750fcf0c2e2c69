"""An association's logo is stored as a picture the portal wrote itself, never as the file that was uploaded."""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image, PngImagePlugin

from associations.models import Association, Membership
from tests.factories.associations import MembershipFactory

pytestmark = pytest.mark.django_db

REGISTER_URL = "/foreninger/registrer/"
PAGE = b"<html><script>alert(document.cookie)</script></html>"


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _profile(**overrides) -> dict:
    return {
        "name": "Hornbæk Havkajak",
        "kind": "network",
        "description": "Vi padler langs kysten.",
        "towns": ["hornbaek"],
        "target_groups": ["adults"],
        **overrides,
    }


def _png_with_a_page(size=(64, 48)) -> bytes:
    """A valid, transparent PNG that carries an HTML page in a text chunk."""
    text = PngImagePlugin.PngInfo()
    text.add_text("Comment", PAGE.decode())
    text.add_itxt("Description", PAGE.decode(), zip=False)
    buffer = io.BytesIO()
    Image.new("RGBA", size, (0, 90, 160, 128)).save(buffer, format="PNG", pnginfo=text)
    return buffer.getvalue()


def _jpeg_with_gps(size=(64, 48)) -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "Kameraproducent"  # Make
    exif.get_ifd(0x8825).update({1: "N", 2: (56.0, 5.0, 30.0), 3: "E", 4: (12.0, 30.0, 0.0)})  # GPS
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


def _stored(association: Association) -> Path:
    return Path(association.logo.path)


def test_a_png_named_html_is_stored_as_a_png_the_portal_wrote(client, user, tmp_path):
    client.force_login(user)

    response = client.post(REGISTER_URL, _profile(logo=SimpleUploadedFile("x.html", _png_with_a_page())))

    assert response.status_code == 302
    association = Association.objects.get()
    name = Path(association.logo.name)
    assert name.parent == Path("associations/logos")
    assert name.suffix == ".png"
    assert name.stem != "x" and len(name.stem) >= 32, "the name is the portal's, not the uploader's"
    content = _stored(association).read_bytes()
    assert b"<html" not in content and b"script" not in content
    with Image.open(_stored(association)) as logo:
        assert (logo.format, logo.mode, logo.size) == ("PNG", "RGBA", (64, 48))
        assert logo.getpixel((0, 0)) == (0, 90, 160, 128), "the transparency is kept"
        assert not logo.text


def test_a_jpeg_logo_keeps_no_gps_position(client, user):
    client.force_login(user)

    response = client.post(REGISTER_URL, _profile(logo=SimpleUploadedFile("logo.jpeg", _jpeg_with_gps())))

    assert response.status_code == 302
    association = Association.objects.get()
    assert association.logo.name.endswith(".jpg")
    with Image.open(_stored(association)) as logo:
        assert logo.format == "JPEG"
        assert dict(logo.getexif()) == {}
        assert not logo.getexif().get_ifd(0x8825)


def test_a_logo_with_too_many_pixels_is_refused_before_it_is_decoded(client, user):
    # A one-bit 6,300 × 6,300 picture is a few kilobytes of file and hundreds of megabytes once decoded.
    buffer = io.BytesIO()
    Image.new("1", (6300, 6300)).save(buffer, format="PNG")
    assert buffer.tell() < 100_000
    client.force_login(user)

    response = client.post(REGISTER_URL, _profile(logo=SimpleUploadedFile("logo.png", buffer.getvalue())))

    assert response.status_code == 200
    assert response.context["form"].errors["logo"] == [
        "Billedet har for mange pixels (6300 × 6300). Gør det mindre, og prøv igen."
    ]
    assert "Hornbæk Havkajak" in response.text
    assert not Association.objects.exists()


def test_a_large_logo_is_scaled_down(client, user):
    buffer = io.BytesIO()
    Image.new("RGB", (3000, 1500), "navy").save(buffer, format="PNG")
    client.force_login(user)

    assert (
        client.post(REGISTER_URL, _profile(logo=SimpleUploadedFile("logo.png", buffer.getvalue()))).status_code == 302
    )

    with Image.open(_stored(Association.objects.get())) as logo:
        assert logo.size == (1000, 500)


def _edit(client, association, logo) -> None:
    url = reverse("associations:association-edit", kwargs={"slug": association.slug})
    data = _profile(name=association.name)
    if logo is False:
        data["logo-clear"] = "on"
    elif logo is not None:
        data["logo"] = logo
    assert client.post(url, data).status_code == 302


def test_the_old_logo_is_deleted_when_a_new_one_replaces_it(client, django_capture_on_commit_callbacks):
    membership = MembershipFactory(role=Membership.Role.ADMIN)
    association = membership.association
    client.force_login(membership.user)
    with django_capture_on_commit_callbacks(execute=True):
        _edit(client, association, SimpleUploadedFile("a.png", _png_with_a_page()))
    association.refresh_from_db()
    first = _stored(association)
    assert first.exists()

    with django_capture_on_commit_callbacks(execute=True):
        _edit(client, association, SimpleUploadedFile("b.jpg", _jpeg_with_gps()))

    association.refresh_from_db()
    assert _stored(association).exists()
    assert _stored(association) != first
    assert not first.exists()


def test_the_logo_file_is_deleted_when_the_logo_is_cleared(client, django_capture_on_commit_callbacks):
    membership = MembershipFactory(role=Membership.Role.ADMIN)
    association = membership.association
    client.force_login(membership.user)
    with django_capture_on_commit_callbacks(execute=True):
        _edit(client, association, SimpleUploadedFile("a.png", _png_with_a_page()))
    association.refresh_from_db()
    first = _stored(association)

    with django_capture_on_commit_callbacks(execute=True):
        _edit(client, association, False)

    association.refresh_from_db()
    assert not association.logo
    assert not first.exists()


def test_saving_the_profile_without_a_new_logo_keeps_the_file(client, django_capture_on_commit_callbacks):
    membership = MembershipFactory(role=Membership.Role.ADMIN)
    association = membership.association
    client.force_login(membership.user)
    with django_capture_on_commit_callbacks(execute=True):
        _edit(client, association, SimpleUploadedFile("a.png", _png_with_a_page()))
    association.refresh_from_db()
    first = _stored(association)

    with django_capture_on_commit_callbacks(execute=True):
        _edit(client, association, None)

    association.refresh_from_db()
    assert _stored(association) == first
    assert first.exists()
