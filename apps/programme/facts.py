"""The programme's facts as the brief states them (shared/design.md §1).

`services.programme_facts_load()` writes these as real records; they are data,
not demo content, so they are loaded in every environment.
"""

from datetime import date

PROGRAMME = {
    "short_title": "ASEC Capacity Programme",
    "title": (
        "Strengthening the capacities of the ASEAN Secretariat and the integration process "
        "within the framework of the ASEAN Community Vision 2025"
    ),
    "start_year": 2018,
    "end_year": 2021,
    "lead_executing_agency": "ASEAN Secretariat (ASEC)",
    "implementing_agency": "Deutsche Gesellschaft für Internationale Zusammenarbeit (GIZ) GmbH",
    "region": "ASEAN",
    "region_population_millions": 640,
    "summary": (
        "The programme supports the ASEAN Secretariat in Jakarta in its role of driving "
        "regional integration under the ASEAN Community Vision 2025. It strengthens the "
        "organisational processes of the Secretariat's strategic administrative departments "
        "and key functional units, helps the ASEAN Connectivity Division coordinate the "
        "Master Plan on ASEAN Connectivity 2025 with a focus on sustainable urbanisation, and "
        "makes the Secretariat a role model for diversity and inclusion."
    ),
}

COMPONENTS = [
    {
        "number": 1,
        "slug": "organisational-processes",
        "title": "Organisational processes",
        "aims": (
            "Strengthen the organisational processes of ASEC's strategic administrative "
            "departments and key functional units."
        ),
        "description": (
            "Three workstreams: communication and outreach strategies towards cooperation "
            "partners, media, civil society and citizens, including the ASEAN Communication "
            "Master Plan II; dispute settlement procedures and legal instruments that guarantee "
            "trade rights between member states; and strategic human resources development and "
            "corruption prevention."
        ),
    },
    {
        "number": 2,
        "slug": "connectivity",
        "title": "Connectivity and sustainable urbanisation",
        "aims": (
            "Support the ASEAN Connectivity Division in coordinating the implementation of the "
            "Master Plan on ASEAN Connectivity (MPAC) 2025, with a focus on sustainable "
            "urbanisation."
        ),
        "description": (
            "MPAC 2025 has five strategic areas: sustainable infrastructure, digital "
            "innovation, seamless logistics, regulatory excellence and people mobility. The "
            "component builds internal and ASEAN-wide coordination structures for the ASEAN "
            "Sustainable Urbanisation Strategy (ASUS)."
        ),
    },
    {
        "number": 3,
        "slug": "diversity-inclusion",
        "title": "Diversity and inclusion",
        "aims": "Make ASEC a role model and an inclusive workplace.",
        "description": (
            "Cross-cutting topics — gender equality and the inclusion of persons with "
            "disabilities — are brought into the Secretariat's regulations and processes."
        ),
    },
]

# Each unit with the slugs of the components it works with.
UNITS = [
    {
        "name": "Community Relations Division",
        "abbreviation": "CRD",
        "kind": "division",
        "components": ["organisational-processes"],
    },
    {
        "name": "Culture and Information Division",
        "abbreviation": "CID",
        "kind": "division",
        "components": ["organisational-processes"],
    },
    {
        "name": "Legal Services and Agreements Directorate",
        "abbreviation": "LSAD",
        "kind": "directorate",
        "components": ["organisational-processes"],
    },
    {
        "name": "Corporate Affairs Directorate",
        "abbreviation": "CAD",
        "kind": "directorate",
        "components": ["organisational-processes", "diversity-inclusion"],
    },
    {
        "name": "Internal Audit and Evaluation Division",
        "abbreviation": "IAED",
        "kind": "division",
        "components": ["organisational-processes"],
    },
    {
        "name": "ASEAN Connectivity Division",
        "abbreviation": "ACD",
        "kind": "division",
        "components": ["connectivity"],
    },
]

MEMBER_STATES = [
    {"name": "Indonesia", "iso_code": "ID", "joined_on": date(1967, 8, 8)},
    {"name": "Malaysia", "iso_code": "MY", "joined_on": date(1967, 8, 8)},
    {"name": "Philippines", "iso_code": "PH", "joined_on": date(1967, 8, 8)},
    {"name": "Singapore", "iso_code": "SG", "joined_on": date(1967, 8, 8)},
    {"name": "Thailand", "iso_code": "TH", "joined_on": date(1967, 8, 8)},
    {"name": "Brunei Darussalam", "iso_code": "BN", "joined_on": date(1984, 1, 7)},
    {"name": "Viet Nam", "iso_code": "VN", "joined_on": date(1995, 7, 28)},
    {"name": "Lao PDR", "iso_code": "LA", "joined_on": date(1997, 7, 23)},
    {"name": "Myanmar", "iso_code": "MM", "joined_on": date(1997, 7, 23)},
    {"name": "Cambodia", "iso_code": "KH", "joined_on": date(1999, 4, 30)},
    {"name": "Timor-Leste", "iso_code": "TL", "joined_on": date(2025, 10, 26)},
]

PARTNERS = [
    {
        "name": "ASEAN Secretariat",
        "acronym": "ASEC",
        "kind": "executing",
        "website": "https://asean.org/",
        "description": "Lead executing agency of the programme, based in Jakarta.",
    },
    {
        "name": "Deutsche Gesellschaft für Internationale Zusammenarbeit",
        "acronym": "GIZ",
        "kind": "implementing",
        "website": "https://www.giz.de/",
        "description": "Implements the programme with the ASEAN Secretariat.",
    },
    {
        "name": "Corruption Eradication Commission of Indonesia",
        "acronym": "KPK",
        "kind": "institution",
        "website": "https://www.kpk.go.id/",
        "description": "Partner for anti-corruption events and corruption prevention.",
    },
    {
        "name": "Centre for International Law",
        "acronym": "CIL",
        "kind": "institution",
        "website": "https://cil.nus.edu.sg/",
        "description": "Partner for legal events, e.g. on ASEAN contracts.",
    },
]

MILESTONES = [
    {
        "date": date(1967, 8, 8),
        "title": "ASEAN founded",
        "description": "The Association of Southeast Asian Nations is founded in Bangkok.",
    },
    {
        "date": date(2008, 12, 15),
        "title": "ASEAN Charter enters into force",
        "description": "The Charter gives ASEAN legal personality and a rules-based framework.",
    },
    {
        "date": date(2015, 11, 22),
        "title": "“ASEAN 2025: Forging Ahead Together” adopted",
        "description": (
            "Adopted at the 27th ASEAN Summit, it sets out the ASEAN Community Vision 2025."
        ),
    },
]
