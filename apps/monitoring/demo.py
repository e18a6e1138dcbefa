"""Demo monitoring data for a developer's machine: a results framework, a reporting
history and an activity log modelled on the programme's real work (design.md §1).

`manage.py seed_demo` calls `monitoring_demo_load()` only when DEBUG is on, after
the programme facts and the demo accounts. The framework (results, indicators,
reporting periods) is what advisers maintain, so it is written directly with
`core.db.upsert`; every indicator update and activity goes through
`services.py` (create, submit, approve, return, lock), so the review history is
the real one: the unit's demo staff member writes, the demo adviser reviews.

Idempotent: the framework is matched on natural keys, updates on (indicator,
period) and activities on (unit, title, date); what exists is left alone, so a
second run writes nothing.

`monitoring_volume_load()` (`seed_demo --scale N`, also only under DEBUG) adds
copies of all this for benchmarks, with bulk inserts instead of the services:
see its docstring.
"""

import random
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.utils import timezone

from apps.accounts.models import User
from apps.core.db import upsert
from apps.core.public_cache import public_pages_purge
from apps.programme.models import Component, MemberState, Partner, Unit

from . import services
from .models import (
    Activity,
    Disaggregation,
    Indicator,
    IndicatorUpdate,
    ReportingPeriod,
    Result,
    ReviewStatus,
)

FIRST_YEAR, LAST_YEAR = 2018, 2021
# The last two quarters stay open for reporting; every earlier one is locked.
OPEN_QUARTERS = 2

DRAFT, SUBMITTED, RETURNED, APPROVED = (
    ReviewStatus.DRAFT,
    ReviewStatus.SUBMITTED,
    ReviewStatus.RETURNED,
    ReviewStatus.APPROVED,
)

# --- The results framework ----------------------------------------------------

NUMBER, PERCENTAGE, QUALITATIVE = (
    Indicator.Measure.NUMBER,
    Indicator.Measure.PERCENTAGE,
    Indicator.Measure.QUALITATIVE,
)
CUMULATIVE, NON_CUMULATIVE = (
    Indicator.CumulativeRule.CUMULATIVE,
    Indicator.CumulativeRule.NON_CUMULATIVE,
)

# Each indicator's responsible unit has a demo staff member (accounts.services.DEMO_ACCOUNTS):
# CRD, ACD or CAD.
RESULTS = [
    {
        "component": "organisational-processes",
        "code": "1",
        "level": Result.Level.OUTCOME,
        "order": 1,
        "title": (
            "ASEC's strategic administrative departments and key functional units work with "
            "improved organisational processes."
        ),
        "indicators": [
            {
                "code": "1.a",
                "title": "Organisational processes of ASEC units improved with programme support",
                "definition": (
                    "A process counts once the unit has adopted a revised procedure, guideline or "
                    "tool developed with the programme."
                ),
                "measure": NUMBER,
                "unit_of_measure": "processes",
                "baseline_value": "0",
                "target_value": "12",
                "cumulative_rule": CUMULATIVE,
                "means_of_verification": "Adopted procedures and the units' annual reports.",
                "responsible_unit": "CAD",
            },
            {
                "code": "1.b",
                "title": "ASEC staff who rate internal communication and outreach as effective",
                "definition": "Share of respondents to the staff survey who answer 4 or 5 of 5.",
                "measure": PERCENTAGE,
                "unit_of_measure": "% of respondents",
                "baseline_value": "42",
                "target_value": "70",
                "cumulative_rule": NON_CUMULATIVE,
                "means_of_verification": "Staff survey, run every half year.",
                "responsible_unit": "CRD",
                "disaggregate_by_sex": True,
            },
        ],
    },
    {
        "component": "organisational-processes",
        "code": "1.1",
        "level": Result.Level.OUTPUT,
        "order": 2,
        "title": (
            "Communication and outreach strategies towards cooperation partners, media, civil "
            "society and citizens are in place."
        ),
        "indicators": [
            {
                "code": "1.1.a",
                "title": "Media representatives from the member states reached by ASEC outreach",
                "definition": (
                    "Journalists and editors taking part in the ASEAN Media Forum and ASEC media "
                    "briefings; each person is counted once a year."
                ),
                "measure": NUMBER,
                "unit_of_measure": "media representatives",
                "baseline_value": "0",
                "target_value": "400",
                "cumulative_rule": CUMULATIVE,
                "means_of_verification": "Attendance lists of the events.",
                "responsible_unit": "CRD",
                "disaggregate_by_sex": True,
                "disaggregate_by_member_state": True,
            },
            {
                "code": "1.1.b",
                "title": "Implementation of the ASEAN Communication Master Plan II",
                "definition": "Progress in putting the Master Plan's priority actions into place.",
                "measure": QUALITATIVE,
                "responsible_unit": "CRD",
            },
        ],
    },
    {
        "component": "organisational-processes",
        "code": "1.2",
        "level": Result.Level.OUTPUT,
        "order": 3,
        "title": "Strategic human resources development and corruption prevention are stronger.",
        "indicators": [
            {
                "code": "1.2.a",
                "title": "ASEC staff trained in corruption prevention and integrity",
                "measure": NUMBER,
                "unit_of_measure": "staff members",
                "baseline_value": "0",
                "target_value": "300",
                "cumulative_rule": CUMULATIVE,
                "means_of_verification": "Training attendance lists (with KPK for joint events).",
                "responsible_unit": "CAD",
                "disaggregate_by_sex": True,
                "disaggregate_by_disability": True,
            },
            {
                "code": "1.2.b",
                "title": "Average time to complete a recruitment at ASEC",
                "definition": "Working days from the vacancy notice to the signed contract.",
                "measure": NUMBER,
                "unit_of_measure": "working days",
                "baseline_value": "120",
                "target_value": "75",
                "direction": Indicator.Direction.DECREASE,
                "cumulative_rule": NON_CUMULATIVE,
                "means_of_verification": "Human resources records of the quarter.",
                "responsible_unit": "CAD",
            },
        ],
    },
    {
        "component": "connectivity",
        "code": "2",
        "level": Result.Level.OUTCOME,
        "order": 1,
        "title": (
            "The ASEAN Connectivity Division coordinates the implementation of MPAC 2025 "
            "effectively, with a focus on sustainable urbanisation."
        ),
        "indicators": [
            {
                "code": "2.a",
                "title": "MPAC 2025 initiatives with an agreed implementation plan",
                "measure": NUMBER,
                "unit_of_measure": "initiatives",
                "baseline_value": "3",
                "target_value": "15",
                "cumulative_rule": NON_CUMULATIVE,
                "means_of_verification": "Minutes of the MPAC coordination meetings.",
                "responsible_unit": "ACD",
            },
            {
                "code": "2.b",
                "title": "Recommendations of MPAC coordination meetings followed up in six months",
                "definition": "Recommendations with a documented follow-up, of all made.",
                "measure": PERCENTAGE,
                "unit_of_measure": "% of recommendations",
                "baseline_value": "35",
                "target_value": "75",
                "cumulative_rule": CUMULATIVE,
                "means_of_verification": "The ACD's follow-up tracker.",
                "responsible_unit": "ACD",
            },
        ],
    },
    {
        "component": "connectivity",
        "code": "2.1",
        "level": Result.Level.OUTPUT,
        "order": 2,
        "title": (
            "Coordination structures for the ASEAN Sustainable Urbanisation Strategy (ASUS) are "
            "in place."
        ),
        "indicators": [
            {
                "code": "2.1.a",
                "title": "ASEAN cities applying the ASUS assessment framework",
                "measure": NUMBER,
                "unit_of_measure": "cities",
                "baseline_value": "0",
                "target_value": "20",
                "cumulative_rule": CUMULATIVE,
                "means_of_verification": "City assessment reports.",
                "responsible_unit": "ACD",
                "disaggregate_by_member_state": True,
            },
            {
                "code": "2.1.b",
                "title": "Status of the ASEAN-wide ASUS coordination mechanism",
                "measure": QUALITATIVE,
                "responsible_unit": "ACD",
            },
            {
                "code": "2.1.c",
                "title": "Internal ACD coordination meetings on MPAC monitoring",
                "measure": NUMBER,
                "unit_of_measure": "meetings",
                "baseline_value": "0",
                "target_value": "24",
                "cumulative_rule": CUMULATIVE,
                "responsible_unit": "ACD",
                "is_public": False,
            },
        ],
    },
    {
        "component": "diversity-inclusion",
        "code": "3",
        "level": Result.Level.OUTCOME,
        "order": 1,
        "title": "ASEC is an inclusive workplace and a role model for diversity.",
        "indicators": [
            {
                "code": "3.a",
                "title": "Women in ASEC's professional and management positions",
                "measure": PERCENTAGE,
                "unit_of_measure": "% of positions",
                "baseline_value": "38",
                "target_value": "50",
                "cumulative_rule": NON_CUMULATIVE,
                "means_of_verification": "Staffing table at the end of the period.",
                "responsible_unit": "CAD",
            },
            {
                "code": "3.b",
                "title": (
                    "ASEC regulations and processes reviewed for gender equality and disability "
                    "inclusion"
                ),
                "measure": NUMBER,
                "unit_of_measure": "regulations and processes",
                "baseline_value": "0",
                "target_value": "10",
                "cumulative_rule": CUMULATIVE,
                "means_of_verification": "Review reports endorsed by the directorate.",
                "responsible_unit": "CAD",
            },
        ],
    },
    {
        "component": "diversity-inclusion",
        "code": "3.1",
        "level": Result.Level.OUTPUT,
        "order": 2,
        "title": "ASEC staff know how to make their work gender-equal and disability-inclusive.",
        "indicators": [
            {
                "code": "3.1.a",
                "title": "Staff who completed gender and disability inclusion training",
                "measure": NUMBER,
                "unit_of_measure": "staff members",
                "baseline_value": "0",
                "target_value": "250",
                "cumulative_rule": CUMULATIVE,
                "means_of_verification": "Training attendance lists.",
                "responsible_unit": "CAD",
                "disaggregate_by_sex": True,
                "disaggregate_by_disability": True,
            },
            {
                "code": "3.1.b",
                "title": "Accessibility of the ASEC building and digital services",
                "measure": QUALITATIVE,
                "responsible_unit": "CAD",
            },
        ],
    },
]

# --- The reporting history ------------------------------------------------------
#
# One entry per quarter from 2018 Q1 (index 0) to 2021 Q4 (index 15); None: not
# reported. A number, a (numerator, denominator) pair, or a narrative. Every
# update is approved unless STATES says otherwise.

QUARTER_INDEX = {
    f"{year} Q{quarter}": (year - FIRST_YEAR) * 4 + quarter - 1
    for year in range(FIRST_YEAR, LAST_YEAR + 1)
    for quarter in range(1, 5)
}

# fmt: off
SERIES: dict[str, list | dict[str, str]] = {
    "1.a": [None, None, 1, 0, 1, 1, 0, 1, 1, 0, 1, 1, 1, 0, 1, None],
    "1.b": [None, None, None, (185, 410), None, (201, 400), None, (214, 395),
            None, None, None, (232, 390), None, (247, 392), None, None],
    "1.1.a": [None, None, None, 62, 0, 14, 0, 71, 10, 0, 0, 85, 0, 18, 90, None],
    "1.1.b": {
        "2018 Q4": "The Master Plan II was launched at the ASEAN Summit in November; the "
        "Community Relations Division drafted an implementation roadmap with the Culture and "
        "Information Division.",
        "2019 Q2": "Key messages for the ASEAN Community Vision 2025 were agreed and a media "
        "contact network with all ten member states was set up.",
        "2019 Q4": "The ASEAN Media Forum used the Master Plan's key messages; social media "
        "guidelines for ASEC staff were adopted.",
        "2020 Q2": "Outreach moved online during the pandemic: webinars replaced briefings and "
        "the roadmap was revised.",
        "2020 Q4": "A mid-term review found 14 of 22 priority actions under way; the ASEAN Media "
        "Forum took place online for the first time.",
        "2021 Q2": "18 of 22 priority actions are under way or done; the civil society outreach "
        "strategy was endorsed.",
        "2021 Q4": "Draft: the year-end review is being written with the Culture and "
        "Information Division.",
    },
    "1.2.a": [None, None, None, None, None, 35, 0, 28, 42, 0, 0, 31, 0, 46, 25, None],
    "1.2.b": [None, None, 118, 121, 115, 112, 108, 104, 101, 99, 96, 93, 90, 86, 84, 82],
    "2.a": [None, 3, 4, 4, 5, 6, 6, 7, 8, 8, 9, 10, 11, 12, 13, 14],
    "2.b": [None, (4, 10), None, (5, 11), None, (6, 12), None, (8, 12),
            None, (7, 10), None, (9, 12), None, (10, 12), (6, 8), None],
    "2.1.a": [None, None, None, None, None, None, 2, 1, 0, 2, 1, 3, 1, 2, 2, None],
    "2.1.b": {
        "2019 Q4": "The ASUS coordination mechanism's terms of reference were drafted with the "
        "ASEAN Smart Cities Network.",
        "2020 Q2": "The member states' focal points for sustainable urbanisation were nominated.",
        "2020 Q4": "The first ASEAN-wide ASUS coordination meeting took place online with focal "
        "points from all ten member states.",
        "2021 Q2": "The mechanism meets twice a year; a shared work plan links ASUS to the MPAC "
        "2025 initiatives on sustainable infrastructure.",
        "2021 Q3": "The work plan's first review found city assessments ahead of schedule.",
    },
    "2.1.c": [None, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 2, 1, None],
    "3.a": [None, None, None, (61, 158), None, None, None, (66, 160),
            None, None, None, (70, 158), None, (73, 159), None, None],
    "3.b": [None, None, None, None, None, 1, 0, 1, 0, 2, 0, 1, 1, 1, 1, None],
    "3.1.a": [None, None, None, None, 24, 0, 0, 31, 18, 0, 40, 0, 45, 22, 30, None],
    "3.1.b": {
        "2019 Q4": "An accessibility audit of the ASEC building was commissioned with an "
        "organisation of persons with disabilities.",
        "2020 Q4": "Ramps, an accessible lift and signage in braille were installed; the "
        "intranet was checked against WCAG 2.1.",
        "2021 Q2": "ASEC's public web pages meet WCAG 2.1 AA; sign language interpretation is "
        "offered at public events on request.",
        "2021 Q4": "Draft: follow-up of the second building audit.",
    },
}
# fmt: on

# (indicator code, quarter) → the state the update ends in, and the reviewer's note.
STATES: dict[tuple[str, str], tuple[str, str]] = {
    ("1.a", "2021 Q3"): (SUBMITTED, ""),
    ("1.1.a", "2021 Q3"): (
        RETURNED,
        "The attendance list of the Media Forum counts 84 media representatives, not 90. "
        "Please correct the figure and attach the list.",
    ),
    ("1.1.b", "2021 Q4"): (DRAFT, ""),
    ("1.2.a", "2021 Q3"): (SUBMITTED, ""),
    ("1.2.b", "2021 Q4"): (DRAFT, ""),
    ("2.a", "2021 Q4"): (DRAFT, ""),
    ("2.b", "2021 Q3"): (SUBMITTED, ""),
    ("2.1.a", "2021 Q3"): (
        RETURNED,
        "Please split the two cities by member state, as the indicator asks.",
    ),
    ("2.1.b", "2021 Q3"): (SUBMITTED, ""),
    ("2.1.c", "2021 Q2"): (SUBMITTED, ""),  # waiting for review in a locked quarter
    ("3.1.a", "2021 Q3"): (
        RETURNED,
        "Please check the number of persons with disabilities against the attendance list.",
    ),
    ("3.1.b", "2021 Q4"): (DRAFT, ""),
}

# --- The activity log -----------------------------------------------------------

IN_TERM = ("ID", "MY", "PH", "SG", "TH", "BN", "VN", "LA", "MM", "KH")  # the ten, 2018–2021

ACTIVITIES = [
    # Component 1, Community Relations Division
    {
        "unit": "CID",
        "component": "organisational-processes",
        "title": "Launch of the ASEAN Communication Master Plan II",
        "activity_type": Activity.Type.LAUNCH,
        "start_date": date(2018, 11, 13),
        "location": "Singapore",
        "description": "The Master Plan II launched at the 33rd ASEAN Summit, with a press event.",
        "member_states": IN_TERM,
        "partners": ("GIZ",),
        "participants": (64, 71, 2, 1, 10),
        "indicators": ("1.1.b",),
    },
    {
        "unit": "CRD",
        "component": "organisational-processes",
        "title": "ASEAN Media Forum 2018",
        "activity_type": Activity.Type.MEETING,
        "start_date": date(2018, 10, 16),
        "end_date": date(2018, 10, 17),
        "location": "Jakarta",
        "description": (
            "Media leaders from the member states in dialogue with the region's opinion leaders "
            "on economic integration. Sponsored by regional businesses."
        ),
        "member_states": IN_TERM,
        "partners": ("GIZ",),
        "participants": (28, 36, 1, 1, 4),
        "indicators": ("1.1.a",),
    },
    {
        "unit": "CID",
        "component": "organisational-processes",
        "title": "Training on statistical data dissemination for ASEC communication officers",
        "activity_type": Activity.Type.TRAINING,
        "start_date": date(2019, 3, 12),
        "end_date": date(2019, 3, 14),
        "location": "ASEAN Secretariat, Jakarta",
        "description": "How to present ASEAN statistics to journalists and the public.",
        "member_states": ("ID",),
        "partners": ("GIZ",),
        "participants": (14, 8, 0, 1, 0),
    },
    {
        "unit": "CRD",
        "component": "organisational-processes",
        "title": "ASEAN Media Forum 2019",
        "activity_type": Activity.Type.MEETING,
        "start_date": date(2019, 11, 5),
        "end_date": date(2019, 11, 6),
        "location": "Bangkok",
        "description": "The second forum, on the digital economy and the ASEAN Community Vision.",
        "member_states": IN_TERM,
        "partners": ("GIZ",),
        "participants": (39, 41, 3, 2, 6),
        "indicators": ("1.1.a",),
    },
    {
        "unit": "CRD",
        "component": "organisational-processes",
        "title": "Consultation with civil society on ASEC's outreach strategy",
        "activity_type": Activity.Type.WORKSHOP,
        "start_date": date(2019, 7, 23),
        "location": "ASEAN Secretariat, Jakarta",
        "description": "Internal preparation with civil society organisations; not published.",
        "member_states": ("ID", "PH", "TH"),
        "partners": (),
        "participants": (11, 7, 0, 0, 2),
        "public": False,
    },
    {
        "unit": "CRD",
        "component": "organisational-processes",
        "title": "ASEAN Media Forum 2020 (online)",
        "activity_type": Activity.Type.MEETING,
        "start_date": date(2020, 11, 24),
        "location": "Online",
        "description": "The first online forum, on the pandemic's economic impact.",
        "member_states": IN_TERM,
        "partners": ("GIZ",),
        "participants": (44, 39, 2, 3, 12),
        "indicators": ("1.1.a",),
    },
    {
        "unit": "CRD",
        "component": "organisational-processes",
        "title": "ASEAN Media Forum 2021 (online)",
        "activity_type": Activity.Type.MEETING,
        "start_date": date(2021, 9, 14),
        "location": "Online",
        "description": "The fourth forum, on the ASEAN Comprehensive Recovery Framework.",
        "member_states": IN_TERM,
        "partners": ("GIZ",),
        "participants": (47, 40, 3, 2, 9),
        "indicators": ("1.1.a",),
        "state": SUBMITTED,
    },
    {
        "unit": "CRD",
        "component": "organisational-processes",
        "title": "Evaluation workshop on the online outreach campaign",
        "activity_type": Activity.Type.WORKSHOP,
        "start_date": date(2021, 8, 19),
        "location": "Online",
        "description": "Lessons from the campaign on the ASEAN Community Vision 2025.",
        "member_states": ("ID",),
        "partners": ("GIZ",),
        "participants": (0, 0, 0, 0, 0),
        "state": RETURNED,
        "note": "Please add the participants by sex: the attendance list shows 14 women and 9 men.",
    },
    {
        "unit": "CRD",
        "component": "organisational-processes",
        "title": "Review of the communication strategy with cooperation partners",
        "activity_type": Activity.Type.STRATEGY,
        "start_date": date(2021, 11, 9),
        "location": "ASEAN Secretariat, Jakarta",
        "member_states": (),
        "partners": ("GIZ",),
        "participants": (6, 5, 0, 0, 0),
        "state": DRAFT,
    },
    # Component 1, Corporate Affairs Directorate
    {
        "unit": "CAD",
        "component": "organisational-processes",
        "title": "Anti-corruption workshop with the Corruption Eradication Commission (KPK)",
        "activity_type": Activity.Type.WORKSHOP,
        "start_date": date(2019, 5, 7),
        "end_date": date(2019, 5, 8),
        "location": "ASEAN Secretariat, Jakarta",
        "description": "Corruption risks in procurement; KPK's prevention tools at ASEC.",
        "member_states": ("ID",),
        "partners": ("KPK", "GIZ"),
        "participants": (19, 16, 0, 1, 3),
        "indicators": ("1.2.a",),
    },
    {
        "unit": "LSAD",
        "component": "organisational-processes",
        "title": "Legal training on ASEAN contracts with the Centre for International Law",
        "activity_type": Activity.Type.TRAINING,
        "start_date": date(2019, 9, 24),
        "end_date": date(2019, 9, 26),
        "location": "Singapore",
        "description": (
            "Contract law for the lawyers of the Legal Services and Agreements Directorate and "
            "ASEC's procurement officers."
        ),
        "member_states": ("SG", "ID"),
        "partners": ("CIL", "GIZ"),
        "participants": (12, 10, 0, 0, 1),
    },
    {
        "unit": "IAED",
        "component": "organisational-processes",
        "title": "Integrity and corruption prevention training for ASEC managers",
        "activity_type": Activity.Type.TRAINING,
        "start_date": date(2020, 2, 18),
        "location": "ASEAN Secretariat, Jakarta",
        "member_states": ("ID",),
        "partners": ("KPK",),
        "participants": (21, 21, 1, 1, 2),
        "indicators": ("1.2.a",),
    },
    {
        "unit": "CAD",
        "component": "organisational-processes",
        "title": "Competency framework workshop for strategic HR development",
        "activity_type": Activity.Type.WORKSHOP,
        "start_date": date(2020, 9, 15),
        "location": "Online",
        "description": "Internal working session of the HR team.",
        "member_states": (),
        "partners": ("GIZ",),
        "participants": (7, 4, 0, 0, 0),
        "public": False,
        "indicators": ("1.a",),
    },
    {
        "unit": "CAD",
        "component": "organisational-processes",
        "title": "Anti-corruption workshop with KPK: whistle-blowing and conflicts of interest",
        "activity_type": Activity.Type.WORKSHOP,
        "start_date": date(2021, 6, 8),
        "location": "Online",
        "member_states": ("ID",),
        "partners": ("KPK", "GIZ"),
        "participants": (26, 19, 1, 2, 4),
        "indicators": ("1.2.a",),
    },
    {
        "unit": "LSAD",
        "component": "organisational-processes",
        "title": "Legal training on ASEAN contracts: dispute clauses",
        "activity_type": Activity.Type.TRAINING,
        "start_date": date(2021, 10, 12),
        "location": "Online",
        "member_states": ("SG",),
        "partners": ("CIL",),
        "participants": (9, 8, 0, 0, 0),
        "state": SUBMITTED,
    },
    # Component 2, ASEAN Connectivity Division
    {
        "unit": "ACD",
        "component": "connectivity",
        "title": "MPAC 2025 coordination meeting with the national coordinators",
        "activity_type": Activity.Type.MEETING,
        "start_date": date(2018, 6, 20),
        "location": "ASEAN Secretariat, Jakarta",
        "description": "Agreed implementation plans for the first MPAC 2025 initiatives.",
        "member_states": IN_TERM,
        "partners": ("GIZ",),
        "participants": (17, 22, 1, 0, 3),
        "indicators": ("2.a", "2.b"),
    },
    {
        "unit": "ACD",
        "component": "connectivity",
        "title": "MPAC 2025 coordination meeting: seamless logistics and regulatory excellence",
        "activity_type": Activity.Type.MEETING,
        "start_date": date(2019, 3, 26),
        "location": "Bangkok",
        "member_states": IN_TERM,
        "partners": ("GIZ",),
        "participants": (19, 24, 2, 1, 5),
        "indicators": ("2.a", "2.b"),
    },
    {
        "unit": "ACD",
        "component": "connectivity",
        "title": "ASUS city assessment workshop",
        "activity_type": Activity.Type.WORKSHOP,
        "start_date": date(2019, 10, 8),
        "end_date": date(2019, 10, 10),
        "location": "Hanoi",
        "description": "City officials applied the ASUS assessment framework to their own cities.",
        "member_states": ("VN", "LA", "KH", "MM", "TH"),
        "partners": ("GIZ",),
        "participants": (23, 27, 1, 2, 6),
        "indicators": ("2.1.a",),
    },
    {
        "unit": "ACD",
        "component": "connectivity",
        "title": "Study on financing sustainable urban infrastructure",
        "activity_type": Activity.Type.STUDY,
        "start_date": date(2020, 4, 1),
        "end_date": date(2020, 9, 30),
        "location": "Jakarta",
        "member_states": IN_TERM,
        "partners": ("GIZ",),
        "participants": (0, 0, 0, 0, 0),
    },
    {
        "unit": "ACD",
        "component": "connectivity",
        "title": "MPAC 2025 coordination meeting (online)",
        "activity_type": Activity.Type.MEETING,
        "start_date": date(2020, 6, 16),
        "location": "Online",
        "member_states": IN_TERM,
        "partners": ("GIZ",),
        "participants": (21, 20, 2, 1, 7),
        "indicators": ("2.a", "2.b"),
    },
    {
        "unit": "ACD",
        "component": "connectivity",
        "title": "First ASEAN-wide ASUS coordination meeting",
        "activity_type": Activity.Type.MEETING,
        "start_date": date(2020, 11, 10),
        "location": "Online",
        "description": "Focal points for sustainable urbanisation from all ten member states.",
        "member_states": IN_TERM,
        "partners": ("GIZ",),
        "participants": (18, 15, 1, 1, 4),
        "indicators": ("2.1.b",),
    },
    {
        "unit": "ACD",
        "component": "connectivity",
        "title": "Internal ACD meeting on MPAC monitoring",
        "activity_type": Activity.Type.MEETING,
        "start_date": date(2021, 2, 2),
        "location": "ASEAN Secretariat, Jakarta",
        "member_states": (),
        "partners": (),
        "participants": (5, 6, 0, 0, 0),
        "public": False,
        "indicators": ("2.1.c",),
    },
    {
        "unit": "ACD",
        "component": "connectivity",
        "title": "MPAC 2025 coordination meeting: people mobility and digital innovation",
        "activity_type": Activity.Type.MEETING,
        "start_date": date(2021, 3, 23),
        "location": "Online",
        "member_states": IN_TERM,
        "partners": ("GIZ",),
        "participants": (22, 21, 1, 1, 6),
        "indicators": ("2.a", "2.b"),
    },
    {
        "unit": "ACD",
        "component": "connectivity",
        "title": "MPAC 2025 coordination meeting, third quarter 2021",
        "activity_type": Activity.Type.MEETING,
        "start_date": date(2021, 9, 21),
        "location": "Online",
        "member_states": IN_TERM,
        "partners": ("GIZ",),
        "participants": (20, 23, 1, 1, 5),
        "state": SUBMITTED,
    },
    {
        "unit": "ACD",
        "component": "connectivity",
        "title": "Peer-learning workshop for ASUS pilot cities",
        "activity_type": Activity.Type.WORKSHOP,
        "start_date": date(2021, 8, 31),
        "location": "Online",
        "member_states": ("PH", "MY", "ID"),
        "partners": ("GIZ",),
        "participants": (16, 12, 0, 1, 2),
        "state": RETURNED,
        "note": "Please link it to indicator 2.1.a if cities took part.",
    },
    {
        "unit": "ACD",
        "component": "connectivity",
        "title": "ASUS coordination meeting, end of 2021",
        "activity_type": Activity.Type.MEETING,
        "start_date": date(2021, 11, 30),
        "location": "Online",
        "member_states": IN_TERM,
        "partners": (),
        "participants": (0, 0, 0, 0, 0),
        "state": DRAFT,
    },
    # Component 3, Corporate Affairs Directorate
    {
        "unit": "CAD",
        "component": "diversity-inclusion",
        "title": "Gender equality workshop for ASEC managers",
        "activity_type": Activity.Type.WORKSHOP,
        "start_date": date(2019, 3, 8),
        "location": "ASEAN Secretariat, Jakarta",
        "description": "On International Women's Day: gender-responsive management.",
        "member_states": ("ID",),
        "partners": ("GIZ",),
        "participants": (14, 10, 0, 0, 1),
        "indicators": ("3.1.a",),
    },
    {
        "unit": "CAD",
        "component": "diversity-inclusion",
        "title": "Disability inclusion workshop: reasonable accommodation at ASEC",
        "activity_type": Activity.Type.WORKSHOP,
        "start_date": date(2019, 12, 3),
        "location": "ASEAN Secretariat, Jakarta",
        "description": "On the International Day of Persons with Disabilities.",
        "member_states": ("ID",),
        "partners": ("GIZ",),
        "participants": (17, 13, 1, 3, 2),
        "indicators": ("3.1.a",),
    },
    {
        "unit": "CAD",
        "component": "diversity-inclusion",
        "title": "Review of ASEC's HR regulations for gender equality",
        "activity_type": Activity.Type.STUDY,
        "start_date": date(2020, 6, 1),
        "end_date": date(2020, 8, 31),
        "location": "Jakarta",
        "description": "Internal review; findings go to the Corporate Affairs Directorate.",
        "member_states": (),
        "partners": ("GIZ",),
        "participants": (0, 0, 0, 0, 0),
        "public": False,
        "indicators": ("3.b",),
    },
    {
        "unit": "CAD",
        "component": "diversity-inclusion",
        "title": "Gender and disability inclusion training for all staff (online)",
        "activity_type": Activity.Type.TRAINING,
        "start_date": date(2020, 10, 20),
        "location": "Online",
        "member_states": ("ID",),
        "partners": ("GIZ",),
        "participants": (23, 16, 1, 2, 3),
        "indicators": ("3.1.a",),
    },
    {
        "unit": "CAD",
        "component": "diversity-inclusion",
        "title": "Accessibility audit of the ASEC building",
        "activity_type": Activity.Type.STUDY,
        "start_date": date(2021, 5, 17),
        "end_date": date(2021, 5, 21),
        "location": "ASEAN Secretariat, Jakarta",
        "description": "With an organisation of persons with disabilities as auditor.",
        "member_states": ("ID",),
        "partners": ("GIZ",),
        "participants": (4, 3, 0, 3, 0),
        "indicators": ("3.1.b",),
    },
    {
        "unit": "CAD",
        "component": "diversity-inclusion",
        "title": "Inclusion workshop with organisations of persons with disabilities",
        "activity_type": Activity.Type.WORKSHOP,
        "start_date": date(2021, 9, 7),
        "location": "Online",
        "member_states": ("ID", "MY", "TH"),
        "partners": ("GIZ",),
        "participants": (12, 9, 0, 6, 1),
        "state": RETURNED,
        "note": "Please add the organisations that took part to the description.",
    },
    {
        "unit": "CAD",
        "component": "diversity-inclusion",
        "title": "Meeting of ASEC's gender focal points",
        "activity_type": Activity.Type.MEETING,
        "start_date": date(2021, 11, 25),
        "location": "ASEAN Secretariat, Jakarta",
        "member_states": (),
        "partners": (),
        "participants": (8, 3, 0, 0, 0),
        "state": DRAFT,
    },
]


# --- Loading -------------------------------------------------------------------


def _quarters() -> list[tuple[str, date, date]]:
    quarters = []
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        for quarter in range(4):
            start = date(year, 3 * quarter + 1, 1)
            next_start = date(year + 1, 1, 1) if quarter == 3 else date(year, 3 * quarter + 4, 1)
            quarters.append((f"{year} Q{quarter + 1}", start, next_start - timedelta(days=1)))
    return quarters


def _people(users: Iterable[User]) -> tuple[User, dict[str, User]]:
    """The reviewer (the demo adviser) and the demo staff member of each unit."""
    reviewer, authors = None, {}
    for user in users:
        if user.is_programme_adviser and reviewer is None:
            reviewer = user
        elif user.is_secretariat_staff and user.unit_id:
            authors.setdefault(user.unit.abbreviation, user)
    wanted = {spec["unit"] for spec in ACTIVITIES} | {
        indicator["responsible_unit"] for result in RESULTS for indicator in result["indicators"]
    }
    missing = sorted(wanted - authors.keys()) + (["the adviser"] if reviewer is None else [])
    if missing:
        raise ImproperlyConfigured(
            "The monitoring demo needs the demo adviser and a demo staff member in each of "
            f"{', '.join(sorted(wanted))} (missing: {', '.join(missing)})."
        )
    return reviewer, authors


def _result_values(spec: dict) -> dict:
    """A result's fields from its entry in RESULTS, its component and code aside."""
    return {
        "level": spec["level"],
        "title": spec["title"],
        "description": spec.get("description", ""),
        "order": spec["order"],
    }


def _indicator_values(*, item: dict, order: int, units: dict[str, Unit]) -> tuple[str, dict]:
    """An indicator's code and fields from its entry in RESULTS, its result aside."""
    item = dict(item)
    code = item.pop("code")
    qualitative = item["measure"] == QUALITATIVE
    values = {
        "title": item.pop("title"),
        "definition": item.pop("definition", ""),
        "measure": item.pop("measure"),
        "unit_of_measure": item.pop("unit_of_measure", ""),
        "baseline_value": None if qualitative else Decimal(item.pop("baseline_value")),
        "baseline_year": FIRST_YEAR,
        "target_value": None if qualitative else Decimal(item.pop("target_value")),
        "target_year": LAST_YEAR,
        "direction": item.pop("direction", Indicator.Direction.INCREASE),
        "cumulative_rule": item.pop("cumulative_rule", NON_CUMULATIVE),
        "means_of_verification": item.pop("means_of_verification", ""),
        "responsible_unit": units[item.pop("responsible_unit")],
        "disaggregate_by_sex": item.pop("disaggregate_by_sex", False),
        "disaggregate_by_disability": item.pop("disaggregate_by_disability", False),
        "disaggregate_by_member_state": item.pop("disaggregate_by_member_state", False),
        "is_public": item.pop("is_public", True),
        "order": order,
    }
    return code, values


def _framework_load(written: dict[str, int]) -> tuple[dict[str, Indicator], list[ReportingPeriod]]:
    components = {component.slug: component for component in Component.objects.all()}
    units = {unit.abbreviation: unit for unit in Unit.objects.all()}
    indicators = {}
    for spec in RESULTS:
        result, changed = upsert(
            Result,
            lookup={"component": components[spec["component"]], "code": spec["code"]},
            values=_result_values(spec),
        )
        written["results"] += changed
        for order, item in enumerate(spec["indicators"], start=1):
            code, values = _indicator_values(item=item, order=order, units=units)
            indicator, changed = upsert(
                Indicator, lookup={"result": result, "code": code}, values=values
            )
            written["indicators"] += changed
            indicators[code] = indicator

    periods = []
    for name, start, end in _quarters():
        # Whether a period is locked is the workflow's business (period_set_locked).
        period, changed = upsert(
            ReportingPeriod, lookup={"name": name}, values={"start": start, "end": end}
        )
        written["reporting periods"] += changed
        periods.append(period)
    return indicators, periods


def _update_data(*, indicator: Indicator, entry) -> dict:
    if indicator.measure == QUALITATIVE:
        return {"narrative": entry}
    if indicator.measure == PERCENTAGE:
        numerator, denominator = (Decimal(value) for value in entry)
        data = {"numerator": numerator, "denominator": denominator}
        total = numerator
    else:
        total = Decimal(entry)
        data = {"value": total}
    rows = []
    if total and indicator.disaggregate_by_sex:
        women = (total * Decimal("0.54")).quantize(Decimal(1))
        rows += [
            {"category": "sex", "group": "women", "member_state": None, "value": women},
            {"category": "sex", "group": "men", "member_state": None, "value": total - women},
        ]
    if total and indicator.disaggregate_by_disability:
        with_disability = (total / 15).quantize(Decimal(1))
        rows += [
            {
                "category": "disability",
                "group": "with_disability",
                "member_state": None,
                "value": with_disability,
            },
            {
                "category": "disability",
                "group": "without_disability",
                "member_state": None,
                "value": total - with_disability,
            },
        ]
    if rows:
        data["disaggregations"] = rows
    return data


def _history_entries(indicators: dict[str, Indicator]):
    """(indicator, quarter index, entry, state, note) for every update in the history."""
    names = {index: name for name, index in QUARTER_INDEX.items()}
    for code, series in SERIES.items():
        items = (
            ((QUARTER_INDEX[name], entry) for name, entry in series.items())
            if isinstance(series, dict)
            else enumerate(series)
        )
        for index, entry in items:
            if entry is None:
                continue
            state, note = STATES.get((code, names[index]), (APPROVED, ""))
            yield indicators[code], index, entry, state, note


def _updates_load(
    *, indicators, periods, reviewer: User, authors: dict[str, User], written
) -> None:
    existing = set(IndicatorUpdate.objects.values_list("indicator_id", "period_id"))
    missing = [
        entry
        for entry in _history_entries(indicators)
        if (entry[0].pk, periods[entry[1]].pk) not in existing
    ]
    # A locked period refuses updates: open the ones that still miss some, lock them after.
    for index in sorted({entry[1] for entry in missing}):
        services.period_set_locked(period=periods[index], locked=False, user=reviewer)
    for indicator, index, entry, state, note in missing:
        author = authors[indicator.responsible_unit.abbreviation]
        update = services.indicator_update_create(
            indicator=indicator,
            period=periods[index],
            user=author,
            data=_update_data(indicator=indicator, entry=entry),
            submit=state != DRAFT,
        )
        if state == APPROVED:
            services.indicator_update_approve(update=update, reviewer=reviewer)
        elif state == RETURNED:
            services.indicator_update_return(update=update, reviewer=reviewer, note=note)
        written["indicator updates"] += 1
    for period in periods[:-OPEN_QUARTERS]:
        services.period_set_locked(period=period, locked=True, user=reviewer)


def _activities_load(*, indicators, reviewer: User, authors: dict[str, User], written) -> None:
    components = {component.slug: component for component in Component.objects.all()}
    member_states = {state.iso_code: state for state in MemberState.objects.all()}
    partners = {partner.acronym: partner for partner in Partner.objects.all()}
    existing = set(Activity.objects.values_list("unit__abbreviation", "title", "start_date"))
    for spec in ACTIVITIES:
        if (spec["unit"], spec["title"], spec["start_date"]) in existing:
            continue
        women, men, other, with_disability, not_stated = spec["participants"]
        data = {
            "title": spec["title"],
            "start_date": spec["start_date"],
            "end_date": spec.get("end_date"),
            "component": components[spec["component"]],
            "activity_type": spec["activity_type"],
            "description": spec.get("description", ""),
            "location": spec.get("location", ""),
            "participants_women": women,
            "participants_men": men,
            "participants_sex_other": other,
            "participants_with_disability": with_disability,
            "participants_disability_not_stated": not_stated,
            "is_public": spec.get("public", True),
            "member_states": [member_states[code] for code in spec["member_states"]],
            "partners": [partners[acronym] for acronym in spec["partners"]],
            "indicators": [indicators[code] for code in spec.get("indicators", ())],
        }
        state = spec.get("state", APPROVED)
        activity = services.activity_create(
            user=authors[spec["unit"]], data=data, submit=state != DRAFT
        )
        if state == APPROVED:
            services.activity_approve(activity=activity, reviewer=reviewer)
        elif state == RETURNED:
            services.activity_return(activity=activity, reviewer=reviewer, note=spec["note"])
        written["activities"] += 1


@transaction.atomic
def monitoring_demo_load(*, users: Iterable[User]) -> dict[str, int]:
    """Load the demo results framework, reporting history and activity log.

    `users` are the demo accounts (accounts.services.demo_accounts_create): the
    adviser reviews, each unit's staff member writes. Idempotent. Returns how
    many rows of each kind were created or changed. Raises ImproperlyConfigured
    if a needed demo account is missing.
    """
    reviewer, authors = _people(users)
    written = dict.fromkeys(
        ["results", "indicators", "reporting periods", "indicator updates", "activities"], 0
    )
    indicators, periods = _framework_load(written)
    _updates_load(
        indicators=indicators,
        periods=periods,
        reviewer=reviewer,
        authors=authors,
        written=written,
    )
    _activities_load(indicators=indicators, reviewer=reviewer, authors=authors, written=written)
    return written


# --- Volume data for benchmarks ----------------------------------------------------
#
# `seed_demo --scale N` makes the monitoring data N times the demo's shape, so
# pages can be measured at volume: copies 2 to N of the framework, the history
# and the activity log above (copy 1 is the demo itself). A copy's results and
# indicators carry its number in their code (`1.1.a-v0002`), and that is how a
# rerun finds the copies already there.

VOLUME_SCALE_MAX = 1000
# The default seed: the same seed gives the same copies, in any database.
VOLUME_SEED = 2018
# Rows per INSERT: a few dozen statements per table at --scale 100. Django lowers
# it further on SQLite to stay within its limit on query parameters.
VOLUME_BATCH_SIZE = 1000
VOLUME_CODE = re.compile(r"-v(?P<copy>\d{4})$")
VOLUME_KINDS = (
    "results",
    "indicators",
    "indicator updates",
    "disaggregated values",
    "activities",
    "activity links",
)


@dataclass(frozen=True)
class VolumeLoad:
    """What `monitoring_volume_load` found and left: the scale before and after
    (1: the demo alone) and how many rows of each kind it inserted."""

    found: int
    scale: int
    written: dict[str, int]


def volume_code(*, code: str, copy: int) -> str:
    """The code of a result or indicator of the demo in volume copy `copy`."""
    return f"{code}-v{copy:04d}"


def _volume_title(*, title: str, copy: int) -> str:
    return f"{title} (copy {copy})"


def _volume_copies_present() -> set[int]:
    """The numbers of the volume copies in the database, read off their results' codes."""
    demo_codes = {spec["code"] for spec in RESULTS}
    copies = set()
    for code in Result.objects.filter(code__contains="-v").values_list("code", flat=True):
        match = VOLUME_CODE.search(code)
        if match and code[: match.start()] in demo_codes:
            copies.add(int(match["copy"]))
    return copies


def _volume_rng(*, seed: int, copy: int, kind: str) -> random.Random:
    # One stream per copy and kind: copy 7 is the same whether it is added
    # alone (a top-up from 6) or with 98 others, and whatever came before it.
    return random.Random(f"{seed}:{copy}:{kind}")  # noqa: S311 - demo data, not security


def _volume_jitter(*, rng: random.Random, value: int) -> int:
    """`value` give or take a fifth: copies differ, but keep the demo's sizes."""
    spread = value // 5
    return value + rng.randint(-spread, spread)


def _volume_entry(*, rng: random.Random, entry):
    """A history entry (number, (numerator, denominator) or narrative) varied for a copy."""
    if isinstance(entry, str):
        return entry
    if isinstance(entry, tuple):
        numerator, denominator = entry
        denominator = _volume_jitter(rng=rng, value=denominator)
        # The model refuses a numerator above the denominator.
        return min(_volume_jitter(rng=rng, value=numerator), denominator), denominator
    return _volume_jitter(rng=rng, value=entry)


def _volume_review_fields(
    *, state: str, author: User, reviewer: User, note: str, at: datetime
) -> dict:
    """The review core's bookkeeping for a record that ends in `state`, as its
    services would have left it: submitted records name who submitted them and
    when, reviewed ones who reviewed them and when, returned ones why."""
    fields = {"status": state, "created_by": author}
    if state != DRAFT:
        fields |= {"submitted_by": author, "submitted_at": at}
    if state in (APPROVED, RETURNED):
        fields |= {
            "reviewed_by": reviewer,
            "reviewed_at": at,
            "review_note": note if state == RETURNED else "",
        }
    return fields


def _volume_framework_create(
    *, copies: list[int], written: dict[str, int]
) -> dict[int, dict[str, Indicator]]:
    """Each copy's results and indicators; returns {copy: {demo code: indicator}}."""
    components = {component.slug: component for component in Component.objects.all()}
    units = {unit.abbreviation: unit for unit in Unit.objects.all()}
    specs = [(copy, spec) for copy in copies for spec in RESULTS]
    results = []
    for copy, spec in specs:
        values = _result_values(spec)
        values["title"] = _volume_title(title=values["title"], copy=copy)
        code = volume_code(code=spec["code"], copy=copy)
        results.append(Result(component=components[spec["component"]], code=code, **values))
    # PostgreSQL and SQLite (3.35+) hand back the new primary keys, which the
    # indicators below need.
    Result.objects.bulk_create(results, batch_size=VOLUME_BATCH_SIZE)

    indicators: dict[int, dict[str, Indicator]] = {copy: {} for copy in copies}
    for result, (copy, spec) in zip(results, specs, strict=True):
        for order, item in enumerate(spec["indicators"], start=1):
            code, values = _indicator_values(item=item, order=order, units=units)
            values["title"] = _volume_title(title=values["title"], copy=copy)
            indicators[copy][code] = Indicator(
                result=result, code=volume_code(code=code, copy=copy), **values
            )
    rows = [indicator for by_code in indicators.values() for indicator in by_code.values()]
    # bulk_create sends no signals, so django-simple-history writes no historical
    # rows for these indicators: none are needed, nobody ever edited them.
    Indicator.objects.bulk_create(rows, batch_size=VOLUME_BATCH_SIZE)
    written["results"] += len(results)
    written["indicators"] += len(rows)
    return indicators


def _volume_periods() -> dict[int, ReportingPeriod]:
    """The demo's reporting periods by quarter index; the copies report in them too."""
    periods = ReportingPeriod.objects.filter(name__in=QUARTER_INDEX)
    by_index = {QUARTER_INDEX[period.name]: period for period in periods}
    if len(by_index) != len(QUARTER_INDEX):
        raise ImproperlyConfigured(
            "Volume data needs the demo's reporting periods: load the demo first (seed_demo)."
        )
    return by_index


def _volume_updates_create(
    *,
    indicators: dict[int, dict[str, Indicator]],
    periods: dict[int, ReportingPeriod],
    people: tuple[User, dict[str, User]],
    seed: int,
    at: datetime,
    written: dict[str, int],
) -> None:
    """Each copy's reporting history: one update per indicator and period as in
    the demo's, in the same state, with the values varied and broken down as the
    demo breaks them down."""
    reviewer, authors = people
    updates, breakdowns = [], []
    for copy, by_code in indicators.items():
        rng = _volume_rng(seed=seed, copy=copy, kind="updates")
        for indicator, index, entry, state, note in _history_entries(by_code):
            data = _update_data(indicator=indicator, entry=_volume_entry(rng=rng, entry=entry))
            breakdowns.append(data.pop("disaggregations", []))
            author = authors[indicator.responsible_unit.abbreviation]
            updates.append(
                IndicatorUpdate(
                    indicator=indicator,
                    period=periods[index],
                    **data,
                    **_volume_review_fields(
                        state=state, author=author, reviewer=reviewer, note=note, at=at
                    ),
                )
            )
    IndicatorUpdate.objects.bulk_create(updates, batch_size=VOLUME_BATCH_SIZE)
    rows = [
        Disaggregation(update=update, **row)
        for update, update_rows in zip(updates, breakdowns, strict=True)
        for row in update_rows
    ]
    Disaggregation.objects.bulk_create(rows, batch_size=VOLUME_BATCH_SIZE)
    written["indicator updates"] += len(updates)
    written["disaggregated values"] += len(rows)


def _volume_activity(
    *, spec: dict, copy: int, rng: random.Random, author: User, **fields
) -> Activity:
    """One copy of a demo activity: moved by up to two weeks, its participants varied
    (those with a disability or not stated never more than all of them)."""
    shift = timedelta(days=rng.randint(-14, 14))
    women, men, other, with_disability, not_stated = spec["participants"]
    women, men = _volume_jitter(rng=rng, value=women), _volume_jitter(rng=rng, value=men)
    total = women + men + other
    with_disability = min(with_disability, total)
    return Activity(
        title=_volume_title(title=spec["title"], copy=copy),
        start_date=spec["start_date"] + shift,
        end_date=spec["end_date"] + shift if spec.get("end_date") else None,
        activity_type=spec["activity_type"],
        description=spec.get("description", ""),
        location=spec.get("location", ""),
        participants_women=women,
        participants_men=men,
        participants_sex_other=other,
        participants_with_disability=with_disability,
        participants_disability_not_stated=min(not_stated, total - with_disability),
        is_public=spec.get("public", True),
        unit=author.unit,
        **fields,
    )


def _volume_links_create(*, relation, pairs: list[tuple[int, int]]) -> int:
    """Rows of a many-to-many table, inserted at once: (activity pk, other pk) pairs."""
    field = relation.field
    source, target = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
    rows = [relation.through(**{source: left, target: right}) for left, right in pairs]
    relation.through.objects.bulk_create(rows, batch_size=VOLUME_BATCH_SIZE)
    return len(rows)


def _volume_activities_create(
    *,
    indicators: dict[int, dict[str, Indicator]],
    people: tuple[User, dict[str, User]],
    seed: int,
    at: datetime,
    written: dict[str, int],
) -> None:
    """Each copy's activity log: every demo activity once more, in the same state,
    component, unit, type, visibility, member states and partners, linked to the
    copy's own indicators."""
    reviewer, authors = people
    components = {component.slug: component for component in Component.objects.all()}
    member_states = {state.iso_code: state.pk for state in MemberState.objects.all()}
    partners = {partner.acronym: partner.pk for partner in Partner.objects.all()}
    activities, relations = [], []
    for copy, by_code in indicators.items():
        rng = _volume_rng(seed=seed, copy=copy, kind="activities")
        for spec in ACTIVITIES:
            author = authors[spec["unit"]]
            state = spec.get("state", APPROVED)
            activities.append(
                _volume_activity(
                    spec=spec,
                    copy=copy,
                    rng=rng,
                    author=author,
                    component=components[spec["component"]],
                    **_volume_review_fields(
                        state=state,
                        author=author,
                        reviewer=reviewer,
                        note=spec.get("note", ""),
                        at=at,
                    ),
                )
            )
            relations.append(
                {
                    "member_states": [member_states[code] for code in spec["member_states"]],
                    "partners": [partners[acronym] for acronym in spec["partners"]],
                    "indicators": [by_code[code].pk for code in spec.get("indicators", ())],
                }
            )
    Activity.objects.bulk_create(activities, batch_size=VOLUME_BATCH_SIZE)
    for name in ("member_states", "partners", "indicators"):
        pairs = [
            (activity.pk, other)
            for activity, related in zip(activities, relations, strict=True)
            for other in related[name]
        ]
        written["activity links"] += _volume_links_create(
            relation=getattr(Activity, name), pairs=pairs
        )
    written["activities"] += len(activities)


@transaction.atomic
def monitoring_volume_load(
    *, scale: int, users: Iterable[User], seed: int = VOLUME_SEED
) -> VolumeLoad:
    """Make the monitoring data `scale` times the demo's shape, for benchmarks.

    Adds the copies of the demo (results, indicators, updates with their
    breakdowns, activities with their member states, partners and indicators)
    that are missing up to `scale`; copies already there, and the demo itself,
    are left alone, so a rerun adds nothing and a smaller scale changes nothing.
    The same `seed` gives the same rows in any database.

    Why it bypasses the services: the demo (`monitoring_demo_load`) goes through
    them so that its review history is the real one, but each record then costs
    several transactions, row locks and audit entries, and 99 copies would take
    many minutes. So the copies are bulk inserts built from the same entries as
    the demo, with the review fields the services would have set and the model's
    rules kept (tests/site/test_seed_demo_volume.py checks every copy against
    them). They have no audit entries and no django-simple-history rows: nobody
    acted on them.

    Only when DEBUG is on, like all demo data; `users` are the demo accounts.
    Raises ImproperlyConfigured otherwise, or when the demo's accounts or
    reporting periods are missing; ValueError for a scale outside 1 to
    VOLUME_SCALE_MAX.
    """
    if not settings.DEBUG:
        raise ImproperlyConfigured("Volume data is loaded only when DEBUG is on.")
    if not 1 <= scale <= VOLUME_SCALE_MAX:
        raise ValueError(f"The scale must be from 1 to {VOLUME_SCALE_MAX}, not {scale}.")
    people = _people(users)
    periods = _volume_periods()
    present = _volume_copies_present()
    missing = [copy for copy in range(2, scale + 1) if copy not in present]
    written = dict.fromkeys(VOLUME_KINDS, 0)
    if missing:
        # Submitted and reviewed at the time of the load, as the demo's own records
        # are (the services stamp the time of the seed): the one thing in a copy the
        # seed does not decide, besides primary keys and created_at/updated_at.
        at = timezone.now()
        indicators = _volume_framework_create(copies=missing, written=written)
        _volume_updates_create(
            indicators=indicators, periods=periods, people=people, seed=seed, at=at, written=written
        )
        _volume_activities_create(
            indicators=indicators, people=people, seed=seed, at=at, written=written
        )
        # bulk_create sends no signals, so the public pages' cache would not hear of
        # the new approved records: retire its pages here.
        public_pages_purge()
        if connection.vendor == "postgresql":
            # Fresh statistics, as autovacuum would gather them within minutes: without
            # them the planner takes the tables for nearly empty and picks plans that
            # are a hundred times slower, which a benchmark would measure instead.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
    return VolumeLoad(
        found=1 + len(present), scale=1 + len(present | set(missing)), written=written
    )
