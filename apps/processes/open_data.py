"""What the organisational processes component publishes on /open-data/
(apps.core.open_data, docs/open-data.md): its four kinds of records, approved and
marked public. Notes, reviewers' notes, evidence and staff counts are left out; an
integrity measure's reach is published as shares, as its public page shows it."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from apps.core.open_data import Column, Dataset
from apps.programme.models import Partner

from . import selectors
from .models import Audience, IntegrityMeasure, LegalInstrument, ProcessImprovement, Strategy

COMMON = (
    Column("id", _("The record's number in the portal: stable, never reused.")),
    Column("title", _("The record's title.")),
    Column("workstream", _("The slug of the component's workstream it belongs to.")),
    Column("unit", _("The abbreviation of the ASEC unit that keeps it.")),
    Column("stage", _("The stage it has reached (the stages are listed below).")),
    Column("stage_reached_on", _("The day it reached that stage (ISO date), where known.")),
)


def _common(record) -> dict:
    return {
        "id": record.pk,
        "title": record.title,
        "workstream": record.workstream.slug,
        "unit": record.unit.abbreviation,
        "stage": record.stage,
        "stage_reached_on": record.stage_reached_on,
    }


def _published(list_public):
    return list_public().select_related("workstream", "unit").order_by("title", "pk")


def improvement_rows():
    for record in _published(selectors.improvement_list_public):
        yield {
            **_common(record),
            "measure": record.measure,
            "measure_before": record.measure_before,
            "measure_after": record.measure_after,
            "lower_is_better": record.lower_is_better,
        }


def strategy_rows():
    records = _published(selectors.strategy_list_public).prefetch_related(
        Prefetch("audiences", queryset=Audience.objects.order_by("order", "name"))
    )
    for record in records:
        yield {
            **_common(record),
            "summary": record.summary,
            "link": record.link,
            "audiences": ";".join(audience.slug for audience in record.audiences.all()),
        }


def legal_instrument_rows():
    for record in _published(selectors.legal_instrument_list_public):
        yield {
            **_common(record),
            "kind": record.kind,
            "summary": record.summary,
            "trade_rights": record.trade_rights,
        }


def integrity_measure_rows():
    records = _published(selectors.integrity_measure_list_public).prefetch_related(
        Prefetch("partners", queryset=Partner.objects.order_by("name"))
    )
    for record in records:
        coverage = selectors.coverage_public(record)
        yield {
            **_common(record),
            "kind": record.kind,
            "summary": record.summary,
            "partners": ";".join(partner.name for partner in record.partners.all()),
            "staff_covered_percent": coverage.total,
            "women_covered_percent": coverage.women,
            "men_covered_percent": coverage.men,
        }


def _stages(model) -> str:
    return ", ".join(model.Stage.values)


def datasets() -> list[Dataset]:
    covered = _(
        "The share of the staff it is meant for that it has reached, in percent; empty "
        "when not known or when the group is smaller than 5 people."
    )
    return [
        Dataset(
            slug="process-improvements",
            title=_("Process improvements"),
            description=_(
                "One row per published process improvement (stages: %(stages)s), with its "
                "before and after figure."
            )
            % {"stages": _stages(ProcessImprovement)},
            columns=(
                *COMMON,
                Column("measure", _("What the before and after figures count.")),
                Column("measure_before", _("The figure before the change.")),
                Column("measure_after", _("The figure since the change.")),
                Column("lower_is_better", _("true when a lower figure is better.")),
            ),
            rows=improvement_rows,
        ),
        Dataset(
            slug="strategies",
            title=_("Strategies"),
            description=_("One row per published strategy or plan (stages: %(stages)s).")
            % {"stages": _stages(Strategy)},
            columns=(
                *COMMON,
                Column("summary", _("What the strategy is about.")),
                Column("link", _("Where the published strategy can be read.")),
                Column("audiences", _("The slugs of the audiences it addresses, “;”.")),
            ),
            rows=strategy_rows,
        ),
        Dataset(
            slug="legal-instruments",
            title=_("Legal instruments"),
            description=_(
                "One row per published dispute settlement procedure or legal instrument "
                "(stages: %(stages)s)."
            )
            % {"stages": _stages(LegalInstrument)},
            columns=(
                *COMMON,
                Column("kind", _("agreement, protocol, procedure, guideline or template.")),
                Column("summary", _("What it is about.")),
                Column("trade_rights", _("The trade rights between member states it protects.")),
            ),
            rows=legal_instrument_rows,
        ),
        Dataset(
            slug="integrity-measures",
            title=_("Integrity measures"),
            description=_(
                "One row per published corruption-prevention or integrity measure (stages: "
                "%(stages)s). Its reach is given as shares, never as counts of people."
            )
            % {"stages": _stages(IntegrityMeasure)},
            columns=(
                *COMMON,
                Column(
                    "kind",
                    _(
                        "code_of_conduct, conflict_of_interest, whistle_blowing, "
                        "risk_assessment or training."
                    ),
                ),
                Column("summary", _("What the measure is.")),
                Column("partners", _("The institutions it is done with, separated by “;”.")),
                Column("staff_covered_percent", covered),
                Column("women_covered_percent", covered),
                Column("men_covered_percent", covered),
            ),
            rows=integrity_measure_rows,
        ),
    ]
