"""How people sign in: email and password, and never a demo account outside DEBUG."""

from django.conf import settings
from django.contrib.auth.backends import ModelBackend

from .services import is_demo_account


class PortalBackend(ModelBackend):
    """Django's model backend, refusing the demo accounts unless DEBUG is on.

    The demo accounts have a published password. `seed_demo` creates them only
    under DEBUG, but a database may hold them all the same (seeded with local
    settings against a production DATABASE_URL, or restored from a copy): under
    any other settings they neither sign in nor keep a session they already
    have (Django asks `user_can_authenticate` for both).
    """

    def user_can_authenticate(self, user) -> bool:
        if is_demo_account(user) and not settings.DEBUG:
            return False
        return super().user_can_authenticate(user)
