# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
GOVUK := node_modules/govuk-frontend/dist/govuk

.PHONY: run test install css serve bench soak lint clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# Compiled CSS and GOV.UK Frontend's files are built here, never committed.
static/css/app.css: node_modules/.installed $(wildcard frontend/scss/*.scss)
	npx sass --load-path=node_modules --style=compressed --no-source-map frontend/scss/app.scss $@
	mkdir -p static/govuk/assets/images
	cp $(GOVUK)/govuk-frontend.min.js static/govuk/
	cp $(GOVUK)/assets/images/favicon.ico $(GOVUK)/assets/images/favicon.svg static/govuk/assets/images/

install: $(VENV)/.installed

css: static/css/app.css

run: install css
	$(PY) manage.py migrate --no-input
	$(PY) manage.py createcachetable
	$(PY) manage.py seed_demo
	@echo ""
	@echo "Demo logins (password: kinship-demo)"
	@echo "Officers sign in at http://127.0.0.1:8000/workspace/sign-in/"
	@echo "  ashdown-editor     editor for Ashdown Borough Council"
	@echo "  ashdown-approver   approver for Ashdown Borough Council"
	@echo "  brackenford-editor editor for Brackenford City Council"
	@echo "  fernholt-editor    editor for Fernholt (no offer yet: start one from the example)"
	@echo "Site administrators sign in at http://127.0.0.1:8000/admin/"
	@echo "  admin              site administrator: councils, people, helplines, jargon list"
	@echo ""
	$(PY) manage.py runserver 127.0.0.1:8000

# Every core at once (pytest-xdist); a file's tests stay in one process (README: Tests).
test: install css
	$(PY) -m pytest -n auto --dist loadfile

lint: install
	$(VENV)/bin/ruff check .

# The production stack under a bounded loopback load (bench/run.py); never part of `make test`.
# PostgreSQL with DATABASE_URL=..., Redis with REDIS_URL=...; BENCH_SECONDS=1..20 a case.
bench: install css
	@command -v wrk >/dev/null 2>&1 || apt-get install -y wrk || \
		(apt-get update && apt-get install -y wrk)
	$(PY) -m bench.run

# The same stack for 2 minutes of family reads while an approver publishes every 5 s
# (bench/soak.py): 0 errors, no page older than a committed publish, worker memory flat.
# SOAK_SECONDS=10..600; DATABASE_URL and REDIS_URL as for bench.
soak: install css
	$(PY) -m bench.soak

clean:
	rm -rf $(VENV) node_modules static/css static/govuk staticfiles
