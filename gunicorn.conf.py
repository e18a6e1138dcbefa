"""gunicorn's settings for the portal: the Dockerfile and docker-compose.yml
start it with `gunicorn --config gunicorn.conf.py config.wsgi:application`."""

import gunicorn
import gunicorn.http.wsgi

bind = "0.0.0.0:8000"
workers = 3
accesslog = "-"

# gunicorn names itself in a Server header on every response ("Server:
# gunicorn"); the header stays, without a product name (docs/security.md).
# Set here, in the master, before the workers that send it are forked.
gunicorn.SERVER = gunicorn.http.wsgi.SERVER = ""
