"""The component's reference data: MPAC 2025's strategic areas, ASUS's focus areas,
the ASEAN Smart Cities Network's pilot cities and the coordination bodies.

Data, not demo content: `services.connectivity_facts_load()` writes it in every
environment (seed_demo), matched on natural keys. Advisers may refine it in the
admin afterwards; a rerun brings the listed fields back to what is written here.
"""

# The five strategic areas of the Master Plan on ASEAN Connectivity 2025 (adopted 2016).
STRATEGIC_AREAS = [
    {
        "slug": "sustainable-infrastructure",
        "title": "Sustainable infrastructure",
        "objectives": (
            "Increase public and private infrastructure investment in each member state; "
            "significantly improve the evaluation and sharing of best practices on "
            "infrastructure productivity; and develop sustainable urbanisation strategies."
        ),
    },
    {
        "slug": "digital-innovation",
        "title": "Digital innovation",
        "objectives": (
            "Support the adoption of technology by micro, small and medium enterprises; "
            "support financial access through digital technologies; improve open data use; "
            "and support better data management."
        ),
    },
    {
        "slug": "seamless-logistics",
        "title": "Seamless logistics",
        "objectives": (
            "Lower supply chain costs in each member state and improve the speed and "
            "reliability of supply chains."
        ),
    },
    {
        "slug": "regulatory-excellence",
        "title": "Regulatory excellence",
        "objectives": (
            "Harmonise or mutually recognise standards, conformance and technical regulations "
            "in priority sectors, and reduce trade-distorting non-tariff measures."
        ),
    },
    {
        "slug": "people-mobility",
        "title": "People mobility",
        "objectives": (
            "Make travel within ASEAN easier; facilitate skills mobility through qualification "
            "frameworks; and increase intra-ASEAN university student mobility."
        ),
    },
]

# The six focus areas of the ASEAN Sustainable Urbanisation Strategy (2018).
FOCUS_AREAS = [
    {
        "slug": "civic-and-social",
        "title": "Civic and social",
        "description": "Inclusive, participatory cities with social cohesion and culture.",
    },
    {
        "slug": "health-and-well-being",
        "title": "Health and well-being",
        "description": "Healthy, liveable cities with access to services for everyone.",
    },
    {
        "slug": "security",
        "title": "Security",
        "description": "Safe cities, resilient to disasters and to the effects of climate change.",
    },
    {
        "slug": "quality-environment",
        "title": "Quality environment",
        "description": "Clean air and water, green spaces and well-managed waste.",
    },
    {
        "slug": "built-infrastructure",
        "title": "Built infrastructure",
        "description": "Housing, transport and utilities planned for sustainable growth.",
    },
    {
        "slug": "industry-and-innovation",
        "title": "Industry and innovation",
        "description": "Competitive urban economies, digital services and green jobs.",
    },
]

# The 26 pilot cities of the ASEAN Smart Cities Network (launched in 2018), by the ISO
# code of their member state.
SMART_CITIES_NETWORK = {
    "BN": ["Bandar Seri Begawan"],
    "KH": ["Phnom Penh", "Siem Reap", "Battambang"],
    "ID": ["Jakarta", "Makassar", "Banyuwangi"],
    "LA": ["Luang Prabang", "Vientiane"],
    "MY": ["Kuala Lumpur", "Johor Bahru", "Kota Kinabalu", "Kuching"],
    "MM": ["Mandalay", "Nay Pyi Taw", "Yangon"],
    "PH": ["Manila", "Cebu City", "Davao City"],
    "SG": ["Singapore"],
    "TH": ["Bangkok", "Chonburi", "Phuket"],
    "VN": ["Da Nang", "Hanoi", "Ho Chi Minh City"],
}

COORDINATION_BODIES = [
    {
        "slug": "accc",
        "name": "ASEAN Connectivity Coordinating Committee",
        "acronym": "ACCC",
        "scope": "asean_wide",
        "description": (
            "Permanent representatives of the member states to ASEAN; oversees the "
            "implementation of MPAC 2025 and coordinates it with the sectoral bodies."
        ),
    },
    {
        "slug": "national-connectivity-coordinators",
        "name": "National Connectivity Coordinators",
        "acronym": "NCC",
        "scope": "asean_wide",
        "description": (
            "One coordinator per member state who follows MPAC 2025 at home and reports "
            "progress to the ACCC."
        ),
    },
    {
        "slug": "asus-focal-points",
        "name": "ASUS focal points",
        "acronym": "",
        "scope": "asean_wide",
        "description": (
            "The member states' focal points for sustainable urbanisation, who coordinate the "
            "ASEAN Sustainable Urbanisation Strategy across ministries and cities."
        ),
    },
    {
        "slug": "asec-connectivity-task-force",
        "name": "ASEC internal connectivity task force",
        "acronym": "",
        "scope": "internal",
        "description": (
            "The Secretariat's divisions whose work touches MPAC 2025, convened by the ASEAN "
            "Connectivity Division to align their plans."
        ),
    },
]
