# Session Lab's two commands:
#   make run    install the site's requirements, prepare the database, serve on 127.0.0.1:8000
#   make test   install the test requirements and a browser, then run every check and test
# Both create .venv on first use. PORT=8001 make run serves on another port.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
MAKEMESSAGES := $(PY) manage.py makemessages --locale zh_Hant --no-location --no-obsolete \
	--ignore '.venv/*' --ignore 'var/*' --ignore 'staticfiles/*' --ignore 'artifacts/*'

.PHONY: run test install install-dev browser messages

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py demo_data
	$(PY) manage.py runserver $(HOST):$(PORT)

test: install-dev browser
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

$(PY):
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@ $(VENV)/.installed

# Browser tests drive Debian's Chromium (or the executable named by SESSIONLAB_CHROMIUM); the
# translation test compiles catalogs with GNU gettext; Noto CJK lets screenshots show 繁體中文.
# As root, install what is missing.
TEST_PACKAGES := chromium gettext fonts-noto-cjk
browser:
	@missing=$$(for package in $(TEST_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q 'ok installed' || echo $$package; \
	done); \
	if [ -n "$$SESSIONLAB_CHROMIUM" ]; then \
		test -x "$$SESSIONLAB_CHROMIUM" || { echo "SESSIONLAB_CHROMIUM=$$SESSIONLAB_CHROMIUM is not an executable file." >&2; exit 1; }; \
		missing=$$(echo $$missing | tr ' ' '\n' | grep -vx chromium); \
	fi; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
		else \
			echo "Missing Debian packages: $$missing. Install them (make test does so as root), or set SESSIONLAB_CHROMIUM to a Chromium executable." >&2; \
			exit 1; \
		fi; \
	fi

# After changing a user-facing string: extract, translate locale/zh_Hant/LC_MESSAGES/*.po, then
# run this again to compile. The compiled .mo files are committed so `make run` needs no gettext.
messages: install
	$(MAKEMESSAGES)
	$(PY) manage.py compilemessages --ignore '.venv/*'
