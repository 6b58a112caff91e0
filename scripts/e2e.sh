#!/usr/bin/env bash
# The end-to-end suite: the built package in a real n8n of every pinned version.
# Installs what it needs first (n8n and Node 24 into the cache, the browser tools).
#   N8N_E2E_VERSIONS=2.8.4 npm run test:e2e    only one version
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f dist/nodes/Kwiga/Kwiga.node.js ] || npm run build
scripts/tools.sh >/dev/null
if [ -n "${N8N_E2E_VERSIONS:-}" ]; then
	IFS=',' read -r -a wanted <<< "$N8N_E2E_VERSIONS"
	scripts/n8n/install.sh "${wanted[@]}"
else
	scripts/n8n/install.sh
fi
npx jest -c jest.e2e.config.js "$@"
