#!/usr/bin/env bash
# Builds this package and starts a real n8n on http://localhost:5678 with it loaded
# (SQLite, data kept in .n8n-local/ between starts). The first start installs the package's
# dependencies, then Node 24 and n8n into a cache outside the clone (about 7 minutes on 2
# cores); later starts take seconds.
#   npm start                          n8n of the default version in test/e2e/n8n-versions.json
#   N8N_VERSION=1.123.81 npm start     another pinned version (default: 2.39.10)
#   N8N_PORT=5679 npm start            another port
set -euo pipefail
cd "$(dirname "$0")/.."
version="${N8N_VERSION:-$(node -p "require('./test/e2e/n8n-versions.json').default")}"

scripts/deps.sh
npm run build
scripts/n8n/install.sh "$version"

export N8N_USER_FOLDER="${N8N_USER_FOLDER:-$PWD/.n8n-local}"
nodes="$N8N_USER_FOLDER/.n8n/nodes"
mkdir -p "$nodes"
[ -f "$nodes/package.json" ] || echo '{ "name": "installed-nodes", "private": true }' > "$nodes/package.json"
packed="$(mktemp -d)"
npm pack --silent --pack-destination "$packed" >/dev/null
tarball="$(ls "$packed"/*.tgz)"
(cd "$nodes" && npm install "$tarball" --ignore-scripts --legacy-peer-deps --no-audit --no-fund --loglevel=error)

echo "== n8n $version with n8n-nodes-creator-commerce on http://localhost:${N8N_PORT:-5678}"
exec scripts/n8n/n8n.sh "$version" start
