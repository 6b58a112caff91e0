#!/usr/bin/env node
/**
 * Benchmark of the KWIGA node in a real n8n (not a test: `npm test` and CI never run it).
 *
 *   npm run bench                           every pinned n8n version (test/e2e/n8n-versions.json)
 *   npm run bench -- --versions=2.39.10     one version (or BENCH_N8N_VERSIONS=2.39.10)
 *   --items=500 (BENCH_ITEMS)               items in the burst
 *   --runs=5 (BENCH_RUNS)                   Return All runs of each node (medians)
 *   --contacts=5000 (BENCH_CONTACTS)        contacts the Return All walks
 *   --only=burst | --only=list              one of the two
 *   --no-build                              use dist/ as it is
 *   --keep                                  keep the n8n user folders (named in the output)
 *   --trace=/tmp/burst                      write /tmp/burst-<version>.json: when the mock
 *                                           answered each request of the burst, and with what
 *
 * It builds the package (npm run build), packs it, installs the tarball into a fresh n8n
 * user folder per version as n8n installs a community package, serves the KWIGA mock
 * (test/mocks/kwiga.ts) over HTTP and runs workflows with `n8n execute`:
 *
 * 1. Burst: N items (default 500) into KWIGA → Contact → Get, against a mock that allows
 *    20 requests per 2 s (fixed window, 429 with Retry-After), with the credential set to
 *    20 per 2 s. Prints items ok / failed, requests the mock saw, 429s, the node's
 *    executionTime and the ideal (items ÷ rate). Targets: all ok, ≤ 5 % 429s, node time
 *    within 15 % of the ideal.
 * 2. Return All over 5,000 contacts (50 pages of 100): KWIGA → Contact → Get Many versus
 *    n8n's HTTP Request node (the same KWIGA credential as its predefined credential type,
 *    page parameter, complete when meta.current_page >= meta.last_page) + Split Out on
 *    `data`; runs alternate, a fresh mock (200 a minute) each; medians of 5 each.
 *    Target: KWIGA ≤ 1.0× the HTTP Request node.
 *
 * The mock is TypeScript: it is loaded through a small require hook that transpiles .ts
 * with the `typescript` devDependency. Nothing here adds a dependency.
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const N8N_SH = path.join(ROOT, 'scripts/n8n/n8n.sh');
const require = createRequire(import.meta.url);
const pinned = JSON.parse(readFileSync(path.join(ROOT, 'test/e2e/n8n-versions.json'), 'utf8'));

const { values: flags } = parseArgs({
	options: {
		versions: { type: 'string', default: process.env.BENCH_N8N_VERSIONS ?? pinned.n8n.join(',') },
		items: { type: 'string', default: process.env.BENCH_ITEMS ?? '500' },
		runs: { type: 'string', default: process.env.BENCH_RUNS ?? '5' },
		contacts: { type: 'string', default: process.env.BENCH_CONTACTS ?? '5000' },
		only: { type: 'string' },
		'no-build': { type: 'boolean', default: false },
		keep: { type: 'boolean', default: false },
		trace: { type: 'string' },
		help: { type: 'boolean', default: false },
	},
});
if (flags.help) {
	console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('*/')[0]);
	process.exit(0);
}
const VERSIONS = flags.versions.split(',').map((v) => v.trim()).filter(Boolean);
const ITEMS = Number(flags.items);
const RUNS = Number(flags.runs);
const CONTACTS = Number(flags.contacts);
/** The burst's limit, on the mock and in the credential: 20 requests per 2 seconds. */
const BURST_RATE = { requests: 20, windowSeconds: 2 };
const PAGE_SIZE = 100;
/** The credential's token and cabinet hash, which every mock checks. */
const ACCOUNT = { token: 'bench-token', cabinetHash: 'bench-cabinet' };

// ---------------------------------------------------------------------------------------
// The TypeScript mock, transpiled on load
// ---------------------------------------------------------------------------------------

function requireTs(file) {
	const ts = require('typescript');
	if (!Module._extensions['.ts']) {
		Module._extensions['.ts'] = (module, filename) => {
			const { outputText } = ts.transpileModule(readFileSync(filename, 'utf8'), {
				fileName: filename,
				compilerOptions: {
					module: ts.ModuleKind.CommonJS,
					target: ts.ScriptTarget.ES2022,
					esModuleInterop: true,
				},
			});
			module._compile(outputText, filename);
		};
	}
	return require(path.join(ROOT, file));
}

const { KwigaMock } = requireTs('test/mocks/kwiga.ts');
const { serveMock } = requireTs('test/mocks/http.ts');

// ---------------------------------------------------------------------------------------
// The package and a real n8n
// ---------------------------------------------------------------------------------------

/** n8n's environment: none of npm's or jest's settings (n8n.sh sets the rest). */
function n8nEnv(userFolder) {
	const env = { ...process.env };
	delete env.NODE_ENV;
	delete env.JEST_WORKER_ID;
	for (const key of Object.keys(env)) if (/^npm_/i.test(key)) delete env[key];
	return { ...env, N8N_USER_FOLDER: userFolder };
}

function buildAndPack() {
	if (!flags['no-build']) {
		console.log('== npm run build');
		execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
	}
	const destination = mkdtempSync(path.join(os.tmpdir(), 'creator-commerce-bench-tgz-'));
	const [packed] = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--pack-destination', destination], {
			cwd: ROOT,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'ignore'],
		}),
	);
	return path.join(destination, packed.filename);
}

/** Installs the tarball into <user folder>/.n8n/nodes, as n8n installs a community package. */
function installPackage(userFolder, tarball) {
	const nodesDir = path.join(userFolder, '.n8n/nodes');
	mkdirSync(nodesDir, { recursive: true });
	writeFileSync(
		path.join(nodesDir, 'package.json'),
		JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }),
	);
	execFileSync(
		'npm',
		['install', tarball, '--ignore-scripts', '--legacy-peer-deps', '--no-audit', '--no-fund', '--loglevel=error'],
		{ cwd: nodesDir, stdio: ['ignore', 'ignore', 'inherit'] },
	);
}

/** Runs an n8n CLI command, output to files (a pipe can lose the end of a large run). */
async function cli(version, userFolder, args, timeoutMs = 600_000) {
	const base = path.join(userFolder, `cli-${Date.now()}-${Math.random().toString(36).slice(2)}`);
	const out = openSync(`${base}.out`, 'w');
	const err = openSync(`${base}.err`, 'w');
	const started = Date.now();
	const code = await new Promise((resolve, reject) => {
		const child = spawn(N8N_SH, [version, ...args], { env: n8nEnv(userFolder), stdio: ['ignore', out, err] });
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`n8n ${args.join(' ')} took over ${timeoutMs} ms`));
		}, timeoutMs);
		child.on('close', (exitCode, signal) => {
			clearTimeout(timer);
			resolve(exitCode ?? (signal === 'SIGSEGV' ? 139 : -1));
		});
	});
	closeSync(out);
	closeSync(err);
	const result = {
		code,
		wallMs: Date.now() - started,
		stdout: readFileSync(`${base}.out`, 'utf8'),
		stderr: readFileSync(`${base}.err`, 'utf8'),
	};
	rmSync(`${base}.out`);
	rmSync(`${base}.err`);
	return result;
}

async function importJson(version, userFolder, command, data) {
	const file = path.join(userFolder, `${command.replace(':', '-')}.json`);
	writeFileSync(file, JSON.stringify(data));
	const result = await cli(version, userFolder, [command, `--input=${file}`]);
	if (result.code !== 0) throw new Error(`${command} failed (${result.code}):\n${result.stdout}\n${result.stderr}`);
}

/**
 * `n8n execute --id --rawOutput` and the run it prints, as JSON from a line "{" to the next
 * line "}" (n8n 1.x may exit 139 after a complete run; 2.x logs lines after the JSON).
 */
async function execute(version, userFolder, workflowId) {
	const result = await cli(version, userFolder, ['execute', `--id=${workflowId}`, '--rawOutput']);
	const lines = result.stdout.split('\n');
	const first = lines.indexOf('{');
	const last = lines.indexOf('}', first);
	let run;
	if (first >= 0 && last > first) {
		try {
			run = JSON.parse(lines.slice(first, last + 1).join('\n'));
		} catch {
			run = undefined;
		}
	}
	if (!run) {
		throw new Error(`n8n execute printed no run data (exit ${result.code}):\n${result.stdout.slice(-3000)}\n${result.stderr}`);
	}
	const error = run.data?.resultData?.error;
	if (error) throw new Error(`the workflow failed: ${error.message}`);
	return { run, wallMs: result.wallMs };
}

function nodeRun(run, name) {
	const first = run.data.resultData.runData[name]?.[0];
	if (!first) throw new Error(`node "${name}" did not run`);
	return first;
}

function itemsOf(run, name) {
	return (nodeRun(run, name).data?.main?.[0] ?? []).map((item) => item.json);
}

// ---------------------------------------------------------------------------------------
// Workflows
// ---------------------------------------------------------------------------------------

const NODE_TYPE = 'n8n-nodes-creator-commerce.kwiga';
const CREDENTIAL_TYPE = 'kwigaApi';
const IDS = { burst: 'benchburst000001', kwigaList: 'benchkwigalist01', httpList: 'benchhttplist001' };
const CREDENTIALS = {
	burst: { id: 'benchcredburst01', name: 'KWIGA (bench, 20 per 2 s)' },
	list: { id: 'benchcredlist001', name: 'KWIGA (bench)' },
};

function node(name, type, typeVersion, x, parameters, extra = {}) {
	return { id: randomUUID(), name, type, typeVersion, position: [x, 0], parameters, ...extra };
}

/** Nodes in a row, each into the next. */
function workflow(id, name, nodes) {
	const connections = {};
	for (let index = 0; index + 1 < nodes.length; index++) {
		connections[nodes[index].name] = { main: [[{ node: nodes[index + 1].name, type: 'main', index: 0 }]] };
	}
	return { id, name, active: false, settings: { executionOrder: 'v1' }, nodes, connections };
}

const trigger = () => node('Manual Trigger', 'n8n-nodes-base.manualTrigger', 1, 0, {});

function burstWorkflow(items) {
	return workflow(IDS.burst, `Bench: ${items} items into KWIGA Contact Get`, [
		trigger(),
		node('Make IDs', 'n8n-nodes-base.set', 3.4, 200, {
			assignments: {
				assignments: [
					{ id: randomUUID(), name: 'id', type: 'array', value: `={{ Array.from({ length: ${items} }, (_, i) => i + 1) }}` },
				],
			},
			options: {},
		}),
		node('One Item per ID', 'n8n-nodes-base.splitOut', 1, 400, { fieldToSplitOut: 'id', options: {} }),
		node(
			'KWIGA',
			NODE_TYPE,
			1,
			600,
			{ resource: 'contact', operation: 'get', contactId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
			{ credentials: { [CREDENTIAL_TYPE]: CREDENTIALS.burst }, onError: 'continueRegularOutput' },
		),
	]);
}

function kwigaListWorkflow() {
	return workflow(IDS.kwigaList, 'Bench: KWIGA Contact Get Many, Return All', [
		trigger(),
		node(
			'KWIGA',
			NODE_TYPE,
			1,
			200,
			{ resource: 'contact', operation: 'getAll', returnAll: true, filters: {}, options: {} },
			{ credentials: { [CREDENTIAL_TYPE]: CREDENTIALS.list } },
		),
	]);
}

/** What a user builds without the package: the same 50 requests, oldest first, pages split. */
function httpListWorkflow(baseUrl) {
	return workflow(IDS.httpList, 'Bench: HTTP Request with pagination + Split Out', [
		trigger(),
		node(
			'HTTP Request',
			'n8n-nodes-base.httpRequest',
			4.2,
			200,
			{
				method: 'GET',
				url: `${baseUrl}/contacts`,
				authentication: 'predefinedCredentialType',
				nodeCredentialType: CREDENTIAL_TYPE,
				sendQuery: true,
				queryParameters: {
					parameters: [
						{ name: 'per_page', value: String(PAGE_SIZE) },
						{ name: 'sort', value: 'asc' },
					],
				},
				sendHeaders: true,
				headerParameters: { parameters: [{ name: 'Accept', value: 'application/json' }] },
				options: {
					pagination: {
						pagination: {
							paginationMode: 'updateAParameterInEachRequest',
							parameters: { parameters: [{ type: 'qs', name: 'page', value: '={{ $pageCount + 1 }}' }] },
							paginationCompleteWhen: 'other',
							completeExpression: '={{ $response.body.meta.current_page >= $response.body.meta.last_page }}',
						},
					},
				},
			},
			{ credentials: { [CREDENTIAL_TYPE]: CREDENTIALS.list } },
		),
		node('Split Out', 'n8n-nodes-base.splitOut', 1, 400, { fieldToSplitOut: 'data', options: {} }),
	]);
}

// ---------------------------------------------------------------------------------------
// Measuring
// ---------------------------------------------------------------------------------------

const median = (values) => {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
const mark = (met) => (met ? 'target met' : 'TARGET MISSED');
const load = () => os.loadavg().map((value) => value.toFixed(2)).join(' / ');

/** A served mock whose handler can be swapped, counting the 429s it answered. */
async function servedMock() {
	const state = { mock: undefined, throttled: 0, answers: [] };
	const served = await serveMock(async (request) => {
		const response = await state.mock.handle(request);
		if (response.status === 429) state.throttled++;
		state.answers.push({ at: Date.now(), status: response.status });
		return response;
	});
	return {
		url: served.url,
		close: served.close,
		reset(mock) {
			state.mock = mock;
			state.throttled = 0;
			state.answers = [];
		},
		/** When each request was answered, and with which status. */
		get answers() {
			return state.answers;
		},
		get mock() {
			return state.mock;
		},
		get throttled() {
			return state.throttled;
		},
	};
}

async function burst(version, userFolder, served) {
	const mock = new KwigaMock({
		...ACCOUNT,
		contacts: ITEMS,
		requestsPerMinute: BURST_RATE.requests,
		windowMs: BURST_RATE.windowSeconds * 1000,
	});
	served.reset(mock);
	const { run, wallMs } = await execute(version, userFolder, IDS.burst);
	const items = itemsOf(run, 'KWIGA');
	const ok = items.filter((item) => item.error === undefined && typeof item.id === 'number').length;
	const failed = items.filter((item) => item.error !== undefined);
	const requests = mock.requests.length;
	const throttled = served.throttled;
	const { executionTime: nodeMs, startTime } = nodeRun(run, 'KWIGA');
	const answers = served.answers;
	// Where the node's time went: n8n builds every item's request before the first leaves.
	const firstMs = answers.length ? answers[0].at - startTime : 0;
	const lastMs = answers.length ? answers[answers.length - 1].at - startTime : 0;
	const throttledAt = answers.filter((answer) => answer.status === 429).map((answer) => answer.at - startTime);
	if (flags.trace) {
		const trace = answers.map((answer) => ({ ms: answer.at - startTime, status: answer.status }));
		writeFileSync(`${flags.trace}-${version}.json`, JSON.stringify(trace));
	}
	const idealMs = (ITEMS / (BURST_RATE.requests / BURST_RATE.windowSeconds)) * 1000;
	const share = requests ? throttled / requests : 0;
	const result = { ok, failed: failed.length, requests, throttled, nodeMs, idealMs, wallMs, firstMs, lastMs };
	console.log(`  Burst: ${ITEMS} items into Contact → Get, limit ${BURST_RATE.requests} per ${BURST_RATE.windowSeconds} s`);
	console.log(`    items ok / failed      ${ok} / ${failed.length}${failed.length ? `  (first error: ${failed[0].error})` : ''}   ${mark(ok === ITEMS)}`);
	console.log(`    requests (mock)        ${requests}`);
	console.log(`    answered 429           ${throttled} (${(share * 100).toFixed(1)} %)   ${mark(share <= 0.05)}`);
	console.log(`    node time              ${seconds(nodeMs)}, ideal ${seconds(idealMs)} (items ÷ rate): ${nodeMs >= idealMs ? "+" : ""}${((nodeMs / idealMs - 1) * 100).toFixed(1)} %   ${mark(nodeMs <= idealMs * 1.15)}`);
	console.log(`    first / last answer    ${seconds(firstMs)} / ${seconds(lastMs)} after the node started (the gate's pace from first to last: ${seconds(Math.ceil(ITEMS / BURST_RATE.requests - 1) * (BURST_RATE.windowSeconds * 1000 + Math.min(1000, BURST_RATE.windowSeconds * 50)))})`);
	if (throttledAt.length) {
		console.log(`    429s answered at       ${seconds(Math.min(...throttledAt))} – ${seconds(Math.max(...throttledAt))} after the node started`);
	}
	console.log(`    n8n execute wall time  ${seconds(wallMs)}`);
	return result;
}

async function returnAll(version, userFolder, served) {
	const kwiga = [];
	const http = [];
	const pages = Math.ceil(CONTACTS / PAGE_SIZE);
	console.log(`  Return All: ${CONTACTS} contacts, ${pages} pages of ${PAGE_SIZE}, ${RUNS} runs each (alternating)`);
	for (let index = 0; index < RUNS; index++) {
		for (const which of ['kwiga', 'http']) {
			const mock = new KwigaMock({ ...ACCOUNT, contacts: CONTACTS });
			served.reset(mock);
			const id = which === 'kwiga' ? IDS.kwigaList : IDS.httpList;
			const { run } = await execute(version, userFolder, id);
			const out = which === 'kwiga' ? itemsOf(run, 'KWIGA') : itemsOf(run, 'Split Out');
			const ms =
				which === 'kwiga'
					? nodeRun(run, 'KWIGA').executionTime
					: nodeRun(run, 'HTTP Request').executionTime + nodeRun(run, 'Split Out').executionTime;
			const ids = new Set(out.map((item) => item.id));
			if (out.length !== CONTACTS || ids.size !== CONTACTS || mock.requests.length !== pages || served.throttled) {
				throw new Error(
					`${which} run ${index + 1}: ${out.length} items (${ids.size} distinct), ${mock.requests.length} requests, ${served.throttled} 429s; expected ${CONTACTS} items in ${pages} requests`,
				);
			}
			(which === 'kwiga' ? kwiga : http).push(ms);
			console.log(`    run ${index + 1} ${which === 'kwiga' ? 'KWIGA node  ' : 'HTTP Request'} ${ms} ms (${mock.requests.length} requests, ${out.length} items)`);
		}
	}
	const result = { kwigaMs: median(kwiga), httpMs: median(http), kwiga, http };
	result.ratio = result.kwigaMs / result.httpMs;
	console.log(`    median KWIGA → Contact → Get Many (Return All)   ${result.kwigaMs} ms (best ${Math.min(...kwiga)} ms)`);
	console.log(`    median HTTP Request (pagination) + Split Out     ${result.httpMs} ms (best ${Math.min(...http)} ms)`);
	const pairs = kwiga.map((ms, index) => ms / http[index]);
	result.faster = pairs.filter((ratio) => ratio < 1).length;
	console.log(`    ratio of the medians                             ${result.ratio.toFixed(2)}×   ${mark(result.ratio <= 1.0)}`);
	console.log(`    per pair (run i of each)                         median ${median(pairs).toFixed(2)}×, KWIGA faster in ${result.faster} of ${pairs.length}`);
	return result;
}

async function benchVersion(version, tarball) {
	const userFolder = mkdtempSync(path.join(os.tmpdir(), `n8n-bench-${version}-`));
	console.log(`\n== n8n ${version} (user folder ${userFolder}; load average ${load()})`);
	const burstServed = await servedMock();
	const listServed = await servedMock();
	try {
		installPackage(userFolder, tarball);
		const account = { token: ACCOUNT.token, cabinetHash: ACCOUNT.cabinetHash, language: 'en' };
		await importJson(version, userFolder, 'import:credentials', [
			{
				...CREDENTIALS.burst,
				type: CREDENTIAL_TYPE,
				data: {
					...account,
					baseUrl: burstServed.url,
					rateLimitRequests: BURST_RATE.requests,
					rateLimitWindowSeconds: BURST_RATE.windowSeconds,
				},
			},
			{
				...CREDENTIALS.list,
				type: CREDENTIAL_TYPE,
				data: { ...account, baseUrl: listServed.url, rateLimitRequests: 200, rateLimitWindowSeconds: 60 },
			},
		]);
		await importJson(version, userFolder, 'import:workflow', [
			burstWorkflow(ITEMS),
			kwigaListWorkflow(),
			httpListWorkflow(listServed.url),
		]);
		const result = { version };
		if (flags.only !== 'list') result.burst = await burst(version, userFolder, burstServed);
		if (flags.only !== 'burst') result.list = await returnAll(version, userFolder, listServed);
		console.log(`  load average now ${load()}`);
		return result;
	} finally {
		await burstServed.close();
		await listServed.close();
		if (!flags.keep) rmSync(userFolder, { recursive: true, force: true });
	}
}

async function main() {
	console.log(`KWIGA benchmark: n8n ${VERSIONS.join(', ')}; ${os.cpus().length} cores, load average ${load()}`);
	const tarball = buildAndPack();
	const results = [];
	try {
		for (const version of VERSIONS) results.push(await benchVersion(version, tarball));
	} finally {
		rmSync(path.dirname(tarball), { recursive: true, force: true });
	}
	console.log('\n== Summary');
	for (const { version, burst: b, list: l } of results) {
		const parts = [];
		if (b) {
			parts.push(
				`burst ${b.ok} ok / ${b.failed} failed, ${b.requests} requests, ${b.throttled} × 429, node ${seconds(b.nodeMs)} (ideal ${seconds(b.idealMs)})`,
			);
		}
		if (l) {
			parts.push(
				`Return All ${l.kwigaMs} ms vs HTTP Request ${l.httpMs} ms = ${l.ratio.toFixed(2)}× (KWIGA faster in ${l.faster} of ${l.kwiga.length} pairs)`,
			);
		}
		console.log(`  n8n ${version}: ${parts.join('; ')}`);
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
