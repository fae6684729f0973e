# The two commands a newcomer runs (see README): `make run` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: setup run test browser clean

# `make run` needs only what running needs; `make test` adds the test tools (pytest, hypothesis,
# playwright, pandas) and the optional engines (pyarrow, dask) the tests exercise.
$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(PY) -m pip install -q -e '.[all]'
	touch $@

# a developer's set-up: everything, as `make test` has it
setup: $(VENV)/.installed-test

run: $(VENV)/.installed
	$(VENV)/bin/ocop run

browser:
	bash scripts/install-chromium

test: setup browser
	$(PY) -m pytest

clean:
	rm -rf out
