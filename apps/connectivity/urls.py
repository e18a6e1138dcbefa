"""Staff pages, under /workspace/connectivity/ (config/urls.py)."""

from .views import CityActions, Initiatives, Meetings

app_name = "connectivity"

urlpatterns = [
    *Initiatives().urlpatterns(),
    *CityActions().urlpatterns(),
    *Meetings().urlpatterns(),
]
