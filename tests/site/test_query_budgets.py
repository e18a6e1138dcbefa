"""A public page's query count must not grow with the data."""

import pytest
from django.urls import reverse

from tests.helpers import query_count
from tests.programme.factories import (
    ComponentFactory,
    MemberStateFactory,
    PartnerFactory,
    ProgrammeFactory,
    UnitFactory,
)

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    reverse("site:home"),
    reverse("site:about"),
    reverse("site:component_detail", args=["connectivity"]),
    reverse("site:accessibility"),
]


def _add_records(count: int, components) -> None:
    for _ in range(count):
        UnitFactory(components=components)
    PartnerFactory.create_batch(count)
    MemberStateFactory.create_batch(count)


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_page_query_count_is_flat(client, url):
    programme = ProgrammeFactory()
    components = [
        ComponentFactory(programme=programme, slug="connectivity"),
        ComponentFactory(programme=programme),
    ]
    _add_records(3, components)
    with_few = query_count(client, url)

    _add_records(27, components)
    with_many = query_count(client, url)

    assert with_many == with_few
    assert with_few <= 10
