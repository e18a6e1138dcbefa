"""Public registration pages (being written: issue 16)."""

from django.http import Http404
from django.views import View


class _NotYet(View):
    def get(self, request, *args, **kwargs):
        raise Http404


RegisterView = RegisteredView = CancelView = _NotYet
