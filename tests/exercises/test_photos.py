"""Exercise photos: staff upload them in the admin, pages serve small clean copies with srcset."""

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from exercises import photos
from exercises.models import Exercise, ExercisePhoto
from tests.exercises.test_admin import change_form_data, revert_in_admin
from tests.html import soup, text_of
from tests.test_history import newest_row

pytestmark = pytest.mark.django_db

ORIENTATION, MAKE, GPS = 0x0112, 0x010F, 0x8825


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def picture(fmt="JPEG", size=(1200, 800), mode="RGB", **save) -> bytes:
    """Make a photo-like image: a left half red and a right half blue, so turning it shows."""
    image = Image.new(mode, size, (200, 30, 30, 255) if mode == "RGBA" else (200, 30, 30))
    image.paste((30, 30, 200) if mode == "RGB" else (30, 30, 200, 0), (size[0] // 2, 0, *size))
    buffer = io.BytesIO()
    image.save(buffer, fmt, **save)
    return buffer.getvalue()


def camera_jpeg() -> bytes:
    """A JPEG as a phone saves it: landscape pixels, "turn 90°" in its EXIF, the camera and place."""
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    exif[MAKE] = "PhoneCo"
    exif.get_ifd(GPS)[2] = (40.0, 44.0, 0.0)
    return picture("JPEG", exif=exif.tobytes())


def png_header_only(width, height) -> bytes:
    """A tiny PNG that claims to be width × height: what a decompression bomb looks like at first."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")


def upload(data: bytes, name="photo.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def photo_form_data(exercise, **fields):
    """Return the change form's data with the exercise's photos and one new photo's fields."""
    data = change_form_data(exercise, list(exercise.steps.all()))
    new = data["photos-TOTAL_FORMS"]
    data["photos-TOTAL_FORMS"] = new + 1
    data.update(
        {
            f"photos-{new}-exercise": exercise.pk,
            f"photos-{new}-order": new + 1,
            f"photos-{new}-licence": "own",
            **{f"photos-{new}-{key}": value for key, value in fields.items()},
        }
    )
    return data


def add_photo(client, exercise, data=None, **fields):
    fields.setdefault("alt_text", "A woman standing with her back against a wall, arms in a W.")
    fields.setdefault("upload", upload(data or camera_jpeg()))
    return client.post(
        reverse("admin:exercises_exercise_change", args=[exercise.pk]),
        photo_form_data(exercise, **fields),
    )


def test_an_uploaded_photo_appears_on_its_page_in_its_renditions_before_the_figure(
    editor_client, client, media_root
):
    exercise = Exercise.objects.get(slug="wall-angel")

    response = add_photo(editor_client, exercise, credit="Photo: Sam Lee")

    assert response.status_code == 302
    photo = exercise.photos.get()
    # Upright (the camera said to turn it), and never wider than it is.
    assert [(r["width"], r["height"]) for r in photo.renditions] == [
        (320, 480),
        (640, 960),
        (800, 1200),
    ]
    page = soup(client.get(exercise.get_absolute_url()))
    pictures = page.select_one(".exercise-pictures")
    first = pictures.find(["figure", "div"], recursive=False)
    assert "exercise-photo" in first["class"]  # the photo leads, the figure follows
    source = first.select_one("source[type='image/webp']")
    assert [entry.split()[1] for entry in source["srcset"].split(", ")] == ["320w", "640w", "800w"]
    img = first.select_one("img")
    assert img["alt"] == photo.alt_text
    assert (img["width"], img["height"]) == ("800", "1200")
    assert img["sizes"] and "loading" not in img.attrs  # the first photo is on the first screen
    assert first.figcaption.get_text() == "Photo: Sam Lee"
    for entry in source["srcset"].split(", ") + img["srcset"].split(", "):
        url = entry.split()[0]
        served = client.get(url)
        assert served.status_code == 200
        assert served["Content-Type"] == ("image/webp" if url.endswith(".webp") else "image/jpeg")
        copy = Image.open(io.BytesIO(b"".join(served.streaming_content)))
        # No camera, no place, no orientation left: the copy carries no metadata at all.
        assert not copy.getexif() and "exif" not in copy.info
        assert copy.getpixel((copy.width // 2, 5))[0] > 150  # red (the left half) is now on top
        assert copy.getpixel((copy.width // 2, copy.height - 5))[2] > 150


def test_a_second_photo_waits_until_it_is_scrolled_to(editor_client, client):
    exercise = Exercise.objects.get(slug="wall-angel")
    add_photo(editor_client, exercise)
    add_photo(editor_client, exercise, data=picture("WEBP", size=(2000, 1500)))
    images = soup(client.get(exercise.get_absolute_url())).select(".exercise-photo img")
    assert [img.get("loading") for img in images] == [None, "lazy"]
    widths = [r["width"] for r in exercise.photos.order_by("order")[1].renditions]
    assert widths == [320, 640, 1024]


def test_photos_added_with_the_number_the_form_gives_are_numbered_in_turn(editor_client):
    # A new photo's box says 1, as the page gives it; every one was "Photo 1" (a staff QA pass).
    exercise = Exercise.objects.get(slug="wall-angel")
    for _ in range(3):
        assert add_photo(editor_client, exercise, order=1).status_code == 302
    assert list(exercise.photos.order_by("pk").values_list("order", flat=True)) == [1, 2, 3]


def test_a_png_with_transparency_is_served_on_white(editor_client):
    exercise = Exercise.objects.get(slug="wall-angel")
    assert add_photo(editor_client, exercise, data=picture("PNG", mode="RGBA")).status_code == 302
    jpeg = exercise.photos.get().renditions[0]["jpeg"]
    copy = Image.open(photos.default_storage.open(jpeg))
    assert copy.mode == "RGB"
    assert copy.getpixel((copy.width - 3, 3)) == pytest.approx((255, 255, 255), abs=3)


@pytest.mark.parametrize(
    "data, name, message",
    [
        (b"", "empty.jpg", "This file is empty (0 bytes). Upload a JPEG, PNG or WebP photo."),
        (b"%PDF-1.7\n" + b"0" * 2000, "exercise.jpg", "This file is a PDF document, not a photo."),
        (b"just some words" * 100, "notes.png", "This file is not an image."),
        (picture("GIF", size=(800, 600)), "moving.gif", "This is a GIF image."),
        (png_header_only(8000, 5000), "huge.png", "(40 megapixels); photos can have 30"),
        (png_header_only(30000, 30000), "bomb.png", "far too many pixels to open safely"),
        (picture(size=(300, 200)), "tiny.jpg", "needs to be at least 320 pixels on each side"),
        (camera_jpeg()[:3000], "cut.jpg", "damaged or incomplete"),
        (b"\xff\xd8\xff" + bytes(photos.MAX_BYTES), "big.jpg", "photos can be 10.0 MB at most"),
    ],
)
def test_a_file_that_is_not_a_usable_photo_gets_a_clear_message_and_nothing_is_saved(
    editor_client, media_root, data, name, message
):
    exercise = Exercise.objects.get(slug="wall-angel")
    alt = "A woman standing with her back against a wall."

    response = add_photo(editor_client, exercise, upload=upload(data, name), alt_text=alt)

    assert response.status_code == 200
    assert message in text_of(response)
    assert not ExercisePhoto.objects.exists()
    assert not any(path.is_file() for path in media_root.rglob("*"))
    # What was typed is still there; only the file must be chosen again.
    assert soup(response).select_one("textarea[name=photos-0-alt_text]").get_text().strip() == alt


def test_a_photo_needs_a_description_and_a_credit_when_its_licence_asks_for_one(editor_client):
    exercise = Exercise.objects.get(slug="wall-angel")
    response = add_photo(editor_client, exercise, alt_text="", licence="cc-by-4.0")
    assert response.status_code == 200
    assert "This field is required." in text_of(response)
    response = add_photo(editor_client, exercise, licence="cc-by-4.0")
    assert "This licence asks for a credit: say who took it." in text_of(response)
    assert not ExercisePhoto.objects.exists()


def without_the_new_photo(data):
    """Return photo_form_data's data without its empty new photo."""
    new = data["photos-TOTAL_FORMS"] - 1
    for key in ("exercise", "order", "licence"):
        del data[f"photos-{new}-{key}"]
    data["photos-TOTAL_FORMS"] = new
    return data


def test_replacing_or_removing_a_photo_is_in_the_history_and_a_revert_brings_it_back(
    editor_client, client, media_root, django_capture_on_commit_callbacks
):
    exercise = Exercise.objects.get(slug="wall-angel")
    url = reverse("admin:exercises_exercise_change", args=[exercise.pk])
    with django_capture_on_commit_callbacks(execute=True):
        add_photo(editor_client, exercise, alt_text="A man standing at a wall, arms in a W.")
    added = exercise.history.latest()
    first = exercise.photos.get().renditions
    assert newest_row(editor_client, exercise)[3] == (
        "Photo 1: added “A man standing at a wall, arms in a W.”"
    )

    data = without_the_new_photo(photo_form_data(exercise))
    data["photos-0-upload"] = upload(picture("PNG", size=(900, 600)), "new.png")
    with django_capture_on_commit_callbacks(execute=True):
        assert editor_client.post(url, data).status_code == 302
    assert newest_row(editor_client, exercise)[3] == (
        "Photo 1: “A man standing at a wall, arms in a W.” → "
        "“A man standing at a wall, arms in a W. (a new file)”"
    )

    data = without_the_new_photo(photo_form_data(exercise))
    data["photos-0-DELETE"] = "on"
    with django_capture_on_commit_callbacks(execute=True):
        assert editor_client.post(url, data).status_code == 302
    assert not exercise.photos.exists()
    assert newest_row(editor_client, exercise)[3] == (
        "Photo 1: removed “A man standing at a wall, arms in a W.”"
    )

    version_page = soup(
        editor_client.get(
            reverse("admin:exercises_exercise_simple_history", args=[exercise.pk, added.history_id])
        )
    )
    rows = version_page.select("#version-photos tbody tr")
    assert [cell.get_text(" ", strip=True) for cell in rows[0].find_all(["th", "td"])] == [
        "1",
        "A man standing at a wall, arms in a W.",
        "(none)",
    ]

    with django_capture_on_commit_callbacks(execute=True):
        assert revert_in_admin(editor_client, exercise.pk, added).status_code == 302

    assert exercise.photos.get().renditions == first
    assert all((media_root / rendition["jpeg"]).is_file() for rendition in first)
    page = soup(client.get(exercise.get_absolute_url()))
    assert page.select_one(".exercise-photo img")["src"].endswith(first[1]["jpeg"])
    assert newest_row(editor_client, exercise)[3] == (
        "Photo 1: added “A man standing at a wall, arms in a W.”"
    )


def test_the_change_form_shows_the_photo_as_it_is_served(editor_client):
    exercise = Exercise.objects.get(slug="wall-angel")
    add_photo(editor_client, exercise)
    page = soup(editor_client.get(reverse("admin:exercises_exercise_change", args=[exercise.pk])))
    assert page.select_one("form[enctype='multipart/form-data']")
    thumbnail = page.select_one(".field-thumbnail img")
    assert thumbnail["src"].endswith("/w320.jpg") and thumbnail["alt"].startswith("A woman")


def test_media_serves_only_rendition_files_and_sets_no_cookie(client, media_root):
    (media_root / "exercise-photos").mkdir()
    (media_root / "exercise-photos" / "a.webp").write_bytes(picture("WEBP"))
    (media_root / "notes.txt").write_text("private")
    ok = client.get("/media/exercise-photos/a.webp")
    assert ok.status_code == 200 and ok["Content-Type"] == "image/webp"
    assert "immutable" in ok["Cache-Control"] and not ok.cookies
    assert (
        client.get("/media/exercise-photos/a.webp", HTTP_IF_NONE_MATCH=ok["ETag"]).status_code
        == 304
    )
    assert client.get("/media/exercise-photos/").status_code == 404  # no listing
    assert client.get("/media/exercise-photos").status_code == 404
    assert client.get("/media/notes.txt").status_code == 404
    assert client.get("/media/../backcare/settings.py").status_code == 404
    assert client.get("/media/%2e%2e/%2e%2e/etc/passwd").status_code == 404
    assert client.post("/media/exercise-photos/a.webp").status_code == 405
