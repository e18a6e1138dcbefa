"""The staff's pages under /workspace/inclusion/: one RecordKind per reviewed model
(apps.monitoring.record_views gives the eight pages each). The records with rows of
their own name their own templates: the form draws the rows, the page lists them."""

from django.utils.translation import gettext_lazy as _

from apps.monitoring.record_views import RecordKind

from . import selectors, services
from .forms import AccessibilityMeasureForm, PolicyReviewForm, WorkforceSnapshotForm
from .models import AccessibilityMeasure, PolicyReview, WorkforceSnapshot


class PolicyReviews(RecordKind):
    model, form_class = PolicyReview, PolicyReviewForm
    namespace, name, prefix = "inclusion", "policy_review", "policy-reviews"
    list_columns = ("stage",)
    fieldsets = (
        ("", ("title", "topics", "findings")),
        (_("Stage"), ("stage", "started_on", "recommendations_on", "adopted_on", "implemented_on")),
        (_("Connections"), ("activities", "is_public")),
    )
    form_template = "inclusion/policyreview_form.html"
    detail_template = "inclusion/policyreview_detail.html"

    def records(self, user):
        return selectors.policy_review_list_for_user(user=user)

    def evidence(self, user):
        return selectors.policy_review_evidence_list_for_user(user=user)

    def create(self, *, user, data, files, submit, token):
        return services.policy_review_create(
            user=user, data=data, files=files, submit=submit, token=token
        )

    def update(self, *, record, user, data, files, submit):
        return services.policy_review_update(
            policy_review=record, user=user, data=data, files=files, submit=submit
        )

    def submit(self, *, record, user):
        return services.policy_review_submit(policy_review=record, user=user)

    def delete(self, *, record, user):
        services.policy_review_delete(policy_review=record, user=user)


class WorkforceSnapshots(RecordKind):
    model, form_class = WorkforceSnapshot, WorkforceSnapshotForm
    namespace, name, prefix = "inclusion", "workforce_snapshot", "workforce-snapshots"
    list_columns = ("source",)
    list_order = ("-as_of", "-pk")
    form_template = "inclusion/workforcesnapshot_form.html"
    detail_template = "inclusion/workforcesnapshot_detail.html"

    def records(self, user):
        return selectors.workforce_snapshot_list_for_user(user=user)

    def evidence(self, user):
        return selectors.workforce_snapshot_evidence_list_for_user(user=user)

    def create(self, *, user, data, files, submit, token):
        return services.workforce_snapshot_create(
            user=user, data=data, files=files, submit=submit, token=token
        )

    def update(self, *, record, user, data, files, submit):
        return services.workforce_snapshot_update(
            snapshot=record, user=user, data=data, files=files, submit=submit
        )

    def submit(self, *, record, user):
        return services.workforce_snapshot_submit(snapshot=record, user=user)

    def delete(self, *, record, user):
        services.workforce_snapshot_delete(snapshot=record, user=user)


class AccessibilityMeasures(RecordKind):
    model, form_class = AccessibilityMeasure, AccessibilityMeasureForm
    namespace, name, prefix = "inclusion", "accessibility_measure", "accessibility-measures"
    list_columns = ("kind", "stage")

    def records(self, user):
        return selectors.accessibility_measure_list_for_user(user=user)

    def evidence(self, user):
        return selectors.accessibility_measure_evidence_list_for_user(user=user)

    def create(self, *, user, data, files, submit, token):
        return services.accessibility_measure_create(
            user=user, data=data, files=files, submit=submit, token=token
        )

    def update(self, *, record, user, data, files, submit):
        return services.accessibility_measure_update(
            measure=record, user=user, data=data, files=files, submit=submit
        )

    def submit(self, *, record, user):
        return services.accessibility_measure_submit(measure=record, user=user)

    def delete(self, *, record, user):
        services.accessibility_measure_delete(measure=record, user=user)
