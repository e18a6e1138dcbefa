"""The staff's pages of stories and publications, under /workspace/news/: one
`RecordKind` each (apps.monitoring.record_views), so the list, the record's page, the
forms, submit, delete and the evidence files behave as every reviewed record's.

Staff of any unit write news (the models name no component); advisers see every
unit's records.
"""

from django.utils.translation import gettext_lazy as _

from apps.monitoring.record_views import RecordKind

from . import forms, selectors, services
from .models import Publication, Story


class NewsKind(RecordKind):
    namespace = "news_staff"
    record_argument: str  # the services' keyword for the record

    def get_detail_fields(self) -> tuple[str, ...]:
        # The title is the page's heading already; long text has its own section.
        skipped = {"title", *self.own_sections}
        return tuple(name for name in super().get_detail_fields() if name not in skipped)

    own_sections: tuple[str, ...] = ()

    def _service(self, action: str):
        return getattr(services, f"{self.name}_{action}")

    def create(self, *, user, data, files, submit, token):
        return self._service("create")(
            user=user, data=data, files=files, submit=submit, token=token
        )

    def update(self, *, record, user, data, files, submit):
        return self._service("update")(
            **{self.record_argument: record}, user=user, data=data, files=files, submit=submit
        )

    def submit(self, *, record, user):
        return self._service("submit")(**{self.record_argument: record}, user=user)

    def delete(self, *, record, user) -> None:
        self._service("delete")(**{self.record_argument: record}, user=user)

    def records(self, user):
        return getattr(selectors, f"{self.name}_list_for_user")(user=user)

    def evidence(self, user):
        return getattr(selectors, f"{self.name}_evidence_list_for_user")(user=user)


class Stories(NewsKind):
    model, form_class = Story, forms.StoryForm
    name, prefix, record_argument = "story", "stories", "story"
    list_columns = ("published_on",)
    list_order = ("-published_on", "-pk")
    own_sections = ("body",)
    detail_template = "news/staff/story_detail.html"
    fieldsets = (
        ("", ("title", "summary", "body", "published_on")),
        (_("Photo and links"), ("photo", "components", "events", "is_public")),
    )


class Publications(NewsKind):
    model, form_class = Publication, forms.PublicationForm
    name, prefix, record_argument = "publication", "publications", "publication"
    list_columns = ("kind", "published_on")
    list_order = ("-published_on", "-pk")
    own_sections = ("file",)
    detail_template = "news/staff/publication_detail.html"
    fieldsets = (
        ("", ("title", "kind", "summary", "file", "language", "published_on")),
        (_("Links"), ("components", "is_public")),
    )


STORIES, PUBLICATIONS = Stories(), Publications()
KINDS = (STORIES, PUBLICATIONS)
