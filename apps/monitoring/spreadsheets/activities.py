"""Activities from a spreadsheet: one row per activity of the unit.

A row is turned into what the activity form takes (names and codes into the
records they name, a date into its day, month and year boxes), read by the same
form as `/workspace/activities/new/` (`ActivityForm`: required fields, participant
counts, "nobody took part", member states on the date) and written by the same
service (`activity_create`: member states' joining dates, partners, indicators of
the component, the model's rules). What an adviser would look at twice
(`plausibility.activity_warnings`) shows beside the row in the preview.
"""

import datetime
import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from apps.programme import selectors as programme_selectors
from apps.programme.models import Partner

from .. import plausibility, selectors, services
from ..forms import ActivityForm
from ..models import Activity, SpreadsheetImport
from .columns import CHOICE, COUNT, DATE, TEXT, Column, header_key
from .files import Row
from .kinds import Kind, RowProblems, RowResult, plain, yes_no
from .problems import Problem

YES, NO = "yes", "no"
COUNT_FIELDS = (
    "participants_women",
    "participants_men",
    "participants_sex_other",
    "participants_with_disability",
    "participants_disability_not_stated",
)
_DATE_PARTS = re.compile(r"[\s/.,\-]+")
_LIST_SEPARATORS = re.compile(r"[,;\s]+")


class ActivitiesKind(Kind):
    kind = SpreadsheetImport.Kind.ACTIVITIES
    sheet = "Activities"

    def __init__(self, *, user, period=None):
        super().__init__(user=user, period=None)
        self.components = list(user.unit.components.select_related("programme").order_by("number"))
        self._columns: list[Column] | None = None

    # The layout ----------------------------------------------------------------------

    def columns(self) -> list[Column]:
        if self._columns is None:
            self._columns = self._make_columns()
        return self._columns

    def _make_columns(self) -> list[Column]:
        count_note = _("A whole number, 0 or more. Required: 0 is an answer.")
        columns = [
            Column("title", _("Title"), TEXT, _("Required. The activity's title."), width=40),
            Column(
                "start_date",
                _("Date"),
                DATE,
                _(
                    "Required. The day it took place, or began: an Excel date, or typed as "
                    "day/month/year, like 10/12/2021."
                ),
            ),
            Column("end_date", _("End date"), DATE, _("Only if it lasted more than one day.")),
            Column(
                "activity_type",
                _("Type"),
                CHOICE,
                _("Required. Choose from the list."),
                choices=tuple(str(label) for _value, label in Activity.Type.choices),
            ),
        ]
        if len(self.components) > 1:
            columns.append(
                Column(
                    "component",
                    _("Component"),
                    CHOICE,
                    _("Required. Your unit works with several components: choose one."),
                    width=30,
                    choices=tuple(self._component_name(c) for c in self.components),
                )
            )
        columns += [
            Column(
                "location",
                _("Location"),
                TEXT,
                _("Optional. For example, Jakarta, or online"),
                width=18,
            ),
            Column("description", _("Description"), TEXT, _("Optional."), width=40),
            Column("participants_women", _("Women"), COUNT, count_note, width=10),
            Column("participants_men", _("Men"), COUNT, count_note, width=10),
            Column("participants_sex_other", _("Other or not stated"), COUNT, count_note),
            Column(
                "participants_with_disability",
                _("Persons with disabilities"),
                COUNT,
                count_note,
                width=16,
            ),
            Column(
                "participants_disability_not_stated",
                _("Disability not stated"),
                COUNT,
                count_note,
                width=16,
            ),
            Column(
                "confirm_no_participants",
                _("Nobody took part"),
                CHOICE,
                _(
                    "Write yes only for a workshop, meeting, training or launch that nobody "
                    "attended (all counts 0)."
                ),
                choices=(YES, NO),
            ),
            Column(
                "member_states",
                _("Member states"),
                TEXT,
                _(
                    "Optional. “all” for every state that was a member on the date, or the "
                    "states' two-letter codes separated by commas, like ID, MY, PH (sheet Lists)."
                ),
                width=18,
            ),
            Column(
                "partners",
                _("Partners"),
                TEXT,
                _("Optional. Names or acronyms from the sheet Lists, separated by semicolons (;)."),
                width=24,
            ),
            Column(
                "indicators",
                _("Indicator codes"),
                TEXT,
                _(
                    "Optional. Codes of the indicators it contributes to (sheet Lists), "
                    "separated by commas."
                ),
                width=18,
            ),
            Column(
                "is_public",
                _("Public"),
                CHOICE,
                _(
                    "yes: shown on the public site once an adviser approves it; no or empty: "
                    "internal."
                ),
                width=10,
                choices=(YES, NO),
            ),
        ]
        return columns

    @staticmethod
    def _component_name(component) -> str:
        return f"{component.number} {component.title}"

    def lists(self) -> dict[str, list[tuple[str, str]]]:
        """What the columns name, for the template's sheet Lists: (value, description)."""
        return {
            _("Types"): [(str(label), "") for _value, label in Activity.Type.choices],
            _("Components"): [(self._component_name(c), "") for c in self.components],
            _("Yes or no"): [(YES, ""), (NO, "")],
            _("Member state codes"): [
                (state.iso_code, state.name)
                for state in programme_selectors.member_state_list().order_by("name")
            ],
            _("Partners"): [
                (partner.name, partner.acronym)
                for partner in programme_selectors.partner_list(
                    exclude_kinds=(Partner.Kind.EXECUTING_AGENCY,)
                )
            ],
            _("Indicator codes"): [
                (indicator.code, indicator.title)
                for indicator in selectors.indicator_list_for_unit_components(unit_id=self.unit.pk)
            ],
        }

    # The import ----------------------------------------------------------------------

    def start(self, rows: list[Row]) -> list[Problem]:
        self.headers = {column.key: column.header for column in self.columns()}
        self.states = {}
        for state in programme_selectors.member_state_list():
            self.states[header_key(state.iso_code)] = state
            self.states.setdefault(header_key(state.name), state)
        self.partners = {}
        for partner in programme_selectors.partner_list():
            self.partners[header_key(partner.name)] = partner
            if partner.acronym:
                self.partners.setdefault(header_key(partner.acronym), partner)
        self.indicators: dict[str, list] = {}
        for indicator in selectors.indicator_list_for_unit_components(unit_id=self.unit.pk):
            self.indicators.setdefault(header_key(indicator.code), []).append(indicator)
        days = {_as_date(row.values.get("start_date")) for row in rows} - {None}
        self.logged = {
            (header_key(title), day): status
            for title, day, status in Activity.objects.filter(
                unit=self.unit, start_date__in=days
            ).values_list("title", "start_date", "status")
        }
        self.seen: dict[tuple[str, datetime.date], int] = {}
        return []

    def apply(self, row: Row, *, submit: bool) -> RowResult:
        values = row.values
        title = values.get("title") or ""
        label = title or _("(no title)")
        problems: dict[str, list[Problem]] = {}

        def problem(key: str, message: str) -> None:
            problems.setdefault(key, []).append(self.problem(row, message, self.headers[key]))

        data = {
            "title": title,
            "location": values.get("location") or "",
            "description": values.get("description") or "",
            **{name: plain(values.get(name)) for name in COUNT_FIELDS},
        }
        for name in ("start_date", "end_date"):
            parts, message = _date_boxes(values.get(name))
            if message:
                problem(name, message)
            data.update({f"{name}_{index}": part for index, part in enumerate(parts)})
        data["activity_type"] = self._type(values.get("activity_type"), problem)
        data["component"] = self._component(values.get("component"), problem)
        self._member_states(values.get("member_states"), data, problem)
        data["partners"] = self._partners(values.get("partners"), problem)
        data["indicators"] = self._indicators(values.get("indicators"), problem)
        for name in ("confirm_no_participants", "is_public"):
            answer = yes_no(values.get(name))
            if answer is None:
                problem(name, _("write yes or no (or leave it empty for no)."))
            elif answer:
                data[name] = "on"
        self._check_repeats(row, title, values.get("start_date"), problem)

        form = ActivityForm(data=data, user=self.user)
        if not form.is_valid():
            for name, messages in form.errors.items():
                column = self._column_of(name)
                if column not in problems:  # a cell already explained says it best
                    problems.setdefault(column or name, []).extend(
                        self.error_problems(row, {name: messages}, self._form_headers())
                    )
        if problems:
            raise RowProblems([p for found in problems.values() for p in found], label=label)
        try:
            activity = services.activity_create(
                user=self.user, data=form.activity_data(), submit=submit
            )
        except ValidationError as error:
            problems = self.error_problems(row, error, self._form_headers())
            raise RowProblems(problems, label=label) from None
        except PermissionDenied as error:
            raise RowProblems([self.problem(row, str(error))], label=label) from None
        return RowResult(
            row=row.number,
            label=activity.title,
            action=_("New, submitted for review") if submit else _("New draft"),
            value=_("%(date)s, %(type)s")
            % {
                "date": date_format(activity.start_date, "SHORT_DATE_FORMAT"),
                "type": activity.get_activity_type_display().lower(),
            },
            breakdown=_participants(activity),
            warnings=plausibility.activity_warnings(activity),
        )

    # Cells into what the form takes ------------------------------------------------------

    def _type(self, value, problem) -> str:
        if not value:
            return ""
        for choice, label in Activity.Type.choices:
            if header_key(value) in (choice, header_key(label)):
                return choice
        problem(
            "activity_type",
            _("“%(value)s” is not a type of activity: choose one of %(types)s.")
            % {
                "value": value,
                "types": ", ".join(str(label) for _c, label in Activity.Type.choices),
            },
        )
        return ""

    def _component(self, value, problem) -> str:
        if len(self.components) == 1:
            return str(self.components[0].pk)
        if not value:
            return ""
        wanted = header_key(value)
        for component in self.components:
            if wanted in (
                header_key(self._component_name(component)),
                header_key(component.title),
                str(component.number),
            ):
                return str(component.pk)
        problem(
            "component",
            _("“%(value)s” is not one of your unit's components: choose from the list.")
            % {"value": value},
        )
        return ""

    def _member_states(self, value, data: dict, problem) -> None:
        data["member_states"] = []
        if not value:
            return
        if header_key(value) in ("all", _("all")):
            data["all_member_states"] = "on"
            return
        for code in _split(value, _LIST_SEPARATORS):
            state = self.states.get(header_key(code))
            if state is None:
                problem(
                    "member_states",
                    _(
                        "“%(code)s” is not a member state's code: write “all”, or codes from "
                        "the sheet Lists (like ID, MY) separated by commas."
                    )
                    % {"code": code},
                )
            else:
                data["member_states"].append(str(state.pk))

    def _partners(self, value, problem) -> list[str]:
        found = []
        for name in _split(value, re.compile(r"[;\n]+")):
            partner = self.partners.get(header_key(name))
            if partner is None:
                problem(
                    "partners",
                    _(
                        "“%(name)s” is not a partner the portal knows: use the names or acronyms "
                        "on the sheet Lists, separated by semicolons (;)."
                    )
                    % {"name": name},
                )
            elif partner.kind == Partner.Kind.EXECUTING_AGENCY:
                problem(
                    "partners",
                    _(
                        "%(partner)s is the programme's executing agency, the Secretariat "
                        "itself: it cannot be a partner of its own activities."
                    )
                    % {"partner": partner},
                )
            else:
                found.append(str(partner.pk))
        return found

    def _indicators(self, value, problem) -> list[str]:
        found = []
        for code in _split(value, _LIST_SEPARATORS):
            matches = self.indicators.get(header_key(code), [])
            if len(matches) == 1:
                found.append(str(matches[0].pk))
                continue
            problem(
                "indicators",
                (
                    _(
                        "no indicator of your unit's components has the code “%(code)s” "
                        "(sheet Lists)."
                    )
                    if not matches
                    else _("the code “%(code)s” names several indicators: ask a programme adviser.")
                )
                % {"code": code},
            )
        return found

    def _check_repeats(self, row: Row, title: str, start, problem) -> None:
        day = _as_date(start)
        if not title or day is None:
            return
        key = (header_key(title), day)
        first = self.seen.setdefault(key, row.number)
        if first != row.number:
            problem(
                "title",
                _("repeats row %(row)s (the same title and date): keep one row per activity.")
                % {"row": first},
            )
        elif key in self.logged:
            problem(
                "title",
                _(
                    "your unit already logged “%(title)s” on %(date)s (%(status)s), so it is not "
                    "imported again. Delete the row, or give another activity its own title."
                )
                % {
                    "title": title,
                    "date": date_format(day),
                    "status": Activity(status=self.logged[key]).get_status_display().lower(),
                },
            )

    def _form_headers(self) -> dict[str, str]:
        """The form's (and the service's) field names → the column that holds them."""
        headers = dict(self.headers)
        headers.update(
            all_member_states=self.headers["member_states"],
            participation_by_state=self.headers["member_states"],
            component=self.headers.get("component", ""),
        )
        return headers

    def _column_of(self, name: str) -> str:
        return {"all_member_states": "member_states"}.get(name, name)


def _split(value, separators: re.Pattern) -> list[str]:
    return [part.strip() for part in separators.split(str(value or "")) if part.strip()]


def _date_boxes(value) -> tuple[tuple[str, str, str], str]:
    """A cell as the form's day, month and year boxes, and a message if it is no date."""
    if value in (None, ""):
        return ("", "", ""), ""
    if isinstance(value, datetime.date):
        return (str(value.day), str(value.month), str(value.year)), ""
    parts = _DATE_PARTS.split(str(value).strip())
    if len(parts) == 3:
        if len(parts[0]) == 4:  # 2021-12-10, as ISO has it
            parts.reverse()
        return (parts[0], parts[1], parts[2]), ""
    return ("", "", ""), _(
        "“%(value)s” is not a date: use an Excel date, or type day/month/year, like 10/12/2021."
    ) % {"value": value}


def _as_date(value) -> datetime.date | None:
    """The cell's date when it plainly is one (to find repeats), else None."""
    if isinstance(value, datetime.date):
        return value
    (day, month, year), message = _date_boxes(value)
    try:
        return datetime.date(int(year), int(month), int(day)) if not message else None
    except ValueError:
        return None


def _participants(activity: Activity) -> str:
    text = _(
        "%(total)s participants (women %(women)s, men %(men)s, other %(other)s; "
        "with disabilities %(disability)s, not stated %(not_stated)s)"
    ) % {
        "total": activity.participants_total,
        "women": activity.participants_women,
        "men": activity.participants_men,
        "other": activity.participants_sex_other,
        "disability": activity.participants_with_disability,
        "not_stated": activity.participants_disability_not_stated,
    }
    codes = sorted(state.iso_code for state in activity.member_states.all())
    if codes:
        text += "; " + _("member states: %(codes)s") % {"codes": ", ".join(codes)}
    return text
