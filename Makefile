# Portal Studi Tiru — the two commands a newcomer needs:
#   make run    install everything, load the demo data and serve the portal
#   make test   install what the tests need, run ruff and the whole suite
# Both work on a fresh Debian machine with Python 3.12+ (3.13 preferred).

PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py

# A Python of at least 3.12 (Django 6 needs it): python3.13, python3.12, a
# pyenv 3.13, or python3 when it is new enough.
PYTHON_FOUND := $(shell for p in python3.13 python3.12 $$(ls -d "$$(pyenv root 2>/dev/null)"/versions/3.1[3-9]*/bin/python3 2>/dev/null) python3; do \
	command -v "$$p" >/dev/null 2>&1 || continue; \
	"$$p" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { command -v "$$p"; break; }; done)

# Debian packages: WeasyPrint's libraries and fonts for the portal (Liberation:
# the metrics of Arial and Times New Roman that official documents use, with
# Noto for the characters they lack, emoji included, and DejaVu as the last
# fallback); Chromium for the browser tests; wrk for the
# benchmark's smoke run (benchmarks/run.py); Node's npm for the front-end
# libraries; gettext compiles the English catalogue (and extracts its messages).
RUN_DEBS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation2 fonts-dejavu-core \
	fonts-noto-core fonts-noto-color-emoji gettext
TEST_DEBS := $(RUN_DEBS) chromium wrk

.PHONY: run test install install-test lint check-python system-run system-test static clean help messages compilemessages

help:
	@echo "make run   — pasang, muat data demo, jalankan portal di http://127.0.0.1:$(PORT)"
	@echo "make test  — pasang alat uji, jalankan ruff dan seluruh pengujian"

check-python:
	@if [ -z "$(PYTHON_FOUND)" ]; then \
		echo "Python 3.12 or newer is required (Django 6.1). Install python3.13 (e.g. with pyenv) and run make again." >&2; \
		exit 1; \
	fi

# Installs the Debian packages that are missing, when we can (root or sudo).
define install_debs
	@missing=""; for pkg in $(1); do dpkg -s $$pkg >/dev/null 2>&1 || missing="$$missing $$pkg"; done; \
	command -v npm >/dev/null 2>&1 || missing="$$missing npm"; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; \
		else echo "Missing Debian packages:$$missing — install them as root." >&2; exit 1; fi; \
		echo "Installing Debian packages:$$missing"; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi
endef

system-run:
	$(call install_debs,$(RUN_DEBS))

system-test:
	$(call install_debs,$(TEST_DEBS))

$(VENV)/bin/python: | check-python
	$(PYTHON_FOUND) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed-run: requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.installed-test: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@ $(VENV)/.installed-run

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# The portal's cut of Bootstrap and its icons, in static/build/ (git-ignored):
# the CSS rules the templates use, the plugins the pages use, a sprite of the
# icons the code names (frontend/build.mjs). Built on every run and test, so a
# new class or icon in a template is never missing; it takes a second or two.
static: node_modules/.installed $(VENV)/.installed-run
	npm run --silent build

# The message catalogues (locale/): compiled .mo files are not committed, so
# `run` and `test` compile them (only ours: allauth's ship compiled). After
# changing texts, `make messages` adds the new ones to locale/en/.../django.po
# for translation (tests/test_translations.py fails while one is missing; the
# same directories are left out there, in tests/catalogue.py).
I18N_IGNORE := --ignore=.venv --ignore=node_modules --ignore=staticfiles --ignore=var
MESSAGES_IGNORE := $(I18N_IGNORE) --ignore=tests --ignore=benchmarks --ignore=locale

compilemessages: $(VENV)/.installed-run
	DEBUG=true $(MANAGE) compilemessages -v 0 $(I18N_IGNORE)

messages: $(VENV)/.installed-run
	DEBUG=true $(MANAGE) makemessages -l en --no-obsolete --add-location=file $(MESSAGES_IGNORE)

install: system-run $(VENV)/.installed-run node_modules/.installed static

install-test: system-test $(VENV)/.installed-test node_modules/.installed static

run: export DEBUG ?= true
run: export PORTAL_URL ?= http://127.0.0.1:$(PORT)
run: install compilemessages
	$(MANAGE) migrate --noinput -v 0
	$(MANAGE) load_demo
	@echo ""
	@echo "Portal Studi Tiru: http://127.0.0.1:$(PORT)/"
	@echo "Akun demo (kata sandi sama untuk semua) ada di README.md, bagian 'Akun demo':"
	@$(MANAGE) demo_accounts
	@echo ""
	$(MANAGE) runserver 127.0.0.1:$(PORT)

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# The page cache's coherence run (tests/coherence.py): the lifecycle,
# delegation, report and ATM test modules again, every cached page compared
# with a fresh one after each of their writes.
COHERENCE_TESTS := tests/lifecycle tests/visits/test_lifecycle.py tests/visits/test_delegation.py \
	tests/reports/test_writing.py tests/reports/test_plan.py

test: install-test lint compilemessages
	$(VENV)/bin/pytest
	$(VENV)/bin/pytest --coherence -q $(COHERENCE_TESTS)

clean:
	rm -rf $(VENV) node_modules staticfiles static/build
