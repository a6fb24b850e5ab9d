# Production image: gunicorn for the web, the same image runs the Celery worker and beat.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DATA_DIR=/app/data \
    STATIC_ROOT=/app/staticfiles \
    STATIC_MANIFEST=1

WORKDIR /app
RUN useradd --create-home --uid 1000 plattform

COPY pyproject.toml README.md ./
COPY config ./config
COPY common ./common
COPY konten ./konten
COPY regionen ./regionen
COPY netzwerk ./netzwerk
COPY unterkuenfte ./unterkuenfte
COPY freiwillige ./freiwillige
COPY fortbildung ./fortbildung
COPY benachrichtigungen ./benachrichtigungen
COPY berichte ./berichte
COPY locale ./locale
COPY manage.py ./

RUN pip install . \
 && pybabel compile --domain django --directory locale \
 && DJANGO_SECRET_KEY=build-only python manage.py collectstatic --no-input \
 && mkdir -p /app/data && chown plattform /app/data

USER plattform
EXPOSE 8000
# bind, workers (WEB_WORKERS) and timeout (WEB_TIMEOUT) from config/gunicorn.conf.py
CMD ["gunicorn", "--config", "config/gunicorn.conf.py", "config.wsgi:application"]
