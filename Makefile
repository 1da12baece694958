# Two commands do all set-up: `make run` and `make test` (see README).
# The venv is rebuilt only when pyproject.toml changes, so a second run is fast.
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck bench soak bundle translations clean demo-portal check-qt

$(STAMP): pyproject.toml scripts/find-python.sh
	@set -e; \
	if [ ! -x "$(PY)" ] || ! "$(PY)" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
	  rm -rf "$(VENV)"; \
	  PYTHON=$$(scripts/find-python.sh); \
	  echo "Creating $(VENV) with $$PYTHON"; \
	  "$$PYTHON" -m venv "$(VENV)"; \
	fi
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

check-qt: $(STAMP)
	@$(PY) -m kiosk.qtcheck

run: $(STAMP) check-qt
	$(VENV)/bin/kiosk

test: $(STAMP)
	$(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check kiosk sync tests bench
	$(VENV)/bin/ruff format --check kiosk sync tests bench

typecheck: $(STAMP)
	$(VENV)/bin/mypy --strict kiosk sync

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
