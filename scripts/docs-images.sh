#!/usr/bin/env bash
# `npm run docs:images`: the pictures under docs/images/ (each node's panel, each credential's
# dialog) taken in the pinned default n8n (2.39.10) with the packed package installed, in
# headless Chromium. Installs what it needs like the end-to-end suite. Look at each picture
# before committing it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
scripts/build-if-stale.sh
scripts/tools.sh >/dev/null
default="$(node -p "require('./test/e2e/n8n-versions.json').default")"
scripts/n8n/install.sh "$default"
npx jest -c jest.e2e.config.js --testMatch '**/test/e2e/docs-images.shoot.ts' "$@"
ls -l docs/images/
