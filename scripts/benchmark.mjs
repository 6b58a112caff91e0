#!/usr/bin/env node
/**
 * Benchmark of the package's nodes in a real n8n (not a test: `npm test` and CI never run it).
 *
 *   npm run bench                           every pinned n8n version (test/e2e/n8n-versions.json)
 *   npm run bench -- --versions=2.39.10     one version (or BENCH_N8N_VERSIONS=2.39.10)
 *   --only=list,growth,editor,burst,getcourse   only these cases (comma-separated; default all)
 *   --runs=9 (BENCH_RUNS)                   runs of each node in list and growth (medians)
 *   --records=5000 (BENCH_RECORDS)          records each list walks
 *   --growth=1000,20000                     further list sizes for the growth check
 *   --growth-platforms=kwiga                platforms the growth check runs (kwiga,kajabi,boomerangme)
 *   --platforms=kwiga,kajabi,boomerangme    platforms the list case runs
 *   --profile                               also split our node's time (scripts/bench-profile.cjs)
 *   --cold                                  list and growth with `n8n execute` (a new n8n process
 *                                           per run) instead of webhook calls into a running n8n
 *   --editor-items=2000                     items of the run the editor's dropdowns wait beside
 *   --items=500 (BENCH_ITEMS)               items in the burst
 *   --rows=100000 (BENCH_ROWS)              rows of the GetCourse users export
 *   --no-build                              pack dist/ as it is (else the package is built in
 *                                           a temporary copy of the sources; dist/ is not touched)
 *   --keep                                  keep the n8n user folders (named in the output)
 *   --trace=/tmp/burst                      write /tmp/burst-<version>.json: when the mock
 *                                           answered each request of the burst, and with what
 *
 * It builds the package (npm run build in a temporary copy of the sources), packs it,
 * installs the tarball into a fresh n8n user folder per version as n8n installs a community
 * package (the e2e suite's N8n helper, test/e2e/n8n.ts, for the folder, imports, the server
 * and its REST API), serves the mocks (test/mocks/*.ts) over HTTP and runs:
 *
 * 1. List (n8n started as a server; each run is a webhook call, and the node times come from
 *    the stored execution): Return All over 5,000 records in pages of 100, our node versus
 *    n8n's HTTP Request node (the same credential as its predefined credential type,
 *    pagination by page parameter) + Split Out, for KWIGA contacts, Kajabi contacts (with
 *    and without Simplify) and Boomerangme customers, the mocks' records enriched to the
 *    fields the platforms' references show. Runs alternate; each run is printed, then
 *    medians, the ratio of the medians and the spread of the per-run ratios.
 *    Target: ≤ 0.8× the HTTP Request node. The credentials' rate is set so high that the
 *    gate never waits (it still runs for every request: the list measures its cost, not
 *    its pacing). With --profile, n8n loads scripts/bench-profile.cjs, which times the
 *    package's request layer from outside, and a third variant of each node sends every
 *    request through n8n's httpRequestWithAuthentication, so that n8n's per-request
 *    credential work shows as the difference; it also times n8n's declarative runner
 *    (RoutingNode) around our code: the credential, reading the parameters and building the
 *    request.
 * 2. Growth: the same for 1,000 and 20,000 records (default KWIGA only): the ratio should
 *    stay within ±10 % of the 5,000-record one.
 * 3. Editor: a run of 2,000 items into KWIGA → Contact → Get (a webhook starts it; the
 *    credential and the mock at 20 requests per 2 s), and meanwhile the editor's contact
 *    search of the same credential loaded 6 times through /rest/dynamic-node-parameters
 *    (and 3 times before the run, for what a load takes without one). Printed per load: its
 *    time, when its request reached the mock, and how much later than without a run (the
 *    wait for the run's queue). Target: that wait at most one window (2 s + the gate's
 *    margin). The run is stopped once the loads are done.
 * 4. Burst: N items (default 500) into KWIGA → Contact → Get with `n8n execute`, against a
 *    mock that allows 20 requests per 2 s (fixed window, 429 with Retry-After), with the
 *    credential set to 20 per 2 s. Prints items ok / failed, requests the mock saw, 429s,
 *    the node's executionTime and the ideal (items ÷ rate). Targets: all ok, ≤ 5 % 429s,
 *    node time within 15 % of the ideal.
 * 5. GetCourse large export: GetCourse → Export → Users (Start and Wait for Rows) over a
 *    users export of 100,000 rows with the mock's Cyrillic column names, once with one item
 *    per row and once with Raw Output, beside a trivial workflow (Manual Trigger → No
 *    Operation) in the same n8n, with `n8n execute`. Each runs under /usr/bin/time, whose
 *    maximum resident set size is the n8n process's peak memory; the script also samples
 *    /proc/<pid>/status every 100 ms to give the peak while the GetCourse node ran (before
 *    n8n prints the run). Prints items out, the node's time (it includes the node's fixed
 *    10 s pause before its first status check) and the time from the ready answer to the
 *    node's end.
 *
 * The mocks and the e2e helpers are TypeScript: they are loaded through a small require hook
 * that transpiles .ts with the `typescript` devDependency. Nothing here adds a dependency.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import {
	cpSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
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
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const pinned = JSON.parse(readFileSync(path.join(ROOT, 'test/e2e/n8n-versions.json'), 'utf8'));

const { values: flags } = parseArgs({
	options: {
		versions: { type: 'string', default: process.env.BENCH_N8N_VERSIONS ?? pinned.n8n.join(',') },
		items: { type: 'string', default: process.env.BENCH_ITEMS ?? '500' },
		runs: { type: 'string', default: process.env.BENCH_RUNS ?? '9' },
		records: { type: 'string', default: process.env.BENCH_RECORDS ?? '5000' },
		growth: { type: 'string', default: '1000,20000' },
		'growth-platforms': { type: 'string', default: 'kwiga' },
		platforms: { type: 'string', default: 'kwiga,kajabi,boomerangme' },
		profile: { type: 'boolean', default: false },
		cold: { type: 'boolean', default: false },
		'editor-items': { type: 'string', default: '2000' },
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
const RECORDS = Number(flags.records);
const GROWTH = flags.growth.split(',').map(Number).filter((n) => n > 0);
const ROWS = Number(flags.rows);
const EDITOR_ITEMS = Number(flags['editor-items']);
const list = (value) => value.split(',').map((name) => name.trim()).filter(Boolean);
const CASES = ['list', 'growth', 'editor', 'burst', 'getcourse'];
const ONLY = flags.only ? flags.only.split(',').map((name) => name.trim()) : CASES;
for (const name of ONLY) {
	if (!CASES.includes(name)) throw new Error(`--only: "${name}" is none of ${CASES.join(', ')}`);
}
const want = (name) => ONLY.includes(name);
/** The burst's limit, on the mock and in the credential: 20 requests per 2 seconds. */
const BURST_RATE = { requests: 20, windowSeconds: 2 };
/** Every list asks for pages of 100: the most each platform documents, or uses, for these lists. */
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
const { KajabiMock } = requireTs('test/mocks/kajabi.ts');
const { BoomerangmeMock } = requireTs('test/mocks/boomerangme.ts');
const { N8n, itemsOf } = requireTs('test/e2e/n8n.ts');

// ---------------------------------------------------------------------------------------
// The package and a real n8n
// ---------------------------------------------------------------------------------------

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
 * `n8n execute --id --rawOutput` through the e2e suite's N8n helper, and the run it prints.
 * With `measure`, n8n runs under /usr/bin/time (maxRssKb: the peak resident set of the
 * biggest process, the n8n process) and its memory is sampled meanwhile (`memory`).
 */
async function execute(n8n, workflowId, measure = false) {
	const timed = measure && existsSync(TIME);
	const timeFile = path.join(n8n.userFolder, `time-${Date.now()}-${Math.random().toString(36).slice(2)}`);
	let memory;
	const how = {
		under: timed ? [TIME, '-f', '%M', '-o', timeFile] : undefined,
		started: measure ? (pid) => (memory = memorySampler(pid)) : undefined,
	};
	let executed;
	try {
		executed = await n8n.execute(workflowId, 600_000, how);
	} finally {
		memory?.stop();
	}
	const { result, run } = executed;
	let maxRssKb;
	if (timed) {
		// GNU time writes "Command exited with non-zero status N" before the figure when n8n fails.
		const lines = readFileSync(timeFile, 'utf8').trim().split('\n');
		maxRssKb = Number(lines[lines.length - 1]);
		rmSync(timeFile);
	}
	const error = run.data?.resultData?.error;
	if (error) throw new Error(`the workflow failed: ${error.message}`);
	return { run, wallMs: result.wallMs, maxRssKb, memory };
}

function nodeRun(run, name) {
	const first = run.data.resultData.runData[name]?.[0];
	if (!first) throw new Error(`node "${name}" did not run`);
	return first;
}


// ---------------------------------------------------------------------------------------
// Workflows
// ---------------------------------------------------------------------------------------

const NODE_TYPE = 'n8n-nodes-creator-commerce.kwiga';
const CREDENTIAL_TYPE = 'kwigaApi';
const IDS = { burst: 'benchburst000001' };
const CREDENTIALS = {
	burst: { id: 'benchcredburst01', name: 'KWIGA (bench, 20 per 2 s)' },
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

/** A KWIGA mock with `contacts` contacts that allows 20 requests per 2 s (429 beyond). */
const pacedKwiga = (contacts) =>
	new KwigaMock({ ...ACCOUNT, contacts, requestsPerMinute: BURST_RATE.requests, windowMs: BURST_RATE.windowSeconds * 1000 });

/** Make IDs 1…items → one item per ID → KWIGA → Contact → Get with `credential`. */
function contactGetNodes(items, credential) {
	return [
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
			{ credentials: { [CREDENTIAL_TYPE]: credential }, onError: 'continueRegularOutput' },
		),
	];
}

function burstWorkflow(items) {
	return workflow(IDS.burst, `Bench: ${items} items into KWIGA Contact Get`, [trigger(), ...contactGetNodes(items, CREDENTIALS.burst)]);
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
// Lists: our node versus n8n's HTTP Request node, in a running n8n
// ---------------------------------------------------------------------------------------

/** A rate so high that the gate never waits: the list measures the gate's cost, not its pacing. */
const UNPACED = { rateLimitRequests: 100_000, rateLimitWindowSeconds: 1 };

/** A KWIGA contact as the reference's example shows one (a tag and an offer). */
function kwigaContacts(count) {
	const mock = new KwigaMock({ ...ACCOUNT, contacts: count, requestsPerMinute: 10_000_000 });
	for (const contact of mock.contacts) {
		contact.tags = [{ id: 93, name: 'test-tag' }];
		contact.offers = [
			{
				id: 8,
				unique_offer_code: 'ptJmPPXVYs0t',
				title: 'Предложение #8',
				limit_type: { id: 1, name: 'Неограничено' },
				limit_of_sales: null,
			},
		];
	}
	return mock;
}

/** Kajabi contacts with every attribute of the reference's contact (contacts_attributes). */
function kajabiContacts(count) {
	const mock = new KajabiMock({ clientId: 'bench-client', clientSecret: 'bench-secret', contacts: count });
	for (const contact of mock.records.get('contacts')) {
		const n = Number(contact.id);
		Object.assign(contact.attributes, {
			address_line_1: `${n} Main Street`,
			address_line_2: null,
			address_city: 'Austin',
			address_country: 'US',
			address_state: 'TX',
			address_zip: '73301',
			phone_number: `+1512555${String(n % 10_000).padStart(4, '0')}`,
			business_number: null,
			external_user_id: null,
			created_at: '2024-01-15T10:30:00Z',
			updated_at: '2024-01-15T10:30:00Z',
		});
	}
	return mock;
}

/** Boomerangme customers (the mock's are as its API's customer: name, contacts, dates, ids). */
const boomerangmeCustomers = (count) => new BoomerangmeMock({ apiKey: 'bench-api-key', customers: count });

const httpNode = (credentialType, credential, url, qs, accept, pageParam, complete) =>
	node(
		'HTTP Request',
		'n8n-nodes-base.httpRequest',
		4.2,
		200,
		{
			method: 'GET',
			url,
			authentication: 'predefinedCredentialType',
			nodeCredentialType: credentialType,
			sendQuery: true,
			queryParameters: { parameters: Object.entries(qs).map(([name, value]) => ({ name, value: String(value) })) },
			sendHeaders: true,
			headerParameters: { parameters: [{ name: 'Accept', value: accept }] },
			options: {
				pagination: {
					pagination: {
						paginationMode: 'updateAParameterInEachRequest',
						parameters: { parameters: [{ type: 'qs', name: pageParam, value: '={{ $pageCount + 1 }}' }] },
						paginationCompleteWhen: 'other',
						completeExpression: `={{ ${complete} }}`,
					},
				},
			},
		},
		{ credentials: { [credentialType]: credential } },
	);

/**
 * The platforms of the list case: their mock, credential, our node's parameters per
 * variant, and what a user builds with n8n's HTTP Request node instead.
 */
const LIST_PLATFORMS = {
	kwiga: {
		name: 'KWIGA',
		nodeType: NODE_TYPE,
		credentialType: CREDENTIAL_TYPE,
		credential: { id: 'benchcredlistkwg', name: 'KWIGA (bench list)' },
		credentialData: (url) => ({ ...ACCOUNT, language: 'en', baseUrl: url, ...UNPACED }),
		mock: kwigaContacts,
		variants: { KWIGA: { resource: 'contact', operation: 'getAll', returnAll: true, filters: {}, options: {} } },
		http: (url, credential) =>
			httpNode(CREDENTIAL_TYPE, credential, `${url}/contacts`, { per_page: PAGE_SIZE, sort: 'asc' }, 'application/json', 'page', '$response.body.meta.current_page >= $response.body.meta.last_page'),
	},
	kajabi: {
		name: 'Kajabi',
		nodeType: 'n8n-nodes-creator-commerce.kajabi',
		credentialType: 'kajabiApi',
		credential: { id: 'benchcredlistkjb', name: 'Kajabi (bench list)' },
		credentialData: (url) => ({ clientId: 'bench-client', clientSecret: 'bench-secret', baseUrl: url, ...UNPACED }),
		mock: kajabiContacts,
		variants: {
			Kajabi: { resource: 'contact', operation: 'getAll', returnAll: true, simplify: true },
			'Kajabi (raw)': { resource: 'contact', operation: 'getAll', returnAll: true, simplify: false },
		},
		http: (url, credential) =>
			httpNode('kajabiApi', credential, `${url}/v1/contacts`, { 'page[size]': PAGE_SIZE }, 'application/vnd.api+json', 'page[number]', '!$response.body.links.next'),
	},
	boomerangme: {
		name: 'Boomerangme',
		nodeType: 'n8n-nodes-creator-commerce.boomerangme',
		credentialType: 'boomerangmeApi',
		credential: { id: 'benchcredlistbmg', name: 'Boomerangme (bench list)' },
		credentialData: (url) => ({ apiKey: 'bench-api-key', baseUrl: url, ...UNPACED }),
		mock: boomerangmeCustomers,
		variants: { Boomerangme: { resource: 'customer', operation: 'getAll', returnAll: true, filters: {} } },
		http: (url, credential) =>
			httpNode('boomerangmeApi', credential, `${url}/api/v2/customers`, { itemsPerPage: PAGE_SIZE }, 'application/json', 'page', '$response.body.meta.currentPage * $response.body.meta.itemsPerPage >= $response.body.meta.totalItems'),
	},
};

/** A webhook that answers once the last node is done, into `nodes` in a row. */
function webhookWorkflow(id, name, path, nodes, responseMode = 'lastNode') {
	const hook = node('Webhook', 'n8n-nodes-base.webhook', 2, 0, {
		httpMethod: 'POST',
		path,
		responseMode,
		...(responseMode === 'lastNode' ? { responseData: 'noData' } : {}),
		options: {},
	});
	hook.webhookId = randomUUID();
	return workflow(id, name, [hook, ...nodes]);
}

/** The list workflows of a platform: one per variant of our node (with --profile, one more), one for HTTP Request. */
function listWorkflows(key, url) {
	const platform = LIST_PLATFORMS[key];
	const variants = Object.entries(platform.variants).map(([label, parameters]) => ({ label, parameters }));
	if (flags.profile) variants.push({ label: `${platform.name} (n8n auth)`, parameters: variants[0].parameters });
	const made = variants.map(({ label, parameters }, index) => {
		const id = `benchlist${key.slice(0, 3)}${index}`.padEnd(16, '0');
		const path = `bench-${key}-${index}`;
		const ours = node(label, platform.nodeType, 1, 200, parameters, {
			credentials: { [platform.credentialType]: platform.credential },
		});
		return { label, node: label, id, path, nodes: [ours], ours: true };
	});
	made.push({
		label: 'HTTP Request + Split Out',
		node: 'HTTP Request',
		id: `benchlist${key.slice(0, 3)}http`.padEnd(16, '0'),
		path: `bench-${key}-http`,
		nodes: [
			platform.http(url, platform.credential),
			node('Split Out', 'n8n-nodes-base.splitOut', 1, 400, { fieldToSplitOut: 'data', options: {} }),
		],
		ours: false,
	});
	return made.map((entry) => ({
		...entry,
		workflow: flags.cold
			? workflow(entry.id, `Bench: ${platform.name} list, ${entry.label}`, [trigger(), ...entry.nodes])
			: webhookWorkflow(entry.id, `Bench: ${platform.name} list, ${entry.label}`, entry.path, entry.nodes),
	}));
}

/** flatted (n8n's format for stored execution data), from the n8n install. */
function flattedOf(version) {
	const dir = path.join(process.env.N8N_CACHE_DIR ?? path.join(os.homedir(), '.cache/n8n-nodes-creator-commerce'), `n8n-${version}`);
	return createRequire(path.join(dir, 'package.json'))('flatted');
}

/**
 * Runs a list workflow and returns its run data: a webhook call into the running n8n and its
 * stored execution, or with --cold `n8n execute` (a new n8n process for every run).
 */
async function runList(n8n, flatted, entry) {
	if (flags.cold) return (await execute(n8n, entry.id)).run.data.resultData.runData;
	const before = (await n8n.executions(entry.id))[0]?.id;
	const response = await fetch(`${n8n.url}/webhook/${entry.path}`, { method: 'POST' });
	if (!response.ok) throw new Error(`webhook ${entry.path}: ${response.status} ${await response.text()}`);
	await response.arrayBuffer();
	const deadline = Date.now() + 120_000;
	for (;;) {
		const newest = (await n8n.executions(entry.id))[0];
		if (newest && newest.id !== before && !['new', 'running', 'waiting'].includes(newest.status)) {
			const { data } = await n8n.get(`/rest/executions/${newest.id}`);
			const runData = typeof data.data === 'string' ? flatted.parse(data.data) : data.data;
			if (newest.status !== 'success') {
				throw new Error(`${entry.label}: execution ${newest.id} ${newest.status}: ${JSON.stringify(runData?.resultData?.error ?? {}).slice(0, 500)}`);
			}
			return runData.resultData.runData;
		}
		if (Date.now() > deadline) throw new Error(`${entry.label}: no finished execution after 120 s`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

const countOf = (runData, name) => runData[name]?.[0]?.data?.main?.[0]?.length ?? 0;
const timeOf = (runData, name) => runData[name]?.[0]?.executionTime ?? NaN;

/** Profile lines the preload wrote since the last call (one per item). */
function takeProfile(file) {
	if (!file || !existsSync(file)) return [];
	const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
	writeFileSync(file, '');
	return lines;
}

const spread = (values) => `${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)}`;

/**
 * Runs every workflow of one platform `RUNS` times over `records` records, alternating,
 * and prints each run, the medians and the ratios.
 */
async function listCase(n8n, flatted, served, key, records, entries, profileFile) {
	const platform = LIST_PLATFORMS[key];
	const mock = platform.mock(records);
	served.reset(mock);
	const pages = Math.ceil(records / PAGE_SIZE);
	const times = Object.fromEntries(entries.map((entry) => [entry.label, []]));
	const profiles = Object.fromEntries(entries.map((entry) => [entry.label, []]));
	const serverMs = [];
	console.log(`  ${platform.name}: Return All over ${records} records (${pages} pages of ${PAGE_SIZE}), ${RUNS} runs each, alternating (load ${load()})`);
	// One unmeasured run of each, so that every node's code and the mock are warm (not with --cold).
	if (!flags.cold) for (const entry of entries) await runList(n8n, flatted, entry);
	takeProfile(profileFile);
	for (let run = 1; run <= RUNS; run++) {
		const line = [];
		for (const entry of run % 2 ? entries : [...entries].reverse()) {
			served.count();
			const runData = await runList(n8n, flatted, entry);
			const { requests, throttled, handlerMs } = served.count();
			const out = entry.ours ? countOf(runData, entry.node) : countOf(runData, 'Split Out');
			const ms = entry.ours ? timeOf(runData, entry.node) : timeOf(runData, 'HTTP Request') + timeOf(runData, 'Split Out');
			// Kajabi's token exchange adds a request when the token is new; every other is a page.
			if (out !== records || requests < pages || requests > pages + 1 || throttled) {
				throw new Error(`${entry.label} run ${run}: ${out} items in ${requests} requests (${throttled} × 429); expected ${records} items in ${pages} requests`);
			}
			times[entry.label].push(ms);
			serverMs.push(handlerMs / requests);
			if (profileFile && entry.ours) profiles[entry.label].push(...takeProfile(profileFile));
			line.push(`${entry.label} ${ms} ms`);
		}
		console.log(`    run ${run}: ${line.join(', ')}`);
	}
	const http = times['HTTP Request + Split Out'];
	const result = { platform: platform.name, records, pages, variants: {} };
	console.log(`    the mock's own time per page (parse, answer, serialise): median ${median(serverMs).toFixed(1)} ms`);
	for (const entry of entries) {
		const mine = times[entry.label];
		const ratio = median(mine) / median(http);
		const pairs = mine.map((ms, index) => ms / http[index]);
		result.variants[entry.label] = { median: median(mine), min: Math.min(...mine), max: Math.max(...mine), ratio, pairs };
		const tail = entry.ours ? `, ratio ${ratio.toFixed(2)}× (per run ${spread(pairs)})   ${mark(ratio <= 0.8)}` : '';
		console.log(`    ${entry.label.padEnd(28)} median ${String(median(mine)).padStart(5)} ms (${Math.min(...mine)}–${Math.max(...mine)})${tail}`);
	}
	if (profileFile) result.profile = printProfile(entries, profiles, times, pages);
	return result;
}

/** Our node's time split by phase, medians over the runs, per page and per record. */
function printProfile(entries, profiles, times, pages) {
	const out = {};
	console.log(`    profile (medians over runs; per page = ÷ ${pages}):`);
	for (const entry of entries.filter((e) => e.ours)) {
		const lines = profiles[entry.label].filter((line) => !line.routing);
		const routing = profiles[entry.label].filter((line) => line.routing);
		if (!lines.length) continue;
		const m = (pick) => median(lines.map(pick));
		const node = median(times[entry.label]);
		const phases = {
			node,
			n8nOutside: node - m((l) => l.item),
			wrap: m((l) => l.item - l.work),
			shape: m((l) => l.work - l.walk),
			paging: m((l) => l.walk - l.request),
			request: m((l) => l.request - l.send - l.gate),
			gate: m((l) => l.gate),
			send: m((l) => l.send),
		};
		out[entry.label] = phases;
		const per = (ms) => `${ms.toFixed(1)} ms (${((ms / pages) * 1000).toFixed(0)} µs/page)`;
		if (routing.length) {
			const r = (pick) => median(routing.map(pick));
			phases.routing = {
				credential: r((l) => l.credentials),
				building: r((l) => l.building),
				afterOurs: r((l) => l.runNode - l.credentials - l.building) - m((l) => l.item),
				outside: node - r((l) => l.runNode),
			};
			const n = phases.routing;
			console.log(`      ${entry.label}: n8n before/after our code = its declarative runner: the credential ${n.credential.toFixed(1)} ms + reading the parameters and building the request ${n.building.toFixed(1)} ms + after our code ${n.afterOurs.toFixed(1)} ms; the rest of the node's time, outside that runner ${n.outside.toFixed(1)} ms`);
		}
		console.log(`      ${entry.label}: node ${node} ms = n8n before/after our code ${per(phases.n8nOutside)} + items made ${per(phases.wrap)} + shaping ${per(phases.shape)} + paging/read/dedupe ${per(phases.paging)} + checks ${per(phases.request)} + gate ${per(phases.gate)} + n8n's HTTP helper (credential, round trip, JSON) ${per(phases.send)}`);
	}
	const [first] = Object.keys(out);
	const viaN8n = Object.keys(out).find((label) => label.endsWith('(n8n auth)'));
	if (first && viaN8n) {
		const extra = (out[viaN8n].send - out[first].send) / pages;
		out.n8nCredentialPerRequestMs = extra;
		console.log(`      n8n's credential work per request (httpRequestWithAuthentication − httpRequest with our headers): ${extra.toFixed(2)} ms`);
	}
	return out;
}

async function lists(n8n, flatted, servedByKey, profileFile, result) {
	result.lists = [];
	for (const key of list(flags.platforms)) {
		result.lists.push(await listCase(n8n, flatted, servedByKey[key], key, RECORDS, servedByKey[key].entries, profileFile));
	}
}

async function growth(n8n, flatted, servedByKey, profileFile, result) {
	result.growth = [];
	for (const key of list(flags['growth-platforms'])) {
		for (const records of GROWTH) {
			result.growth.push(await listCase(n8n, flatted, servedByKey[key], key, records, servedByKey[key].entries, profileFile));
		}
	}
}

// ---------------------------------------------------------------------------------------
// The editor beside a large run (the same credential)
// ---------------------------------------------------------------------------------------

const EDITOR = {
	id: 'benchrun2000item',
	path: 'bench-editor-run',
	credential: { id: 'benchcrededitor1', name: 'KWIGA (bench, 20 per 2 s, editor)' },
	loads: 6,
};

function editorWorkflow() {
	return webhookWorkflow(
		EDITOR.id,
		`Bench: ${EDITOR_ITEMS} items into KWIGA Contact Get while the editor loads`,
		EDITOR.path,
		contactGetNodes(EDITOR_ITEMS, EDITOR.credential),
		'onReceived',
	);
}

/**
 * One load of the contact search as the editor makes it: its time, and when its request
 * reached the mock (ms after the call) with how many of the run's requests were answered
 * in between.
 */
async function loadSearch(n8n, served, filter) {
	const from = Date.now();
	const since = served.answers.length;
	const options = await n8n.loadDropdown({
		kind: 'listSearch',
		nodeType: NODE_TYPE,
		nodeVersion: 1,
		method: 'searchContacts',
		parameter: 'contactId',
		parameters: { resource: 'contact', operation: 'get' },
		credentials: { [CREDENTIAL_TYPE]: EDITOR.credential },
		filter,
	});
	const ms = Date.now() - from;
	const answers = served.answers.slice(since);
	const search = answers.findIndex((answer) => answer.query['filters[search]'] === filter);
	if (search < 0 || !options.length) throw new Error(`the contact search for "${filter}" did not reach the mock`);
	return { ms, reachedMs: answers[search].at - from, ahead: search, entries: options.length };
}

/** Loads the contact search of the run's credential while the run waits at the gate, timing each load. */
async function editorBeside(n8n, served, result) {
	const mock = pacedKwiga(EDITOR_ITEMS);
	served.reset(mock);
	const windowMs = BURST_RATE.windowSeconds * 1000 + Math.min(1000, Math.ceil(BURST_RATE.windowSeconds * 50));
	console.log(`  Editor beside a run: ${EDITOR_ITEMS} items into Contact → Get at ${BURST_RATE.requests} per ${BURST_RATE.windowSeconds} s; the contact search of the same credential loaded ${EDITOR.loads} times (load ${load()})`);
	// Without a run: what a load takes in this n8n (REST, credential, node, request).
	const idle = [];
	for (let index = 0; index < 3; index++) idle.push(await loadSearch(n8n, served, `student${900 + index}`));
	const idleReached = median(idle.map((entry) => entry.reachedMs));
	console.log(`    without a run: ${idle.map((entry) => `${entry.ms} ms`).join(', ')} (request at the mock ${idle.map((entry) => entry.reachedMs).join(', ')} ms after the call)`);
	await new Promise((resolve) => setTimeout(resolve, windowMs));
	const response = await fetch(`${n8n.url}/webhook/${EDITOR.path}`, { method: 'POST' });
	if (!response.ok) throw new Error(`webhook: ${response.status} ${await response.text()}`);
	// Until the run's queue is there: its first requests have been answered.
	const started = Date.now();
	while (mock.requests.length < BURST_RATE.requests * 2) {
		if (Date.now() - started > 120_000) throw new Error(`the run sent ${mock.requests.length} requests in 120 s`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	const loads = [];
	for (let index = 0; index < EDITOR.loads; index++) {
		const entry = await loadSearch(n8n, served, `student${index + 1}`);
		entry.waitMs = Math.max(0, entry.reachedMs - idleReached);
		loads.push(entry);
		console.log(`    load ${index + 1}: ${entry.ms} ms; its request at the mock ${entry.reachedMs} ms after the call (waited ≈ ${entry.waitMs} ms more than without a run), ${entry.ahead} of the run's requests answered before it; run at ${mock.requests.length} of ${EDITOR_ITEMS}`);
		await new Promise((resolve) => setTimeout(resolve, 1500 + ((index * 700) % 2000)));
	}
	const running = (await n8n.executions(EDITOR.id)).find((execution) => execution.status === 'running');
	if (running) await n8n.post(`/rest/executions/${running.id}/stop`, {}).catch(() => undefined);
	const waits = loads.map((entry) => entry.waitMs);
	const times = loads.map((entry) => entry.ms);
	result.editor = {
		idle: idle.map((entry) => entry.ms),
		times,
		waits,
		ahead: loads.map((entry) => entry.ahead),
		windowMs,
		throttled: served.throttled,
	};
	console.log(`    load time: median ${median(times)} ms, longest ${Math.max(...times)} ms (without a run ${median(idle.map((entry) => entry.ms))} ms)`);
	console.log(`    waited for the run's queue: median ${median(waits)} ms, longest ${Math.max(...waits)} ms; one window ${windowMs} ms   ${mark(Math.max(...waits) <= windowMs)}; 429s ${served.throttled}`);
	console.log(`    (the run was stopped after the loads, at ${mock.requests.length} of ${EDITOR_ITEMS} items; at 10 a second it would have taken ${seconds((EDITOR_ITEMS / 10) * 1000)})`);
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
	const state = { mock: undefined, throttled: 0, answers: [], since: { requests: 0, throttled: 0, handlerMs: 0 } };
	const served = await serveMock(async (request) => {
		const from = performance.now();
		const response = await state.mock.handle(request);
		state.since.handlerMs += performance.now() - from;
		state.since.requests++;
		if (response.status === 429) {
			state.throttled++;
			state.since.throttled++;
		}
		state.answers.push({ at: Date.now(), status: response.status, path: request.path, query: request.query });
		// The mocks keep every request; a long benchmark needs only the counts.
		if (state.mock.requests.length > 10_000) state.mock.requests.splice(0, 5_000);
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
		/** Requests, 429s and the mock's own handling time since the last call. */
		count() {
			const since = state.since;
			state.since = { requests: 0, throttled: 0, handlerMs: 0 };
			state.answers = [];
			return since;
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

async function burst(n8n, served) {
	const mock = pacedKwiga(ITEMS);
	served.reset(mock);
	const { run, wallMs } = await execute(n8n, IDS.burst);
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
		writeFileSync(`${flags.trace}-${n8n.version}.json`, JSON.stringify(trace));
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

async function largeExport(n8n, served) {
	const expected = ROWS;
	console.log(`  GetCourse large export: Export → Users, Start and Wait for Rows, over ${ROWS} rows`);
	const baseline = await execute(n8n, GETCOURSE.ids.baseline, true);
	console.log(`    baseline (Manual Trigger → No Operation)   peak ${mb(baseline.maxRssKb)} (sampled tree peak ${mb(baseline.memory.treePeakKb)}), wall ${seconds(baseline.wallMs)}`);
	const result = { baselineKb: baseline.maxRssKb, expected };
	for (const raw of [false, true]) {
		const mock = bigGetCourseMock(ROWS);
		served.reset(mock);
		const { run, wallMs, maxRssKb, memory } = await execute(
			n8n,
			raw ? GETCOURSE.ids.raw : GETCOURSE.ids.items,
			true,
		);
		const items = itemsOf(run, 'GetCourse');
		const rows = raw ? (items[0]?.items?.length ?? 0) : items.length;
		if (raw ? items.length !== 1 || rows !== expected : rows !== expected) {
			throw new Error(`GetCourse${raw ? ' (Raw Output)' : ''}: ${items.length} items, ${rows} rows; expected ${expected} rows`);
		}
		// Simplify is on by default: the rows come keyed by English names of the export's columns.
		if (!raw && (items[expected - 1].email !== `student${ROWS}@example.com` || !('registration_type' in items[0]))) {
			throw new Error(`GetCourse: the items are not keyed by the English names of the export's columns: ${JSON.stringify(items[0])}`);
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

/** A free port on loopback. */
async function freePort() {
	return await new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

const wantsServer = () => want('editor') || (!flags.cold && (want('list') || want('growth')));

/** Starts n8n as a server; with --profile, with scripts/bench-profile.cjs preloaded. */
async function startServer(n8n, profileFile) {
	const saved = { NODE_OPTIONS: process.env.NODE_OPTIONS, CREATOR_COMMERCE_PROFILE: process.env.CREATOR_COMMERCE_PROFILE };
	if (profileFile) {
		process.env.NODE_OPTIONS = `${saved.NODE_OPTIONS ?? ''} --require=${path.join(ROOT, 'scripts/bench-profile.cjs')}`.trim();
		process.env.CREATOR_COMMERCE_PROFILE = profileFile;
	}
	try {
		await n8n.start(300_000);
	} finally {
		for (const [key, value] of Object.entries(saved)) {
			if (value === undefined) delete process.env[key];
			else process.env[key] = value;
		}
	}
	await n8n.login();
}

async function benchVersion(version, tarball) {
	const n8n = new N8n(version, await freePort());
	const userFolder = n8n.userFolder;
	console.log(`\n== n8n ${version} (user folder ${userFolder}; load average ${load()})`);
	const burstServed = await servedMock();
	const editorServed = await servedMock();
	const getCourseServed = await servedMock();
	const listServed = {};
	for (const key of Object.keys(LIST_PLATFORMS)) listServed[key] = await servedMock();
	const profileFile = flags.profile ? path.join(userFolder, 'profile.jsonl') : undefined;
	try {
		n8n.installPackage(tarball);
		const account = { token: ACCOUNT.token, cabinetHash: ACCOUNT.cabinetHash, language: 'en' };
		await n8n.import('import:credentials', [
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
				...EDITOR.credential,
				type: CREDENTIAL_TYPE,
				data: {
					...account,
					baseUrl: editorServed.url,
					rateLimitRequests: BURST_RATE.requests,
					rateLimitWindowSeconds: BURST_RATE.windowSeconds,
				},
			},
			{
				...GETCOURSE.credential,
				type: GETCOURSE.credentialType,
				data: { account: getCourseServed.url, secretKey: GETCOURSE.key },
			},
			...Object.entries(LIST_PLATFORMS).map(([key, platform]) => ({
				...platform.credential,
				type: platform.credentialType,
				data: platform.credentialData(listServed[key].url),
			})),
		]);
		for (const key of Object.keys(LIST_PLATFORMS)) listServed[key].entries = listWorkflows(key, listServed[key].url);
		const listEntries = Object.values(listServed).flatMap((served) => served.entries);
		await n8n.import('import:workflow', [
			burstWorkflow(ITEMS),
			getCourseExportWorkflow(false),
			getCourseExportWorkflow(true),
			baselineWorkflow(),
			editorWorkflow(),
			...listEntries.map((entry) => entry.workflow),
		]);
		const result = { version };
		if (want('burst')) result.burst = await burst(n8n, burstServed);
		if (want('getcourse')) result.getcourse = await largeExport(n8n, getCourseServed);
		if (wantsServer()) {
			await startServer(n8n, profileFile);
			try {
				if (!flags.cold) for (const entry of listEntries) await n8n.activateRunning(entry.id);
				await n8n.activateRunning(EDITOR.id);
				const flatted = flattedOf(version);
				if (want('editor')) await editorBeside(n8n, editorServed, result);
				if (!flags.cold && want('list')) await lists(n8n, flatted, listServed, profileFile, result);
				if (!flags.cold && want('growth')) await growth(n8n, flatted, listServed, profileFile, result);
			} finally {
				await n8n.stop();
			}
		}
		// --cold: every run is `n8n execute`, a new n8n process, as a one-off run from the command line.
		if (flags.cold && want('list')) await lists(n8n, undefined, listServed, undefined, result);
		if (flags.cold && want('growth')) await growth(n8n, undefined, listServed, undefined, result);
		console.log(`  load average now ${load()}`);
		return result;
	} finally {
		for (const served of [burstServed, editorServed, getCourseServed, ...Object.values(listServed)]) await served.close();
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
	for (const result of results) {
		const { version, burst: b, getcourse: g, editor: e } = result;
		console.log(`  n8n ${version}:`);
		for (const l of [...(result.lists ?? []), ...(result.growth ?? [])]) {
			const http = l.variants['HTTP Request + Split Out'];
			const ours = Object.entries(l.variants)
				.filter(([label]) => label !== 'HTTP Request + Split Out')
				.map(([label, v]) => `${label} ${v.median} ms = ${v.ratio.toFixed(2)}× (per run ${spread(v.pairs)})`);
			console.log(`    ${l.platform} ${l.records} records: HTTP Request + Split Out ${http.median} ms; ${ours.join('; ')}`);
		}
		if (e) console.log(`    editor beside a ${EDITOR_ITEMS}-item run: contact search loads ${e.times.join(', ')} ms (without a run ${e.idle.join(', ')}); waited for the queue ${e.waits.join(', ')} ms (one window ${e.windowMs}); run requests answered ahead ${e.ahead.join(', ')}`);
		if (b) {
			console.log(`    burst ${b.ok} ok / ${b.failed} failed, ${b.requests} requests, ${b.throttled} × 429, node ${seconds(b.nodeMs)} (ideal ${seconds(b.idealMs)})`);
		}
		if (g) {
			const one = (label, entry) =>
				`${label} ${entry.items} items, peak ${mb(entry.peakKb)} (+${mb(entry.peakKb - g.baselineKb)}; ${mb(entry.whileNodeKb)} while the node ran, +${mb(entry.whileNodeKb - entry.atStartKb)} over its start), node ${seconds(entry.nodeMs)}`;
			console.log(`    GetCourse export of ${g.expected} rows: baseline ${mb(g.baselineKb)}; ${one('items', g.items)}; ${one('Raw Output', g.raw)}`);
		}
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
