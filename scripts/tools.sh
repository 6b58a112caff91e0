#!/usr/bin/env bash
# Installs the tools the package checks and the browser test use, outside the package's own
# dependencies: @n8n/scan-community-package and playwright-core into a cache folder, and
# Debian's chromium. Reused between runs; versions are pinned in test/e2e/n8n-versions.json.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cache="${N8N_CACHE_DIR:-$HOME/.cache/n8n-nodes-creator-commerce}"
tools="$cache/tools"
versions="$here/test/e2e/n8n-versions.json"
scan_version="$(node -p "require('$versions').scanCommunityPackage")"
playwright_version="$(node -p "require('$versions').playwrightCore")"
marker="$tools/.installed-$scan_version-$playwright_version"

if [ ! -f "$marker" ]; then
	echo "== tools: @n8n/scan-community-package@$scan_version, playwright-core@$playwright_version"
	mkdir -p "$tools"
	cat > "$tools/package.json" <<JSON
{ "name": "creator-commerce-e2e-tools", "private": true,
  "dependencies": { "@n8n/scan-community-package": "$scan_version", "playwright-core": "$playwright_version" } }
JSON
	(cd "$tools" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error)
	touch "$marker"
fi

# CHROMIUM_PATH names a browser already there (CI runners have Chrome): nothing to install.
if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "${CHROMIUM_PATH}" ]; then
	:
elif ! command -v chromium >/dev/null 2>&1; then
	echo "== tools: Debian chromium"
	if [ "$(id -u)" = 0 ]; then
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
	else
		sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
	fi
fi
echo "$tools"
