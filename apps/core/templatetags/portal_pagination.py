"""{% pagination page_obj label %}: the one pager of every paginated list.

Numbered pages with the far ones elided ("1 2 3 … 40"), previous and next, and
links that keep the rest of the query string (a status filter, a search), so a
filtered list stays filtered from page to page.
"""

from django import template
from django.core.paginator import Page

register = template.Library()

PAGES_ON_EACH_SIDE = 2


@register.inclusion_tag("includes/_pagination.html", takes_context=True)
def pagination(context, page_obj: Page | None, label: str = "") -> dict:
    if page_obj is None or not page_obj.has_other_pages():
        return {"page_obj": None}
    query = context["request"].GET.copy()
    query.pop("page", None)

    def url(number: int) -> str:
        query["page"] = number
        return f"?{query.urlencode()}"

    paginator = page_obj.paginator
    numbers = paginator.get_elided_page_range(page_obj.number, on_each_side=PAGES_ON_EACH_SIDE)
    return {
        "page_obj": page_obj,
        "label": label,
        "pages": [
            (number, None if number == paginator.ELLIPSIS else url(number)) for number in numbers
        ],
        "previous_url": url(page_obj.previous_page_number()) if page_obj.has_previous() else "",
        "next_url": url(page_obj.next_page_number()) if page_obj.has_next() else "",
    }
