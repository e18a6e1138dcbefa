"""Files browsers ask for at the site's root are static files, never a 404 from Django."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext


@pytest.mark.django_db
def test_the_favicon_is_served_as_a_static_file(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/favicon.ico")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert b"".join(response.streaming_content).startswith(b"\x00\x00\x01\x00")  # an icon
    assert len(queries) == 0


@pytest.mark.django_db
def test_every_page_names_its_icon(client):
    page = client.get("/").content.decode()

    assert 'rel="icon" href="/static/img/favicon.svg"' in page
