"""`seed_demo --scale N`: the monitoring demo N times over, for benchmarks.

Scales stay at 2 and 3 here; tests/site/test_seed_demo.py covers the demo itself.
"""

import sqlite3
from collections import Counter
from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.db import transaction

from apps.accounts.models import User
from apps.monitoring import demo
from apps.monitoring.demo import VolumeLoad, monitoring_volume_load
from apps.monitoring.models import (
    Activity,
    Disaggregation,
    Indicator,
    IndicatorUpdate,
    Result,
    ReviewStatus,
)
from apps.monitoring.services import disaggregation_total_error
from apps.programme.models import Unit
from apps.site.management.commands import seed_demo
from tests.helpers import PRODUCTION_ENV, run_manage

pytestmark = pytest.mark.django_db


@pytest.fixture
def debug(settings):
    settings.DEBUG = True


def _seed(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def _base(code: str) -> str:
    """A demo code without its copy's suffix: `1.1.a-v0002` → `1.1.a`."""
    return demo.VOLUME_CODE.sub("", code)


def _shape() -> Counter:
    """How many records of each kind and mix there are, copies counted with the demo."""
    shape = Counter()
    for result in Result.objects.select_related("component"):
        shape["result", result.component.slug, _base(result.code), result.level] += 1
    for indicator in Indicator.objects.select_related("result__component", "responsible_unit"):
        shape[
            "indicator",
            indicator.result.component.slug,
            _base(indicator.code),
            indicator.responsible_unit.abbreviation,
            indicator.measure,
            indicator.cumulative_rule,
            indicator.is_public,
        ] += 1
    for update in IndicatorUpdate.objects.select_related("indicator", "period"):
        shape["update", _base(update.indicator.code), update.period.name, update.status] += 1
        shape["update status", update.status] += 1
    for row in Disaggregation.objects.all():
        shape["breakdown", row.category, row.group] += 1
    for activity in Activity.objects.select_related("unit", "component"):
        shape[
            "activity",
            activity.unit.abbreviation,
            activity.component.slug,
            activity.activity_type,
            activity.status,
            activity.is_public,
        ] += 1
        shape["activity status", activity.status] += 1
    for name in ("member_states", "partners", "indicators"):
        shape["activity link", name] += getattr(Activity, name).through.objects.count()
    return shape


def test_scale_3_makes_every_kind_and_mix_three_times_the_demo(debug):
    _seed()
    once = _shape()

    output = _seed("--scale", "3")

    assert "the monitoring data is now 3× the demo, from 1×" in output
    assert _shape() == Counter({key: 3 * count for key, count in once.items()})
    assert Result.objects.count() == 3 * len(demo.RESULTS)
    assert Activity.objects.count() == 3 * len(demo.ACTIVITIES)
    assert once["update status", ReviewStatus.APPROVED] > 0
    assert once["activity status", ReviewStatus.RETURNED] > 0


def test_every_copy_keeps_the_models_rules_and_the_review_bookkeeping(debug):
    _seed("--scale", "2")
    reviewer = User.objects.get(email="adviser@example.org")
    copies = {
        Result: Result.objects.filter(code__endswith="-v0002"),
        Indicator: Indicator.objects.filter(code__endswith="-v0002"),
        IndicatorUpdate: IndicatorUpdate.objects.filter(indicator__code__endswith="-v0002"),
        Activity: Activity.objects.filter(title__endswith="(copy 2)"),
    }
    for model, records in copies.items():
        assert records.exists(), model
        for record in records:
            record.full_clean()  # fields, clean(), unique and check constraints

    for record in [*copies[IndicatorUpdate], *copies[Activity]]:
        status = record.status
        submitted = status != ReviewStatus.DRAFT
        reviewed = status in (ReviewStatus.APPROVED, ReviewStatus.RETURNED)
        assert record.creation_token is None
        assert (record.submitted_by_id == record.created_by_id) is submitted
        assert (record.submitted_at is not None) is submitted
        assert (record.reviewed_by_id == reviewer.pk) is reviewed
        assert (record.reviewed_at is not None) is reviewed
        assert bool(record.review_note) is (status == ReviewStatus.RETURNED)
        assert record.created_by.unit_id == record.owner_unit_id

    for update in copies[IndicatorUpdate]:
        by_category = Counter()
        for row in update.disaggregations.all():
            assert row.category in update.indicator.disaggregation_categories
            by_category[row.category] += row.value
        for category, subtotal in by_category.items():
            assert (
                disaggregation_total_error(
                    category=category, subtotal=Decimal(subtotal), total=update.total
                )
                is None
            )

    for activity in copies[Activity]:
        assert all(
            i.result.component_id == activity.component_id for i in activity.indicators.all()
        )
        assert all(i.code.endswith("-v0002") for i in activity.indicators.all())


def _projection() -> dict[str, list[tuple]]:
    """What two loads with the same seed must agree on: every copied row by its
    natural key, without primary keys or timestamps."""
    return {
        "results": sorted(Result.objects.values_list("component__slug", "code", "title", "order")),
        "indicators": sorted(
            Indicator.objects.values_list("result__code", "code", "title", "target_value")
        ),
        "updates": sorted(
            IndicatorUpdate.objects.values_list(
                "indicator__code",
                "period__name",
                "status",
                "value",
                "numerator",
                "denominator",
                "narrative",
                "review_note",
                "created_by__email",
            )
        ),
        "breakdowns": sorted(
            Disaggregation.objects.values_list(
                "update__indicator__code", "update__period__name", "group", "value"
            )
        ),
        "activities": sorted(
            Activity.objects.values_list(
                "title",
                "start_date",
                "end_date",
                "status",
                "is_public",
                "participants_women",
                "participants_men",
                "participants_with_disability",
                "participants_disability_not_stated",
            )
        ),
        "links": sorted(
            Activity.objects.values_list(
                "title", "member_states__iso_code", "partners__acronym", "indicators__code"
            ),
            key=repr,
        ),
    }


class _Undo(Exception):
    pass


def _loaded(**steps: int) -> dict[str, list[tuple]]:
    """The projection after loading volume at each scale in `steps` in turn (with
    the seed `seed`), rolled back afterwards as if the database were fresh again."""
    seed = steps.pop("seed")
    users = list(User.objects.all())
    try:
        with transaction.atomic():
            for scale in steps.values():
                monitoring_volume_load(scale=scale, users=users, seed=seed)
            projection = _projection()
            raise _Undo
    except _Undo:
        pass
    return projection


def test_the_same_seed_gives_the_same_rows_and_a_top_up_the_same_as_one_load(debug):
    _seed()
    demo_only = _projection()

    first = _loaded(seed=7, load=3)

    assert first == _loaded(seed=7, load=3)
    assert first == _loaded(seed=7, load=2, top_up=3)
    assert first != _loaded(seed=8, load=3)
    assert first != demo_only
    assert _projection() == demo_only


def test_a_rerun_tops_up_to_the_scale_and_never_removes_copies(debug):
    _seed("--scale", "2")
    at_2 = _shape()

    again = _seed("--scale", "2")
    assert _shape() == at_2
    assert "Volume data left as it is: the monitoring data is already 2× the demo." in again

    topped = _seed("--scale", "3")
    assert "now 3× the demo, from 2×" in topped
    assert Result.objects.count() == 3 * len(demo.RESULTS)
    at_3 = _shape()

    smaller = _seed("--scale", "2")
    plain = _seed()
    assert _shape() == at_3
    assert "already 3× the demo, more than the 2× asked for; nothing removed" in smaller
    assert "Volume data" not in plain


@pytest.mark.parametrize("scale", [0, -1, 1001])
def test_a_scale_outside_1_to_1000_is_refused_before_anything_is_written(debug, scale):
    with pytest.raises(CommandError, match=f"from 1 to 1000, not {scale}"):
        _seed("--scale", str(scale))

    assert Unit.objects.count() == 0
    assert User.objects.count() == 0


@pytest.mark.parametrize(("scale", "loads_volume"), [(1, False), (2, True), (1000, True)])
def test_scales_1_to_1000_are_accepted_and_1_is_the_demo_alone(
    debug, monkeypatch, scale, loads_volume
):
    # The loaders are stood in for: only the command's handling of N is under test.
    asked = []

    def volume_load(*, scale, users):
        asked.append(scale)
        return VolumeLoad(found=1, scale=scale, written=dict.fromkeys(demo.VOLUME_KINDS, 1))

    monkeypatch.setattr(seed_demo, "monitoring_demo_load", lambda *, users: {})
    monkeypatch.setattr(seed_demo, "monitoring_volume_load", volume_load)

    output = _seed("--scale", str(scale))

    assert asked == ([scale] if loads_volume else [])
    assert ("Volume data loaded" in output) is loads_volume


def test_volume_load_itself_refuses_a_bad_scale_and_a_missing_debug(settings):
    settings.DEBUG = True
    with pytest.raises(ValueError, match="from 1 to 1000, not 1001"):
        monitoring_volume_load(scale=1001, users=[])
    settings.DEBUG = False
    with pytest.raises(ImproperlyConfigured, match="only when DEBUG is on"):
        monitoring_volume_load(scale=2, users=[])


def test_scale_is_refused_when_debug_is_off(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match=r"--scale 2 refused: .* only when DEBUG is on"):
        _seed("--scale", "2")

    assert Unit.objects.count() == 0
    assert Result.objects.count() == 0


@pytest.mark.slow
def test_scale_is_refused_under_production_settings(tmp_path):
    path = tmp_path / "production.sqlite3"
    database = {"DATABASE_URL": f"sqlite:///{path}"}

    migrated = run_manage("migrate", "--noinput", "-v0", **PRODUCTION_ENV, **database)
    seeded = run_manage("seed_demo", "--scale", "100", **PRODUCTION_ENV, **database)

    assert migrated.returncode == 0, migrated.stderr
    assert seeded.returncode != 0
    assert "--scale 100 refused" in seeded.stderr
    assert "only when DEBUG is on" in seeded.stderr
    with sqlite3.connect(path) as connection:
        for table in ("monitoring_result", "monitoring_activity", "accounts_user"):
            assert connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone() == (0,)  # noqa: S608
