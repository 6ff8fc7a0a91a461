# Every target creates what it needs: a fresh clone runs `make contracts` or `make test` directly.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
VENV_STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
# The browser of the HTML report's test: Debian's package, never a browser download.
CHROMIUM := /usr/bin/chromium

.PHONY: contracts test mutants mock bench bench-mutants fuzz generate check-generated check-spec drift lint lint-spec clean

$(VENV_STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

$(CHROMIUM):
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium

## The main job: every contract layer that exists, against the embedded reference.
contracts: $(VENV_STAMP)
	mkdir -p reports
	$(BIN)/mgip check --junit reports/contracts.xml --report reports/contracts.md $(CHECK_ARGS)

## The test suite (unit, spec, generator, client), with the Spectral linter and, for the HTML
## report's browser test, Chromium and playwright-core available; one pytest-xdist worker per CPU
## (tests of one xdist_group share a worker: one failing run serves the tests that read it).
test: $(VENV_STAMP) $(NODE_STAMP) $(CHROMIUM)
	$(BIN)/pytest -n auto --dist loadgroup

## Every mutant (a deliberately broken reference server) against the default contract run; the
## kill matrix goes to reports/mutants.md and .json (MUTANTS_ARGS="--subset ci" for CI's subset).
mutants: $(VENV_STAMP)
	$(BIN)/mgip mutants $(MUTANTS_ARGS)

## The stateful reference server on http://127.0.0.1:8025 (MOCK_ARGS="--scenario no_shared_ips").
mock: $(VENV_STAMP)
	$(BIN)/mgip mock $(MOCK_ARGS)

## Requests/s and latency of the reference server beside Stoplight Prism (needs wrk and npm).
bench: $(VENV_STAMP)
	$(BIN)/python bench/throughput.py $(BENCH_ARGS)

## Hostile requests at `mgip mock`: counts 5xx answers, hangs and the server's RSS (FUZZ_ARGS=
## "--requests 20000 --seed 3").
fuzz: $(VENV_STAMP)
	$(BIN)/python bench/fuzz.py $(FUZZ_ARGS)

## Our contract run beside plain Schemathesis and a Prism proxy on the same mutants (needs npm).
bench-mutants: $(VENV_STAMP)
	mkdir -p reports
	$(BIN)/python bench/side_by_side.py --json reports/side-by-side.json \
		--markdown reports/side-by-side.md $(BENCH_ARGS)

generate: $(VENV_STAMP)
	$(BIN)/mgip generate

check-generated: $(VENV_STAMP)
	$(BIN)/mgip check-generated

## The spec valid, its examples holding, the catalogue quoting ../shared/seeds verbatim, every
## departure from ../shared/upstream recorded (a checkout command; CI runs it).
check-spec: $(VENV_STAMP)
	$(BIN)/mgip check-spec

drift: $(VENV_STAMP)
	$(BIN)/mgip drift --upstream ../shared/upstream/mailgun-ip-sections.yaml

## ruff and mypy on hand-written code, Spectral on the spec.
lint: $(VENV_STAMP) lint-spec
	$(BIN)/ruff check mgip tests bench examples docs .ci/run_workflow.py setup.py
	$(BIN)/ruff format --check mgip tests bench examples docs .ci/run_workflow.py setup.py
	$(BIN)/mypy

lint-spec: $(NODE_STAMP)
	node_modules/.bin/spectral lint spec/mailgun-ip.yaml --ruleset spec/spectral.yaml --fail-severity=hint

clean:
	rm -rf $(VENV) node_modules .mypy_cache .ruff_cache .pytest_cache
