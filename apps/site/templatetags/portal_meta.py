"""Page metadata for templates/base.html: the Open Graph tags repeat the page's own
`title` and `description` blocks, so a page writes each once."""

import re

from django import template
from django.template.loader_tags import BLOCK_CONTEXT_KEY
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def block_text(context, name: str) -> SafeString:
    """What the block `name` renders to on this page (the most specific template's
    version), tags removed and white space collapsed, for an attribute's value.

    The block's output is already escaped by the template that renders it, and
    stripping tags adds no markup, so the text is safe as it stands.
    """
    block_context = context.render_context.get(BLOCK_CONTEXT_KEY)
    block = block_context.get_block(name) if block_context is not None else None
    if block is None:
        return mark_safe("")
    text = strip_tags(block.render(context))
    return mark_safe(re.sub(r"\s+", " ", text).strip())  # noqa: S308 - escaped by the template
