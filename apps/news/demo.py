"""Demo stories and publications for a developer's machine (`seed_demo`, only under
DEBUG), after the demo accounts and the events' demo.

Stories on the launch of the ASEAN Communication Master Plan II (2018), the ASEAN
Media Forum editions, the anti-corruption workshop with Indonesia's Corruption
Eradication Commission (KPK) and the legal training with the Centre for International
Law (CIL, National University of Singapore), each linked to the events' demo edition
of the same name where it exists; and three publications whose files are made here,
in code (two small PDFs and an Excel checklist). Each is written by the demo staff
member of its unit through the services and approved by the demo adviser. Three
stories lead with the photos app's demo illustrations (loaded here first, idempotently).

Idempotent: records are matched on their titles; what exists is left alone.
"""

import datetime
import io
from collections.abc import Iterable

from django.core.exceptions import ImproperlyConfigured
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from openpyxl import Workbook

from apps.accounts.models import User
from apps.events import selectors as event_selectors
from apps.photos import selectors as photo_selectors
from apps.photos.demo import photos_demo_load
from apps.programme.models import Component

from . import services
from .models import Language, Publication, Story

PROCESSES = "organisational-processes"
INCLUSION = "diversity-inclusion"

STORIES = [
    {
        "unit": "CID",
        "title": "ASEAN launches its Communication Master Plan II",
        "published_on": datetime.date(2018, 11, 14),
        "summary": (
            "The second ASEAN Communication Master Plan sets out how ASEAN speaks with its "
            "citizens, media and partners until 2025."
        ),
        "body": """The ASEAN Communication Master Plan II (ACMP II) was presented at the
33rd ASEAN Summit in Singapore. It follows the first plan of 2014 and is built around
one message: **ASEAN: a Community of Opportunities for All**.

## What the plan asks of the Secretariat

- speak to citizens in their own languages, not only to officials;
- give journalists timely facts and figures on ASEAN integration;
- measure whether people know ASEAN and what it does for them.

## How the programme helps

The programme supports the Community Relations Division and the Culture and Information
Division in turning the plan into yearly communication work plans, and in measuring
their reach.

> A Community of Opportunities for All.

Read the plan's key messages among the [publications](/news/publications/).
""",
        "components": (PROCESSES,),
        "events": ("Launch of the ASEAN Communication Master Plan II",),
        "photo": 0,
    },
    {
        "unit": "CID",
        "title": "ASEAN Media Forum 2018: reporting economic integration",
        "published_on": datetime.date(2018, 10, 18),
        "summary": (
            "Editors and journalists from the ten member states met in Jakarta to discuss how "
            "the media report ASEAN's economic integration."
        ),
        "body": """For two days, media leaders from the member states met opinion leaders of
the region at the ASEAN Secretariat in Jakarta.

## Three take-aways

1. Readers want to know what integration changes for them: prices, jobs, travel.
2. Regional data must be easy to find and to quote.
3. Newsrooms want to hear from the Secretariat before a summit, not after it.

The forum is sponsored by businesses of the region and organised by the Culture and
Information Division.
""",
        "components": (PROCESSES,),
        "events": ("ASEAN Media Forum 2018",),
        "photo": 1,
    },
    {
        "unit": "CID",
        "title": "ASEAN Media Forum 2019 looks at the digital economy",
        "published_on": datetime.date(2019, 11, 7),
        "summary": (
            "In Bangkok, the second forum asked how newsrooms can explain the region's "
            "digital economy, and fact-check it."
        ),
        "body": """The ASEAN Media Forum 2019 met in Bangkok under the theme of the digital
economy. A workshop on the second day trained journalists in fact-checking regional news.

| Edition | Host city | Theme |
|---|---|---|
| 2018 | Jakarta | Economic integration |
| 2019 | Bangkok | The digital economy |

The forum's report is among the [publications](/news/publications/).
""",
        "components": (PROCESSES,),
        "events": ("ASEAN Media Forum 2019", "ASEAN Media Forum 2018"),
        "photo": 2,
    },
    {
        "unit": "CID",
        "title": "ASEAN Media Forum goes online in 2020",
        "published_on": datetime.date(2020, 11, 25),
        "summary": (
            "The third forum met online and discussed the pandemic's economic impact on the region."
        ),
        "body": """The pandemic moved the ASEAN Media Forum online. Journalists from all
member states took part in a half-day programme on **the pandemic's economic impact**.

The online format opened the forum to reporters who could not have travelled, and the
organisers plan to keep an online part in future editions.
""",
        "components": (PROCESSES,),
        "events": ("ASEAN Media Forum 2020 (online)",),
        "photo": None,
    },
    {
        "unit": "CAD",
        "title": "Preventing corruption in procurement, with KPK",
        "published_on": datetime.date(2019, 5, 10),
        "summary": (
            "Indonesia's Corruption Eradication Commission shared its prevention tools with "
            "the Secretariat's procurement and finance staff."
        ),
        "body": """Experts of Indonesia's Corruption Eradication Commission (*Komisi
Pemberantasan Korupsi*, KPK) ran a two-day workshop at the ASEAN Secretariat.

## What the workshop covered

- the corruption risks of each step of a procurement;
- declarations of interest, and what to do with them;
- a checklist the Secretariat now tests in its own procurements.

The checklist is among the [publications](/news/publications/), as a spreadsheet.
""",
        "components": (PROCESSES,),
        "events": ("Anti-corruption workshop with the Corruption Eradication Commission (KPK)",),
        "photo": None,
    },
    {
        "unit": "LSAD",
        "title": "Legal training on ASEAN contracts with the Centre for International Law",
        "published_on": datetime.date(2019, 9, 27),
        "summary": (
            "Lawyers of the Secretariat trained with the Centre for International Law of the "
            "National University of Singapore on drafting and reading ASEAN contracts."
        ),
        "body": """The Legal Services and Agreements Directorate and the Centre for
International Law (CIL) of the National University of Singapore held a three-day training
on ASEAN contracts.

Participants worked through model clauses on:

- the law that governs a contract, and where disputes are settled;
- privileges and immunities of the Secretariat;
- the protection of trade rights between member states.

The training is part of the programme's work on dispute settlement procedures and legal
instruments.
""",
        "components": (PROCESSES,),
        "events": ("Legal training on ASEAN contracts with the Centre for International Law",),
        "photo": None,
    },
]


# --- Files made in code ----------------------------------------------------------------


def _pdf_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def pdf_bytes(title: str, lines: Iterable[str]) -> bytes:
    """A one-page PDF with a title and lines of text (Helvetica), valid and small."""
    rows = [f"BT /F1 18 Tf 72 770 Td ({_pdf_text(title)}) Tj ET"]
    for number, line in enumerate(lines):
        rows.append(f"BT /F1 11 Tf 72 {740 - 16 * number} Td ({_pdf_text(line)}) Tj ET")
    stream = "\n".join(rows).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1))
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def xlsx_bytes(title: str, header: list[str], rows: list[list[str]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _publications() -> list[dict]:
    return [
        {
            "unit": "CID",
            "title": "ASEAN Communication Master Plan II: key messages",
            "kind": Publication.Kind.STRATEGY,
            "language": Language.ENGLISH,
            "published_on": datetime.date(2018, 11, 13),
            "summary": (
                "The plan's overarching message, its audiences and the channels that reach "
                "them, in four pages for communication officers of the member states."
            ),
            "components": (PROCESSES,),
            "file": (
                "acmp-ii-key-messages.pdf",
                pdf_bytes(
                    "ASEAN Communication Master Plan II: key messages",
                    [
                        "ASEAN: a Community of Opportunities for All.",
                        "Audiences: citizens, media, businesses, cooperation partners.",
                        "Demo file made by the portal's seed_demo.",
                    ],
                ),
            ),
        },
        {
            "unit": "CID",
            "title": "ASEAN Media Forum 2019: report",
            "kind": Publication.Kind.REPORT,
            "language": Language.ENGLISH,
            "published_on": datetime.date(2019, 12, 16),
            "summary": (
                "What the forum in Bangkok discussed on the digital economy, and what the "
                "newsrooms asked of the Secretariat."
            ),
            "components": (PROCESSES,),
            "file": (
                "asean-media-forum-2019-report.pdf",
                pdf_bytes(
                    "ASEAN Media Forum 2019: report",
                    [
                        "Bangkok, 5-6 November 2019. Theme: the digital economy.",
                        "Demo file made by the portal's seed_demo.",
                    ],
                ),
            ),
        },
        {
            "unit": "CAD",
            "title": "Corruption prevention checklist for procurement",
            "kind": Publication.Kind.TOOLKIT,
            "language": Language.ENGLISH,
            "published_on": datetime.date(2019, 6, 3),
            "summary": (
                "A checklist of the risks at each step of a procurement and the checks that "
                "prevent them, from the workshop with KPK."
            ),
            "components": (PROCESSES, INCLUSION),
            "file": (
                "procurement-checklist.xlsx",
                xlsx_bytes(
                    "Checklist",
                    ["Step", "Risk", "Check"],
                    [
                        ["Needs", "Tailored specifications", "Second reader of the terms"],
                        ["Tender", "Too short a deadline", "At least 15 working days"],
                        ["Evaluation", "Undeclared interests", "Signed declarations"],
                        ["Contract", "Changes after award", "Written approval of changes"],
                    ],
                ),
            ),
        },
    ]


# --- Loading -------------------------------------------------------------------------------


def _people(users: Iterable[User], wanted: set[str]) -> tuple[User, dict[str, User]]:
    reviewer, authors = None, {}
    for user in users:
        if user.is_programme_adviser and reviewer is None:
            reviewer = user
        elif user.is_secretariat_staff and user.unit_id:
            authors.setdefault(user.unit.abbreviation, user)
    missing = sorted(wanted - authors.keys()) + (["the adviser"] if reviewer is None else [])
    if missing:
        raise ImproperlyConfigured(
            f"The news demo needs the demo adviser and demo staff of {', '.join(sorted(wanted))} "
            f"(missing: {', '.join(missing)})."
        )
    return reviewer, authors


@transaction.atomic
def news_demo_load(*, users: Iterable[User]) -> dict[str, int]:
    """Load the demo stories and publications (see the module's docstring). Returns
    rows created."""
    publications = _publications()
    wanted = {spec["unit"] for spec in STORIES + publications}
    reviewer, authors = _people(list(users), wanted)
    components = {component.slug: component for component in Component.objects.all()}
    events = {event.title: event for event in event_selectors.events_public()}
    # The illustrations the stories lead with (seed_demo loads them after the apps'
    # demos; loading them here first is idempotent and costs it nothing).
    photos_demo_load()
    photos = list(photo_selectors.public_photos()[:3])
    written = {"stories": 0, "publications": 0}
    for spec in STORIES:
        if Story.objects.filter(title=spec["title"]).exists():
            continue
        author = authors[spec["unit"]]
        index = spec["photo"]
        data = {
            "title": spec["title"],
            "summary": spec["summary"],
            "body": spec["body"],
            "published_on": spec["published_on"],
            "photo": photos[index] if index is not None and index < len(photos) else None,
            "components": [components[s] for s in spec["components"] if s in components],
            "events": [events[title] for title in spec["events"] if title in events],
            "is_public": True,
        }
        story = services.story_create(user=author, data=data, submit=True)
        services.story_approve(story=story, reviewer=reviewer)
        written["stories"] += 1
    for spec in publications:
        if Publication.objects.filter(title=spec["title"]).exists():
            continue
        author = authors[spec["unit"]]
        name, content = spec["file"]
        data = {
            "title": spec["title"],
            "kind": spec["kind"],
            "summary": spec["summary"],
            "file": SimpleUploadedFile(name, content),
            "language": spec["language"],
            "published_on": spec["published_on"],
            "components": [components[s] for s in spec["components"] if s in components],
            "is_public": True,
        }
        publication = services.publication_create(user=author, data=data, submit=True)
        services.publication_approve(publication=publication, reviewer=reviewer)
        written["publications"] += 1
    return written
