"""Browser-test cases of the news app: see pages.py. `news_data` loads three published
stories of the Culture and Information Division (one with a lead photo, a related
event and a body with a heading, a list, a quote and a table) and a published report."""

import datetime

from .pages import PageCase, follow_link, submit_empty_form

BODY = """The ASEAN Media Forum 2019 met in Bangkok under the theme of the digital economy.

## Three take-aways

1. Readers want to know what integration changes for them.
2. Regional data must be easy to find and to quote.
3. Newsrooms want to hear from the Secretariat before a summit.

> A Community of Opportunities for All.

| Edition | Host city | Theme |
|---|---|---|
| 2018 | Jakarta | Economic integration |
| 2019 | Bangkok | The digital economy |

Read the forum's report among the [publications](/news/publications/).
"""


def news_data() -> None:
    from apps.accounts.models import User
    from apps.monitoring.models import ReviewStatus
    from apps.programme.models import Component
    from tests.events.factories import EventFactory
    from tests.news.factories import PublicationFactory, StoryFactory
    from tests.photos.factories import PhotoFactory

    staff = User.objects.get(email="staff.information@asean.example.org")
    component = Component.objects.get(slug="organisational-processes")
    approved = {"unit": staff.unit, "created_by": staff, "status": ReviewStatus.APPROVED}
    event = EventFactory(title="ASEAN Media Forum 2019", slug="asean-media-forum-2019", **approved)
    photo = PhotoFactory(
        caption="The forum's opening panel, Bangkok, 2019",
        alt_text="Four editors on a stage in front of a full hall",
    )
    StoryFactory(
        title="ASEAN Media Forum 2019 looks at the digital economy",
        slug="asean-media-forum-2019-looks-at-the-digital-economy",
        summary="In Bangkok, the forum asked how newsrooms can explain the digital economy.",
        body=BODY,
        photo=photo,
        published_on=datetime.date(2019, 11, 7),
        components=[component],
        events=[event],
        **approved,
    )
    StoryFactory(
        title="ASEAN launches its Communication Master Plan II",
        slug="asean-launches-its-communication-master-plan-ii",
        summary="How ASEAN speaks with its citizens, media and partners until 2025.",
        published_on=datetime.date(2018, 11, 14),
        components=[component],
        **approved,
    )
    StoryFactory(
        title="Preventing corruption in procurement, with KPK",
        slug="preventing-corruption-in-procurement-with-kpk",
        summary="KPK shared its prevention tools with the Secretariat's procurement staff.",
        published_on=datetime.date(2019, 5, 10),
        **approved,
    )
    PublicationFactory(
        title="ASEAN Media Forum 2019: report",
        slug="asean-media-forum-2019-report",
        summary="What the forum discussed, and what the newsrooms asked of the Secretariat.",
        published_on=datetime.date(2019, 12, 16),
        components=[component],
        **approved,
    )


STAFF = "staff-information"
OPEN_STORY = follow_link("ASEAN Media Forum 2019 looks at the digital economy")

# The story needs `news_data`, so it opens from the list (a `state`): the registry's
# title check opens every page without its data and skips those with a state.
PAGES = [
    PageCase("news", "/news/", data=news_data),
    PageCase("news at 375px", "/news/", width=375, data=news_data),
    PageCase("news filtered by a component", "/news/?component=connectivity", data=news_data),
    PageCase("news story", "/news/", data=news_data, state=OPEN_STORY),
    PageCase("news story at 375px", "/news/", width=375, data=news_data, state=OPEN_STORY),
    PageCase("publications", "/news/publications/", data=news_data),
    PageCase("stories (staff)", "/workspace/news/stories/", user=STAFF, data=news_data),
    PageCase("add a story", "/workspace/news/stories/new/", user=STAFF),
    PageCase(
        "add a story with errors",
        "/workspace/news/stories/new/",
        user=STAFF,
        state=submit_empty_form,
    ),
    PageCase(
        "add a publication with errors",
        "/workspace/news/publications/new/",
        user=STAFF,
        state=submit_empty_form,
    ),
]
