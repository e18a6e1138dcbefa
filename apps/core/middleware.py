"""Middleware shared by every app."""

from django.core.exceptions import SuspiciousOperation


class NullCharacterInQuery(SuspiciousOperation):
    """Django answers a SuspiciousOperation with 400 Bad Request and logs it."""


class RejectNullCharactersMiddleware:
    """Answer 400 to a query string holding a NUL character.

    No link or form of the portal makes one, and PostgreSQL refuses it in any
    text it compares, so an admin filter, search or autocomplete handed one
    (`?status__exact=%00`) would otherwise fail with a server error. Form
    fields already refuse it with a message (Django's CharField does).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for key, values in request.GET.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                raise NullCharacterInQuery("A NUL character in the query string.")
        return self.get_response(request)
