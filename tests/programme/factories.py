import datetime

import factory

from apps.programme.facts import MEMBER_STATES
from apps.programme.models import Component, MemberState, Milestone, Partner, Programme, Unit

# Two capital letters, skipping the real members' codes: a test that loads the
# programme's facts (as the browser tests do) must not collide with Cambodia's "KH".
_REAL_CODES = {state["iso_code"] for state in MEMBER_STATES}
_MADE_UP_CODES = [
    first + second
    for first in map(chr, range(65, 91))
    for second in map(chr, range(65, 91))
    if first + second not in _REAL_CODES
]


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    title = factory.Sequence(lambda n: f"Strengthening regional integration, phase {n}")
    short_title = factory.Sequence(lambda n: f"Programme {n}")
    start_year = 2018
    end_year = 2021
    lead_executing_agency = "ASEAN Secretariat (ASEC)"
    implementing_agency = "GIZ"
    region = "ASEAN"
    region_population_millions = 640
    summary = "Supports the Secretariat in driving regional integration."


class ComponentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Component

    programme = factory.SubFactory(ProgrammeFactory)
    number = factory.Sequence(lambda n: n + 1)
    slug = factory.Sequence(lambda n: f"component-{n}")
    title = factory.Sequence(lambda n: f"Component title {n}")
    aims = factory.Sequence(lambda n: f"Aims of component {n}.")
    description = "What the component does."


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Division number {n}")
    abbreviation = factory.Sequence(lambda n: f"D{n}")
    kind = Unit.Kind.DIVISION

    @factory.post_generation
    def components(self, create, extracted, **kwargs):
        if create and extracted:
            self.components.set(extracted)


class MemberStateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MemberState

    name = factory.Sequence(lambda n: f"Member state {n}")
    iso_code = factory.Sequence(lambda n: _MADE_UP_CODES[n % len(_MADE_UP_CODES)])
    joined_on = datetime.date(1967, 8, 8)


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"Partner organisation {n}")
    acronym = factory.Sequence(lambda n: f"PO{n}")
    kind = Partner.Kind.PARTNER_INSTITUTION
    website = "https://partner.example.org/"


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    programme = factory.SubFactory(ProgrammeFactory)
    date = datetime.date(2008, 12, 15)
    title = factory.Sequence(lambda n: f"Milestone {n}")
