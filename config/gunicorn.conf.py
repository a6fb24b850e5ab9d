"""gunicorn's settings from the environment (docker-compose.yml, Dockerfile, .env.example).

A report page or an import check may take longer than gunicorn's own 30 seconds, after which
it would kill the worker mid-request; WEB_TIMEOUT raises that, WEB_WORKERS sets how many
requests are served at once (each worker one).
"""

import os

bind = "0.0.0.0:8000"  # noqa: S104 - inside the container; compose publishes it on WEB_BIND
workers = int(os.environ.get("WEB_WORKERS", "3"))
timeout = int(os.environ.get("WEB_TIMEOUT", "60"))
accesslog = "-"
