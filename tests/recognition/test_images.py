"""Pictures are checked by what they contain, not by their name, limited in size and scaled down."""

import io
import os
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from recognition import images, services
from recognition.images import image_prepare
from recognition.models import Story, StoryImage
from tests.factories.recognition import StoryImageFactory, image_bytes


def upload(content: bytes, name: str = "billede.jpg", content_type: str = "image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_it_scales_a_large_picture_down_and_makes_a_thumbnail():
    prepared = image_prepare(upload(image_bytes(size=(3200, 2400)), name="stor.png", content_type="image/png"))

    with Image.open(prepared.image) as large, Image.open(prepared.thumbnail) as small:
        assert large.format == "JPEG" and large.size == (1600, 1200)
        assert small.size == (640, 480)
    # The stored names are the portal's own, with the extension of the format written.
    assert prepared.image.name.endswith(".jpg") and "stor" not in prepared.image.name
    assert prepared.thumbnail.name.endswith(".jpg") and prepared.thumbnail.name != prepared.image.name


def test_it_keeps_a_small_picture_at_its_size():
    prepared = image_prepare(upload(image_bytes(size=(800, 600), kind="JPEG")))

    with Image.open(prepared.image) as large:
        assert large.size == (800, 600)


def test_it_drops_camera_metadata():
    picture = Image.new("RGB", (400, 300), (10, 20, 30))
    exif = Image.Exif()
    exif[0x010F] = "Kameraproducent"  # Make
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", exif=exif)

    prepared = image_prepare(upload(buffer.getvalue()))

    with Image.open(prepared.image) as result:
        assert dict(result.getexif()) == {}


def test_it_refuses_a_text_file_with_an_image_extension():
    with pytest.raises(ValidationError) as error:
        image_prepare(upload(b"<?php echo 'hej'; ?>\n" * 20, name="billede.jpg"))

    assert error.value.code == "image_invalid"


def test_it_refuses_a_truncated_picture():
    with pytest.raises(ValidationError) as error:
        image_prepare(upload(image_bytes(kind="JPEG")[:200]))

    assert error.value.code == "image_invalid"


def test_it_refuses_an_svg_even_when_named_png():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="300" height="300"/></svg>'
    with pytest.raises(ValidationError) as error:
        image_prepare(upload(svg, name="billede.png", content_type="image/png"))

    assert error.value.code == "image_invalid"


def test_it_refuses_a_file_over_the_size_limit():
    noise = Image.frombytes("RGB", (1400, 1400), os.urandom(1400 * 1400 * 3))
    buffer = io.BytesIO()
    noise.save(buffer, format="PNG")
    assert buffer.tell() > images.MAX_BYTES

    with pytest.raises(ValidationError) as error:
        image_prepare(upload(buffer.getvalue(), name="stoej.png"))

    assert error.value.code == "too_large"
    assert "5 MB" in error.value.messages[0]


def test_it_refuses_a_picture_with_too_many_pixels():
    # A one-bit picture keeps the file tiny while the pixel count would take a lot of memory to decode.
    buffer = io.BytesIO()
    Image.new("1", (8000, 6000)).save(buffer, format="PNG")

    with pytest.raises(ValidationError) as error:
        image_prepare(upload(buffer.getvalue(), name="kaempe.png"))

    assert error.value.code == "image_too_many_pixels"


def test_it_refuses_a_picture_that_would_decode_into_hundreds_of_megabytes():
    # 6,300 × 6,300 pixels in a file of a few kilobytes: decoded, it would take a worker to half a gigabyte.
    buffer = io.BytesIO()
    Image.new("1", (6300, 6300)).save(buffer, format="PNG")
    assert buffer.tell() < 100_000

    with pytest.raises(ValidationError) as error:
        image_prepare(upload(buffer.getvalue(), name="kaempe.png"))

    assert error.value.messages == ["Billedet har for mange pixels (6300 × 6300). Gør det mindre, og prøv igen."]


def test_it_refuses_a_tiny_picture():
    with pytest.raises(ValidationError) as error:
        image_prepare(upload(image_bytes(size=(50, 50))))

    assert error.value.code == "image_too_small"


@pytest.mark.django_db
def test_the_story_form_explains_a_bad_picture_and_keeps_what_was_typed(client, user):
    client.force_login(user)

    response = client.post(
        reverse("recognition:story-create"),
        {
            "title": "Vores strandrensning",
            "teaser": "Hundrede frivillige",
            "body": "Det var en god dag.",
            "image": upload(b"not a picture at all", name="strand.jpg"),
            "alt_text": "Frivillige på stranden",
            "consent_confirmed": "on",
            "submit": "1",
        },
    )

    assert response.status_code == 200
    assert "Filen er ikke et billede, vi kan læse" in response.content.decode()
    assert "Vores strandrensning" in response.content.decode()
    assert not Story.objects.exists()


@pytest.mark.django_db
def test_the_story_form_requires_alt_text_for_a_picture(client, user):
    client.force_login(user)

    response = client.post(
        reverse("recognition:story-create"),
        {
            "title": "Vores strandrensning",
            "teaser": "Hundrede frivillige",
            "body": "Det var en god dag.",
            "image": upload(image_bytes(), name="strand.png", content_type="image/png"),
            "alt_text": "",
            "draft": "1",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["alt_text"]
    assert not Story.objects.exists()


@pytest.mark.django_db
def test_a_replaced_picture_leaves_no_old_files_behind(django_capture_on_commit_callbacks):
    story_image = StoryImageFactory()
    old_paths = [Path(story_image.image.path), Path(story_image.thumbnail.path)]
    assert all(path.exists() for path in old_paths)

    with django_capture_on_commit_callbacks(execute=True):
        services.story_image_replace(
            image=story_image, prepared=image_prepare(upload(image_bytes(size=(900, 700), kind="JPEG")))
        )

    story_image.refresh_from_db()
    assert Path(story_image.image.path).exists() and Path(story_image.thumbnail.path).exists()
    assert story_image.width == 900
    assert not any(path.exists() for path in old_paths)


@pytest.mark.django_db
def test_a_deleted_picture_leaves_no_files_behind(django_capture_on_commit_callbacks):
    story_image = StoryImageFactory()
    paths = [Path(story_image.image.path), Path(story_image.thumbnail.path)]

    with django_capture_on_commit_callbacks(execute=True):
        services.story_image_delete(image=story_image)

    assert not StoryImage.objects.exists()
    assert not any(path.exists() for path in paths)
