# Hearth's build. Two commands matter: `make run` and `make test`; both install
# what is missing first. The build tags live here and nowhere else: a binary
# built without them has no window and must never be shipped.

TAGS      := desktop,production,webkit2_41
DEV_TAGS  := dev,desktop,webkit2_41
BIN       := build/bin
GO        ?= go
# The Go release that builds and is checked is go.mod's toolchain line (a patched release, so that
# govulncheck's view of the standard library is the shipped one); an older installed Go fetches it
# through the module proxy.
export GOTOOLCHAIN := auto
VERSION   ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS   := -s -w -X github.com/hearth-app/hearth/app.Version=$(VERSION)

# Debian/Ubuntu packages: to build the window, and for the tests that drive it (pandoc,
# ghostscript, qpdf and libtasn1-doc make the document-parsing tests' real DOCX/ODT/EPUB/PDF files;
# minisign checks plugin signatures both ways).
APT_BUILD := libgtk-3-dev libwebkit2gtk-4.1-dev pkg-config
APT_TEST  := xvfb xdotool imagemagick chromium qemu-user-static dbus-daemon strace pandoc ghostscript qpdf libtasn1-doc minisign

# A real Ollama server for the Ollama backend's tests, built from the Go module proxy.
OLLAMA_VERSION := v0.6.5
OLLAMA_BIN     := $(CURDIR)/.cache/ollama-$(OLLAMA_VERSION)/ollama

# Node packages the tests install (each directory has its own package-lock.json).
NPM_TEST_DIRS := engine/internal/llamaref engine/chattemplate/testdata/jinjaref plugins/mcp/testdata/servers

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
UNAME := $(shell uname -s)

.PHONY: race vulncheck npm-audit egress
.PHONY: plugins
.PHONY: run build build-dev frontend deps test-deps reference ollama test go-test test-arm64 frontend-test e2e screenshots vet bindings bench bench-embed eval bench-docs clean

## run: install what is missing, build Hearth and open its window.
run: build
	./$(BIN)/hearth

## build: the production desktop binary, build/bin/hearth.
build: deps frontend
	CGO_ENABLED=1 $(GO) build -tags $(TAGS) -ldflags "$(LDFLAGS)" -o $(BIN)/hearth .

## build-dev: the dev build, whose UI can also be served to a browser (devserver=127.0.0.1:PORT).
build-dev: deps frontend
	CGO_ENABLED=1 $(GO) build -tags $(DEV_TAGS) -o $(BIN)/hearth-dev .

## frontend: the UI, built into frontend/dist (embedded by the Go build).
frontend: frontend/node_modules/.installed
	cd frontend && npm run build

frontend/node_modules/.installed: frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund
	touch $@

## plugins: the example plugins built to WebAssembly, signed with a development key made once
## (build/plugins/dev.key, unencrypted, never committed) and packed by `hearth plugins pack`
## into build/plugins/*.zip.
PLUGINS_DIR      := build/plugins
PLUGIN_EXAMPLES  := units fetch recall
plugins: $(PLUGINS_DIR)/dev.key
	CGO_ENABLED=0 $(GO) build -o $(BIN)/hearth-cli .
	@for p in $(PLUGIN_EXAMPLES); do \
	  stage=$(PLUGINS_DIR)/$$p; rm -rf $$stage && mkdir -p $$stage || exit 1; \
	  entry=$$(sed -n 's/^[[:space:]]*"entry":[[:space:]]*"\([^"]*\)".*/\1/p' plugins/examples/$$p/plugin.json); \
	  cp plugins/examples/$$p/plugin.json $$stage/ && \
	  GOOS=wasip1 GOARCH=wasm CGO_ENABLED=0 $(GO) build -buildmode=c-shared -o $$stage/$$entry ./plugins/examples/$$p && \
	  $(BIN)/hearth-cli plugins pack $$stage --key $(PLUGINS_DIR)/dev.key -o $(PLUGINS_DIR)/$$p.zip || exit 1; \
	done

$(PLUGINS_DIR)/dev.key:
	@$(call apt_install,minisign)
	mkdir -p $(PLUGINS_DIR)
	minisign -G -W -p $(PLUGINS_DIR)/dev.pub -s $@

## bindings: regenerate the TypeScript bindings of the Go services (committed).
bindings:
	$(GO) tool wails generate module

## deps: system libraries for the desktop build.
deps:
ifeq ($(UNAME),Linux)
	@$(call apt_install,$(APT_BUILD))
else ifeq ($(UNAME),Darwin)
	@xcode-select -p >/dev/null 2>&1 || { echo "Install the Xcode command line tools: xcode-select --install"; exit 1; }
else
	@echo "Windows: install Go, Node.js and the WebView2 runtime (see README)."
endif

## test-deps: everything the tests need besides the build (X server, Chromium, llama.cpp reference, Ollama).
test-deps: deps reference ollama
	@$(call apt_install,$(APT_TEST))

## reference: llama.cpp from npm, the reference the engine is tested against. (`npm install`
## against the lock rather than `npm ci`: npm leaves other platforms' optional packages out of
## the lock and then `npm ci` refuses it.)
reference:
	@for d in $(NPM_TEST_DIRS); do \
	  if [ ! -f $$d/node_modules/.installed ] || [ $$d/package-lock.json -nt $$d/node_modules/.installed ]; then \
	    (cd $$d && npm install --no-audit --no-fund --omit=optional && touch node_modules/.installed) || exit 1; \
	  fi; \
	done

## ollama: build the Ollama server the tests run against (once; ~2 minutes).
ollama: $(OLLAMA_BIN)

$(OLLAMA_BIN):
	mkdir -p $(dir $@)
	GOBIN=$(dir $@) CGO_ENABLED=1 $(GO) install github.com/ollama/ollama@$(OLLAMA_VERSION)

## test: every test: Go (vet, unit, reference comparisons, fuzz seeds), frontend unit tests, UI smoke tests.
test: test-deps build build-dev vet go-test test-arm64 frontend-test e2e race vulncheck npm-audit egress

vet:
	CGO_ENABLED=0 $(GO) vet ./...

go-test:
	CGO_ENABLED=0 HEARTH_REQUIRE_REFERENCE=1 HEARTH_OLLAMA_BIN=$(OLLAMA_BIN) $(GO) test -timeout 30m ./...

## test-arm64: the kernels (SMMLA, SDOT, plain NEON and plain Go) built for arm64 and run under
## qemu (~1.5 min on 2 cores), whose default CPU model has i8mm and dotprod; HEARTH_REQUIRE_I8MM
## fails the run if it stops having them, rather than skip the SMMLA tiles.
test-arm64:
	@$(call apt_install,qemu-user-static)
	CGO_ENABLED=0 GOARCH=arm64 $(GO) vet ./engine/kernel
	CGO_ENABLED=0 GOARCH=arm64 HEARTH_REQUIRE_I8MM=1 $(GO) test -count=1 -exec qemu-aarch64-static ./engine/kernel/

frontend-test: frontend/node_modules/.installed
	cd frontend && npm run check && npm test

e2e: frontend/node_modules/.installed
	cd frontend && HEARTH_BIN=$(CURDIR)/$(BIN)/hearth HEARTH_DEV_BIN=$(CURDIR)/$(BIN)/hearth-dev npm run e2e

## screenshots: run the UI tests and refresh the README's screenshots (frontend/e2e/screenshots);
## `make e2e` writes its screenshots to the git-ignored frontend/e2e/output instead.
screenshots: build build-dev frontend/node_modules/.installed
	cd frontend && HEARTH_SCREENSHOTS=$(CURDIR)/frontend/e2e/screenshots HEARTH_BIN=$(CURDIR)/$(BIN)/hearth HEARTH_DEV_BIN=$(CURDIR)/$(BIN)/hearth-dev npm run e2e

## race: the packages that run goroutines (store, app and its services, API server, engine and its
## thread pool, downloads, Ollama client, library), under the race detector, which needs cgo.
## -short, and without the kernels' exhaustive F16 comparisons (5 minutes under the detector and
## no goroutines): these run in go-test.
RACE_PKGS := ./memory/... ./app/... ./engine/embedded ./engine/download ./engine/ollama ./engine/kernel ./engine/library
race:
	CGO_ENABLED=1 HEARTH_OLLAMA_BIN=$(OLLAMA_BIN) $(GO) test -race -short -count=1 -timeout 15m -skip 'F16RowsMatches' $(RACE_PKGS)

## vulncheck: govulncheck on the shipped build; fails on a called vulnerability that
## checks/govulncheck-triage.json does not explain. The database is vuln.go.dev, or where that is
## unreachable the same data from the golang.org/x/vulndb module (via the Go module proxy).
vulncheck:
	GO=$(GO) node checks/govulncheck.mjs -tags $(TAGS)

## npm-audit: `npm audit --omit=dev` on the frontend; fails on an advisory at moderate or above
## that frontend/audit-triage.json does not explain (says SKIPPED where the advisory endpoint
## does not answer).
npm-audit:
	node --test checks/npm-audit.test.mjs
	node checks/npm-audit.mjs

## egress: the no-telemetry test. The main CLI paths and window sessions (dev build in Chromium,
## production build under Xvfb) run with every connection attempt of Hearth's processes recorded
## (strace); any attempt not to a loopback port the test configured fails. Runs in a network
## namespace with only loopback (checks/egress/run.sh). Needs build and build-dev.
egress: frontend/node_modules/.installed
	@$(call apt_install,strace iproute2)
	HEARTH_BIN=$(CURDIR)/$(BIN)/hearth HEARTH_DEV_BIN=$(CURDIR)/$(BIN)/hearth-dev checks/egress/run.sh

## bench: Hearth's engine against llama.cpp on generated 1.1B (TinyLlama-shaped), 0.5B
## (Qwen2.5-shaped), Gemma 3 1B-shaped and Qwen3-30B-A3B-shaped (8 of its 48 layers, a mixture
## of experts) models in Q8_0, Q4_0 and Q4_K_M; the table goes to stdout and to
## .cache/bench/results.md. Not part of `make test`. The first run generates the twelve models
## (the first six took about 7 minutes here; kept in .cache/bench). Choose with make or
## environment variables:
## BENCH_THREADS (default: all cores), BENCH_PROMPT (512), BENCH_GEN (128), BENCH_TURN (32),
## BENCH_RUNS (3), BENCH_MODELS (comma-separated parts of names, e.g. qwen2,Q4_K_M).
## Long prompts: BENCH_LONG (4096; 0 for none) tokens on BENCH_LONG_MODELS (qwen2-0.5B-Q8_0), time
## to first token and KV cache memory with F16 and Q8_0 caches; BENCH_LONG_ONLY=1 measures only that.
BENCH_DIR := $(CURDIR)/.cache/bench
bench: reference
	mkdir -p $(BENCH_DIR)
	CGO_ENABLED=0 $(GO) build -o $(BENCH_DIR)/hearth .
	CGO_ENABLED=0 BENCH_DIR=$(BENCH_DIR) BENCH_THREADS=$(BENCH_THREADS) BENCH_PROMPT=$(BENCH_PROMPT) \
	  BENCH_GEN=$(BENCH_GEN) BENCH_TURN=$(BENCH_TURN) BENCH_RUNS=$(BENCH_RUNS) BENCH_MODELS=$(BENCH_MODELS) \
	  BENCH_LONG=$(BENCH_LONG) BENCH_LONG_MODELS=$(BENCH_LONG_MODELS) BENCH_LONG_ONLY=$(BENCH_LONG_ONLY) \
	  $(GO) run ./engine/internal/benchcmp -hearth $(BENCH_DIR)/hearth

## bench-embed: embedding throughput (tokens/s) of Hearth's engine against llama.cpp on the same
## files and threads: generated bge-small (bert, 384 wide, 12 layers) and nomic-embed (nomic-bert,
## 768 wide, 12 layers) shapes in F16 and Q8_0, chunks of 250 tokens sent in one batch. The table
## goes to stdout and .cache/bench/embed-results.md. Not part of `make test`. BENCH_THREADS,
## BENCH_RUNS (3), BENCH_CHUNKS (16) and BENCH_MODELS (e.g. nomic,Q8_0) choose what it measures.
bench-embed: reference
	mkdir -p $(BENCH_DIR)
	CGO_ENABLED=0 BENCH_DIR=$(BENCH_DIR) BENCH_THREADS=$(BENCH_THREADS) BENCH_RUNS=$(BENCH_RUNS) \
	  BENCH_CHUNKS=$(BENCH_CHUNKS) BENCH_MODELS=$(BENCH_MODELS) $(GO) run ./engine/internal/benchcmp -embed

## eval: retrieval quality on BEIR SciFact (../shared/testdata/scifact, or $HEARTH_TESTDATA):
## indexes the corpus with `hearth docs add`, runs the train queries through `hearth docs search`,
## prints nDCG@10 and recall@100. EVAL_MODEL=path/to/embedding.gguf runs hybrid. Not in `make test`.
EVAL_DIR := $(CURDIR)/.cache/eval
eval:
	mkdir -p $(EVAL_DIR)
	CGO_ENABLED=0 $(GO) build -o $(EVAL_DIR)/hearth .
	CGO_ENABLED=0 $(GO) run ./memory/internal/scifact/cmd/eval -hearth $(EVAL_DIR)/hearth $(if $(EVAL_MODEL),-model $(EVAL_MODEL))

## bench-docs: keyword-indexing throughput, Hearth beside recoll, on the documentation Debian
## installs (installs the packages; needs apt). Prints files/s, MB/s, peak RSS, index size,
## re-scan and changed-file times. Not part of `make test`. See scripts/bench-docs.sh.
bench-docs:
	mkdir -p $(EVAL_DIR)
	CGO_ENABLED=0 $(GO) build -o $(EVAL_DIR)/hearth .
	scripts/bench-docs.sh $(EVAL_DIR)/hearth

clean:
	rm -rf $(BIN) frontend/dist/assets frontend/dist/index.html

# apt_install installs the Debian packages in $(1) that are missing (with sudo
# when not root), or says which to install where apt-get does not exist.
define apt_install
	missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing:$$missing"; \
	    $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	  else echo "Please install:$$missing"; exit 1; fi; \
	fi
endef
