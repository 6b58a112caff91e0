#!/usr/bin/env bash
# Builds dist/ unless it is complete and newer than every source it is made from (nodes/,
# credentials/, icons/, index.js, package.json, tsconfig*.json, gulpfile.js), so the
# end-to-end suite always tests what the sources say now.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
sources=(nodes credentials icons index.js package.json tsconfig.json tsconfig.build.json gulpfile.js)
stale=""
if [ ! -d dist ]; then
	stale="no dist/"
else
	# every file package.json lists must be built
	missing="$(node -e '
		const fs = require("fs");
		const { n8n } = require("./package.json");
		console.log([...n8n.nodes, ...n8n.credentials].filter((file) => !fs.existsSync(file)).join(" "));
	')"
	if [ -n "$missing" ]; then
		stale="missing $missing"
	else
		oldest_built="$(find dist/nodes dist/credentials -type f -name '*.js' -printf '%T@\n' | sort -n | head -n 1)"
		newest_source="$(find "${sources[@]}" -type f -printf '%T@ %p\n' 2>/dev/null | sort -n | tail -n 1)"
		if [ -z "$oldest_built" ] || awk -v a="${newest_source%% *}" -v b="$oldest_built" 'BEGIN { exit !(a > b) }'; then
			stale="${newest_source#* } is newer than dist/"
		fi
	fi
fi
if [ -n "$stale" ]; then
	echo "== build ($stale)"
	npm run build
else
	echo "== build: dist/ is up to date"
fi
