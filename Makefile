# Two commands do all set-up: `make run` and `make test` (see README).
# The venv is reinstalled only when pyproject.toml or constraints-dev.txt changes, so a
# second run is fast. constraints-dev.txt pins the tools (ruff, mypy, pytest, ...).
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: bytecode run walk test test-serial lint typecheck contracts check bench soak bundle translations translations-update clean check-qt system-packages

# Vietnamese is the source language of every tr() string; English is kiosk_en.ts.
TS := assets/translations/kiosk_en.ts
QM := $(TS:.ts=.qm)
UI_SOURCES = $(shell find kiosk/ui -name '*.py' | sort)

CONSTRAINTS := constraints-dev.txt

$(STAMP): pyproject.toml $(CONSTRAINTS) scripts/find-python.sh
	@set -e; \
	if [ ! -x "$(PY)" ] || ! "$(PY)" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
	  rm -rf "$(VENV)"; \
	  PYTHON=$$(scripts/find-python.sh); \
	  echo "Creating $(VENV) with $$PYTHON"; \
	  "$$PYTHON" -m venv "$(VENV)"; \
	fi
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c $(CONSTRAINTS) -e '.[test]'
	$(PY) -m compileall -q kiosk sync
	@touch $(STAMP)

# An editable install writes no byte-code for the project's own modules, and a machine with
# PYTHONDONTWRITEBYTECODE=1 never writes it: every start would compile ~300 modules again
# (docs/performance.md, start-up). Only changed files are compiled again.
bytecode: $(STAMP)
	@$(PY) -m compileall -q kiosk sync

$(QM): $(TS) $(STAMP)
	$(VENV)/bin/pyside6-lrelease -silent $(TS) -qm $(QM)

translations: $(QM)

# After changing user-visible strings: refresh the .ts, then translate what is new.
translations-update: $(STAMP)
	$(VENV)/bin/pyside6-lupdate $(UI_SOURCES) -no-obsolete -source-language vi_VN \
	  -target-language en_GB -ts $(TS)

# The Debian packages the kiosk and its tests need: one list (scripts/system-packages.txt),
# installed when run as root, otherwise the exact `sudo apt-get install` line is printed.
system-packages:
	@scripts/system-packages.sh

check-qt: $(STAMP)
	@$(PY) -m kiosk.qtcheck

run: system-packages $(STAMP) $(QM) check-qt bytecode
	$(VENV)/bin/kiosk

# The citizen's walk (docs/walk.md): the kiosk under Xvfb, every shipped procedure from the
# welcome screen to the printed receipt by real clicks on widgets found by accessible name
# (AT-SPI), in each configuration; screenshots and receipts in WALK_OUT. Runs in the system
# Python 3 (python3-gi). WALK_DISPLAYS: the X display numbers used, one configuration on
# each at a time. WALK_ARGS: e.g. `--only en-1366x768`, `--refresh-docs`.
WALK_OUT ?= /tmp/kiosk-walk
WALK_DISPLAYS ?= 66 67
WALK_ARGS ?=
walk: system-packages $(STAMP) $(QM)
	/usr/bin/python3 -m scripts.walk $(foreach d,$(WALK_DISPLAYS),--display $(d)) \
	  --out $(WALK_OUT) $(WALK_ARGS)

# The whole suite, offscreen: every test module alone in its own pytest process, two at a
# time (a module must not pass only because another one ran first; two processes also use
# both cores). TEST_JOBS: processes at a time; TEST_SKIP: modules not to run.
TEST_JOBS ?= 2
TEST_SKIP ?=
test: system-packages $(STAMP) $(QM)
	$(PY) scripts/test_each.py --jobs $(TEST_JOBS) $(foreach m,$(TEST_SKIP),--skip $(m))

# The whole suite in ONE pytest process, as `pytest` alone runs it (finds a test that
# leaks state into the next module; CI runs it too, without the slow and bundle tests).
PYTEST_ARGS ?=
test-serial: system-packages $(STAMP) $(QM)
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check kiosk sync tests bench scripts
	$(VENV)/bin/ruff format --check kiosk sync tests bench scripts

# What mypy --strict checks: kiosk (kiosk/ui included) and sync as they are; the tests and
# benchmarks with their own settings ([[tool.mypy.overrides]] for tests.*, bench.*).
TYPECHECKED := kiosk sync tests bench scripts packaging

typecheck: $(STAMP)
	$(VENV)/bin/mypy --strict $(TYPECHECKED)

# The import contracts in pyproject.toml ([tool.importlinter]): the layering, checked.
contracts: $(STAMP)
	$(VENV)/bin/lint-imports --no-cache

# What CI checks before the tests.
check: lint typecheck contracts

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache

# --- The one-folder bundle: dist/cdkv-kiosk/ (kiosk, kiosk-sync, kiosk-training-portal) ---
# PyInstaller comes from the `bundle` extra; installed once per venv.
BUNDLE_DEPS := $(VENV)/.bundle-installed

$(BUNDLE_DEPS): $(STAMP)
	$(PY) -m pip install --quiet -c $(CONSTRAINTS) -e '.[test,bundle]'
	@touch $(BUNDLE_DEPS)

.PHONY: bundle-smoke

# A from-scratch build; prints its time and the bundle's size (dist/cdkv-kiosk.build.json).
bundle: $(BUNDLE_DEPS) $(QM)
	$(PY) packaging/build_bundle.py --clean

# The frozen-bundle smoke test alone (rebuilds first when a source is newer than the bundle).
bundle-smoke: $(BUNDLE_DEPS) $(QM)
	KIOSK_SKIP_BUNDLE= $(PY) -m pytest -m bundle tests/bundle/test_bundle_smoke.py

# Every benchmark, one table (by hand, not in `make test`; 15-20 minutes on 2 cores).
bench: $(STAMP) $(QM)
	$(PY) -m bench.run_all

# Endurance run: 300 citizens through the UI, portal faults and outages (minutes, not in CI).
soak: $(STAMP) $(QM)
	$(PY) -m bench.soak
