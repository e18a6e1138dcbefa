"""The query count of each request, for `make bench` (config.settings.bench only)."""

from django.db import connection

HEADER = "X-Bench-Queries"


class QueryCountMiddleware:
    """Count the SQL queries one request runs on the default database and say how
    many in the `X-Bench-Queries` response header.

    Goes first in MIDDLEWARE, so the count covers every middleware after it (the
    session read and save, the signed-in user, django-otp's device) as well as
    the view. A streamed response's queries after the view returned are not
    counted: the CSV export's header shows the queries before its first row.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = 0

        def counted(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counted):
            response = self.get_response(request)
        response[HEADER] = str(count)
        return response
