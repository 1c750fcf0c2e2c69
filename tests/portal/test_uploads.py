"""Uploaded files are judged by what they contain: real images and PDFs pass, anything pretending to be one does not."""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from portal.uploads import DOCX, JPEG, PDF, PNG, document_check, image_check, named_document_check

FORMATS = ("JPEG", "PNG")
MB = 1024 * 1024


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def picture(kind: str, size=(40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "teal").save(buffer, format=kind)
    return buffer.getvalue()


def pdf() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "white").save(buffer, format="PDF")
    return buffer.getvalue()


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims a size in its header and holds almost nothing: what a decompression bomb looks like."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b"")


@pytest.mark.parametrize("kind", ["PNG", "JPEG"])
def test_it_accepts_a_real_image_and_says_what_it_is(kind):
    file = upload("billede.bin", picture(kind))

    info = image_check(file, formats=FORMATS, max_bytes=MB)

    assert (info.format, info.width, info.height) == (kind, 40, 30)
    assert file.tell() == 0, "the file is left at its start, ready to be stored"


def test_it_refuses_a_text_file_named_png_and_names_the_allowed_formats():
    with pytest.raises(ValidationError) as error:
        image_check(upload("logo.png", b"<svg onload='alert(1)'></svg>"), formats=FORMATS, max_bytes=MB)

    assert error.value.code == "image_invalid"
    assert error.value.messages == [
        "Filen er ikke et billede, vi kan læse. Upload et billede i formatet JPEG eller PNG."
    ]
    with translation.override("en"):
        assert error.value.messages == ["The file is not a picture we can read. Upload a JPEG or PNG file."]


def test_it_refuses_a_real_image_in_a_format_that_is_not_allowed():
    with pytest.raises(ValidationError) as error:
        image_check(upload("logo.gif", picture("GIF")), formats=FORMATS, max_bytes=MB)

    assert error.value.code == "image_invalid"


def test_it_refuses_an_image_over_the_size_limit_before_reading_it():
    with pytest.raises(ValidationError) as error:
        image_check(upload("stor.png", picture("PNG") + b"\0" * 2 * MB), formats=FORMATS, max_bytes=2 * MB)

    assert error.value.code == "too_large"
    assert error.value.messages == ["Filen er for stor (2,1 MB). Den må højst fylde 2 MB."]
    with translation.override("en"):
        assert error.value.messages == ["The file is too large (2.1 MB). It may be at most 2 MB."]


def test_it_refuses_a_picture_with_more_pixels_than_the_limit():
    # A one-bit picture keeps the file tiny while decoding it would take a lot of memory.
    buffer = io.BytesIO()
    Image.new("1", (8000, 6000)).save(buffer, format="PNG")

    with pytest.raises(ValidationError) as error:
        image_check(upload("kaempe.png", buffer.getvalue()), formats=FORMATS, max_bytes=MB, max_pixels=40_000_000)

    assert error.value.code == "image_too_many_pixels"
    assert "8000 × 6000" in error.value.messages[0]


def test_it_refuses_a_decompression_bomb_even_without_a_pixel_limit():
    bomb = upload("bombe.png", png_header_only(100_000, 100_000))

    with pytest.raises(ValidationError) as error:
        image_check(bomb, formats=FORMATS, max_bytes=MB)

    assert error.value.code == "image_invalid"


def test_a_decompression_bomb_is_no_allowed_document_either():
    with pytest.raises(ValidationError) as error:
        document_check(
            upload("bombe.png", png_header_only(100_000, 100_000)), kinds=[PDF, PNG], max_bytes=MB, not_allowed="Nej."
        )

    assert error.value.code == "wrong_type"


def test_it_recognises_a_real_pdf_whatever_it_is_called():
    assert document_check(upload("referat.txt", pdf()), kinds=[PDF], max_bytes=MB, not_allowed="Nej.") == PDF


@pytest.mark.parametrize(
    "content", [b"<html><script>alert(1)</script></html>", picture("PNG"), b"PK\x03\x04 broken zip"]
)
def test_it_refuses_a_file_named_pdf_that_is_not_one_with_the_pages_own_message(content):
    with pytest.raises(ValidationError) as error:
        document_check(upload("referat.pdf", content), kinds=[PDF], max_bytes=MB, not_allowed="Upload en PDF.")

    assert error.value.code == "wrong_type"
    assert error.value.messages == ["Upload en PDF."]


def test_it_refuses_a_document_over_the_size_limit():
    with pytest.raises(ValidationError) as error:
        document_check(upload("stor.pdf", pdf() + b"0" * 5 * MB), kinds=[PDF], max_bytes=5 * MB, not_allowed="Nej.")

    assert error.value.code == "too_large"
    assert "Den må højst fylde 5 MB." in error.value.messages[0]


def test_it_refuses_an_empty_document():
    with pytest.raises(ValidationError) as error:
        document_check(upload("tom.pdf", b""), kinds=[PDF], max_bytes=MB, not_allowed="Nej.")

    assert error.value.messages == ["Filen er tom."]


def test_a_named_document_must_be_what_its_name_says():
    kinds = [PDF, DOCX, JPEG, PNG]

    assert (
        named_document_check(upload("foto.jpeg", picture("JPEG")), kinds=kinds, max_bytes=MB, not_allowed="-") == JPEG
    )
    assert named_document_check(upload("referat.pdf", pdf()), kinds=kinds, max_bytes=MB, not_allowed="-") == PDF
    for name, content in [("foto.png", picture("JPEG")), ("referat.docx", pdf()), ("referat.pdf", picture("PNG"))]:
        with pytest.raises(ValidationError) as error:
            named_document_check(upload(name, content), kinds=kinds, max_bytes=MB, not_allowed="-")
        assert error.value.messages == ["Filens indhold passer ikke med navnet."], name


def test_a_named_document_of_a_kind_not_allowed_gets_the_pages_own_message():
    with pytest.raises(ValidationError) as error:
        named_document_check(upload("virus.exe", b"MZ\x90\x00"), kinds=[PDF], max_bytes=MB, not_allowed="Kun PDF.")

    assert error.value.code == "wrong_type"
    assert error.value.messages == ["Kun PDF."]
