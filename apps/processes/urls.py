"""Staff pages, under /workspace/processes/ (config/urls.py): each record kind's list,
page, forms, submit, delete and evidence files (kinds.py)."""

from .kinds import KINDS

app_name = "processes"

urlpatterns = [pattern for kind in KINDS for pattern in kind.urlpatterns()]
