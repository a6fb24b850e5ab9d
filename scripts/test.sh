#!/usr/bin/env bash
# The README's test command: sets up the dev environment, runs ruff and the whole suite.
#
# Pass 1 runs on SQLite, the embedded default. Where PostgreSQL answers (DATABASE_URL, or
# 127.0.0.1:5432) pass 2 runs the whole suite again on PostgreSQL, including the tests that
# need row locks. Where Redis answers, tests drive a real Celery worker; where chromium is
# installed, the browser tests run. Whatever cannot run is named in one line here and
# skipped with that reason by pytest. PLATTFORM_ALLE_DIENSTE=1 (CI) turns skips into failures.
#
# Every test runs at a pinned moment (tests/uhr.py). ``scripts/test.sh --uhren`` runs the
# tests that depend on the date or the hour again under each hostile clock of tests/uhr.py
# (Sunday night, both daylight-saving changes, New Year's Eve, a month's end, 29 February),
# in one session, and fails if any of them fails; a failure's id names its clock. Further arguments go to pytest; PYTEST_PROZESSE sets how
# many pytest processes share the work (default: one per core).
set -euo pipefail
cd "$(dirname "$0")/.."
uhren=""
if [ "${1:-}" = "--uhren" ]; then
  uhren=1
  shift
fi

scripts/setup-env.sh dev
PY=.venv/bin/python

echo "== ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .

echo "== translations"
.venv/bin/pybabel compile --domain django --directory locale >/dev/null

answers() { # host port
  "$PY" -c 'import socket,sys; socket.create_connection((sys.argv[1], int(sys.argv[2])), 1)' "$1" "$2" 2>/dev/null
}

pg_url=""
if [[ "${DATABASE_URL:-}" == postgres* ]]; then
  pg_url=$DATABASE_URL
elif answers 127.0.0.1 5432; then
  pg_url="postgres://postgres@127.0.0.1:5432/plattform"
fi
explicit_pg=""
[[ "${DATABASE_URL:-}" == postgres* ]] && explicit_pg=1
if [ -n "$pg_url" ] && ! "$PY" - "$pg_url" <<'PYEOF' 2>/dev/null
import sys, psycopg, environ
cfg = environ.Env.db_url_config(sys.argv[1])
psycopg.connect(host=cfg["HOST"], port=cfg["PORT"] or 5432, user=cfg["USER"],
                password=cfg["PASSWORD"], dbname="postgres", connect_timeout=3).close()
PYEOF
then
  if [ -n "$explicit_pg" ]; then
    echo "DATABASE_URL names PostgreSQL, but it refuses connections: $pg_url" >&2
    exit 1
  fi
  echo "PostgreSQL at $pg_url refuses connections: the PostgreSQL pass is skipped."
  pg_url=""
fi
[ -n "$pg_url" ] || echo "PostgreSQL not reachable: PostgreSQL-only tests are skipped (set DATABASE_URL or start it on 127.0.0.1:5432)."

redis_url=${TEST_REDIS_URL:-redis://127.0.0.1:6379/15}
export TEST_REDIS_URL=$redis_url
redis_host=$("$PY" -c 'import sys; from urllib.parse import urlparse; u=urlparse(sys.argv[1]); print(u.hostname or "127.0.0.1", u.port or 6379)' "$redis_url")
# shellcheck disable=SC2086
answers $redis_host || echo "Redis not reachable at $redis_url: the tests with a real Celery worker are skipped."

export CHROMIUM_PATH=${CHROMIUM_PATH:-$(command -v chromium || true)}
[ -n "$CHROMIUM_PATH" ] || echo "chromium not installed: the browser tests are skipped (apt-get install chromium)."

"$PY" -c 'import weasyprint' >/dev/null 2>&1 || echo "Pango not installed: the PDF tests are skipped (apt-get install libpango-1.0-0 libpangoft2-1.0-0)."
command -v pdftotext >/dev/null || echo "pdftotext not installed: the tests reading report PDFs back are skipped (apt-get install poppler-utils)."

run_pytest() { # label, then pytest arguments
  local label=$1; shift
  echo "== pytest ($label)"
  set +e
  CELERY_BROKER_URL= "$PY" -m pytest -n "${PYTEST_PROZESSE:-auto}" "$@"
  local rc=$?
  set -e
  if [ $rc -eq 5 ]; then
    echo "pytest collected no tests in the $label pass: that is a failure." >&2
    exit 1
  fi
  return $rc
}

mkdir -p data
# A key for this run only; settings refuse to start on PostgreSQL without one.
export DJANGO_SECRET_KEY=${DJANGO_SECRET_KEY:-$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')}
sqlite_url="sqlite:///$PWD/data/test.sqlite3"

if [ -n "$uhren" ]; then
  # The apps' tests (they read "today", deadlines and weekly slots) and the browser tests
  # that set an hour of the day; the access matrix, the query budgets and the modules marked
  # "zeitlos" (security headers, error pages, schema, upload bounds) do not read the clock.
  # One session runs each test once per hostile clock (test_x[silvester]): the test
  # database and the collection are made once, not once per clock.
  zeitabhaengig=(tests/common tests/konten tests/regionen tests/netzwerk tests/unterkuenfte
                 tests/freiwillige tests/fortbildung tests/benachrichtigungen tests/berichte
                 tests/browser)
  auswahl="not zeitlos and not postgres and (not browser or uhr)"
  db_url=$sqlite_url
  if [ -n "$pg_url" ]; then
    # PostgreSQL turns instants into Berlin days itself: the production database decides.
    auswahl="not zeitlos and (not browser or uhr)"
    db_url=$pg_url
  fi
  DATABASE_URL=$db_url run_pytest "every hostile clock" --uhr=feindlich -m "$auswahl" \
    "${zeitabhaengig[@]}" "$@"
  echo "every clock passed"
elif [ -n "$pg_url" ]; then
  # The API's contract test (marker "vertrag", tests/test_api_vertrag.py) takes about two
  # minutes, the browser tests drive the same pages whatever the database: both run once,
  # on PostgreSQL, the production database.
  DATABASE_URL=$sqlite_url run_pytest "SQLite" -m "not postgres and not vertrag and not browser" "$@"
  DATABASE_URL=$pg_url run_pytest "PostgreSQL" "$@"
else
  DATABASE_URL=$sqlite_url run_pytest "SQLite" "$@"
fi
