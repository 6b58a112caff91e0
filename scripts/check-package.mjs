#!/usr/bin/env node
// Package checks on what `npm pack` would publish:
//  1. the tarball holds only dist/, package.json, README.md and LICENSE;
//  2. every node and credential that package.json's "n8n" section lists is in it;
//  3. n8n's own community-package analyzer (@n8n/scan-community-package's analyzePackage)
//     passes on the unpacked tarball and on the source tree (the files n8n lints in the
//     source its provenance points at), offline;
//  4. the package is eligible for n8n Cloud as `n8n-node cloud-support` judges it: strict
//     mode on, and eslint.config.mjs exactly @n8n/node-cli's default.
// Run `npm run build` first; scripts/tools.sh installs the analyzer.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');
const toolsDir = process.argv[2] ?? path.join(process.env.N8N_CACHE_DIR ?? path.join(process.env.HOME, '.cache/n8n-nodes-creator-commerce'), 'tools');
let failures = 0;
const check = (ok, message) => {
	console.log(`${ok ? 'ok  ' : 'FAIL'} ${message}`);
	if (!ok) failures++;
};

const work = mkdtempSync(path.join(tmpdir(), 'creator-commerce-pack-'));
try {
	const [packed] = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }),
	);
	const files = packed.files.map((file) => file.path).sort();
	const allowed = (file) => file.startsWith('dist/') || ['package.json', 'README.md', 'LICENSE'].includes(file);
	const stray = files.filter((file) => !allowed(file));
	check(stray.length === 0, `tarball holds only dist, package.json, README.md, LICENSE${stray.length ? `; also: ${stray.join(', ')}` : ''}`);
	for (const required of ['package.json', 'README.md', 'LICENSE']) check(files.includes(required), `tarball has ${required}`);

	const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
	for (const entry of [...manifest.n8n.nodes, ...manifest.n8n.credentials]) {
		check(files.includes(entry), `listed in package.json and packed: ${entry}`);
	}
	check(Object.keys(manifest.dependencies ?? {}).length === 0, 'no runtime dependencies');
	check(
		JSON.stringify(Object.keys(manifest.peerDependencies ?? {})) === '["n8n-workflow"]',
		'n8n-workflow is the only peer dependency',
	);

	// The n8n versions the package claims (package.json n8nCompatibility, shown in the README)
	// are the ones the end-to-end suite runs: tested = the pinned versions, and the oldest
	// supported version is the oldest pinned one.
	const pins = JSON.parse(readFileSync(path.join(root, 'test/e2e/n8n-versions.json'), 'utf8'));
	const compatibility = manifest.n8nCompatibility ?? {};
	const byVersion = (a, b) => a.localeCompare(b, 'en', { numeric: true });
	check(
		JSON.stringify([...(compatibility.tested ?? [])].sort(byVersion)) === JSON.stringify([...pins.n8n].sort(byVersion)),
		`n8nCompatibility.tested (${compatibility.tested}) = the n8n versions the e2e suite pins (${pins.n8n})`,
	);
	check(
		compatibility.supported === `>=${[...pins.n8n].sort(byVersion)[0]}`,
		`n8nCompatibility.supported (${compatibility.supported}) starts at the oldest pinned n8n`,
	);
	const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
	check(
		pins.n8n.every((version) => readme.includes(version)),
		'README names every n8n version the package is tested with',
	);

	execFileSync('tar', ['xzf', path.join(work, packed.filename), '-C', work]);
	const unpacked = path.join(work, 'package');
	const scanner = path.join(toolsDir, 'node_modules/@n8n/scan-community-package/scanner/scanner.mjs');
	const { analyzePackage, SOURCE_FILE_PATTERNS } = await import(pathToFileURL(scanner).href);
	const result = await analyzePackage(unpacked);
	if (!result.passed) console.log(result.message, result.details ?? '');
	check(result.passed, "n8n's community package analyzer passes on the unpacked tarball");
	const source = await analyzePackage(root, SOURCE_FILE_PATTERNS);
	if (!source.passed) console.log(source.message, source.details ?? '');
	check(source.passed, `n8n's community package analyzer passes on the source tree (${SOURCE_FILE_PATTERNS.join(', ')})`);

	const defaultLintConfig = "import { config } from '@n8n/node-cli/eslint'; export default config;";
	const lintConfig = readFileSync(path.join(root, 'eslint.config.mjs'), 'utf8').replace(/\s+/g, ' ').trim();
	check(
		manifest.n8n.strict === true && lintConfig === defaultLintConfig,
		'eligible for n8n Cloud (n8n-node cloud-support): "strict": true and the default eslint.config.mjs',
	);
} finally {
	rmSync(work, { recursive: true, force: true });
}

console.log(`${failures === 0 ? 'package checks passed' : `${failures} package check(s) failed`}`);
process.exit(failures === 0 ? 0 : 1);
