"""{{ text|markdown }}: staff-written Markdown as sanitised HTML (apps.core.markdown)."""

from django import template

from apps.core.markdown import render_markdown

register = template.Library()


@register.filter
def markdown(text: str):
    return render_markdown(text)
