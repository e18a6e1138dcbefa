"""How many registrations one network address may send: PORTAL_REGISTRATION_RATE_LIMIT
in each PORTAL_REGISTRATION_RATE_WINDOW seconds (docs/registrations.md, "Anti-abuse").

The count lives in `caches["shared"]`, which every app process sees alike: Redis when
REDIS_URL is set (its INCR is atomic, so the count is exact however many requests
arrive at once), the database cache "portal_cache" otherwise (exact one request at a
time; two requests in the very same instant may count as one).

Windows follow the clock (e.g. 10:00–11:00 for an hour); an address has a counter per
window, `cache.add` starts it and `cache.incr` counts on. The address is hashed in
the key: the cache holds no address, only a count that expires with its window.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import caches

from apps.accounts.security import client_ip

PREFIX = "registrations:rate"


def _clock() -> float:
    return time.time()


class RateLimit:
    """The registrations counted for a request's address in the current window."""

    def __init__(self, request):
        self.limit = settings.PORTAL_REGISTRATION_RATE_LIMIT
        self.window = max(settings.PORTAL_REGISTRATION_RATE_WINDOW, 1)
        address = client_ip(request)
        digest = hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]
        bucket = int(_clock()) // self.window
        self.key = f"{PREFIX}:{digest}:{bucket}"

    @property
    def cache(self):
        return caches["shared"]

    def exceeded(self) -> bool:
        """True when the address has used up this window's registrations (nothing counted)."""
        return self.cache.get(self.key, 0) >= self.limit

    def hit(self) -> bool:
        """Count one registration; False when it is one too many (over the limit)."""
        if self.cache.add(self.key, 1, timeout=self.window):
            return self.limit >= 1
        try:
            count = self.cache.incr(self.key)
        except ValueError:  # expired between add and incr: this one starts a new count
            self.cache.add(self.key, 1, timeout=self.window)
            count = 1
        # Some backends (the database cache) give an incremented key the default
        # timeout; keep it for the whole window. The key names its window, so a
        # longer life never carries the count over.
        self.cache.touch(self.key, self.window)
        return count <= self.limit
