"""Public pages under /news/: the stories (newest first, by component), a story's
page, the publications (by component and kind) and a publication's file. Only
published records (approved and public); a draft's, a returned or a non-public
record's address is a 404. The pages are cached for anonymous visitors
(apps.core.public_cache) until a published story, publication or photo changes; the
file downloads are not (they stream)."""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import ListView, TemplateView

from apps.core.markdown import render_markdown
from apps.programme.models import Component

from . import selectors
from .models import Publication
from .views import file_response

PER_PAGE = 10
# How many publications /news/ shows beside the stories (the rest: /news/publications/).
PUBLICATIONS_ON_NEWS = 3


class ComponentFilterForm(forms.Form):
    """The lists' filters, as GET parameters. A value that is not a choice is ignored
    (the page says so), never an error page."""

    component = forms.ChoiceField(label=gettext_lazy("Component"), required=False)

    def __init__(self, *args, components: list[Component], **kwargs):
        super().__init__(*args, **kwargs)
        self.components = components
        self.fields["component"].choices = [
            ("", _("All components")),
            *((component.slug, component.title) for component in components),
        ]

    def filters(self) -> tuple[dict, list[str]]:
        """The valid filters, and the labels of those ignored."""
        self.is_valid()
        ignored = [str(self.fields[name].label) for name in self.errors]
        values = {
            name: "" if name in self.errors else self.cleaned_data.get(name) or ""
            for name in self.fields
        }
        values["component"] = selectors.component_named(
            values.get("component", ""), self.components
        )
        return values, ignored


class PublicationFilterForm(ComponentFilterForm):
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"),
        choices=[("", gettext_lazy("All kinds")), *Publication.Kind.choices],
        required=False,
    )


class FilteredListView(ListView):
    """A paginated public list with its filter form; a page number past the end or
    not a number shows the last or first page, never a 404."""

    paginate_by = PER_PAGE
    form_class = ComponentFilterForm

    def get_form(self):
        return self.form_class(self.request.GET, components=selectors.component_choices())

    def get_queryset(self):
        self.form = self.get_form()
        self.values, self.ignored = self.form.filters()
        return self.records(**self.values)

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get("page"))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            form=self.form,
            ignored=self.ignored,
            filtered=any(self.request.GET.get(name) for name in self.form.fields),
            component=self.values.get("component"),
        )
        return context


class StoryListView(FilteredListView):
    template_name = "news/story_list.html"
    context_object_name = "stories"

    def records(self, *, component):
        return selectors.public_story_list(component=component)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cards"] = [selectors.story_card(story) for story in context["stories"]]
        context["publications"] = list(
            selectors.public_publication_list(component=self.values.get("component"))[
                :PUBLICATIONS_ON_NEWS
            ]
        )
        return context


class StoryDetailView(TemplateView):
    template_name = "news/story_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        story = selectors.public_story(slug=kwargs["slug"])
        context.update(
            story=story,
            body=render_markdown(story.body),
            events=[
                {"title": event.title, "url": event.get_public_url(), "date": event.start_date}
                for event in story.events.all()
            ],
            crumbs=[{"title": _("News"), "url": reverse("news:list")}],
        )
        return context


class PublicationListView(FilteredListView):
    template_name = "news/publication_list.html"
    context_object_name = "publications"
    form_class = PublicationFilterForm

    def records(self, *, component, kind):
        return selectors.public_publication_list(component=component, kind=kind)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["crumbs"] = [{"title": _("News"), "url": reverse("news:list")}]
        return context


def publication_download(request, slug: str):
    """A published publication's file, as an attachment; 404 for any other."""
    return file_response(selectors.public_publication(slug=slug))
