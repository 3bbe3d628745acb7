# Hearth's build. Two commands matter: `make run` and `make test`; both install
# what is missing first. The build tags live here and nowhere else: a binary
# built without them has no window and must never be shipped.

TAGS      := desktop,production,webkit2_41
DEV_TAGS  := dev,desktop,webkit2_41
BIN       := build/bin
GO        ?= go
VERSION   ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS   := -s -w -X github.com/hearth-app/hearth/app.Version=$(VERSION)

# Debian/Ubuntu packages: to build the window, and for the tests that drive it.
APT_BUILD := libgtk-3-dev libwebkit2gtk-4.1-dev pkg-config
APT_TEST  := xvfb xdotool imagemagick chromium qemu-user-static dbus-daemon strace

# A real Ollama server for the Ollama backend's tests, built from the Go module proxy.
OLLAMA_VERSION := v0.6.5
OLLAMA_BIN     := $(CURDIR)/.cache/ollama-$(OLLAMA_VERSION)/ollama

# Node packages the tests install (each directory has its own package-lock.json).
NPM_TEST_DIRS := engine/internal/llamaref engine/chattemplate/testdata/jinjaref plugins/mcp/testdata/servers

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
UNAME := $(shell uname -s)

.PHONY: run build build-dev frontend deps test-deps reference ollama test go-test test-arm64 frontend-test e2e screenshots vet bindings bench clean

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
test: test-deps build build-dev vet go-test test-arm64 frontend-test e2e

vet:
	CGO_ENABLED=0 $(GO) vet ./...

go-test:
	CGO_ENABLED=0 HEARTH_REQUIRE_REFERENCE=1 HEARTH_OLLAMA_BIN=$(OLLAMA_BIN) $(GO) test -timeout 30m ./...

## test-arm64: the kernels (NEON and plain Go) built for arm64 and run under qemu (~35 s).
test-arm64:
	@$(call apt_install,qemu-user-static)
	CGO_ENABLED=0 GOARCH=arm64 $(GO) vet ./engine/kernel
	CGO_ENABLED=0 GOARCH=arm64 $(GO) test -count=1 -exec qemu-aarch64-static ./engine/kernel/

frontend-test: frontend/node_modules/.installed
	cd frontend && npm run check && npm test

e2e: frontend/node_modules/.installed
	cd frontend && HEARTH_BIN=$(CURDIR)/$(BIN)/hearth HEARTH_DEV_BIN=$(CURDIR)/$(BIN)/hearth-dev npm run e2e

## screenshots: run the UI tests and refresh the README's screenshots (frontend/e2e/screenshots);
## `make e2e` writes its screenshots to the git-ignored frontend/e2e/output instead.
screenshots: build build-dev frontend/node_modules/.installed
	cd frontend && HEARTH_SCREENSHOTS=$(CURDIR)/frontend/e2e/screenshots HEARTH_BIN=$(CURDIR)/$(BIN)/hearth HEARTH_DEV_BIN=$(CURDIR)/$(BIN)/hearth-dev npm run e2e

## bench: Hearth's engine against llama.cpp on generated 1.1B (TinyLlama-shaped) and 0.5B
## (Qwen2.5-shaped) models in Q8_0, Q4_0 and Q4_K_M; the table goes to stdout and to
## .cache/bench/results.md. Not part of `make test`. The first run generates the six models
## (about 7 minutes here, kept in .cache/bench). Choose with make or environment variables:
## BENCH_THREADS (default: all cores), BENCH_PROMPT (512), BENCH_GEN (128), BENCH_TURN (32),
## BENCH_RUNS (3), BENCH_MODELS (comma-separated parts of names, e.g. qwen2,Q4_K_M).
BENCH_DIR := $(CURDIR)/.cache/bench
bench: reference
	mkdir -p $(BENCH_DIR)
	CGO_ENABLED=0 $(GO) build -o $(BENCH_DIR)/hearth .
	CGO_ENABLED=0 BENCH_DIR=$(BENCH_DIR) BENCH_THREADS=$(BENCH_THREADS) BENCH_PROMPT=$(BENCH_PROMPT) \
	  BENCH_GEN=$(BENCH_GEN) BENCH_TURN=$(BENCH_TURN) BENCH_RUNS=$(BENCH_RUNS) BENCH_MODELS=$(BENCH_MODELS) \
	  $(GO) run ./engine/internal/benchcmp -hearth $(BENCH_DIR)/hearth

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
