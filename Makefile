# Coreflect: `make run` sets up and serves the service with demo data; `make test` sets up and runs every test.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
ASSETS := build/static/coreflect.css build/static/govuk/govuk-frontend.min.js build/static/js/htmx.min.js build/static/openmoji/.copied
# Each app keeps its own Welsh catalogue (coreflect/<app>/locale/); coreflect/locale holds the project's own.
APPS_WITH_TEXT := accounts audit organisations language frameworks reflections actions results workshops exports
PO_FILES := $(wildcard coreflect/locale/*/LC_MESSAGES/django.po coreflect/*/locale/*/LC_MESSAGES/django.po)
MO_FILES := $(PO_FILES:.po=.mo)

.PHONY: run test setup prerequisites pdf-libraries assets translations messages lint format bench clean

run: setup
	DEBUG=1 $(PY) manage.py migrate --no-input
	DEBUG=1 PORT=$(PORT) $(PY) manage.py load_demo
	DEBUG=1 PORT=$(PORT) COREFLECT_TASKS=immediate $(PY) manage.py runserver 127.0.0.1:$(PORT)

test: setup
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy
	$(PY) -m pytest $(PYTEST_ARGS)

bench: setup
	$(PY) bench/load.py
	$(PY) bench/reports.py
	$(PY) bench/exports.py
	$(PY) bench/language.py

setup: prerequisites $(VENV)/.installed pdf-libraries $(ASSETS) translations

prerequisites:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Coreflect needs Python 3.11 or newer: install python3 (3.11+) and try again."; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || { echo "Coreflect needs Python 3.11 or newer, but $(PYTHON) is $$($(PYTHON) --version 2>&1): install Python 3.11+ or run with PYTHON=/path/to/python3.11."; exit 1; }
	@$(PYTHON) -c 'import venv, ensurepip' 2>/dev/null || { echo "Coreflect needs Python's venv module: install python3-venv and try again."; exit 1; }
	@command -v npm >/dev/null 2>&1 || { echo "Coreflect needs Node.js and npm to install its page components: install npm (Node.js 18+) and try again."; exit 1; }
	@command -v msgfmt >/dev/null 2>&1 && command -v xgettext >/dev/null 2>&1 || { echo "Coreflect needs GNU gettext (msgfmt and xgettext) to compile its Welsh translations: on Debian or Ubuntu run 'sudo apt install gettext', on macOS 'brew install gettext', then try again."; exit 1; }

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --requirement requirements-dev.txt
	touch $@

# WeasyPrint (PDFs) loads the Pango text library from the system; say so plainly when it is missing.
pdf-libraries: $(VENV)/.installed
	@$(PY) -c 'import weasyprint' >/dev/null 2>&1 || { echo "Coreflect makes PDFs with WeasyPrint, which needs the Pango text library: on Debian or Ubuntu run 'sudo apt install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0', on macOS 'brew install pango', then try again."; exit 1; }

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

build/static/coreflect.css: node_modules/.installed coreflect/static_src/coreflect.scss
	mkdir -p build/static
	npx sass --pkg-importer=node --style=compressed --no-source-map --quiet-deps coreflect/static_src/coreflect.scss $@

build/static/govuk/govuk-frontend.min.js: node_modules/.installed
	rm -rf build/static/govuk
	mkdir -p build/static/govuk/assets
	cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js build/static/govuk/
	cp -r node_modules/govuk-frontend/dist/govuk/assets/images build/static/govuk/assets/

build/static/js/htmx.min.js: node_modules/.installed
	mkdir -p build/static/js
	cp node_modules/htmx.org/dist/htmx.min.js $@

# OpenMoji's colour pictures (CC BY-SA 4.0), shown beside Easy Read text.
build/static/openmoji/.copied: node_modules/.installed
	rm -rf build/static/openmoji
	mkdir -p build/static/openmoji
	cp node_modules/openmoji/color/svg/*.svg build/static/openmoji/
	touch $@

assets: $(ASSETS)

# The compiled catalogues Django reads (never committed).
translations: $(MO_FILES)

%.mo: %.po
	msgfmt --check-format --output-file=$@ $<

# After changing any text a person reads: collect every string into the catalogues, then translate the new ones.
messages: setup
	for app in $(APPS_WITH_TEXT); do (cd coreflect/$$app && ../../$(PY) ../../manage.py makemessages --locale=cy --no-location --no-obsolete) || exit 1; done
	cd coreflect && ../$(PY) ../manage.py makemessages --locale=cy --no-location --no-obsolete $(foreach app,$(APPS_WITH_TEXT) demo backups,--ignore=$(app)/*)

lint: setup
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy

format: setup
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

clean:
	rm -rf $(VENV) node_modules build staticfiles
