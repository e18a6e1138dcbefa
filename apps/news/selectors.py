"""Every read of the news app. Public pages read only published records
(`records.published`: approved and public), public photos (`Photo.objects.public()`)
and published events (the events app's `events_public`); /workspace/ reads what
`records.visible_to` allows. Each public read costs a fixed number of queries."""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from apps.events import selectors as event_selectors
from apps.monitoring import records
from apps.monitoring import selectors as monitoring_selectors
from apps.photos.models import Photo
from apps.programme.models import Component

from .models import Publication, PublicationEvidence, Story, StoryEvidence

# What a workspace list and a record's page read with every record.
RECORD_RELATIONS = ("unit", "created_by", "submitted_by", "reviewed_by")


# --- Staff and advisers ----------------------------------------------------------------


def story_list_for_user(*, user) -> QuerySet[Story]:
    return records.visible_to(Story.objects.select_related(*RECORD_RELATIONS), user=user)


def publication_list_for_user(*, user) -> QuerySet[Publication]:
    return records.visible_to(Publication.objects.select_related(*RECORD_RELATIONS), user=user)


def story_evidence_list_for_user(*, user) -> QuerySet[StoryEvidence]:
    stories = story_list_for_user(user=user)
    return StoryEvidence.objects.filter(record__in=stories.values("pk")).select_related("record")


def publication_evidence_list_for_user(*, user) -> QuerySet[PublicationEvidence]:
    publications = publication_list_for_user(user=user)
    return PublicationEvidence.objects.filter(record__in=publications.values("pk")).select_related(
        "record"
    )


def status_counts(records_qs: QuerySet) -> dict[str, int]:
    """How many of the records are in each review status (one query)."""
    return monitoring_selectors.status_counts(records_qs)


def photo_choices() -> QuerySet[Photo]:
    """The photos a story may lead with: those that may show in public."""
    return Photo.objects.public().order_by("-created_at", "-pk")


# --- Public -----------------------------------------------------------------------------


def _components() -> Prefetch:
    return Prefetch("components", queryset=Component.objects.order_by("number"))


def stories_public() -> QuerySet[Story]:
    """Published stories, newest first, with their public lead photo and components
    (three queries for a page of them, whatever its length)."""
    return (
        records.published(Story.objects.all())
        .prefetch_related(Prefetch("photo", queryset=Photo.objects.public()), _components())
        .order_by("-published_on", "-pk")
    )


def public_story_list(*, component: Component | None = None) -> QuerySet[Story]:
    stories = stories_public()
    if component is not None:
        stories = stories.filter(components=component)
    return stories


@dataclass(frozen=True)
class StoryCard:
    """One story as templates/components/story_card.html shows it."""

    title: str
    get_absolute_url: str  # the public page
    published_on: datetime.date
    summary: str
    photo: Photo | None


def story_card(story: Story) -> StoryCard:
    return StoryCard(
        title=story.title,
        get_absolute_url=story.get_public_url(),
        published_on=story.published_on,
        summary=story.summary,
        photo=story.photo,
    )


def latest_story_cards(*, limit: int = 3) -> list[StoryCard]:
    """The newest published stories as cards, for the home page (two queries: the
    stories and their public photos; none of the rest of the page's)."""
    stories = records.published(Story.objects.all()).prefetch_related(
        Prefetch("photo", queryset=Photo.objects.public())
    )
    return [story_card(story) for story in stories.order_by("-published_on", "-pk")[:limit]]


def public_story(*, slug: str) -> Story:
    """A published story with its public related events; 404 for any other."""
    events = event_selectors.events_public().order_by("-starts_at", "-pk")
    return get_object_or_404(
        stories_public().prefetch_related(Prefetch("events", queryset=events)), slug=slug
    )


def publications_public() -> QuerySet[Publication]:
    """Published publications, newest first, with their components."""
    return (
        records.published(Publication.objects.all())
        .prefetch_related(_components())
        .order_by("-published_on", "-pk")
    )


def public_publication_list(
    *, component: Component | None = None, kind: str = ""
) -> QuerySet[Publication]:
    publications = publications_public()
    if component is not None:
        publications = publications.filter(components=component)
    if kind:
        publications = publications.filter(kind=kind)
    return publications


def public_publication(*, slug: str) -> Publication:
    """A published publication (to download its file); 404 for any other."""
    return get_object_or_404(records.published(Publication.objects.all()), slug=slug)


def component_choices() -> list[Component]:
    """The components a visitor may filter by."""
    return list(Component.objects.order_by("number"))


def component_named(slug: str, choices: list[Component]) -> Component | None:
    """The component a filter names, among `choices`; None for an empty or unknown
    one (a bad value is ignored, never an error)."""
    return next((component for component in choices if slug and component.slug == slug), None)


def story_for_preview(*, user, pk: int) -> Story:
    """Any story the person may see, whatever its status, with what its public page
    reads, as visitors would see it once published (public photo and events only)."""
    events = event_selectors.events_public().order_by("-starts_at", "-pk")
    stories = records.visible_to(Story.objects.all(), user=user).prefetch_related(
        Prefetch("photo", queryset=Photo.objects.public()),
        _components(),
        Prefetch("events", queryset=events),
    )
    return get_object_or_404(stories, pk=pk)
