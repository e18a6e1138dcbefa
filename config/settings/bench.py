"""Settings for `make bench` (scripts/bench.py, docs/performance.md): production
settings plus two things the benchmark needs, and nothing else.

- `config.bench_urls`: the portal's URLs plus `/bench/bare/`, a view that does
  no work, so that each page is measured against the same server's floor.
- `QueryCountMiddleware` (outermost): each response says in `X-Bench-Queries`
  how many SQL queries its request ran.

Never deployed: production starts with `config.settings.production` (wsgi.py,
the Dockerfile). Like production it needs DJANGO_SECRET_KEY,
DJANGO_ALLOWED_HOSTS and DATABASE_URL; the bench runner sets them.
"""

from .production import *  # noqa: F403
from .production import MIDDLEWARE

DEBUG = False
ROOT_URLCONF = "config.bench_urls"
# First, so it counts every query of the request: sessions, the view, the commit.
MIDDLEWARE = ["config.bench_middleware.QueryCountMiddleware", *MIDDLEWARE]
