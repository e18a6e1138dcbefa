"""Small helpers shared by the tests."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def query_count(client, url: str, **params) -> int:
    """How many queries one GET of `url` runs. The page must answer 200."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return len(queries)
