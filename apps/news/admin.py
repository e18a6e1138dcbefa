"""The advisers' back office for stories and publications.

Both are review queues (`monitoring.review_admin.ReviewQueueAdmin`): read-only,
approved (published) or returned through this app's services, with their files and
audit trail (the history: who, when, what changed) on their page; filters by status,
component, unit (and kind and language for publications) and search. A story's
"Preview" shows it as the public will see it, at any status, to advisers only.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.accounts.permissions import sees_every_unit
from apps.core.markdown import render_markdown
from apps.monitoring.admin import waiting_since
from apps.monitoring.review_admin import REVIEW_FIELDS, EvidenceInline, ReviewQueueAdmin

from . import selectors, services
from .models import Publication, PublicationEvidence, Story, StoryEvidence


@admin.display(description=_("unit"), ordering="unit__abbreviation")
def unit_abbreviation(record) -> str:
    return format_html('<abbr title="{}">{}</abbr>', record.unit.name, record.unit.abbreviation)


class StoryEvidenceInline(EvidenceInline):
    model = StoryEvidence


class PublicationEvidenceInline(EvidenceInline):
    model = PublicationEvidence


@admin.register(Story)
class StoryAdmin(ReviewQueueAdmin):
    approve_service = staticmethod(services.story_approve)
    return_service = staticmethod(services.story_return)
    record_argument = "story"

    list_display = ("title", "published_on", unit_abbreviation, waiting_since, "preview_link")
    list_filter = ("status", "components", "unit", "is_public")
    search_fields = ("title", "summary", "body", "unit__name", "unit__abbreviation")
    list_select_related = ("unit",)
    date_hierarchy = "published_on"
    inlines = (StoryEvidenceInline,)
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "preview_link",
                    "title",
                    "slug",
                    "summary",
                    "body",
                    "published_on",
                    "photo",
                    "components",
                    "events",
                    "unit",
                    "is_public",
                )
            },
        ),
        (_("Review"), {"fields": REVIEW_FIELDS}),
    )
    readonly_fields = (*ReviewQueueAdmin.readonly_fields, "slug", "preview_link")

    def get_queryset(self, request):
        return selectors.story_list_for_user(user=request.user)

    def get_urls(self):
        opts = self.opts
        return [
            path(
                "<int:pk>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name=f"{opts.app_label}_{opts.model_name}_preview",
            ),
            *super().get_urls(),
        ]

    @admin.display(description=_("preview"))
    def preview_link(self, story: Story) -> str:
        if story is None or story.pk is None:
            return ""
        url = reverse("admin:news_story_preview", args=[story.pk], current_app=self.admin_site.name)
        return format_html(
            '<a href="{}">{}<span class="visually-hidden"> “{}”</span></a>',
            url,
            gettext("Preview"),
            story.title,
        )

    def preview_view(self, request, pk: int):
        """The story as the public page shows it (the public template, the sanitised
        body, only public photos and events), at any review status: for advisers."""
        if not (sees_every_unit(request.user) and self.has_view_permission(request)):
            raise PermissionDenied
        story = selectors.story_for_preview(user=request.user, pk=pk)
        response = TemplateResponse(
            request,
            "news/story_detail.html",
            {
                "story": story,
                "body": render_markdown(story.body),
                "events": [
                    {"title": event.title, "url": event.get_public_url(), "date": event.start_date}
                    for event in story.events.all()
                ],
                "crumbs": [{"title": gettext("News"), "url": reverse("news:list")}],
                "preview": True,
                "change_url": reverse(
                    "admin:news_story_change", args=[story.pk], current_app=self.admin_site.name
                ),
            },
        )
        response["X-Robots-Tag"] = "noindex"
        return response


@admin.register(Publication)
class PublicationAdmin(ReviewQueueAdmin):
    approve_service = staticmethod(services.publication_approve)
    return_service = staticmethod(services.publication_return)
    record_argument = "publication"

    list_display = ("title", "kind", "language", "published_on", unit_abbreviation, waiting_since)
    list_filter = ("status", "kind", "language", "components", "unit", "is_public")
    search_fields = ("title", "summary", "unit__name", "unit__abbreviation")
    list_select_related = ("unit",)
    date_hierarchy = "published_on"
    inlines = (PublicationEvidenceInline,)
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "title",
                    "slug",
                    "kind",
                    "summary",
                    "download",
                    "language",
                    "published_on",
                    "components",
                    "unit",
                    "is_public",
                )
            },
        ),
        (_("Review"), {"fields": REVIEW_FIELDS}),
    )
    readonly_fields = (*ReviewQueueAdmin.readonly_fields, "slug", "download")

    def get_queryset(self, request):
        return selectors.publication_list_for_user(user=request.user)

    @admin.display(description=_("file"))
    def download(self, publication: Publication) -> str:
        if publication is None or not publication.file:
            return ""
        return format_html(
            '<a href="{}" download>{}</a> ({})',
            reverse("news_staff:publication_file", args=[publication.pk]),
            gettext("Download"),
            publication.file_format,
        )
