# BanditKit — one target per job. `make run` and `make test` work on a fresh Debian machine.
SWIFT   ?= swift
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := libopenblas-dev liblapacke-dev libglpk-dev pkg-config
SCENARIO ?= Scenarios/Quickstart/ten-armed-bernoulli.yaml
OUTPUT   ?= results/quickstart

.PHONY: deps build test run bench bench-serve scenarios clean server server-deps server-test tsan

## deps: install the system libraries (OpenBLAS, LAPACKE, GLPK) when missing.
deps:
	@if ! dpkg -s $(APT_PACKAGES) >/dev/null 2>&1; then \
		echo "installing $(APT_PACKAGES)"; \
		$(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APT_PACKAGES); \
	fi

## build: release build of the library, the CLI and the benchmarks.
build: deps
	$(SWIFT) build -c release

## test: the whole test suite (debug build), then the quick paper scenarios (release build).
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	.build/debug/embedded-service-example
	$(SWIFT) build -c release --product bandit
	.build/release/bandit reproduce Scenarios --quick --output results/reproduce-quick

## run: set up, then compare UCB1, Thompson sampling and ε-greedy on a 10-armed Bernoulli instance.
run: deps
	$(SWIFT) build -c release --product bandit
	.build/release/bandit simulate $(SCENARIO) --output $(OUTPUT)

## scenarios: the full paper scenarios; report in results/reproduce/REPORT.md.
scenarios: deps
	$(SWIFT) build -c release --product bandit
	.build/release/bandit reproduce Scenarios --full --output results/reproduce

## bench: throughput benchmarks, one JSON object per line.
bench: deps
	$(SWIFT) build -c release --product bandit-bench
	.build/release/bandit-bench
	$(MAKE) bench-serve

## server-deps: what the HTTP service needs beyond the library (SQLite for GRDB, curl for the example).
SERVER_APT_PACKAGES := libsqlite3-dev curl
server-deps: deps
	@if ! dpkg -s $(SERVER_APT_PACKAGES) >/dev/null 2>&1; then \
		echo "installing $(SERVER_APT_PACKAGES)"; \
		$(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SERVER_APT_PACKAGES); \
	fi

## server: the HTTP service (nested package Server/: Hummingbird + GRDB), release build.
server: server-deps
	$(SWIFT) build -c release --package-path Server

## server-test: the server's route and kill -9 recovery tests, then the curl client example.
server-test: server-deps
	$(SWIFT) build --build-tests --package-path Server
	$(SWIFT) test --skip-build --package-path Server
	Examples/curl-client.sh

## tsan: the concurrency tests under ThreadSanitizer (separate build folder).
tsan: deps
	$(SWIFT) test --sanitize=thread --scratch-path .build-tsan --filter BanditRuntimeTests

## bench-serve: bandit serve requests/s and p99 under wrk on loopback (installs wrk if missing).
bench-serve: server
	@command -v wrk >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }
	Benchmarks/serve-wrk.sh

clean:
	rm -rf .build results
