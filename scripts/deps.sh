#!/usr/bin/env bash
# Installs the package's own dev dependencies (`npm ci --ignore-scripts`) when node_modules
# is missing or older than package.json / package-lock.json; otherwise does nothing.
# Sourced or run by scripts/start.sh, scripts/test-all.sh and scripts/e2e.sh.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
stamp=node_modules/.package-lock.json   # npm ci writes it last
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ] || [ package.json -nt "$stamp" ]; then
	echo "== dependencies: npm ci --ignore-scripts"
	npm ci --ignore-scripts --no-audit --no-fund
fi
