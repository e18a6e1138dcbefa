"""Settings for the test suite (pytest reads these from pyproject.toml).

The database is SQLite unless DATABASE_URL says otherwise, so CI runs the same
suite on PostgreSQL by setting DATABASE_URL.
"""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-secret-key-not-for-any-real-deployment-7c1e9a2b"  # noqa: S105

# Hashing passwords properly (Argon2, config.settings.base) is slow by design;
# tests need it fast. tests/config/test_security_settings.py reads the real order.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# Serve static files from the finders, as runserver does, so that pages under
# the live server (browser tests) get their CSS without collectstatic.
WHITENOISE_USE_FINDERS = True

# Page budgets measure a page as it is rendered, not a stored copy; the cache's
# own tests (tests/core/test_public_cache.py) turn it on.
PORTAL_PUBLIC_PAGE_CACHE = False

# Emails run at once (config.settings.base: "immediate"); a second backend holds
# tasks in the database as production does, for the worker's and the task admin's
# tests (tests/registrations/test_worker.py).
TASKS = {
    **TASKS,  # noqa: F405
    "database": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
}
