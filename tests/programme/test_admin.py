import pytest
from django.contrib import admin
from django.urls import reverse

from apps.accounts.models import User
from apps.programme.models import Partner
from tests.accounts.factories import UserFactory
from tests.helpers import assert_size_flat, force_login_verified, query_count, response_size
from tests.programme.factories import (
    ComponentFactory,
    MilestoneFactory,
    PartnerFactory,
    ProgrammeFactory,
    UnitFactory,
)

pytestmark = pytest.mark.django_db


def test_adviser_can_add_a_partner(client, adviser):
    force_login_verified(client, adviser)

    response = client.post(
        reverse("admin:programme_partner_add"),
        {"name": "ASEAN Media Forum Sponsor", "kind": "sponsor", "website": "", "acronym": ""},
    )

    assert response.status_code == 302
    assert Partner.objects.filter(name="ASEAN Media Forum Sponsor").exists()


def test_adviser_adding_a_partner_with_bad_input_sees_errors_and_nothing_is_saved(client, adviser):
    PartnerFactory(name="Centre for International Law")
    force_login_verified(client, adviser)

    response = client.post(
        reverse("admin:programme_partner_add"),
        {"name": "centre for international law", "kind": "nonsense", "website": "not a url"},
    )

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "kind" in errors
    assert "website" in errors
    assert Partner.objects.count() == 1


def test_adviser_cannot_delete_programme_records(client, adviser):
    partner = PartnerFactory()
    force_login_verified(client, adviser)

    response = client.get(reverse("admin:programme_partner_delete", args=[partner.pk]))

    assert response.status_code == 403


def test_staff_without_back_office_access_is_sent_to_admin_login(client, staff_user):
    client.force_login(staff_user)

    response = client.get(reverse("admin:programme_unit_changelist"))

    assert response.status_code == 302
    assert reverse("admin:login") in response.url


def test_adviser_can_see_users_but_not_create_them(client, adviser):
    force_login_verified(client, adviser)

    assert client.get(reverse("admin:accounts_user_changelist")).status_code == 200
    assert client.get(reverse("admin:accounts_user_add")).status_code == 403


def test_superuser_creates_a_staff_account_in_the_admin(client, superuser):
    unit = UnitFactory()
    force_login_verified(client, superuser)

    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "New.Person@ASEAN.example.org",
            "full_name": "New Person",
            "unit": unit.pk,
            "usable_password": "true",
            "password1": "a-long-passphrase-1",
            "password2": "a-long-passphrase-1",
        },
    )

    assert response.status_code == 302
    user = User.objects.get(email="new.person@asean.example.org")
    assert user.unit == unit
    assert user.check_password("a-long-passphrase-1")


@pytest.mark.parametrize(
    ("url_name", "factory"),
    [
        ("admin:accounts_user_changelist", UserFactory),
        ("admin:programme_unit_changelist", UnitFactory),
        ("admin:programme_partner_changelist", PartnerFactory),
        ("admin:programme_component_changelist", ComponentFactory),
        ("admin:programme_milestone_changelist", MilestoneFactory),
    ],
)
def test_admin_changelist_query_count_is_flat(client, superuser, url_name, factory):
    force_login_verified(client, superuser)
    factory.create_batch(3)
    with_few = query_count(client, reverse(url_name))

    factory.create_batch(27)
    with_many = query_count(client, reverse(url_name))

    assert with_many == with_few


# Changelist → the most bytes it may send with a full page (list_per_page, 100 here)
# and 60 records more; about 30% over what it sent when the budget was set (measured
# size in the comment).
CHANGELIST_SIZE_BUDGETS = [
    ("admin:accounts_user_changelist", UserFactory, 105_000),  # 80,329
    ("admin:programme_unit_changelist", UnitFactory, 79_000),  # 60,520
    ("admin:programme_partner_changelist", PartnerFactory, 91_000),  # 69,753
    ("admin:programme_component_changelist", ComponentFactory, 87_000),  # 66,508
    ("admin:programme_milestone_changelist", MilestoneFactory, 76_000),  # 58,282
]


@pytest.mark.parametrize(("url_name", "factory", "budget"), CHANGELIST_SIZE_BUDGETS)
def test_admin_changelist_size_is_flat(client, superuser, url_name, factory, budget):
    """A full page, then 60 records more: the page shows as much. The records share
    one programme, so the filters' choices stay as they are."""
    url = reverse(url_name)
    model = factory._meta.model
    per_page = admin.site._registry[model].list_per_page
    shared = {"programme": ProgrammeFactory()} if "programme" in factory._meta.declarations else {}
    force_login_verified(client, superuser)
    factory.create_batch(per_page, **shared)
    small = response_size(client, url)
    factory.create_batch(60, **shared)
    large = response_size(client, url)

    assert_size_flat(url=url, small=small, large=large, budget=budget)
