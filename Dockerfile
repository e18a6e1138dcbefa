# The portal under gunicorn. docker-compose.yml runs it with PostgreSQL.

# Front-end assets (Bootstrap) from the npm registry; nothing is loaded from a CDN.
FROM node:20-slim AS assets
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --loglevel=error

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=config.settings.production \
    DJANGO_STATIC_ROOT=/app/staticfiles \
    DJANGO_MEDIA_ROOT=/app/media
WORKDIR /app

RUN useradd --create-home --uid 1000 portal
COPY requirements.txt ./
RUN pip install -r requirements.txt
COPY --from=assets /app/node_modules ./node_modules
COPY . .
# Named volumes mounted here start with this ownership.
RUN mkdir -p staticfiles media && chown portal:portal staticfiles media

USER portal
EXPOSE 8000
# Bind address, workers, access log and no server banner: gunicorn.conf.py.
CMD ["gunicorn", "--config", "gunicorn.conf.py", "config.wsgi:application"]
