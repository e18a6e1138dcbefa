import pytest
from django.db import OperationalError, connection
from django.test import RequestFactory
from django.urls import reverse
from django.views.defaults import server_error


@pytest.mark.django_db
def test_healthz_answers_200_when_the_database_answers(client):
    response = client.get(reverse("site:healthz"))

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_answers_503_when_the_database_is_unreachable(client, monkeypatch):
    def unreachable(*args, **kwargs):
        raise OperationalError("could not connect to server: Connection refused")

    monkeypatch.setattr(connection, "cursor", unreachable)

    response = client.get(reverse("site:healthz"))

    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unavailable"}


def test_500_page_renders_without_the_database():
    # No django_db mark: any query here would fail the test.
    request = RequestFactory().get("/broken/")

    response = server_error(request)

    html = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong" in html
    assert '<html lang="en">' in html
    assert 'href="/accessibility/"' in html
