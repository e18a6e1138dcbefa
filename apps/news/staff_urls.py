"""Staff pages, under /workspace/news/ (config/urls.py): each kind's list, page,
forms, submit, delete and evidence files (kinds.py), and a publication's file."""

from django.urls import path

from . import views
from .kinds import KINDS

app_name = "news_staff"

urlpatterns = [
    *(pattern for kind in KINDS for pattern in kind.urlpatterns()),
    path(
        "publications/<int:pk>/file/",
        views.PublicationFileView.as_view(),
        name="publication_file",
    ),
]
