"""Uploaded files are judged by what they contain: real images and PDFs pass, anything pretending to be one does not."""

import io
import struct
import tracemalloc
import zipfile
import zlib

import pytest
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from portal.uploads import DOCX, ODT, PDF, PNG, document_check, image_check, upload_document, upload_path

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


def test_a_picture_that_decodes_whole_has_a_lower_limit_than_a_jpeg():
    """A JPEG decodes at a fraction of its size when it is scaled down; a PNG decodes whole, so it may have fewer
    pixels (4,000 × 3,500 is 14 megapixels)."""
    pictures = {}
    for format in ("PNG", "JPEG"):
        buffer = io.BytesIO()
        Image.new("RGB", (4000, 3500)).save(buffer, format=format)
        pictures[format] = upload(f"stor.{format.lower()}", buffer.getvalue())

    with pytest.raises(ValidationError) as error:
        image_check(pictures["PNG"], formats=FORMATS, max_bytes=10 * MB)
    assert error.value.code == "image_too_many_pixels"
    assert image_check(pictures["JPEG"], formats=FORMATS, max_bytes=10 * MB).format == "JPEG"


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


def test_a_document_is_stored_under_a_name_of_the_portals_own_with_the_extension_of_its_content():
    document = upload_document(upload("budget.html", pdf()), kinds=[PDF], max_bytes=MB, not_allowed="-")

    assert document.type == PDF
    assert document.name.endswith(".pdf") and "budget" not in document.name


@pytest.mark.parametrize("name", ["side.html", "logo.svg", "script.js", "uden-endelse"])
def test_nothing_is_ever_stored_with_an_extension_a_browser_could_run(name):
    with pytest.raises(SuspiciousFileOperation):
        upload_path("associations/logos", name)


def test_stored_names_are_random_and_keep_a_known_extension():
    first, second = upload_path("stories/%Y/%m", "Billede.JPG"), upload_path("stories/%Y/%m", "billede.jpg")

    assert first != second
    assert first.startswith("stories/20") and first.endswith(".jpg")
    assert "illede" not in first


def zip_bomb(member: str, *, others: dict[str, bytes] | None = None) -> bytes:
    """A zip of about 100 KB holding `member` as 100 MB of zeros, written in steps so the test never holds it all."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in (others or {}).items():
            archive.writestr(name, content)
        with archive.open(member, "w") as stream:
            zeros = b"\0" * MB
            for _ in range(100):
                stream.write(zeros)
    return buffer.getvalue()


def peak_memory_of(check) -> int:
    """The most memory Python allocated while `check` ran, in bytes."""
    tracemalloc.start()
    try:
        check()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize(
    ("member", "others"),
    [
        ("mimetype", {}),
        ("content.xml", {"mimetype": ODT.content_type}),
        ("word/document.xml", {"[Content_Types].xml": "<Types/>"}),
    ],
)
def test_a_zip_bomb_is_refused_without_being_unpacked(member, others):
    bomb = upload("ansoegning.odt", zip_bomb(member, others=others))
    assert bomb.size < 200_000

    def check():
        with pytest.raises(ValidationError) as error:
            document_check(bomb, kinds=[ODT, DOCX], max_bytes=10 * MB, not_allowed="Kun ODT eller DOCX.")
        assert error.value.messages == ["Kun ODT eller DOCX."]

    assert peak_memory_of(check) < 4 * MB


def test_an_archive_with_an_absurd_number_of_members_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
        for number in range(20_000):
            archive.writestr(f"x/{number}", b"")

    with pytest.raises(ValidationError) as error:
        document_check(upload("mange.docx", buffer.getvalue()), kinds=[DOCX], max_bytes=10 * MB, not_allowed="Nej.")

    assert error.value.code == "wrong_type"


@pytest.mark.parametrize(
    ("members", "kind"),
    [
        ({"mimetype": ODT.content_type, "content.xml": "<office:document-content/>"}, ODT),
        ({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>" * 2000}, DOCX),
    ],
)
def test_real_office_documents_are_recognised_by_their_content(members, kind):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)

    found = document_check(upload("bilag.bin", buffer.getvalue()), kinds=[ODT, DOCX], max_bytes=MB, not_allowed="-")

    assert found == kind
