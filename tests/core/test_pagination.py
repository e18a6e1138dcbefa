"""The one pager: {% pagination page_obj label %}."""

import re

from django.core.paginator import Paginator
from django.template import Context, Template
from django.test import RequestFactory

TEMPLATE = Template("{% load portal_pagination %}{% pagination page_obj 'Pages of things' %}")


def _render(*, items: int, page: int, query: str = "") -> str:
    request = RequestFactory().get(f"/things/?{query}")
    page_obj = Paginator(range(items), 10).get_page(page)
    return TEMPLATE.render(Context({"request": request, "page_obj": page_obj}))


def _links(html: str) -> list[str]:
    return re.findall(r'href="([^"]+)"', html)


def test_one_page_shows_no_pager():
    assert _render(items=10, page=1).strip() == ""


def test_two_pages_show_the_pager_labelled_with_the_current_page_marked():
    html = _render(items=11, page=1)

    assert 'aria-label="Pages of things"' in html
    assert 'href="?page=1" aria-current="page"' in html
    assert _links(html) == ["?page=1", "?page=2", "?page=2"]  # 1, 2, next
    assert 'rel="prev"' not in html


def test_links_keep_the_filters_of_the_query_string_and_replace_the_page():
    html = _render(items=30, page=2, query="status=submitted&page=2&q=forum")

    assert "?status=submitted&amp;q=forum&amp;page=1" in html
    assert "?status=submitted&amp;q=forum&amp;page=3" in html
    assert "page=2&amp;page" not in html


def test_a_long_list_elides_far_pages():
    html = _render(items=400, page=20)

    numbers = [int(n) for n in re.findall(r'aria-label="Page (\d+)"', html)]
    assert numbers == [1, 2, 18, 19, 20, 21, 22, 39, 40]
    assert html.count("…") == 2
