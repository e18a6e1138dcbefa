"""Every model registered in the admin: changelist, add, change and search answer.

Add answers 403 where the admin says nobody may add (records written only by services).

A model registered without a factory here fails the test, so each new app's
admin is covered as soon as it is registered.
"""

import factory
import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_tasks_db.models import DBTaskResult

from tests.accounts.factories import UserFactory
from tests.connectivity.factories import ADMIN_FACTORIES as CONNECTIVITY_FACTORIES
from tests.events.factories import ADMIN_FACTORIES as EVENTS_FACTORIES
from tests.helpers import force_login_verified
from tests.inclusion.factories import ADMIN_FACTORIES as INCLUSION_FACTORIES
from tests.monitoring.cycle_factories import ADMIN_FACTORIES as REPORTING_CYCLE_FACTORIES
from tests.monitoring.factories import (
    ActivityFactory,
    IndicatorFactory,
    IndicatorUpdateFactory,
    ReportingPeriodFactory,
    ResultFactory,
)
from tests.news.factories import ADMIN_FACTORIES as NEWS_FACTORIES
from tests.photos.factories import PhotoFactory
from tests.processes.factories import ADMIN_FACTORIES as PROCESSES_FACTORIES
from tests.programme.factories import (
    ComponentFactory,
    MemberStateFactory,
    MilestoneFactory,
    PartnerFactory,
    ProgrammeFactory,
    UnitFactory,
)
from tests.registrations.factories import ADMIN_FACTORIES as REGISTRATIONS_FACTORIES


class AccessAttemptFactory(factory.django.DjangoModelFactory):
    """A sign-in lockout counter (django-axes)."""

    class Meta:
        model = AccessAttempt

    username = factory.Sequence(lambda n: f"person{n}@asean.example.org")
    ip_address = "192.0.2.10"
    user_agent = "Mozilla/5.0"
    path_info = "/accounts/login/"
    http_accept = "text/html"
    get_data = ""
    post_data = ""
    failures_since_start = 3


class AccessLogFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AccessLog

    username = factory.Sequence(lambda n: f"person{n}@asean.example.org")
    ip_address = "192.0.2.10"
    user_agent = "Mozilla/5.0"
    path_info = "/accounts/login/"
    http_accept = "text/html"


class AccessFailureLogFactory(AccessLogFactory):
    class Meta:
        model = AccessFailureLog


class TOTPDeviceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TOTPDevice

    user = factory.SubFactory(UserFactory)
    name = "Authenticator app"


class StaticDeviceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaticDevice

    user = factory.SubFactory(UserFactory)
    name = "Recovery codes"


class TaskResultFactory(factory.django.DjangoModelFactory):
    """A queued email of the task worker (django-tasks-db); operators read them."""

    class Meta:
        model = DBTaskResult

    args_kwargs = {"args": [1, "confirmed"], "kwargs": {}}
    task_path = "apps.registrations.tasks.registration_email"
    backend_name = "database"  # config.settings.test: the worker's backend
    queue_name = "default"
    run_after = factory.LazyFunction(timezone.now)


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Group

    name = factory.Sequence(lambda n: f"Group {n}")


FACTORIES = {
    "auth.group": GroupFactory,
    "photos.photo": PhotoFactory,
    "axes.accessattempt": AccessAttemptFactory,
    "axes.accesslog": AccessLogFactory,
    "axes.accessfailurelog": AccessFailureLogFactory,
    "otp_totp.totpdevice": TOTPDeviceFactory,
    "otp_static.staticdevice": StaticDeviceFactory,
    "django_tasks_database.dbtaskresult": TaskResultFactory,
    "accounts.user": UserFactory,
    "programme.programme": ProgrammeFactory,
    "programme.component": ComponentFactory,
    "programme.unit": UnitFactory,
    "programme.memberstate": MemberStateFactory,
    "programme.partner": PartnerFactory,
    "programme.milestone": MilestoneFactory,
    "monitoring.result": ResultFactory,
    "monitoring.indicator": IndicatorFactory,
    "monitoring.reportingperiod": ReportingPeriodFactory,
    "monitoring.indicatorupdate": IndicatorUpdateFactory,
    "monitoring.activity": ActivityFactory,
    # The component apps keep theirs with their tests.
    **PROCESSES_FACTORIES,
    **CONNECTIVITY_FACTORIES,
    **INCLUSION_FACTORIES,
    **EVENTS_FACTORIES,
    **REGISTRATIONS_FACTORIES,
    **NEWS_FACTORIES,
    **REPORTING_CYCLE_FACTORIES,
}


def _search_term(obj) -> str:
    """The value of the object's first search field, as an adviser would type it."""
    search_fields = admin.site._registry[type(obj)].search_fields
    if not search_fields:  # a third-party admin without search (task results)
        return ""
    value = obj
    for part in search_fields[0].lstrip("^=@").split("__"):
        value = getattr(value, part)
    return str(value)


REGISTERED = sorted(model._meta.label_lower for model in admin.site._registry)


def test_every_registered_model_has_a_factory():
    assert set(REGISTERED) <= set(FACTORIES), set(REGISTERED) - set(FACTORIES)


@pytest.mark.django_db
@pytest.mark.parametrize("label", REGISTERED)
def test_admin_pages_answer_for_every_model(client, superuser, label):
    obj = FACTORIES[label]()
    opts = obj._meta
    prefix = f"admin:{opts.app_label}_{opts.model_name}"
    force_login_verified(client, superuser)

    changelist = client.get(reverse(f"{prefix}_changelist"))
    search = client.get(reverse(f"{prefix}_changelist"), {"q": _search_term(obj)})
    add = client.get(reverse(f"{prefix}_add"))
    change = client.get(reverse(f"{prefix}_change", args=[obj.pk]))

    assert changelist.status_code == 200
    assert search.status_code == 200
    assert search.context["cl"].result_count >= 1
    # Some records are written only through their services (staff's activities and
    # updates): their admin has no add page, by design.
    can_add = admin.site._registry[type(obj)].has_add_permission(add.wsgi_request)
    assert add.status_code == (200 if can_add else 403)
    assert change.status_code == 200
