"""What news publishes on /open-data/ (apps.core.open_data, docs/open-data.md): the
published stories and publications, described (their texts and files stay on their
pages). Authors, reviewers and evidence are not part of it."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from apps.core.open_data import Column, Dataset
from apps.monitoring import records
from apps.programme.models import Component

from .models import Publication, Story

COMPONENTS = Prefetch("components", queryset=Component.objects.order_by("number"))
COMPONENT_SLUGS = _("The slugs of the components it is about, separated by “;”.")


def story_rows():
    """Two queries."""
    stories = (
        records.published(Story.objects.all())
        .prefetch_related(COMPONENTS)
        .only("pk", "slug", "title", "summary", "published_on")
        .order_by("-published_on", "-pk")
    )
    for story in stories:
        yield {
            "slug": story.slug,
            "title": story.title,
            "summary": story.summary,
            "published_on": story.published_on,
            "components": ";".join(component.slug for component in story.components.all()),
            "path": story.get_public_url(),
        }


def publication_rows():
    """Two queries."""
    publications = (
        records.published(Publication.objects.all())
        .prefetch_related(COMPONENTS)
        .only(
            "pk",
            "slug",
            "title",
            "kind",
            "summary",
            "language",
            "published_on",
            "file",
            "file_size",
        )
        .order_by("-published_on", "-pk")
    )
    for publication in publications:
        yield {
            "slug": publication.slug,
            "title": publication.title,
            "kind": publication.kind,
            "language": publication.language,
            "summary": publication.summary,
            "published_on": publication.published_on,
            "components": ";".join(c.slug for c in publication.components.all()),
            "file_format": publication.file_format,
            "file_size": publication.file_size,
            "path": publication.get_public_url(),
        }


def datasets() -> list[Dataset]:
    return [
        Dataset(
            slug="stories",
            title=_("News stories"),
            description=_("One row per published story, newest first."),
            columns=(
                Column("slug", _("The story's stable name.")),
                Column("title", _("The story's title.")),
                Column("summary", _("The story in a sentence or two.")),
                Column("published_on", _("The day it was published (ISO date).")),
                Column("components", COMPONENT_SLUGS),
                Column("path", _("Its page on this portal, e.g. /news/<slug>/.")),
            ),
            rows=story_rows,
        ),
        Dataset(
            slug="publications",
            title=_("Publications"),
            description=_("One row per published report, strategy, brief or toolkit."),
            columns=(
                Column("slug", _("The publication's stable name.")),
                Column("title", _("The publication's title.")),
                Column("kind", _("report, strategy, brief or toolkit.")),
                Column("language", _("The language it is written in (ISO 639 code).")),
                Column("summary", _("What it is and for whom.")),
                Column("published_on", _("The day it was published (ISO date).")),
                Column("components", COMPONENT_SLUGS),
                Column("file_format", _("PDF, DOCX or XLSX.")),
                Column("file_size", _("The file's size in bytes.")),
                Column("path", _("Where to download it on this portal.")),
            ),
            rows=publication_rows,
        ),
    ]
