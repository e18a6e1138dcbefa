"""/accounts/emails/: whether a person gets the reporting cycle's emails
(docs/reporting-cycle.md). Signed-in people only; each changes only their own flag."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from tests.accounts.factories import AdviserFactory, StaffUserFactory, UserFactory
from tests.helpers import force_login_verified

URL = reverse("accounts:emails")
LOGIN = reverse("accounts:login")

pytestmark = pytest.mark.django_db


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_anonymous_visitors_are_sent_to_sign_in(client):
    for response in (client.get(URL), client.post(URL, {})):
        assert response.status_code == 302
        assert response.url == f"{LOGIN}?next={URL}"


def test_staff_see_what_they_get_and_the_box_ticked(client):
    staff = StaffUserFactory(email="siti@asean.example.org")
    client.force_login(staff)

    response = client.get(URL)

    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Reporting emails ·" in html
    assert "<h1>Reporting emails</h1>" in html
    assert "7 days before the period’s reports are due" in html
    assert "weekly" not in html  # the adviser's digest is not theirs
    assert "You get them now." in html
    assert "They go to siti@asean.example.org." in html
    assert 'name="gets_reporting_emails"' in html
    assert "checked" in html
    assert '<label for="id_gets_reporting_emails"' in html


def test_staff_stop_the_emails(client):
    staff = StaffUserFactory()
    client.force_login(staff)

    response = client.post(URL, {})  # an unticked box sends nothing

    assert response.status_code == 302
    assert response.url == URL
    staff.refresh_from_db()
    assert staff.gets_reporting_emails is False
    assert messages_of(response) == ["Saved: you no longer get reporting emails."]
    assert "You do not get them now." in client.get(URL).content.decode()


def test_staff_start_them_again(client):
    staff = StaffUserFactory(gets_reporting_emails=False)
    client.force_login(staff)

    response = client.post(URL, {"gets_reporting_emails": "on"})

    staff.refresh_from_db()
    assert staff.gets_reporting_emails is True
    assert messages_of(response) == ["Saved: you get reporting emails."]


def test_advisers_change_theirs_after_the_second_step(client):
    adviser = AdviserFactory()
    client.force_login(adviser)  # the password only: the second step comes first
    assert client.get(URL).status_code == 302

    force_login_verified(client, adviser)
    html = client.get(URL).content.decode()
    client.post(URL, {})

    assert "Once a week the portal sends you a digest" in html
    adviser.refresh_from_db()
    assert adviser.gets_reporting_emails is False


def test_someone_without_a_role_is_told_they_get_none(client):
    client.force_login(UserFactory())

    html = client.get(URL).content.decode()

    assert "Your account holds neither role" in html


def test_a_post_changes_only_the_senders_own_flag(client):
    staff = StaffUserFactory(full_name="Siti Rahma")
    colleague = StaffUserFactory(unit=staff.unit)
    client.force_login(staff)

    client.post(
        URL,
        {
            "gets_reporting_emails": "",
            "pk": colleague.pk,
            "id": colleague.pk,
            "email": "other@example.org",
            "full_name": "Someone Else",
            "is_superuser": "on",
            "is_staff": "on",
        },
    )

    staff.refresh_from_db()
    colleague.refresh_from_db()
    assert staff.gets_reporting_emails is False
    assert colleague.gets_reporting_emails is True
    assert (staff.full_name, staff.is_superuser, staff.is_staff) == ("Siti Rahma", False, False)
    assert staff.email != "other@example.org"


def test_the_workspace_links_to_the_page(client):
    staff = StaffUserFactory(gets_reporting_emails=False)
    client.force_login(staff)

    html = client.get(reverse("site:workspace")).content.decode()

    assert f'<a href="{URL}">Reporting emails</a> (off)' in html
