#!/usr/bin/env bash
# `npm run test:all`, CONTRIBUTING.md's test command, and what .ci/run runs after lint, type check
# and build. Works on a fresh clone by itself:
#   1. the package's dev dependencies (npm ci --ignore-scripts if node_modules is missing or
#      older than package.json / package-lock.json);
#   2. Node 24 and every pinned n8n start installing into the cache in the background
#      (log: test-artifacts/n8n-install.log; about 7 minutes a version on 2 cores, seconds
#      once cached);
#   3. npm test: unit and workflow tests;
#   4. npm run test:package: build, tarball contents, n8n's community package analyzer;
#   5. npm run test:e2e: waits for the install, then the end-to-end suite in every pinned n8n,
#      and prints its report (test-artifacts/e2e-report.md).
set -euo pipefail
cd "$(dirname "$0")/.."
began=$(date +%s)
elapsed() { echo "$(($(date +%s) - began))s"; }

scripts/deps.sh

mkdir -p test-artifacts
echo "== n8n: installing the pinned versions in the background (log: test-artifacts/n8n-install.log)"
# Its own process group, so that a failing step below can stop it with everything it started.
setsid scripts/n8n/install.sh > test-artifacts/n8n-install.log 2>&1 &
install_pid=$!
stop_install() {
	if kill -0 "$install_pid" 2>/dev/null; then
		echo "== stopping the background n8n install"
		kill -- "-$install_pid" 2>/dev/null || true
	fi
}
trap stop_install EXIT

echo "== unit and workflow tests ($(elapsed))"
npm test

echo "== package checks ($(elapsed))"
npm run test:package

echo "== waiting for the n8n install ($(elapsed))"
if ! wait "$install_pid"; then
	tail -n 40 test-artifacts/n8n-install.log >&2
	echo "test-all: installing n8n failed; full log: test-artifacts/n8n-install.log" >&2
	exit 1
fi
trap - EXIT

echo "== end-to-end suite ($(elapsed))"
npm run test:e2e

echo "== test:all passed in $(elapsed)"
