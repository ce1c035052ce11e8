# Involve: one image for web (gunicorn), worker and beat.
FROM node:20-bookworm-slim AS assets
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY scripts/build-assets.mjs scripts/
COPY static/scss static/scss
RUN npm run build

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=config.settings.production \
    INVOLVE_VAR_DIR=/var/lib/involve
# WeasyPrint needs Pango; fonts for PDFs come from our static files.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig curl \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# Dependencies first, for layer caching: the locked versions, each checked
# against its hash (requirements/production.txt, `make lock`), then the
# project itself with nothing more.
COPY pyproject.toml README.md ./
COPY requirements/production.txt requirements/
RUN pip install --no-cache-dir --require-hashes -r requirements/production.txt \
 && pip install --no-cache-dir --no-deps . \
 && pip check
COPY . .
COPY --from=assets /app/build/static build/static
RUN useradd --create-home --uid 1000 involve \
 && mkdir -p /var/lib/involve && chown -R involve /var/lib/involve
# collectstatic needs settings but no real secrets or servers.
RUN DJANGO_SECRET_KEY=build-only DJANGO_ALLOWED_HOSTS=localhost SITE_URL=http://localhost \
    DATABASE_URL=sqlite:////tmp/build.sqlite3 REDIS_URL=redis://localhost:6379/0 \
    python manage.py collectstatic --noinput
USER involve
EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
