"""Two confirmations of the same import at once, for real on PostgreSQL: one imports,
the other is told it was imported already. Activities have no unique constraint
behind them, so without the row lock and the re-check under it both would import
and every activity would exist twice."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.db import connection

from apps.monitoring.models import Activity, SpreadsheetImport
from tests.accounts.factories import StaffUserFactory
from tests.monitoring.test_concurrency import in_parallel, signed_in
from tests.programme.factories import ComponentFactory, UnitFactory

from .helpers import ACTIVITIES_TEMPLATE, confirm_url, download, fill_activity, upload

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite serialises writers, so no race can happen",
    ),
]

PARALLEL = 4


def test_confirming_one_import_at_once_imports_it_once():
    staff = StaffUserFactory(unit=UnitFactory(components=[ComponentFactory()]))
    clients = [signed_in(staff) for _ in range(PARALLEL)]
    workbook = download(clients[0], ACTIVITIES_TEMPLATE)
    for row in (2, 3, 4):
        fill_activity(
            workbook,
            row,
            Title=f"Workshop {row}",
            Date=datetime.date(2019, 9, row),
            Type="Workshop",
            Women=4,
            Men=3,
            Other_or_not_stated=0,
            Persons_with_disabilities=0,
            Disability_not_stated=0,
        )
    assert upload(clients[0], workbook, kind="activities").status_code == 302
    spreadsheet = SpreadsheetImport.objects.get()

    responses = in_parallel(
        [lambda client=client: client.post(confirm_url(spreadsheet)) for client in clients]
    )

    assert [response.status_code for response in responses] == [302] * PARALLEL
    said = [
        str(message) for response in responses for message in get_messages(response.wsgi_request)
    ]
    assert sum(message.startswith("Imported 3 rows") for message in said) == 1
    assert sum(message.startswith("This file was already imported") for message in said) == (
        PARALLEL - 1
    )
    assert Activity.objects.count() == 3
    spreadsheet.refresh_from_db()
    assert (spreadsheet.status, spreadsheet.created_count) == (
        SpreadsheetImport.Status.IMPORTED,
        3,
    )
