"""Exercise photos: check an upload by its content, and make the small, clean copies pages serve.

The file a member of staff uploads is never kept or served: it is read once, checked, turned
upright (EXIF orientation) and saved again at a few widths as WebP and JPEG, without any of its
metadata (camera, date, place). Pages serve those renditions with srcset.
"""

import io
import uuid
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

MAX_BYTES = 10 * 1024 * 1024
# A 24-megapixel camera photo is fine; 40 megapixels (or a small file that claims to be huge, a
# "decompression bomb") is refused before it is decoded.
MAX_PIXELS = 30_000_000
MIN_WIDTH = 320
WIDTHS = (320, 640, 1024)
FORMATS = {"JPEG": "a JPEG", "PNG": "a PNG", "WEBP": "a WebP"}
ACCEPTED = "Upload a JPEG, PNG or WebP photo."
EMPTY = f"This file is empty (0 bytes). {ACCEPTED}"
JPEG_QUALITY, WEBP_QUALITY = 82, 80


@dataclass(frozen=True)
class Rendition:
    width: int
    height: int
    webp: str
    jpeg: str


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def _kind_of(head: bytes) -> str:
    """Name a file that is not an image by its first bytes, so the message can say what it is."""
    for magic, kind in (
        (b"%PDF", "a PDF document"),
        (b"PK\x03\x04", "a zip file (perhaps a Word or Pages document)"),
        (b"\xd0\xcf\x11\xe0", "an old Office document"),
    ):
        if head.startswith(magic):
            return kind
    if head[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1", b"ftyphevc"):
        return "a HEIC photo (an iPhone's own format)"
    return ""


def check(upload) -> Image.Image:
    """Open an uploaded file as a photo, or raise ValidationError saying why it cannot be one.

    Checks what the file is, never its name: a PDF renamed photo.jpg is still a PDF.
    """
    size = upload.size
    if not size:
        raise ValidationError(EMPTY)
    if size > MAX_BYTES:
        raise ValidationError(
            f"The file is {_megabytes(size)}; photos can be {_megabytes(MAX_BYTES)} at most. "
            "Save a smaller copy (for example 2,000 pixels wide) and upload that."
        )
    upload.seek(0)
    data = upload.read()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValidationError(
            f"This image claims to have far too many pixels to open safely. {ACCEPTED}"
        ) from error
    except (UnidentifiedImageError, OSError, ValueError) as error:
        kind = _kind_of(data[:16])
        what = f"This file is {kind}, not a photo." if kind else "This file is not an image."
        raise ValidationError(f"{what} {ACCEPTED}") from error
    if image.format not in FORMATS:
        raise ValidationError(f"This is a {image.format} image. {ACCEPTED}")
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise ValidationError(
            f"This photo is {width:,} × {height:,} pixels ({width * height / 1e6:.0f} megapixels); "
            f"photos can have {MAX_PIXELS / 1e6:.0f} megapixels at most. Save a smaller copy "
            "(for example 2,000 pixels wide) and upload that."
        )
    if min(width, height) < MIN_WIDTH:
        raise ValidationError(
            f"This photo is only {width} × {height} pixels; it needs to be at least {MIN_WIDTH} "
            "pixels on each side to look sharp on a phone."
        )
    try:
        if image.format == "JPEG":
            # Decode no more pixels than the largest rendition needs.
            image.draft("RGB", (WIDTHS[-1] * 2, WIDTHS[-1] * 2))
        image.load()
    except (OSError, SyntaxError, ValueError) as error:
        raise ValidationError(
            f"This image is damaged or incomplete and cannot be opened. {ACCEPTED}"
        ) from error
    return image


def _upright_rgb(image: Image.Image) -> Image.Image:
    """Turn the photo as its camera meant (EXIF orientation), in sRGB colours, without alpha."""
    icc = image.info.get("icc_profile")
    image = ImageOps.exif_transpose(image)
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        image = image.convert("RGBA")
        white = Image.new("RGBA", image.size, (255, 255, 255, 255))
        image = Image.alpha_composite(white, image)
    image = image.convert("RGB")
    if icc:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            image = ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"))
        except (ImageCms.PyCMSError, OSError):
            pass  # An unreadable profile: keep the colours as they are.
    return pixels_only(image)


def pixels_only(image: Image.Image) -> Image.Image:
    """Return a new image with the same pixels and nothing else.

    Pillow carries a photo's `info` (a JPEG's comment, EXIF, XMP, ICC profile, a PNG's text) along
    through convert() and resize(), and its JPEG writer saves the comment again: only a new image
    made from the pixels alone is sure to hold none of it.
    """
    clean = Image.new(image.mode, image.size)
    clean.paste(image)
    return clean


def make_renditions(image: Image.Image, folder: str) -> list[Rendition]:
    """Save the photo at each width (never wider than it is) as WebP and JPEG, in `folder`."""
    image = _upright_rgb(image)
    width, height = image.size
    widths = [w for w in WIDTHS if w < width] + [min(width, WIDTHS[-1])]
    renditions = []
    for target in sorted(set(widths)):
        scaled = image.resize((target, round(height * target / width)), Image.Resampling.LANCZOS)
        names = {}
        for kind, options in (
            ("webp", {"format": "WEBP", "quality": WEBP_QUALITY, "method": 4}),
            (
                "jpeg",
                {"format": "JPEG", "quality": JPEG_QUALITY, "optimize": True, "progressive": True},
            ),
        ):
            buffer = io.BytesIO()
            # No exif=, comment= or icc_profile=, and an image with an empty info: the copies
            # carry no metadata at all (sRGB is what a browser assumes without a profile).
            scaled.save(buffer, **options)
            extension = "webp" if kind == "webp" else "jpg"
            names[kind] = default_storage.save(
                f"{folder}/w{target}.{extension}", ContentFile(buffer.getvalue())
            )
        renditions.append(Rendition(target, scaled.height, names["webp"], names["jpeg"]))
    return renditions


def new_folder(exercise_slug: str) -> str:
    """Return a folder of its own for one upload's renditions (so their names never change)."""
    return f"exercise-photos/{exercise_slug}/{uuid.uuid4().hex[:16]}"
