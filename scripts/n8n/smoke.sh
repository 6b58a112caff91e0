#!/usr/bin/env bash
# Checks installed n8n versions on their own (no package of ours): imports a tiny workflow
# (Manual Trigger -> Set with an expression -> No Operation), runs it with `n8n execute`,
# then starts the server, waits until it is up, asks /healthz and stops it.
#   scripts/n8n/smoke.sh [version ...]     default: every pinned version; N8N_PORT (5678) for the server
# Each version gets a new temp user folder (kept, and named, when a check fails).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=scripts/n8n/lib.sh
source "$here/lib.sh"
if [ "$#" -gt 0 ]; then versions=("$@"); else mapfile -t versions < <(n8n_pin n8n); fi
port="${N8N_PORT:-5678}"

for version in "${versions[@]}"; do
	"$here/install.sh" "$version" >/dev/null
	folder="$(mktemp -d "${TMPDIR:-/tmp}/n8n-smoke-$version-XXXXXX")"
	fail() { echo "FAIL n8n $version: $* (user folder $folder)" >&2; exit 1; }
	cat > "$folder/workflow.json" <<'JSON'
{
	"id": "smokeWorkflow001",
	"name": "Smoke",
	"active": false,
	"nodes": [
		{ "id": "7d1e6a5e-0000-4000-8000-000000000001", "name": "Manual Trigger", "type": "n8n-nodes-base.manualTrigger",
			"typeVersion": 1, "position": [0, 0], "parameters": {} },
		{ "id": "7d1e6a5e-0000-4000-8000-000000000002", "name": "Set", "type": "n8n-nodes-base.set",
			"typeVersion": 3.4, "position": [220, 0],
			"parameters": { "assignments": { "assignments": [
				{ "id": "a1", "name": "greeting", "value": "hello", "type": "string" },
				{ "id": "a2", "name": "answer", "value": "={{ 20 + 22 }}", "type": "number" }
			] }, "options": {} } },
		{ "id": "7d1e6a5e-0000-4000-8000-000000000003", "name": "No Operation", "type": "n8n-nodes-base.noOp",
			"typeVersion": 1, "position": [440, 0], "parameters": {} }
	],
	"connections": {
		"Manual Trigger": { "main": [[{ "node": "Set", "type": "main", "index": 0 }]] },
		"Set": { "main": [[{ "node": "No Operation", "type": "main", "index": 0 }]] }
	},
	"settings": {}
}
JSON
	export N8N_USER_FOLDER="$folder" N8N_PORT="$port"
	echo "== n8n $version (user folder $folder)"

	"$here/n8n.sh" "$version" import:workflow --input="$folder/workflow.json" > "$folder/import.log" 2>&1 ||
		fail "import:workflow exited $? (see $folder/import.log)"
	echo "   import:workflow: $(tail -n 1 "$folder/import.log")"

	code=0
	"$here/n8n.sh" "$version" execute --id=smokeWorkflow001 --rawOutput > "$folder/execute.out" 2>&1 || code=$?
	# Judged by the printed run: n8n 1.123.81 under Node 24 often crashes on its way out (exit 139).
	# shellcheck disable=SC2016 # ${...} is JavaScript here
	node -e '
		const out = require("fs").readFileSync(process.argv[1], "utf8");
		const run = JSON.parse(out.slice(out.search(/^\{$/m)));
		const item = run.data.resultData.runData["No Operation"][0].data.main[0][0].json;
		if (run.status !== "success" || item.greeting !== "hello" || item.answer !== 42) process.exit(1);
		console.log(`   execute: exit ${process.argv[2]}, status ${run.status}, No Operation put out ${JSON.stringify(item)}`);
	' "$folder/execute.out" "$code" || fail "execute exited $code without the expected run (see $folder/execute.out)"

	"$here/n8n.sh" "$version" start > "$folder/start.log" 2>&1 &
	server=$!
	for _ in $(seq 1 180); do
		grep -q 'Editor is now accessible via' "$folder/start.log" && break
		kill -0 "$server" 2>/dev/null || fail "start exited early (see $folder/start.log)"
		sleep 1
	done
	health="$(curl -s -m 5 "http://localhost:$port/healthz" || true)"
	kill -TERM "$server"
	code=0
	wait "$server" || code=$?
	[ "$health" = '{"status":"ok"}' ] || fail "/healthz answered '$health' (see $folder/start.log)"
	echo "   start: up on port $port, /healthz $health, stopped with exit $code"
	rm -rf "$folder"
done
