# The two commands a newcomer runs (see README): `make run` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: setup run test browser clean

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[all]'
	touch $@

setup: $(VENV)/.installed

run: setup
	$(VENV)/bin/ocop run

browser:
	bash scripts/install-chromium

test: setup browser
	$(PY) -m pytest

clean:
	rm -rf out
