# followup-lint: `make demo` and `make test` set everything up themselves.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup languagetool demo test test-spark quality train bench soak clean system-deps docs fixtures

setup: $(STAMP) languagetool

# LanguageTool 6.6 jars (languagetool/pom.xml) from Maven Central into the
# user cache dir; skipped when already there. See docs/grammar.md.
languagetool:
	@sh languagetool/provision.sh

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

demo: setup
	@echo "== followup-lint check fixtures/drafts/* =="
	@$(BIN)/followup-lint check fixtures/drafts/*; status=$$?; \
	  echo "(exit code $$status: 0 clean, 1 findings, 2 input error)"; test $$status -le 1

# Debian packages some tests drive (git send-email, neomutt); tests that need
# a missing one are skipped with the reason.
system-deps:
	@bash .ci/system-deps.sh

# lint-imports: the layers of pyproject.toml [tool.importlinter] (docs/architecture.md);
# ruff: pyflakes' checks (pyproject.toml [tool.ruff])
test: setup
	$(BIN)/lint-imports
	$(BIN)/ruff check followup_lint tests bench
	$(BIN)/python -m pytest

# The Spark integration (docs/scale.md): the spark extra (pyspark bundles
# Spark's jars; Java 17 runs them) and its test on a local[2] session.
SPARK_STAMP := $(VENV)/.spark-installed

$(SPARK_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,spark]'
	touch $@

test-spark: setup $(SPARK_STAMP)
	$(BIN)/python -m pytest tests/test_spark.py

TRAIN_STAMP := $(VENV)/.train-installed

# How well the judgement rules do on public text nobody here wrote
# (../shared/eval-data); not part of `make test`. See docs/quality.md.
# The cross-source rows use the models `make train` leaves in bench/.models/
# (trained here when missing: the train extra).
quality: setup $(TRAIN_STAMP)
	$(BIN)/python bench/quality.py

# The tone model (followup_lint/tone/tone.npz, docs/tone-model.md), trained
# again from ../shared/eval-data and bench/ with a fixed seed; scikit-learn
# is needed here only (the train extra).
$(TRAIN_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,train]'
	touch $@

train: setup $(TRAIN_STAMP)
	$(BIN)/python bench/train_tone.py --write

# Speed (docs/performance.md): cold, warm and batch timings, peak memory and
# the peers (proselint, write-good, alex, LanguageTool alone, a naive loop)
# on one 1,000-draft corpus. Peers are installed under bench/.peers on the
# first run (pip, npm). Not part of CI; takes a few minutes.
bench: setup
	$(BIN)/python -m pip install --quiet psutil pyinstrument
	$(BIN)/python bench/perf.py $(BENCH_ARGS)

# Load: 10,000 generated drafts through the batch; prints time, peak RSS,
# open fds before/after and whether the inputs are unchanged (not a test:
# numbers are printed, docs/robustness.md).
soak: setup
	$(BIN)/python bench/soak.py --count 10000

clean:
	rm -rf $(VENV) build *.egg-info

# docs/rules.md from the rules' docstrings (a test checks it is current)
docs: setup
	$(BIN)/followup-lint rules --format markdown > docs/rules.md

# fixtures/rules/CODE.expected rewritten from what the rules find now, for
# review with `git diff fixtures/rules` (tests/update_expected.py)
fixtures: setup
	$(BIN)/python tests/update_expected.py
