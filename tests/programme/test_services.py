import pytest

from apps.programme.models import Component, MemberState, Milestone, Partner, Programme, Unit
from apps.programme.services import programme_facts_load

pytestmark = pytest.mark.django_db


def test_programme_facts_load_writes_the_brief_as_records():
    programme_facts_load()

    programme = Programme.objects.get()
    assert programme.term == "2018–2021"
    assert programme.lead_executing_agency == "ASEAN Secretariat (ASEC)"
    assert list(Component.objects.order_by("number").values_list("slug", flat=True)) == [
        "organisational-processes",
        "connectivity",
        "diversity-inclusion",
    ]
    connectivity_units = Unit.objects.filter(components__slug="connectivity")
    assert list(connectivity_units.values_list("name", flat=True)) == [
        "ASEAN Connectivity Division"
    ]
    assert MemberState.objects.count() == 11
    assert MemberState.objects.get(iso_code="TL").joined_on.isoformat() == "2025-10-26"
    assert Partner.objects.filter(acronym__in=["GIZ", "KPK", "CIL"]).count() == 3
    assert (
        Milestone.objects.filter(date__year=2008).get().title == "ASEAN Charter enters into force"
    )


def test_programme_facts_load_twice_writes_nothing_the_second_time():
    first = programme_facts_load()
    stamps = list(Unit.objects.order_by("pk").values_list("updated_at", flat=True))

    second = programme_facts_load()

    assert sum(first.values()) > 0
    assert sum(second.values()) == 0
    assert list(Unit.objects.order_by("pk").values_list("updated_at", flat=True)) == stamps


def test_programme_facts_load_repairs_a_changed_record():
    programme_facts_load()
    Unit.objects.filter(abbreviation="ACD").update(name="Renamed by someone")
    Unit.objects.get(name="Community Relations Division").components.clear()

    written = programme_facts_load()

    assert written["units"] == 2
    assert Unit.objects.filter(name="ASEAN Connectivity Division").exists()
    assert Unit.objects.get(name="Community Relations Division").components.count() == 1
