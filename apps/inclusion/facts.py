"""The inclusion component's reference data: what advisers maintain and nobody reviews.

`services.inclusion_facts_load()` writes these as records, matched on their slugs;
seed_demo loads them in every environment. Advisers may add more in the admin.
"""

TOPICS = [
    {
        "slug": "gender-equality",
        "title": "Gender equality",
        "description": (
            "Equal opportunities for women and men at the Secretariat: recruitment, "
            "promotion, pay, working arrangements and protection from harassment."
        ),
        "order": 1,
    },
    {
        "slug": "disability-inclusion",
        "title": "Disability inclusion",
        "description": (
            "Persons with disabilities work and take part at the Secretariat on an equal "
            "basis: reasonable accommodation, accessible premises, IT, documents and events."
        ),
        "order": 2,
    },
]

# The categories the Secretariat's staff rules distinguish; workforce snapshots
# count staff in each.
STAFF_CATEGORIES = [
    {"slug": "professional", "title": "Professional staff", "order": 1},
    {"slug": "general-service", "title": "General service staff", "order": 2},
]
