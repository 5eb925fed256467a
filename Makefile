# The two commands of the README:
#   make demo   start the local Neo4j, build, and run influencegraph on the bundled examples
#   make test   start the local Neo4j unless NEO4J_URI is set, then go vet and every test,
#               the Neo4j integration tests included (they fail, never skip, here)
SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := build

GO      ?= go
BIN     ?= bin/influencegraph
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
# IMAGE is the container image `make image` builds and
# deploy/kubernetes/cronjob.yaml runs (a test keeps the two in step).
IMAGE   ?= ghcr.io/influencegraph/influencegraph

# with_neo4j starts the local Neo4j (scripts/neo4j) and exports its
# NEO4J_URI, NEO4J_USERNAME and NEO4J_PASSWORD_FILE, unless NEO4J_URI is
# already set, in which case that server is used as it is.
define with_neo4j
if [[ -z "$${NEO4J_URI:-}" ]]; then scripts/neo4j start; eval "$$(scripts/neo4j env)"; fi;
endef

.PHONY: build
build:
	$(GO) build -ldflags "-X main.version=$(VERSION)" -o $(BIN) ./cmd/influencegraph

# image builds the container image (Dockerfile) with docker, or podman when
# docker is missing or its daemon does not answer, tagged $(IMAGE):$(VERSION)
# and $(IMAGE):latest. CONTAINER=podman (or a path) chooses the tool.
.PHONY: image
image:
	@tool="$${CONTAINER:-}"; \
	if [[ -z "$$tool" ]]; then \
		if command -v docker >/dev/null && docker info >/dev/null 2>&1; then tool=docker; \
		elif command -v podman >/dev/null; then tool=podman; \
		elif command -v docker >/dev/null; then \
			echo "make image: docker is installed but its daemon does not answer (docker info fails); start it, or install podman" >&2; exit 1; \
		else \
			echo "make image: neither docker nor podman is installed; install one of them (make build makes the binary alone)" >&2; exit 1; \
		fi; \
	fi; \
	echo "$$tool build $(IMAGE):$(VERSION)"; \
	"$$tool" build --build-arg GO_VERSION="$$(sed -n 's/^go //p' go.mod)" --build-arg VERSION="$(VERSION)" \
		-t "$(IMAGE):$(VERSION)" -t "$(IMAGE):latest" .

.PHONY: test
# test builds the binary first: scripts/neo4j start serves Browser's guide with it.
test: build
	$(with_neo4j) \
	command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium; }; \
	export INFLUENCEGRAPH_REQUIRE_NEO4J=1; \
	$(GO) vet ./...; \
	$(GO) test -count=1 -timeout 25m ./...

# picture draws the bundled examples as graph.html, no Neo4j needed.
.PHONY: picture
picture: build
	$(BIN) extract --format html examples/ > graph.html
	@echo "Open graph.html in a browser (it needs no network)."

.PHONY: demo
demo: build
	$(with_neo4j) \
	$(BIN) doctor; \
	$(BIN) load examples/; \
	for q in "election-targeters" "edge-evidence" "amplifiers"; do \
		echo; echo "== influencegraph query $$q"; $(BIN) query "$$q"; \
	done; \
	echo; echo "Explore the graph in Neo4j Browser: $$(scripts/neo4j browser-url) (user neo4j, password in $$(scripts/neo4j password)); it opens with the style and a guide to the query library."

.PHONY: bench
bench:
	$(with_neo4j) \
	$(GO) test -run '^$$' -bench . -benchmem ./...

# bench-load empties the test database, loads a synthetic graph of 100,000
# relations from extract JSON Lines and compares with a naive loader; then
# loads 20,000 relations with one loader and with two at once, and 20,000
# at each batch size (what load.batch_size's default is chosen by).
.PHONY: bench-load
bench-load:
	$(with_neo4j) \
	$(GO) test -run '^$$' -bench '^BenchmarkLoad(Parallel|BatchSize)?$$' -benchtime=1x -timeout 120m ./graph/ | tee /dev/stderr | \
	awk '/^BenchmarkLoad/ { for (i = 1; i <= NF; i++) if ($$i ~ /^(rels\/s|naive-rels\/s|speedup|batching-speedup|two-loaders-speedup|rels\/s@[0-9]+)$$/) printf "%s: %s\n", $$i, $$(i-1) }'

# bench-year loads 365 daily batches of 10 synthetic articles into one
# graph, every article adding to one hub relationship, and prints the time
# per day of the first and last days and the slope: flat when the write
# path does not slow down as the graph grows.
.PHONY: bench-year
bench-year:
	$(with_neo4j) \
	$(GO) test -run '^$$' -bench '^BenchmarkLoadYear$$' -benchtime=1x -timeout 120m ./graph/ | tee /dev/stderr | \
	awk '/^BenchmarkLoadYear/ { for (i = 1; i <= NF; i++) if ($$i ~ /(ms\/day|last\/first)$$/) printf "%s: %s\n", $$i, $$(i-1) }'

# bench-day: a day of news scaled down (2,000 articles, 3 % of them about
# interference, the rest everyday news, from extract/synth) extracted and
# loaded into the test database, with the relevance gate off and on, in
# one run: both times and the ratio; fails if the gated graph holds an
# off-topic Article. It empties the test database.
.PHONY: bench-day
bench-day:
	$(with_neo4j) \
	export INFLUENCEGRAPH_REQUIRE_NEO4J=1; \
	$(GO) test -run '^$$' -bench BenchmarkNeo4jDay -benchtime=1x -timeout 30m ./cmd/influencegraph/ | grep -v '^Benchmark\|^goos\|^goarch\|^pkg\|^cpu'

# bench-export empties the test database, writes synthetic graphs of 1,000
# to 8,000 articles and prints the peak heap of exporting each, streamed
# from Neo4j and held in memory.
.PHONY: bench-export
bench-export:
	$(with_neo4j) \
	$(GO) test -run '^$$' -bench BenchmarkExportMemory -benchtime=1x -timeout 60m ./export/ | tee /dev/stderr | \
	awk '/^BenchmarkExportMemory\// { line = $$1; for (i = 1; i <= NF; i++) if ($$i ~ /MiB$$/) line = line "  " $$i ": " $$(i-1); print line }'

# bench-extract: rule-based extraction throughput on a generated corpus (MB/s
# wall-clock and MB per CPU-second, i.e. per core), no Neo4j needed.
.PHONY: bench-extract
bench-extract:
	$(GO) test -run '^$$' -bench BenchmarkExtract -benchmem ./extract/rulebased/ | tee /dev/stderr | \
	awk '/^BenchmarkExtract/ { for (i = 1; i <= NF; i++) if ($$i == "MB/s" || $$i == "MB/cpu-s") printf "%s: %s %s\n", $$1, $$(i-1), $$i }'

# bench-instructions: the instructions extraction runs per byte of text
# (model path and rules alone), counted by valgrind: unlike MB per
# CPU-second they do not drift with the machine's load, so a change of 1%
# shows. Needs valgrind; no Neo4j.
.PHONY: bench-instructions
bench-instructions:
	@GO=$(GO) scripts/bench-instructions

# bench-parallel: extract (reading, cleaning, HTML parsing, extraction,
# JSON Lines out) with --workers 2 against --workers 1 in one run, on
# generated text files and on generated saved pages (about 50 kB of HTML
# each): prints the speed-up of 2 workers over 1 for each (the ideal is 2 on
# two idle cores) and the milliseconds per article. No Neo4j needed.
.PHONY: bench-parallel
bench-parallel:
	$(GO) test -run '^$$' -bench BenchmarkExtractWorkers -benchtime=1x -timeout 30m ./cmd/influencegraph/ | tee /dev/stderr | \
	awk '/^BenchmarkExtractWorkers/ { for (i = 1; i <= NF; i++) if ($$i ~ /speedup$$|ms\/article/) printf "%s: %s\n", $$i, $$(i-1) }'

# bench-articles: article reading and cleaning throughput (MB/s), no Neo4j needed.
.PHONY: bench-articles
bench-articles:
	$(GO) test -run '^$$' -bench . -benchmem ./extract/article/

# TRAIN are the folders of annotated articles the shipped relation model
# learns from, and SAMPLES what it learns from the annotated articles kept
# outside the repository (EXTRA, never in it: no news text here): their
# candidates' features and labels, without text, so that CI, which has only
# ../shared, rebuilds the model and checks it is the one committed.
# ARCHIVE holds the samples of annotated articles whose text is no longer
# at hand: make samples never rewrites it, and its features are those of
# the code that wrote them (docs/extraction.md, "Training on your own
# annotations").
TRAIN   ?= ../shared/eval/train
EXTRA   ?= $(sort $(wildcard ../extra/train-*))
SAMPLES := extract/relation/model/extra.samples.json.gz
ARCHIVE := extract/relation/model/archive.samples.json.gz
DEV     ?= ../shared/eval/dev
MODEL   := extract/relation/model/relation.json

# model rebuilds the shipped relation model from TRAIN, SAMPLES and ARCHIVE: 5-fold
# cross-validation chooses the thresholds, then the model learns from all.
# The same data gives the same file, byte for byte.
.PHONY: model
model:
	$(GO) run ./cmd/influencegraph train $(addprefix --gold ,$(TRAIN)) --samples $(SAMPLES) --samples $(ARCHIVE) --out $(MODEL)

# samples rewrites SAMPLES from the EXTRA folders (after adding articles
# there, or changing the features), then make model.
.PHONY: samples
samples:
	@test -n "$(EXTRA)" || { echo "make samples: no ../extra/train-* folders (set EXTRA)" >&2; exit 1; }
	$(GO) run ./cmd/influencegraph train $(addprefix --gold ,$(EXTRA)) --folds 0 --write-samples $(SAMPLES)

# names rebuilds the given names the mention stage learns from the
# annotated articles (TRAIN and EXTRA): words that open people's names.
# Then make samples and make model: the features change with them. It
# stops when the file was learned from folders that are not here (the
# ARCHIVE's, whose samples were made with these names): relearning would
# drop what they taught. FORCE=1 relearns anyway.
NAMES := extract/lexicon/data/givennames.learned.txt
.PHONY: names
names:
	@gone=$$(sed -n 's/^# from \([^ ]*\) .*/\1/p' $(NAMES) | while read -r d; do test -d "$$d" || echo "$$d"; done); \
	if [ -n "$$gone" ] && [ -z "$(FORCE)" ]; then \
		echo "make names: $(NAMES) was learned from $$(echo "$$gone" | wc -l) folders not here (such as $$(echo "$$gone" | sed -n 1p)); relearning would drop their names. FORCE=1 to relearn anyway." >&2; exit 1; \
	fi
	$(GO) run ./cmd/influencegraph train --given-names $(addprefix --gold ,$(TRAIN) $(EXTRA)) --out $(NAMES)

# gate rebuilds the shipped relevance gate from the evaluation set's
# training folder alone (present wherever the tests run, so a test checks
# the file is what this builds) and everyday news from extract/synth;
# GATE_EVAL (the annotated folders beside it, never trained on) and the
# dev set are only reported on.
GATE      := extract/relevance/relevance.json
GATE_EVAL ?= $(sort $(wildcard ../extra/train-*)) $(DEV)
.PHONY: gate
gate:
	$(GO) run ./cmd/influencegraph train --gate --gold ../shared/eval/train $(addprefix --eval ,$(GATE_EVAL)) --out $(GATE)

# eval prints what the offline extractor is judged by: cross-validation by
# article over TRAIN (rules alone vs the model, per type, negated), the
# candidates' reach by cause, the dev set through score.py, and the speed.
.PHONY: eval
eval: build
	$(GO) run ./cmd/influencegraph train $(addprefix --gold ,$(TRAIN)) --samples $(SAMPLES) --samples $(ARCHIVE)
	@echo; echo "== dev set ($(DEV)), never trained or tuned on"
	@for m in none builtin; do \
		$(BIN) extract --quiet --model $$m $(DEV) > /tmp/influencegraph-dev-$$m.jsonl 2>/dev/null; \
		printf '%-8s ' "$$m:"; python3 $(DEV)/../score.py --gold $(DEV) --system /tmp/influencegraph-dev-$$m.jsonl | tail -3 | head -2 | tr '\n' ' '; echo; \
	done
	@echo; echo "== speed (make bench-extract)"
	@$(MAKE) --no-print-directory bench-extract 2>/dev/null

# eval-llm scores the language-model extractor on the annotated dev
# articles through the configured endpoint (llm.base_url and llm.model, or
# INFLUENCEGRAPH_LLM_BASE_URL and INFLUENCEGRAPH_LLM_MODEL; the key, if any,
# in INFLUENCEGRAPH_LLM_API_KEY or llm.api_key_file) and prints score.py's
# table. Answers are cached, so a second run is free.
EVAL_DIR ?= ../shared/eval
.PHONY: eval-llm
eval-llm: build
	@command -v python3 >/dev/null || { echo "eval-llm: python3 is needed to run $(EVAL_DIR)/score.py" >&2; exit 1; }
	@test -f $(EVAL_DIR)/score.py || { echo "eval-llm: no $(EVAL_DIR)/score.py (set EVAL_DIR)" >&2; exit 1; }
	$(BIN) extract --extractor llm --quiet $(EVAL_DIR)/dev > bin/eval-llm.jsonl
	python3 $(EVAL_DIR)/score.py --gold $(EVAL_DIR)/dev --system bin/eval-llm.jsonl

.PHONY: neo4j-start neo4j-stop neo4j-status
neo4j-start:
	scripts/neo4j start
neo4j-stop:
	scripts/neo4j stop
neo4j-status:
	scripts/neo4j status

# assets refreshes the graph-drawing library the HTML picture bundles, from
# npm at the version pinned in picture/assets/package-lock.json (needs npm;
# only when changing that version; the result is committed).
# docs redraws docs/browser.png: Neo4j Browser showing a library query on the
# loaded examples (the browser test, with chromium and the local Neo4j).
.PHONY: docs
docs:
	$(with_neo4j) \
	INFLUENCEGRAPH_UPDATE_DOCS=1 INFLUENCEGRAPH_REQUIRE_NEO4J=1 $(GO) test -count=1 -run Browser ./browsertest/

.PHONY: assets
assets:
	cd picture/assets && npm ci --ignore-scripts --no-audit --no-fund && \
	cp node_modules/cytoscape/dist/cytoscape.min.js cytoscape.min.js && \
	cp node_modules/cytoscape/LICENSE cytoscape.LICENSE && rm -rf node_modules

.PHONY: clean
clean:
	rm -rf bin
