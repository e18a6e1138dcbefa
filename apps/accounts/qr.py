"""QR codes as inline SVG (segno: pure Python, no image library, no data: URL)."""

import segno
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def qr_code_svg(data: str, *, label: str) -> SafeString:
    """`data` as an inline <svg> QR code named `label` for assistive technology.

    Dark modules on a white ground with the standard quiet zone, so phones read
    it on any page background. The SVG holds only path data made by segno and
    the escaped label, so it is safe to put in the page as it is.
    """
    svg = segno.make(data, error="m").svg_inline(
        scale=4, border=4, dark="#000", light="#fff", svgclass="portal-qr", lineclass=None
    )
    labelled = svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1)
    return mark_safe(labelled)  # noqa: S308 - segno's own markup plus an escaped label
