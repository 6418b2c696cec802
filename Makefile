# followup-lint: `make demo` and `make test` set everything up themselves.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup demo test clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

demo: setup
	@echo "== followup-lint check fixtures/drafts/* =="
	@$(BIN)/followup-lint check fixtures/drafts/*; status=$$?; \
	  echo "(exit code $$status: 0 clean, 1 findings, 2 input error)"; test $$status -le 1

test: setup
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) build *.egg-info
