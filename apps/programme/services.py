"""Writes to the programme's shared records."""

from django.db import transaction

from apps.core.db import upsert

from . import facts
from .models import Component, MemberState, Milestone, Partner, Programme, Unit


@transaction.atomic
def programme_facts_load() -> dict[str, int]:
    """Write the programme's facts (apps/programme/facts.py) as records.

    Idempotent: records are matched on their natural keys and only changed
    ones are written, so a second run writes nothing. Returns how many rows of
    each kind were created or changed.
    """
    kinds = ["programme", "components", "units", "member states", "partners", "milestones"]
    written = dict.fromkeys(kinds, 0)

    values = dict(facts.PROGRAMME)
    programme, changed = upsert(
        Programme, lookup={"short_title": values.pop("short_title")}, values=values
    )
    written["programme"] += changed

    components = {}
    for item in facts.COMPONENTS:
        values = {key: value for key, value in item.items() if key != "slug"}
        component, changed = upsert(
            Component, lookup={"slug": item["slug"]}, values={**values, "programme": programme}
        )
        components[component.slug] = component
        written["components"] += changed

    for item in facts.UNITS:
        values = {"name": item["name"], "kind": item["kind"]}
        unit, changed = upsert(Unit, lookup={"abbreviation": item["abbreviation"]}, values=values)
        wanted = {components[slug].pk for slug in item["components"]}
        if set(unit.components.values_list("pk", flat=True)) != wanted:
            unit.components.set(wanted)
            changed = True
        written["units"] += changed

    for item in facts.MEMBER_STATES:
        values = {key: value for key, value in item.items() if key != "iso_code"}
        _, changed = upsert(MemberState, lookup={"iso_code": item["iso_code"]}, values=values)
        written["member states"] += changed

    for item in facts.PARTNERS:
        values = {key: value for key, value in item.items() if key != "name"}
        _, changed = upsert(Partner, lookup={"name": item["name"]}, values=values)
        written["partners"] += changed

    for item in facts.MILESTONES:
        values = {key: value for key, value in item.items() if key != "title"}
        _, changed = upsert(
            Milestone, lookup={"programme": programme, "title": item["title"]}, values=values
        )
        written["milestones"] += changed

    return written
