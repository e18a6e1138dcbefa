"""Staff pages, under /workspace/inclusion/ (config/urls.py)."""

from .views import AccessibilityMeasures, PolicyReviews, WorkforceSnapshots

app_name = "inclusion"

urlpatterns = [
    *PolicyReviews().urlpatterns(),
    *WorkforceSnapshots().urlpatterns(),
    *AccessibilityMeasures().urlpatterns(),
]
