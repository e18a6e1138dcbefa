from django.urls import re_path

from . import views

app_name = "photos"

urlpatterns = [
    # /photos/<32 hex>/<width>.webp|jpg — a rendition (views.rendition says who gets which).
    re_path(
        r"^photos/(?P<key>[0-9a-f]{32})/(?P<width>[0-9]{1,4})\.(?P<ext>webp|jpg)$",
        views.rendition,
        name="rendition",
    ),
]
