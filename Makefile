# Two commands do everything on a fresh machine with Python >= 3.11:
#   make run   - create .venv, install, build the graph of seeds/ and write the HTML view
#   make test  - the same set-up, then the whole test suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STORE  ?= out/seeds-store
HTML   ?= out/seeds.html

.PHONY: run test install clean dev-score

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e ".[test,scale]"
	touch $@

install: $(VENV)/.installed

run: install
	mkdir -p out
	$(BIN)/kg build seeds --store $(STORE) --quiet
	$(BIN)/kg viz --store $(STORE) --output $(HTML)
	@echo "store: $(STORE)   HTML view: $(HTML)"
	@echo "try:   $(BIN)/kg query quotes-by-speaker --param speaker='Donald Trump' --store $(STORE)"

test: install
	$(BIN)/python -m pytest -q -p no:cacheprovider

# The development-set scoreboard (needs ../shared beside the clone).
dev-score: install
	rm -rf /tmp/kg-dev-store
	$(BIN)/kg build ../shared/eval/dev/articles --store /tmp/kg-dev-store --quiet
	$(BIN)/kg export --store /tmp/kg-dev-store --format facts -o /tmp/kg-dev.jsonl
	python3 ../shared/eval/score.py ../shared/eval/dev/gold.jsonl /tmp/kg-dev.jsonl

clean:
	rm -rf $(VENV) out kg-store .pytest_cache
