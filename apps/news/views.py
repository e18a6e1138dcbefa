"""The staff's pages beyond the review kit's (kinds.py): a publication's file, for
those who may see the record, at any review status."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views import View

from apps.accounts.permissions import PortalRoleRequiredMixin

from . import selectors
from .files import content_type


def file_response(publication) -> FileResponse:
    """The publication's file as an attachment named after its web address."""
    try:
        file = publication.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404("The file is missing.") from missing
    filename = f"{publication.slug}.{publication.file_format.lower()}"
    return FileResponse(
        file, as_attachment=True, filename=filename, content_type=content_type(file.name)
    )


class PublicationFileView(PortalRoleRequiredMixin, View):
    """The file of a publication the person may see (their unit's; advisers any)."""

    def get(self, request, pk):
        publication = get_object_or_404(
            selectors.publication_list_for_user(user=request.user), pk=pk
        )
        return file_response(publication)
