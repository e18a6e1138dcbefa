"""The component's reference data: its four workstreams (design.md §1) and the
audiences a strategy can address. Advisers maintain them in the admin; nobody
reviews them. `services.processes_facts_load` writes them, matched on their slugs,
in every environment (`seed_demo`).

Units are named by their abbreviation (apps/programme/facts.py).
"""

COMPONENT_SLUG = "organisational-processes"

AUDIENCES = [
    {"slug": "cooperation-partners", "name": "Cooperation partners", "order": 1},
    {"slug": "media", "name": "Media", "order": 2},
    {"slug": "civil-society", "name": "Civil society", "order": 3},
    {"slug": "citizens", "name": "Citizens", "order": 4},
]

WORKSTREAMS = [
    {
        "slug": "communication-outreach",
        "title": "Communication and outreach strategies",
        "aim": (
            "Cooperation partners, media, civil society and citizens learn what ASEAN does "
            "for them: ASEC reaches them through strategies of its own, starting with the "
            "ASEAN Communication Master Plan II."
        ),
        "order": 1,
        "lead_units": ["CRD", "CID"],
        "partner_units": [],
    },
    {
        "slug": "legal-instruments",
        "title": "Dispute settlement and legal instruments",
        "aim": (
            "Dispute settlement procedures and legal instruments guarantee the trade rights "
            "that the member states grant each other."
        ),
        "order": 2,
        "lead_units": ["LSAD"],
        "partner_units": [],
    },
    {
        "slug": "strategic-hr",
        "title": "Strategic human resources development",
        "aim": (
            "ASEC recruits, develops and keeps the people its mandate needs, with clear "
            "competencies and faster, fair procedures."
        ),
        "order": 3,
        "lead_units": ["CAD"],
        "partner_units": ["IAED"],
    },
    {
        "slug": "corruption-prevention",
        "title": "Corruption prevention",
        "aim": (
            "Integrity rules, declarations and training protect ASEC's work from "
            "corruption, with Indonesia's Corruption Eradication Commission (KPK) as partner."
        ),
        "order": 4,
        "lead_units": ["IAED"],
        "partner_units": ["CAD"],
    },
]
