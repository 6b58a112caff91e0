#!/usr/bin/env node
/**
 * Benchmark of the KWIGA and GetCourse nodes in a real n8n (not a test: `npm test` and CI
 * never run it).
 *
 *   npm run bench                           every pinned n8n version (test/e2e/n8n-versions.json)
 *   npm run bench -- --versions=2.39.10     one version (or BENCH_N8N_VERSIONS=2.39.10)
 *   --items=500 (BENCH_ITEMS)               items in the burst
 *   --runs=5 (BENCH_RUNS)                   Return All runs of each node (medians)
 *   --contacts=5000 (BENCH_CONTACTS)        contacts the Return All walks
 *   --rows=100000 (BENCH_ROWS)              rows of the GetCourse users export
 *   --only=burst | list | getcourse         only these cases (comma-separated)
 *   --no-build                              pack dist/ as it is (else the package is built in
 *                                           a temporary copy of the sources; dist/ is not touched)
 *   --keep                                  keep the n8n user folders (named in the output)
 *   --trace=/tmp/burst                      write /tmp/burst-<version>.json: when the mock
 *                                           answered each request of the burst, and with what
 *
 * It builds the package (npm run build in a temporary copy of the sources), packs it,
 * installs the tarball into a fresh n8n user folder per version as n8n installs a community
 * package, serves the mocks (test/mocks/kwiga.ts, test/mocks/getcourse.ts) over HTTP and
 * runs workflows with `n8n execute`:
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
 * 3. GetCourse large export: GetCourse → Export → Users (Start and Wait for Rows) over a
 *    users export of 100,000 rows with the mock's Cyrillic column names, once with one item
 *    per row and once with Raw Output, beside a trivial workflow (Manual Trigger → No
 *    Operation) in the same n8n. Each `n8n execute` runs under /usr/bin/time, whose maximum
 *    resident set size is the n8n process's peak memory; the script also samples
 *    /proc/<pid>/status every 100 ms to give the peak while the GetCourse node ran (before
 *    n8n prints the run). Prints items out, the node's time (it includes the node's fixed
 *    10 s pause before its first status check) and the time from the ready answer to the
 *    node's end.
 *
 * The mock is TypeScript: it is loaded through a small require hook that transpiles .ts
 * with the `typescript` devDependency. Nothing here adds a dependency.
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import {
	closeSync,
	cpSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	openSync,
	readFileSync,
	readdirSync,
	rmSync,
	symlinkSync,
	writeFileSync,
} from 'node:fs';
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
		rows: { type: 'string', default: process.env.BENCH_ROWS ?? '100000' },
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
const ROWS = Number(flags.rows);
const CASES = ['burst', 'list', 'getcourse'];
const ONLY = flags.only ? flags.only.split(',').map((name) => name.trim()) : CASES;
for (const name of ONLY) {
	if (!CASES.includes(name)) throw new Error(`--only: "${name}" is none of ${CASES.join(', ')}`);
}
const want = (name) => ONLY.includes(name);
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
const { GetCourseMock } = requireTs('test/mocks/getcourse.ts');
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

/** What `npm run build` and `npm pack` read; node_modules is linked, not copied. */
const BUILD_INPUTS = [
	'package.json',
	'tsconfig.json',
	'tsconfig.build.json',
	'gulpfile.js',
	'index.js',
	'README.md',
	'LICENSE',
	'nodes',
	'credentials',
	'icons',
];

/**
 * The packed package, in a temporary folder (removed with it at the end). The build runs in
 * a copy of the sources, so that dist/ stays as it is for anyone running tests meanwhile.
 */
function buildAndPack() {
	const destination = mkdtempSync(path.join(os.tmpdir(), 'creator-commerce-bench-tgz-'));
	let packFrom = ROOT;
	if (!flags['no-build']) {
		packFrom = path.join(destination, 'source');
		mkdirSync(packFrom);
		for (const entry of BUILD_INPUTS) cpSync(path.join(ROOT, entry), path.join(packFrom, entry), { recursive: true });
		symlinkSync(path.join(ROOT, 'node_modules'), path.join(packFrom, 'node_modules'));
		console.log(`== npm run build (in ${packFrom})`);
		execFileSync('npm', ['run', 'build'], { cwd: packFrom, stdio: ['ignore', 'ignore', 'inherit'] });
	}
	const [packed] = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--pack-destination', destination], {
			cwd: packFrom,
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

const TIME = '/usr/bin/time';

/** A /proc/<pid>/status value in kB (VmRSS, VmHWM), 0 when the process is gone. */
function statusKb(pid, field) {
	try {
		const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return match ? Number(match[1]) : 0;
	} catch {
		return 0;
	}
}

/** A process and all its descendants (Linux /proc/<pid>/task/<tid>/children). */
function processTree(pid) {
	const found = [pid];
	for (let index = 0; index < found.length; index++) {
		try {
			for (const task of readdirSync(`/proc/${found[index]}/task`)) {
				const children = readFileSync(`/proc/${found[index]}/task/${task}/children`, 'utf8').trim();
				if (children) found.push(...children.split(/\s+/).map(Number));
			}
		} catch {
			// gone meanwhile
		}
	}
	return found;
}

/**
 * Samples the memory of a process tree every `everyMs`: the biggest process's resident set
 * over time (for the peak within a time window), and the peak of the whole tree's sum.
 */
function memorySampler(rootPid, everyMs = 100) {
	const samples = [];
	let treePeakKb = 0;
	const sample = () => {
		let biggest = 0;
		let sum = 0;
		for (const pid of processTree(rootPid)) {
			const rss = statusKb(pid, 'VmRSS');
			sum += rss;
			biggest = Math.max(biggest, rss);
		}
		if (sum) samples.push({ at: Date.now(), rssKb: biggest });
		treePeakKb = Math.max(treePeakKb, sum);
	};
	const timer = setInterval(sample, everyMs);
	return {
		stop() {
			clearInterval(timer);
		},
		/** The biggest process's highest sampled RSS between two moments (ms since the epoch). */
		peakBetween(from, to) {
			return samples.filter((s) => s.at >= from && s.at <= to).reduce((max, s) => Math.max(max, s.rssKb), 0);
		},
		/** When the biggest process's highest sample was taken. */
		get peakAt() {
			return samples.reduce((best, s) => (s.rssKb > best.rssKb ? s : best), { at: 0, rssKb: 0 }).at;
		},
		/** The biggest process's last sampled RSS at or before a moment. */
		rssAt(at) {
			return samples.filter((s) => s.at <= at).at(-1)?.rssKb ?? 0;
		},
		get treePeakKb() {
			return treePeakKb;
		},
	};
}

/**
 * Runs an n8n CLI command, output to files (a pipe can lose the end of a large run). With
 * `measure`, it runs under /usr/bin/time (maxRssKb: the peak resident set of the biggest
 * process, the n8n process) and its memory is sampled meanwhile (`memory`).
 */
async function cli(version, userFolder, args, timeoutMs = 600_000, measure = false) {
	const base = path.join(userFolder, `cli-${Date.now()}-${Math.random().toString(36).slice(2)}`);
	const out = openSync(`${base}.out`, 'w');
	const err = openSync(`${base}.err`, 'w');
	const timed = measure && existsSync(TIME);
	const [command, commandArgs] = timed
		? [TIME, ['-f', '%M', '-o', `${base}.time`, N8N_SH, version, ...args]]
		: [N8N_SH, [version, ...args]];
	const started = Date.now();
	let memory;
	const code = await new Promise((resolve, reject) => {
		const child = spawn(command, commandArgs, { env: n8nEnv(userFolder), stdio: ['ignore', out, err] });
		if (measure) memory = memorySampler(child.pid);
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`n8n ${args.join(' ')} took over ${timeoutMs} ms`));
		}, timeoutMs);
		child.on('close', (exitCode, signal) => {
			clearTimeout(timer);
			resolve(exitCode ?? (signal === 'SIGSEGV' ? 139 : -1));
		});
	}).finally(() => memory?.stop());
	closeSync(out);
	closeSync(err);
	const result = {
		code,
		wallMs: Date.now() - started,
		stdout: readFileSync(`${base}.out`, 'utf8'),
		stderr: readFileSync(`${base}.err`, 'utf8'),
		memory,
	};
	if (timed) {
		// GNU time writes "Command exited with non-zero status N" before the figure when n8n fails.
		const lines = readFileSync(`${base}.time`, 'utf8').trim().split('\n');
		result.maxRssKb = Number(lines[lines.length - 1]);
		rmSync(`${base}.time`);
	}
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
async function execute(version, userFolder, workflowId, measure = false) {
	const result = await cli(version, userFolder, ['execute', `--id=${workflowId}`, '--rawOutput'], 600_000, measure);
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
	return { run, wallMs: result.wallMs, maxRssKb: result.maxRssKb, memory: result.memory };
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

const GETCOURSE = {
	nodeType: 'n8n-nodes-creator-commerce.getCourse',
	credentialType: 'getCourseApi',
	credential: { id: 'benchcredgetcrs1', name: 'GetCourse (bench)' },
	key: 'bench-getcourse-key',
	ids: { items: 'benchgcexport001', raw: 'benchgcexportraw', baseline: 'benchbaseline001' },
};

/** GetCourse → Export → Users, Start and Wait for Rows: one item per row, or Raw Output. */
function getCourseExportWorkflow(raw) {
	return workflow(
		raw ? GETCOURSE.ids.raw : GETCOURSE.ids.items,
		`Bench: GetCourse export of ${ROWS} users${raw ? ' (Raw Output)' : ''}`,
		[
			trigger(),
			node(
				'GetCourse',
				GETCOURSE.nodeType,
				1,
				200,
				{
					resource: 'export',
					operation: 'users',
					mode: 'wait',
					filters: { status: 'active' },
					exportOptions: raw ? { rawOutput: true } : {},
				},
				{ credentials: { [GETCOURSE.credentialType]: GETCOURSE.credential } },
			),
		],
	);
}

/** What n8n itself takes for `n8n execute` of a workflow that does nothing. */
function baselineWorkflow() {
	return workflow(GETCOURSE.ids.baseline, 'Bench: baseline (Manual Trigger → No Operation)', [
		trigger(),
		node('No Operation', 'n8n-nodes-base.noOp', 1, 200, {}),
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

const FIRST_NAMES = ['Анна', 'Борис', 'Вера', 'Глеб', 'Дарья', 'Егор', 'Жанна', 'Илья', 'Ксения', 'Лев'];
const LAST_NAMES = ['Иванова', 'Петров', 'Смирнова', 'Кузнецов', 'Попова', 'Соколов', 'Лебедева', 'Козлов'];
const CITIES = ['Москва', 'Санкт-Петербург', 'Казань', 'Новосибирск', 'Екатеринбург', ''];

/** A GetCourse mock with `rows` users (Cyrillic names and cities), its export ready at the first status check. */
function bigGetCourseMock(rows) {
	const mock = new GetCourseMock({ key: GETCOURSE.key, notReadyChecks: 0, seed: false });
	const start = Date.now() - 365 * 86_400_000;
	for (let index = 0; index < rows; index++) {
		mock.addUser({
			email: `student${index + 1}@example.com`,
			first_name: FIRST_NAMES[index % FIRST_NAMES.length],
			last_name: LAST_NAMES[index % LAST_NAMES.length],
			phone: `+7900${String(index).padStart(7, '0')}`,
			city: CITIES[index % CITIES.length],
			country: 'Россия',
			created_at: start + index * 300_000,
		});
	}
	return mock;
}

/** kB as MB; n/a without /usr/bin/time (apt-get install time). */
const mb = (kb) => (Number.isFinite(kb) ? `${(kb / 1024).toFixed(0)} MB` : 'n/a');

async function largeExport(version, userFolder, served) {
	const expected = ROWS;
	console.log(`  GetCourse large export: Export → Users, Start and Wait for Rows, over ${ROWS} rows`);
	const baseline = await execute(version, userFolder, GETCOURSE.ids.baseline, true);
	console.log(`    baseline (Manual Trigger → No Operation)   peak ${mb(baseline.maxRssKb)} (sampled tree peak ${mb(baseline.memory.treePeakKb)}), wall ${seconds(baseline.wallMs)}`);
	const result = { baselineKb: baseline.maxRssKb, expected };
	for (const raw of [false, true]) {
		const mock = bigGetCourseMock(ROWS);
		served.reset(mock);
		const { run, wallMs, maxRssKb, memory } = await execute(
			version,
			userFolder,
			raw ? GETCOURSE.ids.raw : GETCOURSE.ids.items,
			true,
		);
		const items = itemsOf(run, 'GetCourse');
		const rows = raw ? (items[0]?.items?.length ?? 0) : items.length;
		if (raw ? items.length !== 1 || rows !== expected : rows !== expected) {
			throw new Error(`GetCourse${raw ? ' (Raw Output)' : ''}: ${items.length} items, ${rows} rows; expected ${expected} rows`);
		}
		if (!raw && (items[expected - 1].Email !== `student${ROWS}@example.com` || !('Тип регистрации' in items[0]))) {
			throw new Error(`GetCourse: the items are not keyed by the export's columns: ${JSON.stringify(items[0])}`);
		}
		const { executionTime: nodeMs, startTime } = nodeRun(run, 'GetCourse');
		const ready = served.answers.findLast((answer) => answer.status === 200)?.at ?? startTime;
		const whileNodeKb = memory.peakBetween(startTime, startTime + nodeMs);
		const atStartKb = memory.rssAt(startTime);
		const entry = {
			items: items.length,
			rows,
			requests: mock.requests.length,
			nodeMs,
			afterReadyMs: startTime + nodeMs - ready,
			wallMs,
			peakKb: maxRssKb,
			whileNodeKb,
			atStartKb,
			treePeakKb: memory.treePeakKb,
		};
		result[raw ? 'raw' : 'items'] = entry;
		const label = raw ? 'Raw Output (1 item, fields + items)' : 'one item per row';
		console.log(`    ${label.padEnd(40)}   items out ${entry.items} (${rows} rows), ${entry.requests} requests to the mock`);
		console.log(`      peak memory of n8n (time -v)             ${mb(maxRssKb)} = baseline + ${mb(maxRssKb - baseline.maxRssKb)} (sampled tree peak ${mb(memory.treePeakKb)})`);
		console.log(`      peak while the GetCourse node ran        ${mb(whileNodeKb)} = ${mb(atStartKb)} when it started + ${mb(whileNodeKb - atStartKb)} (sampled every 100 ms; the rest of the peak comes after the node, as n8n stores and prints the run)`);
		console.log(`      highest sample taken                     ${seconds(memory.peakAt - (startTime + nodeMs))} after the node ended`);
		console.log(`      node time                                ${seconds(nodeMs)} (10 s of it the pause before the first status check); ready answer → node end ${seconds(entry.afterReadyMs)}`);
		console.log(`      n8n execute wall time                    ${seconds(wallMs)}`);
	}
	return result;
}

async function benchVersion(version, tarball) {
	const userFolder = mkdtempSync(path.join(os.tmpdir(), `n8n-bench-${version}-`));
	console.log(`\n== n8n ${version} (user folder ${userFolder}; load average ${load()})`);
	const burstServed = await servedMock();
	const listServed = await servedMock();
	const getCourseServed = await servedMock();
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
			{
				...GETCOURSE.credential,
				type: GETCOURSE.credentialType,
				data: { account: getCourseServed.url, secretKey: GETCOURSE.key },
			},
		]);
		await importJson(version, userFolder, 'import:workflow', [
			burstWorkflow(ITEMS),
			kwigaListWorkflow(),
			httpListWorkflow(listServed.url),
			getCourseExportWorkflow(false),
			getCourseExportWorkflow(true),
			baselineWorkflow(),
		]);
		const result = { version };
		if (want('burst')) result.burst = await burst(version, userFolder, burstServed);
		if (want('list')) result.list = await returnAll(version, userFolder, listServed);
		if (want('getcourse')) result.getcourse = await largeExport(version, userFolder, getCourseServed);
		console.log(`  load average now ${load()}`);
		return result;
	} finally {
		await burstServed.close();
		await listServed.close();
		await getCourseServed.close();
		if (!flags.keep) rmSync(userFolder, { recursive: true, force: true });
	}
}

async function main() {
	console.log(`Benchmark (${ONLY.join(', ')}): n8n ${VERSIONS.join(', ')}; ${os.cpus().length} cores, load average ${load()}`);
	const tarball = buildAndPack();
	const results = [];
	try {
		for (const version of VERSIONS) results.push(await benchVersion(version, tarball));
	} finally {
		rmSync(path.dirname(tarball), { recursive: true, force: true });
	}
	console.log('\n== Summary');
	for (const { version, burst: b, list: l, getcourse: g } of results) {
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
		if (g) {
			const one = (label, e) =>
				`${label} ${e.items} items, peak ${mb(e.peakKb)} (+${mb(e.peakKb - g.baselineKb)}; ${mb(e.whileNodeKb)} while the node ran, +${mb(e.whileNodeKb - e.atStartKb)} over its start), node ${seconds(e.nodeMs)}`;
			parts.push(
				`GetCourse export of ${g.expected} rows: baseline ${mb(g.baselineKb)}; ${one('items', g.items)}; ${one('Raw Output', g.raw)}`,
			);
		}
		console.log(`  n8n ${version}: ${parts.join('; ')}`);
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
