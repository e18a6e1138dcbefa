from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command

from apps.accounts.models import User
from apps.site.management.commands.seed_demo import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def _row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in {"accounts", "programme", "auth", "monitoring"}
    }


def _seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_seed_demo_twice_gives_the_same_row_counts(settings):
    settings.DEBUG = True
    _seed()
    after_first = _row_counts()

    _seed()

    assert _row_counts() == after_first
    assert after_first["programme.Component"] == 3
    assert after_first["monitoring.Activity"] > 0
    assert after_first["monitoring.IndicatorUpdate"] > 0


def test_seed_demo_creates_an_adviser_and_staff_for_each_component(settings):
    settings.DEBUG = True

    output = _seed()

    assert f"password: {DEMO_PASSWORD}" in output
    adviser = User.objects.get(email="adviser@example.org")
    assert adviser.is_programme_adviser
    assert adviser.is_staff
    assert adviser.check_password(DEMO_PASSWORD)
    staff = User.objects.filter(groups__name="Secretariat staff")
    covered = set(staff.values_list("unit__components__slug", flat=True))
    assert covered >= {"organisational-processes", "connectivity", "diversity-inclusion"}


def test_seed_demo_refuses_demo_accounts_when_debug_is_off(settings):
    settings.DEBUG = False

    output = _seed()

    assert "Demo accounts and demo data refused" in output
    assert User.objects.count() == 0
    assert _row_counts()["programme.Unit"] == 6
    assert _row_counts()["monitoring.Result"] == 0
    assert _row_counts()["monitoring.Activity"] == 0


def test_seed_demo_loads_the_monitoring_demo_data(settings, client):
    settings.DEBUG = True

    output = _seed()

    assert "Monitoring demo data loaded" in output
    assert "Component 2 · Outcome 2 · Indicator 2.a" in client.get("/results/").content.decode()
    response = client.get("/results/connectivity/")
    assert "ASEAN cities applying the ASUS assessment framework" in response.content.decode()
