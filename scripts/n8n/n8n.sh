#!/usr/bin/env bash
# Runs the cached n8n <version> under Node 24, isolated and offline-friendly:
#   N8N_USER_FOLDER=/some/dir scripts/n8n/n8n.sh 1.123.81 import:workflow --input=wf.json
#   N8N_USER_FOLDER=/some/dir scripts/n8n/n8n.sh 1.123.81 execute --id=wf1 --rawOutput
#   N8N_USER_FOLDER=/some/dir N8N_PORT=5690 scripts/n8n/n8n.sh 2.39.10 start
# Installs that version first if it is missing (scripts/n8n/install.sh, ~15 min, to stderr).
#
# Everything n8n keeps (SQLite database, settings with the encryption key, community
# packages in .n8n/nodes/node_modules) lives in $N8N_USER_FOLDER/.n8n. Give the same
# N8N_USER_FOLDER to every command that should see the same data; without one each run
# gets a new empty temp folder (named on stderr, left behind).
# The settings below are defaults: a value already in the environment wins, except
# DB_TYPE (sqlite, unless N8N_SH_DB_TYPE says otherwise: the queue-mode suite sets it to
# postgresdb, with n8n's DB_POSTGRESDB_* settings) and NODE_ENV (always production).
set -euo pipefail
# shellcheck source=scripts/n8n/lib.sh
source "$(dirname "$0")/lib.sh"

version="${1:?usage: scripts/n8n/n8n.sh <version> <n8n arguments...>}"
shift
n8n_installed "$version" || "$n8n_repo/scripts/n8n/install.sh" "$version" >&2
dir="$(n8n_dir "$version")"
node="$n8n_node_home/bin/node"

# A calling `npm run` leaves npm_config_* settings behind (ignore-scripts, nodedir, ...);
# n8n runs npm itself when a package is installed from its UI. Keep only the registry side.
n8n_drop_npm_settings

# Node 24 first: n8n's child processes (task runner, npm) run under it too.
export PATH="$n8n_node_home/bin:$dir/bin:$PATH"
# Unset NODE_ENV means "development" to n8n, and jest's NODE_ENV=test makes it refuse to
# load nodes ("Not available in tests").
export NODE_ENV=production

if [ -z "${N8N_USER_FOLDER:-}" ]; then
	N8N_USER_FOLDER="$(mktemp -d "${TMPDIR:-/tmp}/n8n-$version-XXXXXX")"
	echo "n8n.sh: N8N_USER_FOLDER=$N8N_USER_FOLDER" >&2
fi
mkdir -p "$N8N_USER_FOLDER"
export N8N_USER_FOLDER
export DB_TYPE="${N8N_SH_DB_TYPE:-sqlite}"
# Fixed, so credentials imported by one command can be read by the next and by `start`.
export N8N_ENCRYPTION_KEY="${N8N_ENCRYPTION_KEY:-creator-commerce-local-key}"

# Nothing that phones home or waits on n8n's servers.
export N8N_DIAGNOSTICS_ENABLED="${N8N_DIAGNOSTICS_ENABLED:-false}"
export N8N_VERSION_NOTIFICATIONS_ENABLED="${N8N_VERSION_NOTIFICATIONS_ENABLED:-false}"
export N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED="${N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED:-false}"
export N8N_PERSONALIZATION_ENABLED="${N8N_PERSONALIZATION_ENABLED:-false}"
export N8N_HIRING_BANNER_ENABLED="${N8N_HIRING_BANNER_ENABLED:-false}"
export N8N_DYNAMIC_BANNERS_ENABLED="${N8N_DYNAMIC_BANNERS_ENABLED:-false}"
export N8N_TEMPLATES_ENABLED="${N8N_TEMPLATES_ENABLED:-false}"
export N8N_AI_ENABLED="${N8N_AI_ENABLED:-false}"
# The list of n8n-verified community nodes comes from api.n8n.io; packages installed in
# the user folder (unverified ones included) load without it.
export N8N_VERIFIED_PACKAGES_ENABLED="${N8N_VERIFIED_PACKAGES_ENABLED:-false}"

export N8N_COMMUNITY_PACKAGES_ENABLED="${N8N_COMMUNITY_PACKAGES_ENABLED:-true}"
export N8N_SECURE_COOKIE="${N8N_SECURE_COOKIE:-false}"
export N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS="${N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS:-true}"
export N8N_HOST="${N8N_HOST:-localhost}"
export N8N_PORT="${N8N_PORT:-5678}"
export N8N_LISTEN_ADDRESS="${N8N_LISTEN_ADDRESS:-127.0.0.1}"
export N8N_LOG_LEVEL="${N8N_LOG_LEVEL:-info}"
# The task broker (always on in 2.x, also started by `execute`) listens on 5679 by default,
# so two n8n processes at once would clash: give each run a free port of its own.
if [ -z "${N8N_RUNNERS_BROKER_PORT:-}" ]; then
	N8N_RUNNERS_BROKER_PORT="$("$node" -e '
		const server = require("net").createServer();
		server.listen(0, "127.0.0.1", () => { console.log(server.address().port); server.close(); });
	')"
fi
export N8N_RUNNERS_BROKER_PORT

exec "$node" "$dir/node_modules/n8n/bin/n8n" "$@"
