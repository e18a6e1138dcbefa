"""The staff's forms for the inclusion component's records.

All three build on monitoring's `ReviewedRecordForm` (dates as three boxes, counts as
whole-number boxes, relations as checkboxes, a creation token, evidence files). Two
carry rows of their own, checked with the form and handed to the services in
`record_data()`:

- a policy review's recommendations, a small formset in the same form (blank rows
  are ignored, so a row is removed by clearing it);
- a workforce snapshot's counts, a grid of whole-number boxes: per staff category,
  by sex and by disability, which must add up to the same people.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.forms import DateInputField, WholeNumberField
from apps.monitoring.forms import ReviewedRecordForm

from . import selectors, services
from .models import (
    DISABILITY_GROUPS,
    SEX_GROUPS,
    AccessibilityMeasure,
    PolicyReview,
    Recommendation,
    WorkforceSnapshot,
)


class RelatedActivitiesMixin:
    """Narrows "related activities" to the unit's own activities of this component."""

    def narrow_activities(self) -> None:
        if "activities" in self.fields:
            self.fields["activities"].queryset = selectors.related_activity_choices(user=self.user)
            self.fields["activities"].help_text = _(
                "Your unit's activities of this component that belong to it, if any."
            )


# --- Policy reviews ------------------------------------------------------------------------


class RecommendationForm(forms.Form):
    """One recommendation. Every box is optional so that a blank row can be ignored;
    a row with anything in it needs its text."""

    text = forms.CharField(
        label=_("Recommendation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    owner = forms.CharField(
        label=_("Owner"),
        required=False,
        max_length=200,
        help_text=_("Who carries it out, e.g. HR Division."),
    )
    status = forms.ChoiceField(label=_("Status"), choices=Recommendation.Status.choices)
    due_on = DateInputField(label=_("Due date"), required=False)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("text", "").strip() and (cleaned.get("owner") or cleaned.get("due_on")):
            self.add_error(
                "text", _("Write the recommendation, or clear the row's boxes to remove it.")
            )
        return cleaned

    @property
    def is_blank(self) -> bool:
        return not self.cleaned_data.get("text", "").strip()


class BaseRecommendationFormSet(forms.BaseFormSet):
    def rows(self) -> list[dict]:
        """The filled rows, in order, for the service."""
        return [
            {**form.cleaned_data, "text": form.cleaned_data["text"].strip()}
            for form in self.forms
            if form.cleaned_data and not form.is_blank
        ]


# Three empty rows under the existing ones: a person needing more saves the draft and
# gets three more (no JavaScript needed).
RecommendationFormSet = forms.formset_factory(
    RecommendationForm, formset=BaseRecommendationFormSet, extra=3, max_num=50, validate_max=True
)


class PolicyReviewForm(RelatedActivitiesMixin, ReviewedRecordForm):
    class Meta(ReviewedRecordForm.Meta):
        model = PolicyReview
        fields = (
            "title",
            "topics",
            "stage",
            "started_on",
            "recommendations_on",
            "adopted_on",
            "implemented_on",
            "findings",
            "activities",
            "is_public",
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.narrow_activities()
        self.fields["stage"].help_text = _(
            "Give the date of each stage the review has reached, and none of those it has not."
        )
        initial = []
        if self.instance.pk:
            initial = [
                {"text": row.text, "owner": row.owner, "status": row.status, "due_on": row.due_on}
                for row in selectors.recommendations_of(self.instance)
            ]
        self.recommendations = RecommendationFormSet(
            data=self.data if self.is_bound else None,
            initial=initial,
            prefix="recommendations",
        )

    def full_clean(self):
        super().full_clean()
        if not self.is_bound:
            return
        # One form to the view: a row's problem makes the whole form invalid, shown on
        # the row's box and named in the summary at the top.
        if not self.recommendations.is_valid():
            for number, errors in enumerate(self.recommendations.errors, start=1):
                for message in (
                    message for field_errors in errors.values() for message in field_errors
                ):
                    self.add_error(
                        None,
                        _("Recommendation %(number)d: %(message)s")
                        % {"number": number, "message": message},
                    )
            for message in self.recommendations.non_form_errors():
                self.add_error(None, message)

    def record_data(self) -> dict:
        return {**super().record_data(), "recommendations": self.recommendations.rows()}


# --- Workforce snapshots -------------------------------------------------------------------


class WorkforceSnapshotForm(RelatedActivitiesMixin, ReviewedRecordForm):
    """The snapshot's date and source, and a grid of counts: for each staff category,
    three boxes by sex and three by disability. A box left empty counts as 0."""

    class Meta(ReviewedRecordForm.Meta):
        model = WorkforceSnapshot
        fields = ("as_of", "source", "notes", "activities", "is_public")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.narrow_activities()
        # One snapshot a day: the model's unique check, said as what to do.
        self.fields["as_of"].error_messages["unique"] = _(
            "There is a snapshot for this day already: change that one."
        )
        self.categories = selectors.staff_categories()
        existing = {}
        if self.instance.pk:
            existing = {
                count.staff_category_id: count for count in selectors.counts_of(self.instance)
            }
        for category in self.categories:
            count = existing.get(category.pk)
            for group, label in {**SEX_GROUPS, **DISABILITY_GROUPS}.items():
                self.fields[self.count_name(category, group)] = WholeNumberField(
                    label=label,
                    required=False,
                    initial=getattr(count, group) if count else None,
                )

    @staticmethod
    def count_name(category, group: str) -> str:
        return f"count_{category.pk}_{group}"

    @property
    def count_fieldsets(self) -> list[dict]:
        """What the template draws: per category, its two breakdowns' boxes."""
        return [
            {
                "category": category,
                "by_sex": [self[self.count_name(category, group)] for group in SEX_GROUPS],
                "by_disability": [
                    self[self.count_name(category, group)] for group in DISABILITY_GROUPS
                ],
            }
            for category in self.categories
        ]

    def _category_counts(self, category) -> dict[str, int]:
        return {
            group: self.cleaned_data.get(self.count_name(category, group)) or 0
            for group in services.COUNT_FIELDS
        }

    def clean(self):
        cleaned = super().clean()
        # The service checks this too; here the message lands on the category's boxes.
        for category in self.categories:
            names = [self.count_name(category, group) for group in services.COUNT_FIELDS]
            if any(name in self.errors for name in names):
                continue
            error = services.workforce_breakdown_error(self._category_counts(category))
            if error:
                # The summary at the top names the boxes' label only ("With disability"),
                # so the message names the category.
                self.add_error(
                    self.count_name(category, "with_disability"), f"{category.title}: {error}"
                )
        return cleaned

    def record_data(self) -> dict:
        counts = [
            {"staff_category": category, **self._category_counts(category)}
            for category in self.categories
        ]
        return {**super().record_data(), "counts": counts}


# --- Accessibility measures ---------------------------------------------------------------


class AccessibilityMeasureForm(RelatedActivitiesMixin, ReviewedRecordForm):
    class Meta(ReviewedRecordForm.Meta):
        model = AccessibilityMeasure
        fields = (
            "title",
            "kind",
            "stage",
            "owner",
            "started_on",
            "in_place_on",
            "description",
            "activities",
            "is_public",
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.narrow_activities()
