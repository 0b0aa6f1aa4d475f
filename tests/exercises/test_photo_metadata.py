"""No metadata survives an upload: not a JPEG's comment, EXIF, XMP, ICC profile, nor a PNG's text."""

import io

import pytest
from PIL import Image, ImageCms, PngImagePlugin

from exercises.models import Exercise
from tests.exercises.test_photos import add_photo, picture

pytestmark = pytest.mark.django_db

SCRIPT = b"<html><script>alert(document.cookie)</script></html>"
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-'
    b'syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" dc:creator='
    b'"Patient Name"/></rdf:RDF></x:xmpmeta>'
)
# What the copies' bytes must never hold: the comment, the camera, XMP, an ICC profile, PNG text.
TELLTALES = [SCRIPT, b"<script", b"PhoneCo", b"Exif\x00", b"adobe:ns:meta", b"Patient Name"]
TELLTALES += [b"ICC_PROFILE", b"ICCP", b"acsp", b"tEXt", b"iTXt", b"zTXt"]
METADATA_KEYS = {"comment", "exif", "xmp", "XML:com.adobe.xmp", "icc_profile", "dpi"}


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def exif() -> bytes:
    data = Image.Exif()
    data[0x010F] = "PhoneCo"  # the camera's maker
    data[0x9286] = SCRIPT.decode()  # a user comment
    return data.tobytes()


def jpeg_with_a_comment() -> bytes:
    # The probe's file: a plain JPEG whose comment segment (COM) holds markup.
    return picture("JPEG", comment=SCRIPT)


def jpeg_with_everything() -> bytes:
    return picture(
        "JPEG",
        comment=SCRIPT,
        exif=exif(),
        xmp=XMP,
        icc_profile=ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes(),
        dpi=(300, 300),
    )


def png_with_text() -> bytes:
    text = PngImagePlugin.PngInfo()
    text.add_text("Comment", SCRIPT.decode())
    text.add_itxt("XML:com.adobe.xmp", XMP.decode())
    text.add_text("Author", "Patient Name", zip=True)
    return picture("PNG", pnginfo=text, exif=exif(), dpi=(300, 300))


def served_copies(client, exercise) -> dict[str, bytes]:
    photo = exercise.photos.get()
    copies = {}
    for rendition in photo.renditions:
        for kind in ("webp", "jpeg"):
            response = client.get(f"/media/{rendition[kind]}")
            assert response.status_code == 200
            copies[rendition[kind]] = b"".join(response.streaming_content)
    return copies


@pytest.mark.parametrize("make", [jpeg_with_a_comment, jpeg_with_everything, png_with_text])
def test_no_rendition_keeps_any_metadata_of_the_upload(editor_client, client, make):
    original = make()
    assert SCRIPT in original or b"alert" in original  # the upload does carry it
    exercise = Exercise.objects.get(slug="wall-angel")

    assert add_photo(editor_client, exercise, data=original).status_code == 302

    copies = served_copies(client, exercise)
    # WebP and JPEG, at every width (320, 640, 1024 and never wider than the photo).
    assert {name.rsplit(".", 1)[1] for name in copies} == {"webp", "jpg"}
    assert len(copies) == 6
    for name, data in copies.items():
        for telltale in TELLTALES:
            assert telltale not in data, f"{name} holds {telltale!r}"
        image = Image.open(io.BytesIO(data))
        assert not image.getexif(), name
        assert not METADATA_KEYS & set(image.info), f"{name}: {sorted(image.info)}"
        if image.format == "JPEG":
            # Only the markers a plain JPEG needs: no COM (0xFFFE) and no APPn but JFIF's APP0.
            assert b"\xff\xfe" not in data.split(b"\xff\xda", 1)[0], name
            assert not any(bytes([0xFF, 0xE1 + n]) in data[:200] for n in range(15)), name
