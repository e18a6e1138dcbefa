"""What search engines and link previews read: robots.txt and the sitemap view. The
page metadata (description, Open Graph) is in templates/base.html, filled by each
page's `title`, `description` and `og_image` blocks (templatetags/portal_meta.py)."""

from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.http import HttpResponse
from django.urls import reverse

from .sitemaps import sitemaps

# Staff and back-office pages: nothing there for a search engine, and signing in
# from a search result is not how anyone should reach them.
DISALLOWED = ("/admin/", "/workspace/", "/accounts/")


def robots_txt(request) -> HttpResponse:
    lines = ["User-agent: *"]
    lines += [f"Disallow: {path}" for path in DISALLOWED]
    lines += ["Allow: /", "", f"Sitemap: {request.build_absolute_uri(reverse('site:sitemap'))}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def sitemap(request):
    return sitemap_view(request, sitemaps=sitemaps())
