#!/usr/bin/env bash
# The environment to run the cached n8n <version> under Node 24 (install it first with
# scripts/n8n/install.sh <version>):
#   source scripts/n8n/env.sh 1.123.81      exports PATH (Node 24 first, then n8n), N8N_BIN, N8N_NODE
#   eval "$(scripts/n8n/env.sh 1.123.81)"   the same from the printed export lines
#   scripts/n8n/env.sh 1.123.81             prints them
# Then `n8n ...` is that n8n under Node 24 (`node` is Node 24 too). N8N_BIN is n8n's CLI
# script, N8N_NODE the Node 24 binary: "$N8N_NODE" "$N8N_BIN" <args> needs no PATH.
# For a run with the isolated, offline settings the tests use, see scripts/n8n/n8n.sh.

_n8n_env() {
	local version="${1:-}" dir
	# shellcheck source=scripts/n8n/lib.sh
	source "$(dirname "${BASH_SOURCE[0]}")/lib.sh" || return 1
	if [ -z "$version" ]; then
		version="$(n8n_pin default)" || return 1
	fi
	dir="$(n8n_dir "$version")"
	if ! n8n_installed "$version"; then
		echo "env.sh: n8n $version is not installed in $dir; run: $n8n_repo/scripts/n8n/install.sh $version" >&2
		return 1
	fi
	_n8n_env_path="$n8n_node_home/bin:$dir/bin:$PATH"
	_n8n_env_bin="$dir/node_modules/n8n/bin/n8n"
	_n8n_env_node="$n8n_node_home/bin/node"
}

if [ "${BASH_SOURCE[0]}" != "$0" ]; then
	# Sourced: export into the caller's shell, leave its shell options and names alone.
	_n8n_env_cleanup() {
		unset _n8n_env_path _n8n_env_bin _n8n_env_node \
			n8n_repo n8n_versions_file n8n_cache n8n_node_dir n8n_node_home
		unset -f _n8n_env _n8n_env_cleanup n8n_pin n8n_dir n8n_marker n8n_installed
	}
	if _n8n_env "$@"; then
		export PATH="$_n8n_env_path" N8N_BIN="$_n8n_env_bin" N8N_NODE="$_n8n_env_node"
		_n8n_env_cleanup
	else
		_n8n_env_cleanup
		return 1
	fi
else
	set -euo pipefail
	_n8n_env "$@"
	printf 'export PATH=%q\nexport N8N_BIN=%q\nexport N8N_NODE=%q\n' \
		"$_n8n_env_path" "$_n8n_env_bin" "$_n8n_env_node"
fi
