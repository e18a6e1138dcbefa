"""The reporting cycle: reminders to units before, on and after a period's due date,
and the advisers' weekly review digest (docs/reporting-cycle.md).

`run_cycle(today=...)` is the day's job. The task worker runs it every day at
PORTAL_REPORTING_HOUR (`tasks.reporting_cycle`); a plain scheduler runs it with
`manage.py run_reporting_cycle`. Running it twice, or in two processes at once,
sends nothing twice: each mailing is first claimed by inserting its row
(`ReportingReminder` once per unit, period and stage; `AdviserDigest` once per
week) and the database's unique constraint lets one job win. Only the winner
queues the emails, after its transaction commits, one task per person.

The emails are built when the task runs (`reminder_email`, `digest_email`), so a
retry an hour later says what is still true then.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from apps.accounts.models import User
from apps.accounts.roles import PROGRAMME_ADVISERS, SECRETARIAT_STAFF
from apps.programme.models import Unit

from .models import (
    AdviserDigest,
    Indicator,
    IndicatorUpdate,
    ReportingPeriod,
    ReportingReminder,
    ReviewedModel,
    ReviewStatus,
)
from .review import review_permission, reviewed_models

Stage = ReportingReminder.Stage

# An update in one of these states counts as reported; none, a draft or a returned
# one does not.
REPORTED = (ReviewStatus.SUBMITTED, ReviewStatus.APPROVED)
# The most rows one email lists of each kind; the rest is a count and a link.
EMAIL_LIST_LENGTH = 20


# --- When: stages and due dates -----------------------------------------------------


def stage_on(*, due: datetime.date, today: datetime.date) -> Stage | None:
    """The stage a period is in today: after (from PORTAL_REMINDER_DAYS_AFTER days past
    the due date), due (from the due date), before (from PORTAL_REMINDER_DAYS_BEFORE days
    ahead of it), or None (earlier). Only the current stage is ever sent, so a job
    that missed days catches up with the latest and never says "before" too late."""
    if today >= due + datetime.timedelta(days=settings.PORTAL_REMINDER_DAYS_AFTER):
        return Stage.OVERDUE
    if today >= due:
        return Stage.DUE
    if today >= due - datetime.timedelta(days=settings.PORTAL_REMINDER_DAYS_BEFORE):
        return Stage.BEFORE
    return None


def due_in_words(due: datetime.date, today: datetime.date | None = None) -> str:
    """ "Due in 12 days, on 30 October 2021", "Due tomorrow, 30 October 2021", "Due
    today, 30 October 2021" or "Overdue since 30 October 2021"."""
    today = today or timezone.localdate()
    day = date_format(due)
    days = (due - today).days
    if days < 0:
        return _("Overdue since %(day)s") % {"day": day}
    if days == 0:
        return _("Due today, %(day)s") % {"day": day}
    if days == 1:
        return _("Due tomorrow, %(day)s") % {"day": day}
    return _("Due in %(days)d days, on %(day)s") % {"days": days, "day": day}


def periods_in_cycle(*, today: datetime.date) -> list[ReportingPeriod]:
    """Periods units still report on: unlocked and begun (a locked period takes no
    updates, so nobody is reminded about it)."""
    return list(ReportingPeriod.objects.filter(is_locked=False, start__lte=today).order_by("start"))


# --- What: unreported indicators, returned records ------------------------------------


def _reported_in(period_id: int):
    return Exists(
        IndicatorUpdate.objects.filter(
            indicator=OuterRef("pk"), period_id=period_id, status__in=REPORTED
        )
    )


def unreported_indicators(*, period: ReportingPeriod, unit_id: int | None = None):
    """Indicators with no submitted or approved update in the period (none yet, a
    draft, or one returned): of one unit, or of every unit."""
    qs = Indicator.objects.exclude(_reported_in(period.pk))
    return qs.filter(responsible_unit_id=unit_id) if unit_id is not None else qs


def unreported_counts(*, period: ReportingPeriod) -> dict[int, int]:
    """{unit id: unreported indicators} for the period, units with none left out. One query."""
    rows = (
        unreported_indicators(period=period)
        .order_by()
        .values("responsible_unit_id")
        .annotate(n=Count("pk"))
    )
    return {row["responsible_unit_id"]: row["n"] for row in rows}


def _author():
    # The person a returned record went back to: who sent it for review (the
    # one who saw it returned), or who created it.
    return Coalesce("submitted_by_id", "created_by_id")


def returned_authors(*, unit_ids: Iterable[int] | None = None) -> dict[int, set[int]]:
    """{unit id: ids of the people with records returned to them} across every reviewed
    model: one query per model."""
    authors: dict[int, set[int]] = defaultdict(set)
    for model in reviewed_models():
        qs = model._default_manager.filter(status=ReviewStatus.RETURNED)
        if unit_ids is not None:
            qs = qs.filter(**{f"{model.unit_path}__in": list(unit_ids)})
        rows = qs.order_by().values_list(model.unit_path, _author()).distinct()
        for unit_id, author_id in rows:
            if unit_id is not None:
                authors[unit_id].add(author_id)
    return authors


def returned_to(*, user: User) -> list[ReviewedModel]:
    """The records of the user's unit returned to the user, of every reviewed model,
    the longest returned first (at most EMAIL_LIST_LENGTH of each kind)."""
    records: list[ReviewedModel] = []
    if user.unit_id is None:
        return records
    for model in reviewed_models():
        qs = (
            model._default_manager.filter(
                status=ReviewStatus.RETURNED, **{model.unit_path: user.unit_id}
            )
            .annotate(returned_to_id=_author())
            .filter(returned_to_id=user.pk)
            .order_by("reviewed_at", "pk")
        )
        if model is IndicatorUpdate:
            qs = qs.select_related("indicator", "period")
        records.extend(qs[:EMAIL_LIST_LENGTH])
    return records


def staff_recipients(*, unit_ids: Iterable[int]) -> dict[int, list[int]]:
    """{unit id: ids of its staff who take reporting emails}: active, holding the
    Secretariat staff role, `gets_reporting_emails` on. One query."""
    rows = (
        User.objects.filter(
            unit_id__in=list(unit_ids),
            is_active=True,
            gets_reporting_emails=True,
            groups__name=SECRETARIAT_STAFF,
        )
        .order_by("pk")
        .values_list("unit_id", "pk")
        .distinct()
    )
    staff: dict[int, list[int]] = defaultdict(list)
    for unit_id, user_id in rows:
        staff[unit_id].append(user_id)
    return staff


def adviser_recipients() -> list[int]:
    """Programme advisers who take the digest: active, `gets_reporting_emails` on."""
    return list(
        User.objects.filter(
            is_active=True, gets_reporting_emails=True, groups__name=PROGRAMME_ADVISERS
        )
        .order_by("pk")
        .values_list("pk", flat=True)
        .distinct()
    )


# --- The reminder job -------------------------------------------------------------------


@dataclass
class CycleResult:
    """What one run did, for the command's output and the tests."""

    reminders: list[ReportingReminder] = field(default_factory=list)
    emails: int = 0
    digest: AdviserDigest | None = None

    def summary(self) -> str:
        parts = [
            ngettext("%(n)d reminder claimed", "%(n)d reminders claimed", len(self.reminders))
            % {"n": len(self.reminders)},
            ngettext("%(n)d email queued", "%(n)d emails queued", self.emails) % {"n": self.emails},
        ]
        if self.digest is not None:
            parts.append(
                ngettext(
                    "the digest for the week of %(week)s to %(n)d adviser",
                    "the digest for the week of %(week)s to %(n)d advisers",
                    self.digest.recipients,
                )
                % {"week": date_format(self.digest.week), "n": self.digest.recipients}
            )
        return "; ".join(parts) + "."


def run_cycle(*, today: datetime.date | None = None) -> CycleResult:
    """The day's job: the reminders due today, then the week's digest if it is due."""
    today = today or timezone.localdate()
    result = run_reminders(today=today)
    result.digest = run_digest(today=today)
    return result


def run_reminders(*, today: datetime.date | None = None) -> CycleResult:
    """Remind each unit about each period in a stage today, once per unit, period and
    stage.

    A unit is reminded when it has indicators unreported in the period, or records
    returned to its staff. Each person gets one email per run, whatever the number of
    periods: the unit's unreported indicators of each period claimed (everyone in the
    unit), and the records returned to that person (only them). Someone with nothing
    on either list gets nothing.
    """
    today = today or timezone.localdate()
    result = CycleResult()
    staged = [
        (period, stage)
        for period in periods_in_cycle(today=today)
        if (stage := stage_on(due=period.reports_due, today=today)) is not None
    ]
    if not staged:
        return result
    unreported = {period.pk: unreported_counts(period=period) for period, _stage in staged}
    returned = returned_authors()
    unit_ids = set(returned).union(*(counts.keys() for counts in unreported.values()))
    staff = staff_recipients(unit_ids=unit_ids)
    for unit_id in sorted(unit_ids):
        people = staff.get(unit_id, [])
        authors = [pk for pk in people if pk in returned.get(unit_id, ())]
        # Who each period's reminder reaches: the whole unit while something is
        # unreported, else only those with returned records.
        claims = [
            (period, stage, people if unreported[period.pk].get(unit_id) else authors)
            for period, stage in staged
            if unreported[period.pk].get(unit_id) or returned.get(unit_id)
        ]
        won, emails = _claim_unit(unit_id=unit_id, claims=claims, today=today)
        result.reminders.extend(won)
        result.emails += emails
    return result


def _claim_unit(*, unit_id: int, claims: list, today: datetime.date):
    """Claim the unit's reminders in one transaction; queue one email per person for
    those this job won, once the claims are committed. Periods are claimed in the
    order of their start, so two jobs at once wait for each other rather than lock
    each other out."""
    won: list[ReportingReminder] = []
    per_person: dict[int, list[int]] = defaultdict(list)
    with transaction.atomic():
        for period, stage, recipients in claims:
            # A second job's INSERT waits here for the first job's commit, then
            # finds its row: the loser sends nothing.
            reminder, created = ReportingReminder.objects.get_or_create(
                period=period,
                unit_id=unit_id,
                stage=stage,
                defaults={"recipients": len(recipients)},
            )
            if not created:
                continue
            won.append(reminder)
            for user_id in recipients:
                per_person[user_id].append(reminder.pk)
        if per_person:
            transaction.on_commit(lambda: _queue_reminders(per_person, today))
    return won, len(per_person)


def _queue_reminders(per_person: dict[int, list[int]], today: datetime.date) -> None:
    from .tasks import reminder_email  # the tasks module imports this one

    for user_id, reminder_ids in per_person.items():
        reminder_email.enqueue(user_id, reminder_ids, today.isoformat())


# --- The advisers' weekly digest -----------------------------------------------------


AGE_BANDS = (
    # (label, younger than this many days), by `submitted_at`
    (gettext_lazy("under a week"), 7),
    (gettext_lazy("1–2 weeks"), 14),
    (gettext_lazy("2–4 weeks"), 28),
    (gettext_lazy("over 4 weeks"), None),
)


@dataclass
class DigestQueue:
    model: type[ReviewedModel]
    url: str
    bands: list[int]  # how many wait in each of AGE_BANDS

    @property
    def label(self) -> str:
        return str(self.model._meta.verbose_name_plural).capitalize()

    @property
    def waiting_by_age(self) -> list[tuple[str, int]]:
        """[(age band, how many)] for the bands that hold any."""
        return [(label, n) for (label, _days), n in zip(AGE_BANDS, self.bands, strict=True) if n]

    @property
    def waiting(self) -> int:
        return sum(self.bands)


@dataclass
class LateUnit:
    unit: Unit
    periods: list[tuple[ReportingPeriod, int]]  # (period past its due date, unreported)
    url: str

    @property
    def unreported(self) -> int:
        return sum(n for _period, n in self.periods)


@dataclass
class DigestContent:
    queues: list[DigestQueue]
    late_units: list[LateUnit]

    @property
    def waiting(self) -> int:
        return sum(queue.waiting for queue in self.queues)

    @property
    def band_totals(self) -> list[int]:
        """How many wait in each of AGE_BANDS, across the queues."""
        return [sum(queue.bands[index] for queue in self.queues) for index in range(len(AGE_BANDS))]

    @property
    def waiting_by_age(self) -> list[tuple[str, int]]:
        """[(age band, how many)] across the queues, for the bands that hold any."""
        return [
            (label, n) for (label, _days), n in zip(AGE_BANDS, self.band_totals, strict=True) if n
        ]

    @property
    def is_empty(self) -> bool:
        return not self.waiting and not self.late_units


def digest_week(today: datetime.date) -> datetime.date | None:
    """The Monday of the week whose digest is due today: from PORTAL_DIGEST_WEEKDAY to
    the end of that week (a job that missed the day sends it later in the week)."""
    if today.weekday() < settings.PORTAL_DIGEST_WEEKDAY:
        return None
    return today - datetime.timedelta(days=today.weekday())


def digest_content(*, today: datetime.date, now: datetime.datetime | None = None) -> DigestContent:
    """What waits for review in every reviewed model, by how long it has waited
    (`submitted_at`; one query per model), and which units are late: indicators
    unreported in periods past their due date (one query per such period)."""
    if now is None:
        # Ages as of the day's end when the job runs for another day (--date).
        now = (
            timezone.now()
            if today == timezone.localdate()
            else timezone.make_aware(datetime.datetime.combine(today, datetime.time.max))
        )
    site = settings.PORTAL_SITE_URL
    queues = []
    for model in reviewed_models():
        cuts = [now - datetime.timedelta(days=days) for _label, days in AGE_BANDS[:-1]]
        aggregates = {}
        for index, (_label, _days) in enumerate(AGE_BANDS):
            condition = Q()
            if index < len(cuts):
                condition &= Q(submitted_at__gt=cuts[index])
            if index > 0:
                condition &= Q(submitted_at__lte=cuts[index - 1])
            aggregates[f"band{index}"] = Count("pk", filter=condition)
        figures = model._default_manager.filter(status=ReviewStatus.SUBMITTED).aggregate(
            **aggregates
        )
        bands = [figures[f"band{index}"] for index in range(len(AGE_BANDS))]
        if not sum(bands):
            continue
        opts = model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        queues.append(
            DigestQueue(
                model=model,
                url=f"{site}{url}?status__exact={ReviewStatus.SUBMITTED}",
                bands=bands,
            )
        )

    late: dict[int, list[tuple[ReportingPeriod, int]]] = defaultdict(list)
    for period in periods_in_cycle(today=today):
        if period.reports_due < today:
            for unit_id, count in unreported_counts(period=period).items():
                late[unit_id].append((period, count))
    indicators = reverse("admin:monitoring_indicator_changelist")
    units = Unit.objects.in_bulk(list(late))
    late_units = [
        LateUnit(
            unit=units[unit_id],
            periods=periods,
            url=f"{site}{indicators}?responsible_unit__id__exact={unit_id}",
        )
        for unit_id, periods in late.items()
    ]
    late_units.sort(key=lambda late_unit: (-late_unit.unreported, late_unit.unit.name))
    return DigestContent(queues=queues, late_units=late_units)


def run_digest(*, today: datetime.date | None = None) -> AdviserDigest | None:
    """Send the week's digest to the advisers, once a week: claimed by inserting the
    week's row. A day with nothing waiting and no unit late claims nothing, so the
    digest goes out on the first day of the week that has something to say."""
    today = today or timezone.localdate()
    week = digest_week(today)
    if week is None or AdviserDigest.objects.filter(week=week).exists():
        return None
    if digest_content(today=today).is_empty:
        return None
    recipients = adviser_recipients()
    with transaction.atomic():
        digest, created = AdviserDigest.objects.get_or_create(
            week=week, defaults={"recipients": len(recipients)}
        )
        if not created:
            return None
        transaction.on_commit(lambda: _queue_digest(digest.pk, recipients, today))
    return digest


def _queue_digest(digest_id: int, recipients: list[int], today: datetime.date) -> None:
    from .tasks import digest_email

    for user_id in recipients:
        digest_email.enqueue(user_id, digest_id, today.isoformat())


# --- The emails ------------------------------------------------------------------------


def _site_url(path: str) -> str:
    return settings.PORTAL_SITE_URL + path


def _common_context(user: User) -> dict:
    return {
        "user": user,
        "preferences_url": _site_url(reverse("accounts:emails")),
        "contact": settings.PORTAL_CONTACT_EMAIL,
    }


def _message(*, template: str, subject: str, context: dict, to: str) -> EmailMultiAlternatives:
    body = render_to_string(f"monitoring/email/{template}.txt", context)
    message = EmailMultiAlternatives(
        subject=subject, body=body, to=[to], reply_to=[settings.PORTAL_CONTACT_EMAIL]
    )
    message.attach_alternative(
        render_to_string(f"monitoring/email/{template}.html", context), "text/html"
    )
    return message


@dataclass
class ReminderSection:
    period: ReportingPeriod
    stage: str
    due_words: str
    rows: list[dict]
    more: int


def _reminder_section(reminder: ReportingReminder, today: datetime.date) -> ReminderSection:
    period = reminder.period
    indicators = list(
        unreported_indicators(period=period, unit_id=reminder.unit_id).order_by("code", "pk")[
            : EMAIL_LIST_LENGTH + 1
        ]
    )
    shown = indicators[:EMAIL_LIST_LENGTH]
    updates = {
        update.indicator_id: update
        for update in IndicatorUpdate.objects.filter(
            period=period, indicator__in=[indicator.pk for indicator in shown]
        )
    }
    rows = []
    for indicator in shown:
        update = updates.get(indicator.pk)
        if update is None:
            state = _("not started")
            path = reverse("monitoring:indicator_update_create", args=[indicator.pk, period.pk])
        else:
            state = update.get_status_display().lower()
            path = update.get_absolute_url()
        rows.append({"indicator": indicator, "state": state, "url": _site_url(path)})
    more = 0
    if len(indicators) > EMAIL_LIST_LENGTH:
        more = unreported_indicators(period=period, unit_id=reminder.unit_id).count() - len(shown)
    return ReminderSection(
        period=period,
        stage=reminder.stage,
        due_words=due_in_words(period.reports_due, today),
        rows=rows,
        more=more,
    )


def reminder_email(
    *, user: User, reminders: list[ReportingReminder], today: datetime.date
) -> EmailMultiAlternatives | None:
    """The user's reminder: their unit's indicators still unreported in each period
    claimed, then the records returned to them with the adviser's note. None when
    both lists are empty by now (everything was submitted since the job ran)."""
    sections = [
        section
        for reminder in sorted(reminders, key=lambda reminder: reminder.period.start)
        if reminder.unit_id == user.unit_id and (section := _reminder_section(reminder, today)).rows
    ]
    returned = [
        {
            "record": record,
            "kind": record._meta.verbose_name,
            "note": record.review_note,
            "url": _site_url(record.get_absolute_url()),
        }
        for record in returned_to(user=user)
    ]
    if not sections and not returned:
        return None
    with translation.override(settings.LANGUAGE_CODE):
        if sections:
            subject = _("Reporting reminder: %(periods)s") % {
                "periods": "; ".join(
                    f"{section.period.name} {section.due_words[:1].lower()}{section.due_words[1:]}"
                    for section in sections
                )
            }
        else:
            subject = ngettext(
                "Returned to you: %(n)d record to look at again",
                "Returned to you: %(n)d records to look at again",
                len(returned),
            ) % {"n": len(returned)}
        context = {
            **_common_context(user),
            "unit": user.unit,
            "sections": sections,
            "returned": returned,
            "due_list_url": _site_url(reverse("monitoring:indicator_update_due_list")),
            "workspace_url": _site_url(reverse("site:workspace")),
            "days_before": settings.PORTAL_REMINDER_DAYS_BEFORE,
            "days_after": settings.PORTAL_REMINDER_DAYS_AFTER,
        }
        return _message(template="reminder", subject=subject, context=context, to=user.email)


def digest_email(*, user: User, today: datetime.date) -> EmailMultiAlternatives | None:
    """The weekly digest for one adviser: the review queues by age and the late units,
    as they are when it is sent. None when nothing waits and no unit is late."""
    content = digest_content(today=today)
    if content.is_empty:
        return None
    # Only the queues the adviser reviews (superusers review all).
    content.queues = [
        queue for queue in content.queues if user.has_perm(review_permission(queue.model))
    ]
    if content.is_empty:
        return None
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Review digest: %(waiting)s waiting, %(late)s late") % {
            "waiting": ngettext("%(n)d record", "%(n)d records", content.waiting)
            % {"n": content.waiting},
            "late": ngettext("%(n)d unit", "%(n)d units", len(content.late_units))
            % {"n": len(content.late_units)},
        }
        context = {
            **_common_context(user),
            "content": content,
            "bands": [label for label, _days in AGE_BANDS],
            "admin_url": _site_url(reverse("admin:index")),
            "today": today,
        }
        return _message(template="digest", subject=subject, context=context, to=user.email)
