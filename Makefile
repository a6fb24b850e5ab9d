# The two commands of README.md:
#   make run   set up and serve the platform with demo data (SQLite, no other services)
#   make test  set up with the dev extras and run ruff and the whole test suite
HOST ?= 127.0.0.1
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: run test test-uhren env env-dev translations migrate demo serve clean

run: env translations migrate demo serve

test:
	scripts/test.sh

# the tests that read the clock, under Sunday night, the daylight-saving changes, New Year's
# Eve and 29 February (CI runs this too)
test-uhren:
	scripts/test.sh --uhren

env:
	scripts/setup-env.sh

env-dev:
	scripts/setup-env.sh dev

translations:
	$(VENV)/bin/pybabel compile --domain django --directory locale --use-fuzzy -f >/dev/null 2>&1 || \
	  $(VENV)/bin/pybabel compile --domain django --directory locale

migrate:
	$(PY) manage.py migrate --no-input

demo:
	$(PY) manage.py demo_daten

# The demo shows what a pilot sees: the site's own error pages (DEBUG off) and cookies that
# work over plain http on this machine. DJANGO_DEBUG=1 make run brings Django's debug pages.
serve:
	DJANGO_DEBUG=$${DJANGO_DEBUG:-0} DJANGO_SECURE_COOKIES=$${DJANGO_SECURE_COOKIES:-0} \
	  $(PY) manage.py plattform_starten $(HOST):$(PORT)

clean:
	rm -rf $(VENV) staticfiles
