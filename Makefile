# Two commands on a fresh machine: `make lab` (open the lessons) and `make test` (the whole suite).
# Both create .venv (if missing) and install the lock file requirements.txt (every package pinned
# and hashed); `make lock` regenerates it from the direct requirements in pyproject.toml.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
NPM_STAMP := node_modules/.installed
LAB_ARGS ?=
PYTEST_ARGS ?=
# JupyterLab refuses to run as root without --allow-root.
ROOT_FLAG := $(shell [ "$$(id -u)" = "0" ] && echo --allow-root)
# The in-browser edition (make lite) has its own build environment and its own test step.
LITE_VENV ?= .venv-lite
LITE_PY := $(LITE_VENV)/bin/python
LITE_STAMP := $(LITE_VENV)/.installed
LITE_TESTS := tests/test_lite_site.py

.PHONY: lab test test-fast test-browser test-classroom classroom lint format bench html lock clean-venv \
	lite test-lite lite-lock

$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Python 3.11 is needed (the lock is for 3.11)")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	# The lessons run offline; the news announcements (a network fetch and a popup) only distract a class.
	$(VENV)/bin/jupyter labextension disable --level=sys_prefix @jupyterlab/apputils-extension:announcements
	touch $(STAMP)

# npm packages (axe-core for the accessibility checks, configurable-http-proxy for the class hub), as package-lock.json pins them.
$(NPM_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is missing: install Node.js 20 or newer (Debian: apt-get install nodejs npm)"; exit 1; }
	@node -e 'if (+process.versions.node.split(".")[0] < 20) { console.error("Node.js " + process.version + " is too old: configurable-http-proxy needs Node.js 20 or newer (Debian 12 ships 18; NodeSource has 20)"); process.exit(1); }'
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NPM_STAMP)

lab: $(STAMP)
	$(VENV)/bin/jupyter lab $(ROOT_FLAG) --ServerApp.root_dir=. notebooks/00_start_here.ipynb $(LAB_ARGS)

# Everything but the class-hub run, which is its own step (make test-classroom).
test: $(STAMP) $(NPM_STAMP)
	$(PY) -m pytest -m "not classroom" --ignore=$(LITE_TESTS) $(PYTEST_ARGS)

# The edit-run loop: no browser, no handouts, no external tools (the notebooks still run, once).
test-fast: $(STAMP)
	$(PY) -m pytest -m "not browser and not handouts and not slow_tools and not classroom" --ignore=$(LITE_TESTS) $(PYTEST_ARGS)

test-browser: $(STAMP) $(NPM_STAMP)
	$(PY) -m pytest -m browser $(PYTEST_ARGS)

# A real JupyterHub class on 127.0.0.1: STUDENTS browsers at once, measured (tools/classroom.py).
# configurable-http-proxy comes from npm ci (package-lock.json) like every npm package here.
STUDENTS ?= 2
PORT ?= 8765
classroom: $(STAMP) $(NPM_STAMP)
	$(PY) tools/classroom.py --students "$(STUDENTS)" --port "$(PORT)" $(if $(CHROMIUM),--chromium "$(CHROMIUM)")

# The class-hub tests: a 2-student class end to end, a second nbgitpuller pull (a few minutes).
test-classroom: $(STAMP) $(NPM_STAMP)
	$(PY) -m pytest -m classroom $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: $(STAMP) $(NPM_STAMP) lite
	$(PY) benchmarks/run.py

html: $(STAMP)
	$(PY) tools/build_html.py build/html

lock: $(STAMP)
	$(VENV)/bin/uv pip compile pyproject.toml --extra test --extra hub --generate-hashes \
		--python-version 3.11 --python-platform x86_64-manylinux_2_28 --annotation-style line \
		--custom-compile-command "make lock" -o requirements.txt

# In the browser, no server: JupyterLite + Pyodide in build/lite (tools/build_lite.py), from a
# clean state every time; downloads are pinned in lite/sources.toml and cached in build/lite-cache.
$(LITE_STAMP): lite/requirements-build.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Python 3.11 is needed (lite/requirements-build.txt is for 3.11)")'
	test -x $(LITE_PY) || $(PYTHON) -m venv $(LITE_VENV)
	$(LITE_PY) -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r lite/requirements-build.txt
	touch $(LITE_STAMP)

lite: $(LITE_STAMP)
	$(LITE_PY) tools/build_lite.py --output build/lite --cache build/lite-cache

# Every lesson in the page, in headless Chromium with every host but 127.0.0.1 blocked (its own CI step).
test-lite: lite $(STAMP)
	$(PY) -m pytest $(LITE_TESTS) $(PYTEST_ARGS)

lite-lock: $(STAMP)
	$(VENV)/bin/uv pip compile lite/requirements-build.in --generate-hashes \
		--python-version 3.11 --python-platform x86_64-manylinux_2_28 --annotation-style line \
		--custom-compile-command "make lite-lock" -o lite/requirements-build.txt

clean-venv:
	rm -rf $(VENV) $(LITE_VENV) node_modules
