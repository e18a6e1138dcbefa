"""Links into the reporting app's public pages for other apps' templates, so that they
need not import it: `{% annual_summary_links programme as links %}` on /results/."""

from django import template
from django.urls import reverse

from apps.reporting.selectors import span_list

register = template.Library()


@register.simple_tag
def annual_summary_links(programme) -> list[dict]:
    """The term's annual summaries, [{"year": 2018, "url": "/results/2018/"}, …]; none
    without a programme. No query: the programme is passed in, already loaded."""
    if not programme:
        return []
    return [
        {"year": span.first.year, "url": reverse("reporting:annual", args=[span.first.year])}
        for span in span_list(programme=programme)
        if span.is_year
    ]
