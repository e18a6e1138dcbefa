"""/sitemap.xml (django.contrib.sitemaps): the public pages a search engine should
find, with the date each last changed where the data knows it. Only what the public
may see: static pages, the components and their results, published events and the
series that have any, published news stories, and the annual summary of each year
of the programme's term."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, Max, OuterRef
from django.urls import reverse

from apps.events.models import Event, Series
from apps.monitoring import records
from apps.news.models import Story
from apps.programme.models import Component
from apps.programme.selectors import programme_get_current


class StaticSitemap(Sitemap):
    """The fixed public pages, by URL name."""

    changefreq = "monthly"
    names = (
        "site:home",
        "site:about",
        "site:results",
        "events_public:list",
        "news:list",
        "news:publication_list",
        "site:open_data",
        "site:accessibility",
        "site:privacy",
        "site:legal_notice",
        "site:contact",
    )

    def items(self):
        return list(self.names)

    def location(self, item):
        return reverse(item)

    def priority(self, item):
        return 1.0 if item == "site:home" else 0.5


class ComponentSitemap(Sitemap):
    """Each component's page and its results page (one query)."""

    changefreq = "weekly"

    def items(self):
        components = Component.objects.order_by("number").only("slug", "updated_at")
        return [
            (name, component)
            for component in components
            for name in ("site:component_detail", "site:results_component")
        ]

    def location(self, item):
        name, component = item
        return reverse(name, args=[component.slug])

    def lastmod(self, item):
        return item[1].updated_at


class EventSitemap(Sitemap):
    """Published events (approved and public), newest first (one query)."""

    changefreq = "weekly"

    def items(self):
        return (
            records.published(Event.objects.all())
            .only("slug", "updated_at")
            .order_by("-starts_at", "-pk")
        )

    def location(self, item):
        return item.get_public_url()

    def lastmod(self, item):
        return item.updated_at


class SeriesSitemap(Sitemap):
    """Series with at least one published edition, last changed when the series or its
    newest-changed edition did (one query)."""

    changefreq = "monthly"

    def items(self):
        published = records.published(Event.objects.filter(series=OuterRef("pk")))
        return (
            Series.objects.filter(Exists(published))
            .annotate(editions_changed=Max("events__updated_at"))
            .only("slug", "updated_at")
            .order_by("title", "pk")
        )

    def location(self, item):
        return reverse("events_public:series", args=[item.slug])

    def lastmod(self, item):
        return max(filter(None, (item.updated_at, item.editions_changed)))


class StorySitemap(Sitemap):
    """Published news stories, newest first (one query)."""

    changefreq = "monthly"

    def items(self):
        return (
            records.published(Story.objects.all())
            .only("slug", "updated_at")
            .order_by("-published_on", "-pk")
        )

    def location(self, item):
        return item.get_public_url()

    def lastmod(self, item):
        return item.updated_at


class AnnualSummarySitemap(Sitemap):
    """The public summary of each year of the programme's term, /results/<year>/
    (apps.reporting; named by its URL only). One query: the programme."""

    changefreq = "monthly"

    def items(self):
        programme = programme_get_current()
        if programme is None:
            return []
        return list(range(programme.start_year, programme.end_year + 1))

    def location(self, item):
        return reverse("reporting:annual", kwargs={"year": item})


def sitemaps() -> dict[str, type[Sitemap]]:
    return {
        "pages": StaticSitemap,
        "components": ComponentSitemap,
        "events": EventSitemap,
        "series": SeriesSitemap,
        "stories": StorySitemap,
        "annual-summaries": AnnualSummarySitemap,
    }
