"""The advisers' back office for registrations: the list, its filters and search, a
registration's page and history, the downloads, promotion from the waiting list,
removing personal data on request and the retention purge — allowed for advisers,
denied to Secretariat staff, with a confirmation before anything is removed."""

import csv
import datetime
import io

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from apps.registrations.models import Registration
from tests.accounts.factories import AdviserFactory, StaffUserFactory, UserFactory
from tests.helpers import force_login_verified

from .factories import ADMIN_FACTORIES, AttendanceFactory, RegistrationFactory
from .figures_fixtures import edition, people

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:registrations_registration_changelist")
PURGE = reverse("admin:registrations_registration_purge")
Status = Registration.Status


@pytest.fixture
def adviser_client(client):
    force_login_verified(client, AdviserFactory())
    return client


@pytest.fixture
def staff_client(client):
    """Secretariat staff, back-office access ticked by mistake: the admin opens nothing."""
    force_login_verified(client, StaffUserFactory(is_staff=True))
    return client


@pytest.fixture
def no_permission_client(client):
    """A back-office account without the advisers' permissions on registrations."""
    force_login_verified(client, UserFactory(is_staff=True))
    return client


@pytest.mark.parametrize("label", list(ADMIN_FACTORIES))
def test_every_model_lists_and_opens_for_an_adviser(adviser_client, label):
    obj = ADMIN_FACTORIES[label]()
    model = label.split(".")[1]
    assert adviser_client.get(reverse(f"admin:registrations_{model}_changelist")).status_code == 200
    for page in ("change", "history"):
        url = reverse(f"admin:registrations_{model}_{page}", args=[obj.pk])
        assert adviser_client.get(url).status_code == 200


@pytest.mark.parametrize("label", list(ADMIN_FACTORIES))
def test_staff_do_not_get_the_registrations_admin(staff_client, label):
    obj = ADMIN_FACTORIES[label]()
    model = label.split(".")[1]
    for url in (
        reverse(f"admin:registrations_{model}_changelist"),
        reverse(f"admin:registrations_{model}_change", args=[obj.pk]),
    ):
        response = staff_client.get(url)
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]


@pytest.mark.parametrize("label", list(ADMIN_FACTORIES))
def test_an_account_without_the_permissions_is_refused(no_permission_client, label):
    obj = ADMIN_FACTORIES[label]()
    model = label.split(".")[1]
    url = reverse(f"admin:registrations_{model}_change", args=[obj.pk])
    assert no_permission_client.get(url).status_code == 403


def test_only_advisers_run_the_purge(staff_client, no_permission_client):
    old = edition(year=2019, retention_months=24)
    people(old, 2)
    assert no_permission_client.get(PURGE).status_code == 403
    assert no_permission_client.post(PURGE, {"confirm": "yes"}).status_code == 403
    assert not Registration.objects.filter(anonymised_at__isnull=False).exists()


def test_filters_and_search(adviser_client):
    kept = RegistrationFactory(name="Amara Wongsakul", organisation="Bangkok Daily Review")
    RegistrationFactory(name="Kevin Tan", status=Status.WAITING, sex=Registration.Sex.MAN)

    by_org = adviser_client.get(CHANGELIST, {"q": "Bangkok"})
    filtered = adviser_client.get(
        CHANGELIST,
        {
            "status__exact": "confirmed",
            "sex__exact": "woman",
            "role__exact": "media",
            "disability__exact": "no",
            "source__exact": "public",
            "accommodation__exact": "none",
            "anonymised": "no",
            "event__id__exact": kept.event_id,
        },
    )

    assert list(by_org.context["cl"].queryset) == [kept]
    assert list(filtered.context["cl"].queryset) == [kept]
    assert adviser_client.get(CHANGELIST, {"anonymised": "yes"}).context["cl"].result_count == 0


def test_the_registration_page_shows_attendance_and_saves_nothing(adviser_client):
    present = AttendanceFactory()
    url = reverse("admin:registrations_registration_change", args=[present.registration.pk])

    response = adviser_client.get(url)

    assert response.status_code == 200
    assert present.day.strftime("%Y") in response.content.decode()
    assert 'name="_save"' not in response.content.decode()
    assert adviser_client.post(url, {"name": "Changed"}).status_code == 403
    assert adviser_client.get(reverse("admin:registrations_registration_add")).status_code == 403


def test_export_lists_what_the_list_shows(adviser_client):
    RegistrationFactory(name="Listed person", email="listed@example.org")
    RegistrationFactory(name="Left out", status=Status.WAITING)

    response = adviser_client.get(
        reverse("admin:registrations_registration_export", args=["csv"]),
        {"status__exact": "confirmed"},
    )

    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:4] == ["Event", "Status", "Full name", "Email"]
    assert [row[2] for row in rows[1:]] == ["Listed person"]
    xlsx = adviser_client.get(reverse("admin:registrations_registration_export", args=["xlsx"]))
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    bad = reverse("admin:registrations_registration_export", args=["pdf"])
    assert adviser_client.get(bad).status_code == 404


def test_export_selected(adviser_client):
    one = RegistrationFactory(name="Ticked person")
    RegistrationFactory(event=one.event)

    response = adviser_client.post(
        CHANGELIST, {"action": "export_csv", ACTION_CHECKBOX_NAME: [one.pk]}
    )

    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "Ticked person" in body
    assert body.count("\n") == 2


def test_promote_from_the_waiting_list_fills_the_free_places(adviser_client):
    forum = edition(capacity=2)
    RegistrationFactory(event=forum)
    first = RegistrationFactory(
        event=forum,
        status=Status.WAITING,
        status_changed_at=datetime.datetime(2019, 9, 1, tzinfo=datetime.UTC),
    )
    second = RegistrationFactory(event=forum, status=Status.WAITING)

    response = adviser_client.post(
        CHANGELIST,
        {"action": "promote_from_waiting_list", ACTION_CHECKBOX_NAME: [second.pk]},
        follow=True,
    )

    assert "1 person moved from the waiting list" in response.content.decode()
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (Status.CONFIRMED, Status.WAITING)
    again = adviser_client.post(
        CHANGELIST,
        {"action": "promote_from_waiting_list", ACTION_CHECKBOX_NAME: [second.pk]},
        follow=True,
    )
    assert "no free place, or nobody waiting" in again.content.decode()


def test_removing_personal_data_asks_first_then_removes_it(adviser_client):
    person = RegistrationFactory(email="amara@example.org", name="Amara Wongsakul")
    AttendanceFactory(registration=person)
    data = {"action": "remove_personal_data", ACTION_CHECKBOX_NAME: [person.pk]}

    confirm = adviser_client.post(CHANGELIST, data)

    assert confirm.status_code == 200
    assert "amara@example.org" in confirm.content.decode()
    assert "cannot be undone" in confirm.content.decode()
    person.refresh_from_db()
    assert person.email == "amara@example.org"

    done = adviser_client.post(CHANGELIST, {**data, "apply": "yes"}, follow=True)

    assert "The personal data of 1 registration was removed" in done.content.decode()
    person.refresh_from_db()
    assert person.is_anonymised
    assert person.email == ""
    assert person.attendance.count() == 1
    assert not Registration.history.filter(email="amara@example.org").exists()


def test_the_purge_page_lists_what_will_go_and_needs_the_confirmation(adviser_client):
    old = edition(year=2019, retention_months=24, title="Forum long past")
    people(old, 3)
    recent = edition(year=2019, retention_months=1200, title="Forum kept for a century")
    people(recent, 2)

    page = adviser_client.get(PURGE)

    html = page.content.decode()
    assert page.status_code == 200
    assert old.title in html
    assert recent.title not in html
    unconfirmed = adviser_client.post(PURGE, follow=True)
    assert "tick the confirmation" in unconfirmed.content.decode()
    assert not Registration.objects.filter(anonymised_at__isnull=False).exists()

    done = adviser_client.post(PURGE, {"confirm": "yes"}, follow=True)

    assert "Personal data removed from 3 registrations" in done.content.decode()
    assert Registration.objects.filter(event=old, anonymised_at__isnull=False).count() == 3
    assert Registration.objects.filter(event=recent, anonymised_at__isnull=True).count() == 2
    assert "No participant data is due" in adviser_client.get(PURGE).content.decode()


def test_the_set_up_can_be_added_by_an_adviser(adviser_client):
    assert adviser_client.get(reverse("admin:registrations_registrationsetup_add")).status_code == (
        200
    )
