"""What may be uploaded as a photo, and the files made from it (Pillow).

`prepare(file)` checks an upload and returns a cleaned master: a JPEG, PNG or
WebP file within the limits, decoded in full (a truncated file is refused
here, not when it is shown), turned upright by its EXIF orientation, converted
to sRGB, and re-encoded from its pixels alone, so no EXIF, GPS position,
camera serial number or embedded thumbnail survives. `renditions(master)` makes
the sizes visitors get: WebP and a JPEG fallback at each width, never wider
than the master.

Pixels are checked from the header before anything is decoded, so a small
file that would unpack into gigabytes (a decompression bomb) is refused cheaply.
"""

import io
import math
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

MB = 1024 * 1024
MAX_FILE_BYTES = 15 * MB
MAX_PIXELS = 40_000_000
# The widths visitors' browsers choose from (`srcset`); a master narrower than
# the largest gets its own width instead of an enlarged copy.
RENDITION_WIDTHS = (480, 960, 1600)
# Pillow's names of the formats accepted (MPO: a phone camera's JPEG with a second picture).
ACCEPTED_FORMATS = {"JPEG", "MPO", "PNG", "WEBP"}
MASTER_JPEG_QUALITY = 92
WEBP_QUALITY = 80
JPEG_QUALITY = 82
# Formats of the renditions, as URL extensions, and their content types.
RENDITION_TYPES = {"webp": "image/webp", "jpg": "image/jpeg"}


def not_an_image() -> ValidationError:
    return ValidationError(_("This file is not a JPEG, PNG or WebP image."), code="not_an_image")


@dataclass(frozen=True)
class Master:
    """A cleaned, re-encoded image, ready to be stored."""

    content: bytes
    ext: str  # "jpg" or "png"
    width: int
    height: int


def _megabytes(size: int) -> str:
    """To one decimal, rounded up: a size over a limit never reads as the limit."""
    return f"{math.ceil(size * 10 / MB) / 10:.1f}"


def _too_many_pixels(width: int, height: int) -> ValidationError:
    return ValidationError(
        _(
            "The image is %(width)s × %(height)s pixels (%(megapixels)s megapixels); "
            "the limit is %(limit)d megapixels. Save a smaller copy and upload that."
        )
        % {
            "width": width,
            "height": height,
            "megapixels": f"{width * height / 1_000_000:.1f}",
            "limit": MAX_PIXELS // 1_000_000,
        },
        code="too_many_pixels",
    )


def _open(file) -> Image.Image:
    """Open (header only) and check format and pixel count. Raises ValidationError."""
    file.seek(0)
    try:
        with warnings.catch_warnings():
            # Pillow warns (and beyond twice its limit raises) for huge images;
            # either way our own limit, lower than Pillow's, refuses them.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(file)
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as bomb:
        raise ValidationError(
            _("The image has too many pixels; the limit is %(limit)d megapixels.")
            % {"limit": MAX_PIXELS // 1_000_000},
            code="too_many_pixels",
        ) from bomb
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise not_an_image() from error
    if image.format not in ACCEPTED_FORMATS:
        raise not_an_image()
    if image.width * image.height > MAX_PIXELS:
        raise _too_many_pixels(image.width, image.height)
    return image


def validate(file: UploadedFile) -> None:
    """Check size, type and pixel count without decoding the image. Raises ValidationError."""
    size = file.size or 0
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if size > MAX_FILE_BYTES:
        raise ValidationError(
            _("The file is %(size)s MB; the limit is %(limit)d MB.")
            % {"size": _megabytes(size), "limit": MAX_FILE_BYTES // MB},
            code="too_big",
        )
    image = _open(file)
    try:
        image.verify()
    except Exception as error:  # Pillow raises many kinds for a damaged file
        raise not_an_image() from error
    finally:
        file.seek(0)


def prepare(file: UploadedFile) -> Master:
    """The upload checked (`validate`), decoded in full, upright, in sRGB and
    re-encoded without metadata. Raises ValidationError."""
    validate(file)
    image = _open(file)
    try:
        image.load()
        upright = ImageOps.exif_transpose(image)
    except Exception as error:  # truncated or damaged data shows only when decoded
        raise not_an_image() from error
    finally:
        file.seek(0)
    clean = _pixels_only(_to_srgb(upright))
    buffer = io.BytesIO()
    if clean.mode == "RGBA":
        clean.save(buffer, format="PNG", optimize=True)
        ext = "png"
    else:
        clean.save(buffer, format="JPEG", quality=MASTER_JPEG_QUALITY, optimize=True)
        ext = "jpg"
    return Master(content=buffer.getvalue(), ext=ext, width=clean.width, height=clean.height)


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )


def _to_srgb(image: Image.Image) -> Image.Image:
    """RGB or RGBA in sRGB: an embedded colour profile (Adobe RGB, a camera's)
    is applied rather than dropped, so colours stay as the photographer saw them."""
    mode = "RGBA" if _has_alpha(image) else "RGB"
    profile = image.info.get("icc_profile")
    if profile and image.mode in ("RGB", "RGBA", "CMYK"):
        try:
            converted = ImageCms.profileToProfile(
                image,
                ImageCms.ImageCmsProfile(io.BytesIO(profile)),
                ImageCms.createProfile("sRGB"),
                outputMode=mode if image.mode != "CMYK" else "RGB",
            )
            if converted is not None:
                return converted.convert(mode)
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile: fall back to the plain conversion
    return image.convert(mode)


def _pixels_only(image: Image.Image) -> Image.Image:
    """A new image holding the pixels and nothing else (no EXIF, XMP, ICC, comments)."""
    clean = Image.new(image.mode, image.size)
    clean.paste(image)
    return clean


def rendition_widths(width: int) -> list[int]:
    """The widths made for a master `width` pixels wide: never wider than it."""
    return sorted({min(target, width) for target in RENDITION_WIDTHS})


def renditions(master: bytes) -> dict[tuple[int, str], bytes]:
    """Every rendition of a master: {(width, "webp" | "jpg"): file content}."""
    with Image.open(io.BytesIO(master)) as opened:
        image = opened.convert("RGBA" if _has_alpha(opened) else "RGB")
    files = {}
    for width in rendition_widths(image.width):
        height = max(1, round(image.height * width / image.width))
        resized = (
            image
            if width == image.width
            else image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
        )
        webp = io.BytesIO()
        resized.save(webp, format="WEBP", quality=WEBP_QUALITY, method=4)
        files[(width, "webp")] = webp.getvalue()
        jpeg = io.BytesIO()
        _flattened(resized).save(
            jpeg, format="JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True
        )
        files[(width, "jpg")] = jpeg.getvalue()
    return files


def _flattened(image: Image.Image) -> Image.Image:
    """JPEG has no transparency: put a transparent image on white."""
    if image.mode != "RGBA":
        return image
    background = Image.new("RGB", image.size, (255, 255, 255))
    background.paste(image, mask=image.getchannel("A"))
    return background
