"""The events' reference data: the series advisers keep in the admin and nobody
reviews. `services.events_facts_load` writes them, matched on their slugs, in every
environment (`seed_demo`)."""

MEDIA_FORUM = "asean-media-forum"

SERIES = [
    {
        "slug": MEDIA_FORUM,
        "title": "ASEAN Media Forum",
        "description": (
            "Once a year, media leaders from the ASEAN member states meet the region's "
            "opinion leaders to discuss ASEAN integration and how the media report on it. "
            "Regional businesses sponsor the forum."
        ),
    },
]
