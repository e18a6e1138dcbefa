"""Settings for a developer's machine: `make run` uses these."""

import warnings

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
# A fixed key is fine on a developer's machine only; production has no default.
SECRET_KEY = env.str(
    "DJANGO_SECRET_KEY",
    default="django-insecure-local-only-0f3b9c7e2a6d4b1c8e5f7a9d2c4b6e8f",
)

# runserver serves static files from the finders; whitenoise would warn on every
# start that STATIC_ROOT (filled only by collectstatic) does not exist yet.
warnings.filterwarnings("ignore", message="No directory at", module="whitenoise.base")
