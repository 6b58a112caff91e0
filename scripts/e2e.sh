#!/usr/bin/env bash
# The end-to-end suite: the built package in a real n8n of every pinned version
# (test/e2e/n8n-versions.json). Installs what it needs first (the package's dependencies,
# n8n and Node 24 into the cache, the browser tools) and rebuilds dist/ when any source is
# newer. Prints the reports (test-artifacts/e2e-report.md, and queue-report.md of the
# queue-mode suite, test/e2e/queue.e2e.test.ts) at the end, pass or fail.
#   N8N_E2E_VERSIONS=1.123.81 npm run test:e2e    only one version
#   npm run test:e2e -- -t KWIGA                   only tests whose name matches (jest -t)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
scripts/build-if-stale.sh
scripts/tools.sh >/dev/null
if [ -n "${N8N_E2E_VERSIONS:-}" ]; then
	IFS=',' read -r -a wanted <<< "$N8N_E2E_VERSIONS"
	scripts/n8n/install.sh "${wanted[@]}"
else
	scripts/n8n/install.sh
fi
rm -f test-artifacts/e2e-report.md test-artifacts/queue-report.md
status=0
npx jest -c jest.e2e.config.js "$@" || status=$?
for report in test-artifacts/e2e-report.md test-artifacts/queue-report.md; do
	if [ -f "$report" ]; then
		echo
		cat "$report"
	fi
done
exit "$status"
