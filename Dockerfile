# The image that docker-compose.yml runs as web (gunicorn, behind the proxy service's nginx),
# worker and beat (Celery).

# Front-end packages come from npm at build time and are served by the app (WhiteNoise).
FROM node:20-bookworm-slim AS assets
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=api_human.settings.production \
    GUNICORN_BIND=0.0.0.0:8000
# postgresql-client: pg_dump for backups; bookworm's is 15, as docker-compose.yml's PostgreSQL
# (pg_dump refuses a server newer than itself).
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
       postgresql-client \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . .
COPY --from=assets /app/node_modules ./node_modules
RUN pip install -e . \
    && DJANGO_SETTINGS_MODULE=api_human.settings.dev python manage.py compilemessages --ignore node_modules -v 0 \
    && SECRET_KEY=collectstatic-only ALLOWED_HOSTS=localhost DATABASE_URL=sqlite:////tmp/build.sqlite3 \
       REDIS_URL=redis://localhost:6379/0 python manage.py collectstatic --noinput -v 0 \
    && useradd --create-home --uid 10001 app \
    && mkdir -p /app/media /app/private-media /app/backups \
    && chown -R app /app/media /app/private-media /app/backups
USER app
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --retries=3 \
  CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health/', timeout=4)"
# Settings in gunicorn.conf.py (bind, WEB_CONCURRENCY workers, timeouts, access log); meant to run
# behind nginx (deploy/nginx/), never facing clients directly.
CMD ["gunicorn", "api_human.wsgi", "-c", "gunicorn.conf.py"]
