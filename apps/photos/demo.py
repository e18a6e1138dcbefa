"""Demo illustrations: calm compositions in the portal's palette, drawn with
Pillow, so a developer's portal has pictures without any stock photo.

They are credited honestly as illustrations made for the demo; a real
deployment uploads real photos. Loaded by `seed_demo` only where DEBUG is on;
idempotent (a photo with the same alt text is left as it is).
"""

import io
import itertools
import math
import random
from collections.abc import Callable
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from PIL import Image, ImageDraw

from apps.programme.models import Component

from . import images, services
from .models import Photo

WIDTH, HEIGHT = 1600, 900
# Drawn this many times larger, then reduced: smooth edges without noise.
SCALE = 2

BLUE = (11, 59, 130)
BLUE_DARK = (7, 42, 94)
BLUE_MID = (46, 96, 168)
BLUE_TINT = (232, 238, 248)
RED = (179, 18, 46)
YELLOW = (242, 201, 76)
GREY_100 = (243, 245, 248)
GREY_300 = (213, 219, 227)
GREY_700 = (74, 85, 99)
WHITE = (255, 255, 255)

CREDIT = "generated for the demo"
HOLDER = "GIZ"


def _canvas(color) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    image = Image.new("RGB", (WIDTH * SCALE, HEIGHT * SCALE), color)
    return image, ImageDraw.Draw(image, "RGBA")


def _s(*values: float) -> list[int]:
    """Design coordinates (1600 × 900) to the canvas's."""
    return [round(v * SCALE) for v in values]


def _circle(draw, cx, cy, r, **kwargs) -> None:
    draw.ellipse(_s(cx - r, cy - r, cx + r, cy + r), **kwargs)


def _finish(image: Image.Image) -> bytes:
    small = image.resize((WIDTH, HEIGHT), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    small.save(buffer, format="PNG")
    return buffer.getvalue()


def member_states() -> bytes:
    """Ten circles for the ten member states, linked, over ASEAN blue; a band of
    the flag's red and yellow along the foot."""
    image, draw = _canvas(BLUE_DARK)
    # From the darker blue on the left (where a page's text panel sits) to ASEAN blue.
    for x in range(WIDTH):
        t = min(1.0, max(0.0, (x - 300) / 700))
        colour = tuple(round(d + (b - d) * t) for d, b in zip(BLUE_DARK, BLUE, strict=True))
        draw.line(_s(x, 0, x, HEIGHT), fill=colour, width=SCALE)
    top = [(790 + col * 160, 300) for col in range(5)]
    bottom = [(870 + col * 160, 480) for col in range(5)]
    lattice = [(top[i], bottom[i]) for i in range(5)] + [(bottom[i], top[i + 1]) for i in range(4)]
    lattice += list(itertools.pairwise(top)) + list(itertools.pairwise(bottom))
    for (x1, y1), (x2, y2) in lattice:
        draw.line(_s(x1, y1, x2, y2), fill=(*BLUE_TINT, 80), width=3 * SCALE)
    for i, (x, y) in enumerate(top + bottom):
        _circle(draw, x, y, 50, fill=(*BLUE_TINT, 255))
        _circle(draw, x, y, 22, fill=YELLOW if i == 4 else (*BLUE_MID, 255))
    draw.rectangle(_s(0, 780, WIDTH, 812), fill=RED)
    draw.rectangle(_s(0, 812, WIDTH, 844), fill=YELLOW)
    return _finish(image)


def process_bands() -> bytes:
    """Horizontal bands of different lengths, like steps of a process that line up."""
    image, draw = _canvas(GREY_100)
    rng = random.Random(7)  # noqa: S311 - a fixed pattern, not security
    colours = [BLUE, BLUE_MID, BLUE_DARK, BLUE_MID, BLUE, GREY_700, BLUE_MID]
    for i, colour in enumerate(colours):
        y = 150 + i * 88
        start = 160 + rng.randint(0, 5) * 90
        length = 420 + rng.randint(0, 6) * 80
        draw.rounded_rectangle(_s(start, y, start + length, y + 52), radius=26 * SCALE, fill=colour)
        # A small marker where each step hands over to the next.
        _circle(draw, start + length + 48, y + 26, 14, fill=YELLOW if i == 3 else GREY_300)
    draw.rectangle(_s(0, 0, 40, HEIGHT), fill=RED)
    return _finish(image)


def connected_nodes() -> bytes:
    """Nodes along two gentle arcs, linked across: connectivity."""
    image, draw = _canvas(BLUE_TINT)
    top = [(200 + i * 240, 260 - 70 * math.sin(math.pi * i / 5)) for i in range(6)]
    bottom = [(320 + i * 240, 640 + 60 * math.sin(math.pi * i / 4)) for i in range(5)]
    for x1, y1 in top:
        for x2, y2 in bottom:
            if abs(x1 - x2) < 300:
                draw.line(_s(x1, y1, x2, y2), fill=(*BLUE, 110), width=4 * SCALE)
    for points in (top, bottom):
        for (x1, y1), (x2, y2) in itertools.pairwise(points):
            draw.line(_s(x1, y1, x2, y2), fill=BLUE, width=8 * SCALE)
    for i, (x, y) in enumerate(top + bottom):
        _circle(draw, x, y, 34, fill=WHITE, outline=BLUE, width=8 * SCALE)
        _circle(draw, x, y, 14, fill=RED if i == 7 else BLUE)
    return _finish(image)


def skyline() -> bytes:
    """A city's skyline under a pale sky, with a sun: sustainable urbanisation."""
    image, draw = _canvas(BLUE_TINT)
    _circle(draw, 1180, 300, 120, fill=YELLOW)
    rng = random.Random(11)  # noqa: S311 - a fixed pattern, not security
    x = 0
    while x < WIDTH:
        width = rng.choice((90, 120, 150))
        height = rng.choice((220, 300, 380, 460, 540))
        colour = rng.choice((BLUE, BLUE_MID, BLUE_DARK))
        draw.rectangle(_s(x, HEIGHT - 120 - height, x + width - 12, HEIGHT - 120), fill=colour)
        # Rows of windows, quietly lighter.
        for wy in range(HEIGHT - 100 - height, HEIGHT - 150, 48):
            for wx in range(x + 18, x + width - 36, 34):
                draw.rectangle(_s(wx, wy, wx + 14, wy + 20), fill=(*BLUE_TINT, 70))
        x += width
    draw.rectangle(_s(0, HEIGHT - 120, WIDTH, HEIGHT), fill=(*GREY_300, 255))
    draw.rectangle(_s(0, HEIGHT - 120, WIDTH, HEIGHT - 108), fill=(*GREY_700, 255))
    return _finish(image)


def inclusion_circles() -> bytes:
    """Circles of different sizes overlapping on one ground: a diverse workplace."""
    image, draw = _canvas(GREY_100)
    circles = [
        (520, 450, 260, (*BLUE, 210)),
        (820, 380, 220, (*YELLOW, 200)),
        (1060, 520, 240, (*RED, 170)),
        (760, 640, 150, (*BLUE_MID, 190)),
        (1240, 300, 110, (*BLUE_DARK, 200)),
    ]
    for x, y, r, colour in circles:
        _circle(draw, x, y, r, fill=colour)
    draw.rectangle(_s(0, HEIGHT - 24, WIDTH, HEIGHT), fill=BLUE)
    return _finish(image)


@dataclass(frozen=True)
class DemoIllustration:
    draw: Callable[[], bytes]
    alt_text: str
    caption: str
    component_slugs: tuple[str, ...] = ()
    featured_on_home: bool = False


DEMO_ILLUSTRATIONS = (
    DemoIllustration(
        draw=skyline,
        alt_text="Illustration: a city skyline in shades of blue under a yellow sun",
        caption="Sustainable urbanisation: cities that grow with ASEAN (demo illustration)",
        component_slugs=("connectivity",),
    ),
    DemoIllustration(
        draw=process_bands,
        alt_text="Illustration: blue bands of different lengths, lined up like steps of a process",
        caption="Organisational processes at the Secretariat (demo illustration)",
        component_slugs=("organisational-processes",),
    ),
    DemoIllustration(
        draw=connected_nodes,
        alt_text="Illustration: white and blue nodes linked by lines along two arcs",
        caption="Connectivity: the Master Plan links ten countries (demo illustration)",
        component_slugs=("connectivity",),
    ),
    DemoIllustration(
        draw=inclusion_circles,
        alt_text="Illustration: overlapping circles in blue, yellow and red of different sizes",
        caption="Diversity and inclusion at the Secretariat (demo illustration)",
        component_slugs=("diversity-inclusion",),
    ),
    DemoIllustration(
        draw=member_states,
        alt_text=(
            "Illustration: ten linked circles, one for each member state, over ASEAN blue "
            "with a red and yellow band"
        ),
        caption="Ten member states, one community (demo illustration)",
        featured_on_home=True,
    ),
)


@transaction.atomic
def photos_demo_load() -> dict[str, int]:
    """Create the demo illustrations that are missing; returns rows created."""
    created = 0
    components = {c.slug: c for c in Component.objects.all()}
    for spec in DEMO_ILLUSTRATIONS:
        if Photo.objects.filter(alt_text=spec.alt_text).exists():
            continue
        upload = SimpleUploadedFile("illustration.png", spec.draw(), "image/png")
        photo = services.photo_save(
            photo=Photo(
                alt_text=spec.alt_text,
                caption=spec.caption,
                credit=CREDIT,
                copyright_holder=HOLDER,
                kind=Photo.Kind.ILLUSTRATION,
                licence=Photo.Licence.ALL_RIGHTS_RESERVED,
                people=Photo.People.NONE,
                is_published=True,
                featured_on_home=spec.featured_on_home,
            ),
            master=images.prepare(upload),
        )
        photo.components.set(
            [components[slug] for slug in spec.component_slugs if slug in components]
        )
        created += 1
    return {"illustrations": created}
