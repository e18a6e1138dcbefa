from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PhotosConfig(AppConfig):
    name = "apps.photos"
    verbose_name = _("Photos")

    def ready(self):
        from apps.core.public_cache import purge_on_change

        from .models import Photo

        # Photos lead the home and component pages; publishing, unpublishing or
        # recording consent must show at once (with the photo's components too).
        purge_on_change(Photo)
