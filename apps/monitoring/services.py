"""Every write to monitoring records goes through here: views, the admin and seed_demo.

Activities and indicator updates run on the review core (`review.py`): each
service below is one transaction that locks the record, checks who may do what
under the lock, writes only what changes and records one audit entry. Rules
broken raise ValidationError (or PermissionDenied) with a message fit to show
the person.
"""

import uuid
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.accounts.permissions import is_secretariat_staff
from apps.programme.models import Partner

from . import evidence as evidence_rules
from . import review
from .models import (
    Activity,
    Disaggregation,
    EvidenceBase,
    Indicator,
    IndicatorUpdate,
    MemberStateParticipation,
    ReportingPeriod,
    ReviewedModel,
)
from .records import save_changed, set_values

Files = Iterable[UploadedFile]


# --- Evidence files -----------------------------------------------------------


@transaction.atomic
def evidence_attach(*, record: ReviewedModel, file: UploadedFile, user: User) -> EvidenceBase:
    """Attach a file to a record the user may edit. Raises ValidationError."""
    with review.editing(record=record, user=user) as locked:
        (attached,) = evidence_rules.attach(record=locked, files=[file], user=user)
    return attached


@transaction.atomic
def evidence_delete(*, evidence: EvidenceBase, user: User) -> None:
    """Remove a file from a record the user may edit; the file goes once committed."""
    with review.editing(record=evidence.record, user=user) as locked:
        evidence_rules.remove(evidence=locked.evidence_files.get(pk=evidence.pk))


# --- Activities -------------------------------------------------------------

ACTIVITY_FIELDS = (
    "title",
    "start_date",
    "end_date",
    "component",
    "activity_type",
    "description",
    "location",
    "participants_women",
    "participants_men",
    "participants_sex_other",
    "participants_with_disability",
    "participants_disability_not_stated",
    "is_public",
)
ACTIVITY_RELATIONS = ("member_states", "partners", "indicators")


def _activity_check_member_states(*, activity: Activity, data: dict) -> None:
    """Every member state an activity involves was a member on its (start) date."""
    start = data.get("start_date", activity.start_date)
    if start is None:
        return
    if "member_states" in data:
        states = data["member_states"]
    elif activity.pk:
        states = activity.member_states.all()
    else:
        return
    late = [state for state in states if state.joined_on > start]
    if late:
        raise ValidationError(
            {
                "member_states": [
                    _(
                        "%(state)s joined ASEAN on %(joined)s, after this activity's date "
                        "(%(date)s): untick it."
                    )
                    % {
                        "state": state.name,
                        "joined": date_format(state.joined_on),
                        "date": date_format(start),
                    }
                    for state in late
                ]
            }
        )


def _activity_check_partners(*, data: dict) -> None:
    """The executing agency (the Secretariat itself) is not a partner of its own work."""
    own = [p for p in data.get("partners") or () if p.kind == Partner.Kind.EXECUTING_AGENCY]
    if own:
        raise ValidationError(
            {
                "partners": _(
                    "%(partner)s is the programme's executing agency, the Secretariat itself: "
                    "it cannot be a partner of its own activities."
                )
                % {"partner": own[0]}
            }
        )


def _activity_apply(*, activity: Activity, data: dict, files: Files, user: User) -> None:
    _activity_check_member_states(activity=activity, data=data)
    _participation_check(activity=activity, data=data)
    _activity_check_partners(data=data)
    indicators = data.get("indicators")
    component = data.get("component", activity.component if activity.component_id else None)
    if indicators and component is not None:
        foreign = [i for i in indicators if i.result.component_id != component.pk]
        if foreign:
            raise ValidationError(
                {
                    "indicators": _("These indicators belong to another component: %(codes)s.")
                    % {"codes": ", ".join(i.code for i in foreign)}
                }
            )
    changed = set_values(
        activity, {field: data[field] for field in ACTIVITY_FIELDS if field in data}
    )
    activity.full_clean(exclude=review.CHECKED_ON_INSERT)
    save_changed(activity, changed)
    for relation in ACTIVITY_RELATIONS:
        if relation in data:
            getattr(activity, relation).set(data[relation])
    if PARTICIPATION in data:
        _participation_set(activity=activity, counts=data[PARTICIPATION])
    evidence_rules.attach(record=activity, files=files, user=user)


# data["participation_by_state"]: {MemberState: participants}; states left out, or
# with 0, have no row.
PARTICIPATION = "participation_by_state"


def _participation_check(*, activity: Activity, data: dict) -> None:
    """Participants by member state add up to no more than all participants, and come
    from states that were members on the activity's date."""
    counts = {state: count for state, count in (data.get(PARTICIPATION) or {}).items() if count}
    if not counts:
        return
    start = data.get("start_date", activity.start_date)
    late = [state.name for state in counts if start and state.joined_on > start]
    if late:
        raise ValidationError(
            {
                PARTICIPATION: _(
                    "%(states)s joined ASEAN after this activity's date: leave its box empty."
                )
                % {"states": ", ".join(late)}
            }
        )
    total = sum(
        data.get(name, getattr(activity, name))
        for name in ("participants_women", "participants_men", "participants_sex_other")
    )
    if sum(counts.values()) > total:
        raise ValidationError(
            {
                PARTICIPATION: _(
                    "Participants by member state add up to %(states)d, more than the "
                    "%(total)d participants in all (women + men + other)."
                )
                % {"states": sum(counts.values()), "total": total}
            }
        )


def _participation_set(*, activity: Activity, counts: dict) -> None:
    """Replace the rows where they differ. A state with participants is one the
    activity involved, so it joins the activity's member states."""
    wanted = {state.pk: count for state, count in counts.items() if count}
    current = dict(activity.participation_by_state.values_list("member_state_id", "participants"))
    if wanted != current:
        activity.participation_by_state.all().delete()
        MemberStateParticipation.objects.bulk_create(
            MemberStateParticipation(activity=activity, member_state_id=pk, participants=count)
            for pk, count in wanted.items()
        )
    if wanted:
        activity.member_states.add(*wanted)


@transaction.atomic
def activity_create(
    *,
    user: User,
    data: dict,
    files: Files = (),
    submit: bool = False,
    token: uuid.UUID | None = None,
) -> Activity:
    """Log an activity for the user's unit; with submit=True send it for review at once.

    With the form's `token`, the same form sent twice raises
    review.DuplicateSubmission carrying the activity the first sending created.
    """
    if not is_secretariat_staff(user):
        raise PermissionDenied(_("Only Secretariat staff with a unit can log activities."))
    with review.creating(
        record=Activity(unit_id=user.unit_id), user=user, submit=submit, token=token
    ) as activity:
        _activity_apply(activity=activity, data=data, files=files, user=user)
    return activity


@transaction.atomic
def activity_update(
    *, activity: Activity, user: User, data: dict, files: Files = (), submit: bool = False
) -> Activity:
    """Change a draft or returned activity of the user's unit (and submit it, if asked)."""
    with review.editing(record=activity, user=user, submit=submit) as locked:
        _activity_apply(activity=locked, data=data, files=files, user=user)
    return locked


def activity_submit(*, activity: Activity, user: User) -> Activity:
    return review.submit(record=activity, user=user)


def activity_approve(*, activity: Activity, reviewer: User) -> Activity:
    """Approve a submitted activity. Raises ValidationError if it is not submitted
    or the reviewer wrote, edited or submitted it; PermissionDenied for non-reviewers."""
    return review.approve(record=activity, reviewer=reviewer)


def activity_return(*, activity: Activity, reviewer: User, note: str) -> Activity:
    """Return a submitted activity to its author with a note (required)."""
    return review.return_to_author(record=activity, reviewer=reviewer, note=note)


def activity_delete(*, activity: Activity, user: User) -> None:
    """Delete a draft activity its author no longer wants."""
    review.delete(record=activity, user=user)


# --- Indicator updates ------------------------------------------------------

UPDATE_FIELDS = ("value", "numerator", "denominator", "narrative", "comment")


def _disaggregations_validate(
    *, update: IndicatorUpdate, rows: Iterable[dict]
) -> list[Disaggregation]:
    """Build the update's disaggregated values and check them against its total.

    Each row: {"category", "group", "member_state" (or None), "value"}. Rows with
    no value are left out. Raises ValidationError naming the category.
    """
    indicator = update.indicator
    allowed = set(indicator.disaggregation_categories)
    built, sums = [], {}
    for row in rows:
        if row.get("value") in (None, ""):
            continue
        category, group = row["category"], row["group"]
        if category not in allowed:
            raise ValidationError(
                _("This indicator is not disaggregated by %(category)s.")
                % {"category": Disaggregation.Category(category).label.lower()}
            )
        if group not in Disaggregation.GROUPS[category]:
            raise ValidationError(_("Unknown group for %(category)s.") % {"category": category})
        value = Decimal(row["value"])
        if value < 0:
            raise ValidationError(_("Disaggregated values cannot be negative."))
        state = row.get("member_state")
        if state is not None and state.joined_on > update.period.end:
            raise ValidationError(
                _(
                    "%(state)s joined ASEAN on %(joined)s, after the period %(period)s: "
                    "leave it out of the breakdown."
                )
                % {
                    "state": state.name,
                    "joined": date_format(state.joined_on),
                    "period": update.period,
                }
            )
        built.append(
            Disaggregation(
                update=update,
                category=category,
                group=group,
                member_state=row.get("member_state"),
                value=value,
            )
        )
        sums[category] = sums.get(category, Decimal(0)) + value
    for category, subtotal in sums.items():
        error = disaggregation_total_error(category=category, subtotal=subtotal, total=update.total)
        if error:
            raise ValidationError(error)
    return built


def disaggregation_total_error(
    *, category: str, subtotal: Decimal, total: Decimal | None
) -> str | None:
    """The message when one category's values add up to more than the total, else None.

    Forms use it too, to show the message next to the category's fields.
    """
    if total is None:
        return _("There is no total to break down: enter the value first.")
    if subtotal <= total:
        return None
    return _(
        "The values by %(category)s add up to %(subtotal)s, more than the total of %(total)s."
    ) % {
        "category": Disaggregation.Category(category).label.lower(),
        "subtotal": f"{subtotal.normalize():f}",
        "total": f"{total.normalize():f}",
    }


def _update_apply(*, update: IndicatorUpdate, data: dict, files: Files, user: User) -> None:
    changed = set_values(update, {field: data[field] for field in UPDATE_FIELDS if field in data})
    update.full_clean(exclude=review.CHECKED_ON_INSERT)
    # A new total must still hold the disaggregated values already recorded.
    replacing = "disaggregations" in data
    rows = data["disaggregations"] if replacing else _disaggregation_rows(update=update)
    disaggregations = _disaggregations_validate(update=update, rows=rows)
    save_changed(update, changed)
    if replacing:
        update.disaggregations.all().delete()
        for row in disaggregations:
            row.update = update
        Disaggregation.objects.bulk_create(disaggregations)
    evidence_rules.attach(record=update, files=files, user=user)


def _disaggregation_rows(*, update: IndicatorUpdate) -> list[dict]:
    if not update.pk:
        return []
    return [
        {"category": d.category, "group": d.group, "member_state": d.member_state, "value": d.value}
        for d in update.disaggregations.all()
    ]


def period_refusal(period: ReportingPeriod) -> str | None:
    """Why staff cannot report on the period now (locked, or not begun), else None.
    The forms and the spreadsheet import show it before anything is sent."""
    if period.is_locked:
        return _(
            "The reporting period %(period)s is locked: updates for it cannot be added or "
            "changed. Ask a programme adviser to unlock it."
        ) % {"period": period}
    if period.start > timezone.localdate():
        return _(
            "The reporting period %(period)s starts on %(start)s: report on it once it has begun."
        ) % {"period": period, "start": date_format(period.start, "j F Y")}
    return None


def _ensure_period_reportable(*, period: ReportingPeriod) -> None:
    refusal = period_refusal(period)
    if refusal:
        raise ValidationError(refusal)


def _already_reported(*, indicator: Indicator, period: ReportingPeriod) -> ValidationError:
    return ValidationError(
        _("This indicator already has an update for %(period)s; edit that one.")
        % {"period": period}
    )


@transaction.atomic
def indicator_update_create(
    *,
    indicator: Indicator,
    period: ReportingPeriod,
    user: User,
    data: dict,
    files: Files = (),
    submit: bool = False,
    token: uuid.UUID | None = None,
) -> IndicatorUpdate:
    """Report an indicator of the user's unit for a period that is open and has begun.

    At most one update per indicator and period: a second one, even sent at the
    same moment as the first, is refused with a message pointing at it. With the
    form's `token`, the same form sent twice raises review.DuplicateSubmission.
    """
    if not is_secretariat_staff(user) or user.unit_id != indicator.responsible_unit_id:
        raise PermissionDenied(_("You can only report on your own unit's indicators."))
    _ensure_period_reportable(period=period)
    with review.creating(
        record=IndicatorUpdate(indicator=indicator, period=period),
        user=user,
        submit=submit,
        token=token,
    ) as update:
        if IndicatorUpdate.objects.filter(indicator=indicator, period=period).exists():
            raise _already_reported(indicator=indicator, period=period)
        try:
            _update_apply(update=update, data=data, files=files, user=user)
        except (IntegrityError, ValidationError):
            # Another update for this indicator and period may have been saved a
            # moment ago (the model's check or the database's index noticed): say so.
            if IndicatorUpdate.objects.filter(indicator=indicator, period=period).exists():
                raise _already_reported(indicator=indicator, period=period) from None
            raise
    return update


@transaction.atomic
def indicator_update_change(
    *,
    update: IndicatorUpdate,
    user: User,
    data: dict,
    files: Files = (),
    submit: bool = False,
) -> IndicatorUpdate:
    """Change a draft or returned update in an open period (and submit it, if asked)."""
    with review.editing(record=update, user=user, submit=submit) as locked:
        _update_apply(update=locked, data=data, files=files, user=user)
    return locked


def indicator_update_submit(*, update: IndicatorUpdate, user: User) -> IndicatorUpdate:
    return review.submit(record=update, user=user)


def indicator_update_approve(*, update: IndicatorUpdate, reviewer: User) -> IndicatorUpdate:
    """Approve a submitted update. Approving is allowed in a locked period: locking
    stops staff changing figures, not advisers closing the review."""
    return review.approve(record=update, reviewer=reviewer)


def indicator_update_return(
    *, update: IndicatorUpdate, reviewer: User, note: str
) -> IndicatorUpdate:
    return review.return_to_author(record=update, reviewer=reviewer, note=note)


def indicator_update_delete(*, update: IndicatorUpdate, user: User) -> None:
    """Delete a draft update its author no longer wants (in an open period)."""
    review.delete(record=update, user=user)


# --- Reporting periods ------------------------------------------------------


@transaction.atomic
def period_set_locked(*, period: ReportingPeriod, locked: bool, user: User) -> ReportingPeriod:
    """Lock or unlock a reporting period (programme advisers only)."""
    if not user.has_perm("monitoring.change_reportingperiod"):
        raise PermissionDenied(_("Only programme advisers can lock or unlock periods."))
    period.refresh_from_db(from_queryset=ReportingPeriod.objects.select_for_update())
    if period.is_locked != locked:
        period.is_locked = locked
        period._history_user = user
        period.save(update_fields=["is_locked", "updated_at"])
    return period
