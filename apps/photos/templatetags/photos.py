"""{% photo %}: a photo with its caption and credit; {% photo_og_image %}: its
Open Graph tags. Both render nothing without a photo."""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.inclusion_tag("components/photo.html")
def photo(photo, sizes: str = "100vw", loading: str = "lazy", variant: str = ""):
    """{% photo photo sizes="(min-width: 62em) 50vw, 100vw" %}"""
    return {"photo": photo, "sizes": sizes, "loading": loading, "variant": variant}


@register.simple_tag(takes_context=True)
def photo_og_image(context, photo) -> str:
    """og:image and its size and alt text, for base.html's `og_image` block:
    the photo's largest JPEG rendition as an absolute URL."""
    if not photo or not photo.rendition_widths:
        return ""
    width = photo.rendition_widths[-1]
    url = context["request"].build_absolute_uri(photo.rendition_url(width, "jpg"))
    return format_html(
        '<meta property="og:image" content="{}">\n'
        '  <meta property="og:image:width" content="{}">\n'
        '  <meta property="og:image:height" content="{}">\n'
        '  <meta property="og:image:alt" content="{}">',
        url,
        width,
        photo.rendition_height(width),
        photo.alt_text,
    )
