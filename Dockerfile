# The web image: gunicorn + WhiteNoise, WeasyPrint's system libraries, shipped fonts.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# WeasyPrint needs Pango (and HarfBuzz subsetting); gettext compiles the catalogues;
# the PostgreSQL client gives pg_dump/pg_restore for `make backup` inside the container.
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 libjpeg62-turbo \
      gettext postgresql-client make \
 && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 10001 app
WORKDIR /app

COPY pyproject.toml ./
RUN pip install --upgrade pip && pip install .
COPY --chown=app:app . .

# Build-time steps need settings but no real secret or database.
RUN DJANGO_SECRET_KEY=build-only-not-secret-0123456789-abcdefghijklmnopqrstuvwxyz \
    DJANGO_ALLOWED_HOSTS=build DJANGO_ALLOW_SQLITE=1 DJANGO_SQLITE_PATH=/tmp/build.sqlite3 \
    sh -c "python manage.py collectstatic --no-input -v 0 \
        && python manage.py compilemessages --ignore=staticfiles -v 0 || true" \
 && chown -R app:app /app

USER app
EXPOSE 8000
ENTRYPOINT ["/app/docker/entrypoint.sh"]
# The logger class hides join, invitation, verification and reset tokens in the access log.
CMD ["gunicorn", "qvt.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "2", \
     "--threads", "4", "--access-logfile", "-", \
     "--logger-class", "qvt.logs.RedactingGunicornLogger", "--no-control-socket"]
