"""Uploads: only real JPEG, PNG or WebP images within the limits; the master kept
is re-encoded without metadata and upright; renditions never enlarge."""

import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image, ImageCms

from apps.photos import images
from tests.photos.factories import image_bytes, upload

MB = 1024 * 1024


def _exif_jpeg(*, size=(300, 200), orientation=6) -> bytes:
    """A JPEG whose left half is red and right half blue, with an orientation tag,
    a GPS position, a camera model and a colour profile."""
    image = Image.new("RGB", size, (0, 0, 255))
    image.paste((255, 0, 0), (0, 0, size[0] // 2, size[1]))
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x0110] = "Secret Camera 3000"
    gps = exif.get_ifd(0x8825)
    gps[1] = "S"
    gps[2] = (6.0, 10.0, 30.0)
    gps[3] = "E"
    gps[4] = (106.0, 49.0, 0.0)
    buffer = io.BytesIO()
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    image.save(buffer, format="JPEG", exif=exif.tobytes(), icc_profile=icc, quality=95)
    return buffer.getvalue()


def test_prepare_refuses_a_file_that_is_not_an_image():
    with pytest.raises(ValidationError, match="This file is not a JPEG, PNG or WebP image"):
        images.prepare(upload(name="report.jpg", content=b"%PDF-1.7 not a photo" * 10))


def test_prepare_refuses_an_image_in_another_format():
    gif = image_bytes(size=(40, 40), fmt="GIF")
    with pytest.raises(ValidationError, match="This file is not a JPEG, PNG or WebP image"):
        images.prepare(upload(name="animation.jpg", content=gif))


def test_prepare_refuses_a_truncated_image():
    content = image_bytes(size=(800, 600))
    with pytest.raises(ValidationError, match="This file is not a JPEG, PNG or WebP image"):
        images.prepare(upload(content=content[: len(content) // 2]))


def test_prepare_accepts_a_png_named_jpg_and_keeps_what_it_is():
    png = image_bytes(size=(640, 480), fmt="PNG", color=(0, 0, 0, 0))
    master = images.prepare(upload(name="holiday.jpg", content=png))
    # A transparent PNG stays PNG; the name the uploader gave plays no part.
    assert master.ext == "png"
    assert Image.open(io.BytesIO(master.content)).format == "PNG"


def test_prepare_refuses_a_file_over_the_size_limit():
    content = image_bytes(size=(64, 64)) + b"\0" * (15 * MB)
    with pytest.raises(ValidationError, match=r"The file is 15\.1 MB; the limit is 15 MB"):
        images.prepare(upload(content=content))


def test_prepare_refuses_an_empty_file():
    with pytest.raises(ValidationError, match="The file is empty"):
        images.prepare(upload(content=b""))


@pytest.mark.parametrize(
    ("size", "message"),
    [
        ((8000, 5001), r"8000 × 5001 pixels \(40\.0 megapixels\); the limit is 40 megapixels"),
        # Past Pillow's own warning threshold: refused before anything is decoded.
        ((10000, 10000), "too many pixels; the limit is 40 megapixels"),
    ],
)
def test_prepare_refuses_too_many_pixels(size, message):
    buffer = io.BytesIO()
    Image.new("1", size).save(buffer, format="PNG")
    assert len(buffer.getvalue()) < MB  # small on disk: a decompression bomb
    with pytest.raises(ValidationError, match=message):
        images.prepare(upload(name="bomb.png", content=buffer.getvalue()))


def test_prepare_accepts_exactly_the_pixel_limit(monkeypatch):
    monkeypatch.setattr(images, "MAX_PIXELS", 600 * 400)
    master = images.prepare(upload(size=(600, 400)))
    assert (master.width, master.height) == (600, 400)
    with pytest.raises(ValidationError, match="megapixels"):
        images.prepare(upload(size=(600, 401)))


def test_prepare_strips_exif_gps_and_profile_and_applies_orientation():
    original = Image.open(io.BytesIO(_exif_jpeg()))
    assert original.getexif().get_ifd(0x8825)  # the upload has a GPS position

    master = images.prepare(upload(content=_exif_jpeg()))
    stored = Image.open(io.BytesIO(master.content))

    assert stored.format == "JPEG"
    assert len(stored.getexif()) == 0
    assert "exif" not in stored.info
    assert "icc_profile" not in stored.info
    assert b"Secret Camera" not in master.content
    # Orientation 6 (turn 90° clockwise): 300 × 200 becomes 200 × 300, the red
    # left half now on top.
    assert (master.width, master.height) == (200, 300)
    upright = stored.convert("RGB")
    assert upright.getpixel((100, 20))[0] > 200  # red at the top
    assert upright.getpixel((100, 20))[2] < 60
    assert upright.getpixel((100, 280))[2] > 200  # blue at the foot
    assert upright.getpixel((100, 280))[0] < 60


def test_prepare_accepts_webp():
    master = images.prepare(upload(name="x.webp", content=image_bytes(fmt="WEBP")))
    assert master.ext == "jpg"


@pytest.mark.parametrize(
    ("width", "expected"),
    [
        (3000, [480, 960, 1600]),
        (1600, [480, 960, 1600]),
        (1200, [480, 960, 1200]),
        (960, [480, 960]),
        (700, [480, 700]),
        (300, [300]),
    ],
)
def test_rendition_widths_never_enlarge(width, expected):
    assert images.rendition_widths(width) == expected


def test_renditions_are_webp_and_jpeg_at_each_width():
    master = images.prepare(upload(size=(2000, 1000)))
    files = images.renditions(master.content)
    assert sorted(files) == [
        (480, "jpg"),
        (480, "webp"),
        (960, "jpg"),
        (960, "webp"),
        (1600, "jpg"),
        (1600, "webp"),
    ]
    for (width, ext), content in files.items():
        made = Image.open(io.BytesIO(content))
        assert made.format == {"jpg": "JPEG", "webp": "WEBP"}[ext]
        assert made.size == (width, width // 2)
        assert len(made.getexif()) == 0


def test_renditions_of_a_small_master_are_not_enlarged():
    master = images.prepare(upload(size=(400, 300)))
    files = images.renditions(master.content)
    assert {key[0] for key in files} == {400}
    assert Image.open(io.BytesIO(files[(400, "webp")])).size == (400, 300)
