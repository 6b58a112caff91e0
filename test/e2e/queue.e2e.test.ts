/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code, never published: it runs in Node.js beside n8n and needs Node.js modules, timers and process; n8n's rules for node code do not apply to it */
/**
 * The package in n8n's queue mode, on the default n8n version (test/e2e/n8n-versions.json), as
 * the README tells users to run it: Debian's redis-server and PostgreSQL (apt-get installs
 * `redis-server` / `postgresql` when missing), each started by the suite on a free loopback
 * port with its own data folder and removed afterwards (or the PostgreSQL server that
 * DB_POSTGRESDB_HOST/_PORT/_USER/_PASSWORD name: the suite creates a database of its own
 * there and drops it afterwards); `n8n start` as main with EXECUTIONS_MODE=queue, two
 * `n8n worker --concurrency=5` and one `n8n webhook`, all on that database and one user folder
 * with the packed package npm-installed into its .n8n/nodes. WEBHOOK_URL is the webhook
 * process, as behind a load balancer.
 *
 * Checks, each with its figures in test-artifacts/queue-report.md (scripts/e2e.sh prints it):
 *  - every node and credential loads in every process (n8n's debug line with the counts of
 *    package.json), no error line names the package;
 *  - 40 simultaneous calls to a KWIGA webhook workflow through the webhook process: 40
 *    successful executions, spread over both workers (each worker logs "Worker started
 *    execution <id>");
 *  - two executions of 150 items at once, one per worker, against a KWIGA mock allowing 20
 *    requests per 2 s, with the credential at 15 per 2 s (one worker alone stays under, both
 *    together go over): 429 pauses keep every item from failing; then the README's advice
 *    (limit ÷ workers = 10 per 2 s) with 2 × 60 items;
 *  - the Kajabi Trigger activated on main: one hook on the mock, an event posted to the
 *    webhook process runs once on a worker, deactivation removes the hook;
 *  - bursts: 200 distinct Kajabi purchase deliveries (Verify With Kajabi on: the webhook process
 *    looks each delivery's records up at the mock), then 200 distinct Boomerangme card
 *    deliveries, posted within 10 s to the URL each trigger registered at its mock: exactly 200
 *    successful executions each, on both workers, and each delivery reaches the workflow's next
 *    node (an HTTP Request to a recording mock) exactly once;
 *  - the GetCourse Trigger polls from main only (n8n's "Executing cron" debug line names the
 *    process), no duplicate poll, while both workers run: users added between polls, while
 *    main is stopped and after it started again are each emitted once.
 * N8N_E2E_VERSIONS without the default version skips this file.
 */
import { chmodSync, copyFileSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { RecordedRequest } from '../harness';
import { BoomerangmeMock, customerId } from '../mocks/boomerangme';
import { GetCourseMock } from '../mocks/getcourse';
import type { ServedMock } from '../mocks/http';
import { serveMock } from '../mocks/http';
import { KajabiMock } from '../mocks/kajabi';
import { KwigaMock } from '../mocks/kwiga';
import { ARTIFACTS, e2eVersions, N8n, versions } from './n8n';
import { MANIFEST, webhookNode } from './nodes';
import type { Postgres, QueueProcess as QueueProcessType, Redis } from './queue';
import {
	createDatabase,
	ensurePostgres,
	ensureRedis,
	existingPostgres,
	freePort,
	pgClient,
	QueueProcess,
	startPostgres,
	startRedis,
} from './queue';
import { reportedTest, reportMarkdown } from './report';

const VERSION = versions.default;
const QUEUE_REPORT = path.join(ARTIFACTS, 'queue-report.md');
const N8N_CACHE =
	process.env.N8N_CACHE_DIR ?? path.join(process.env.HOME ?? '/root', '.cache/n8n-nodes-creator-commerce');

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Set-up and check durations for the report, in order. */
const timings: Array<[string, number]> = [];
async function timed<T>(what: string, work: () => Promise<T> | T): Promise<T> {
	const began = Date.now();
	try {
		return await work();
	} finally {
		timings.push([what, Date.now() - began]);
	}
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await check())) {
		if (Date.now() > deadline) throw new Error(`timed out after ${seconds(timeoutMs)} waiting for ${what}`);
		await sleep(250);
	}
}

// Ids n8n accepts: 16 letters/digits.
const CRED = {
	kwiga: 'queueKwigaCred01',
	burst: 'queueKwigaBurst1',
	share: 'queueKwigaShare1',
	kajabi: 'queueKajabiCred1',
	kajabiBurst: 'queueKajabiBurst',
	boomerangme: 'queueBoomerangm1',
	getCourse: 'queueGetCourse01',
};
const WF = {
	hook: 'queueKwigaHook01',
	burst: 'queueKwigaBurst1',
	share: 'queueKwigaShare1',
	kajabi: 'queueKajabiTrg01',
	kajabiBurst: 'queueKajabiBurst',
	boomerangme: 'queueBoomerangm1',
	getCourse: 'queueGetCourseT1',
};
const KAJABI_WEBHOOK_ID = '5f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f';

/** Deliveries in each burst, and the time they are spread over. */
const BURST = { deliveries: 200, spreadMs: 8000 };

/** The mock KWIGA's rate limit in the burst checks, and the credentials' rates. */
const MOCK_LIMIT = { requests: 20, windowMs: 2000 };
const OVER_RATE = 15; // per worker; both together: 30 per 2 s
const SHARE_RATE = 10; // the README's advice: 20 ÷ 2 workers

const kwigaNode = (name: string, credential: { id: string; name: string }, parameters: Record<string, unknown>, x: number) => ({
	id: `${name.replace(/\W/g, '').toLowerCase().padEnd(8, '0').slice(0, 8)}-0000-4000-8000-${String(x).padStart(12, '0')}`,
	name,
	type: 'n8n-nodes-creator-commerce.kwiga',
	typeVersion: 1,
	position: [x, 0],
	parameters,
	credentials: { kwigaApi: credential },
});

/** Webhook → KWIGA Contact: Get (the contact of the call). */
function hookWorkflow(credential: { id: string; name: string }) {
	return {
		id: WF.hook,
		name: 'Queue: KWIGA contact per call',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			webhookNode('queue-kwiga', '0a1b2c3d-0000-4000-8000-000000000001'),
			kwigaNode(
				'Get contact',
				credential,
				{ resource: 'contact', operation: 'get', contactId: { __rl: true, mode: 'id', value: '={{ $json.body.contact_id }}' } },
				220,
			),
		],
		connections: { Webhook: { main: [[{ node: 'Get contact', type: 'main', index: 0 }]] } },
		pinData: {},
	};
}

/** Webhook → KWIGA Contact: Get Many (all) → KWIGA Contact: Get, one request per contact. */
function burstWorkflow(id: string, pathName: string, webhookId: string, credential: { id: string; name: string }) {
	return {
		id,
		name: `Queue: KWIGA burst (${credential.name})`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			webhookNode(pathName, webhookId),
			kwigaNode('All contacts', credential, { resource: 'contact', operation: 'getAll', returnAll: true }, 220),
			kwigaNode(
				'Each contact',
				credential,
				{ resource: 'contact', operation: 'get', contactId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
				440,
			),
		],
		connections: {
			Webhook: { main: [[{ node: 'All contacts', type: 'main', index: 0 }]] },
			'All contacts': { main: [[{ node: 'Each contact', type: 'main', index: 0 }]] },
		},
		pinData: {},
	};
}

function kajabiWorkflow(credential: { id: string; name: string }) {
	return {
		id: WF.kajabi,
		name: 'Queue: Kajabi purchases',
		active: false,
		settings: {},
		nodes: [
			{
				parameters: { event: 'purchase', siteId: '11', options: { verify: true } },
				id: '6a7b8c9d-0e1f-4a2b-9c3d-4e5f6a7b8c9d',
				name: 'Kajabi Trigger',
				type: 'n8n-nodes-creator-commerce.kajabiTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId: KAJABI_WEBHOOK_ID,
				credentials: { kajabiApi: credential },
			},
		],
		connections: {},
		pinData: {},
	};
}

/** GetCourse Trigger (new users, every minute) → GetCourse User: Set Groups, so the mock counts emitted users. */
function getCourseWorkflow(credential: { id: string; name: string }) {
	const credentials = { getCourseApi: credential };
	return {
		id: WF.getCourse,
		name: 'Queue: GetCourse new users',
		active: false,
		settings: {},
		nodes: [
			{
				parameters: {
					pollTimes: { item: [{ mode: 'everyMinute' }] },
					event: 'newUser',
					options: { timeZone: 'UTC' },
					// The guard's minimum shortened to 30 s for this suite (the trigger's hidden test parameter).
					testMinimumIntervalSeconds: 30,
				},
				id: '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e',
				name: 'GetCourse Trigger',
				type: 'n8n-nodes-creator-commerce.getCourseTrigger',
				typeVersion: 1,
				position: [0, 0],
				credentials,
			},
			{
				parameters: { resource: 'user', operation: 'setGroups', userId: '={{ $json.id }}', groupNames: ['Emitted'] },
				id: '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f',
				name: 'Mark Emitted',
				type: 'n8n-nodes-creator-commerce.getCourse',
				typeVersion: 1,
				position: [220, 0],
				credentials,
			},
		],
		connections: { 'GetCourse Trigger': { main: [[{ node: 'Mark Emitted', type: 'main', index: 0 }]] } },
		pinData: {},
	};
}

/**
 * A trigger → Record (n8n's HTTP Request node): each execution posts its whole item to the
 * recording mock at `<recordUrl>/<platform>`.
 */
function deliveryWorkflow(platform: string, id: string, name: string, trigger: Record<string, unknown>, recordUrl: string) {
	const record = {
		id: `7e8f9a0b-1c2d-4e3f-8a4b-${id.slice(-12).toLowerCase().replace(/[^0-9a-f]/g, '0')}`,
		name: 'Record',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [220, 0],
		parameters: {
			method: 'POST',
			url: `${recordUrl}/${platform}`,
			sendBody: true,
			specifyBody: 'json',
			jsonBody: '={{ JSON.stringify($json) }}',
			options: {},
		},
	};
	const node = { typeVersion: 1, position: [0, 0], ...trigger };
	return {
		id,
		name,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [node, record],
		connections: { [String(trigger.name)]: { main: [[{ node: 'Record', type: 'main', index: 0 }]] } },
		pinData: {},
	};
}

/**
 * Kajabi Trigger (purchases of site 11, Verify With Kajabi on: each delivery's records looked up
 * at the mock by the webhook process) → Record.
 */
const kajabiBurstWorkflow = (credential: { id: string; name: string }, recordUrl: string) =>
	deliveryWorkflow(
		'kajabi',
		WF.kajabiBurst,
		'Queue: Kajabi purchase burst',
		{
			parameters: { event: 'purchase', siteId: '11', options: { verify: true } },
			id: '8b9c0d1e-2f3a-4b4c-9d5e-6f7a8b9c0d1e',
			name: 'Kajabi Trigger',
			type: 'n8n-nodes-creator-commerce.kajabiTrigger',
			webhookId: '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f',
			credentials: { kajabiApi: credential },
		},
		recordUrl,
	);

/** Boomerangme Trigger (cards issued) → Record. */
const boomerangmeBurstWorkflow = (credential: { id: string; name: string }, recordUrl: string) =>
	deliveryWorkflow(
		'boomerangme',
		WF.boomerangme,
		'Queue: Boomerangme card burst',
		{
			parameters: { events: ['CardIssuedEvent'] },
			id: '9c0d1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f',
			name: 'Boomerangme Trigger',
			type: 'n8n-nodes-creator-commerce.boomerangmeTrigger',
			webhookId: '4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a',
			credentials: { boomerangmeApi: credential },
		},
		recordUrl,
	);

/** The n-th burst delivery's record: its id appears in the item the workflow posts to Record. */
const burstPurchaseId = (n: number) => String(7_770_000 + n);
const burstCardId = (n: number) => `77${String(n).padStart(4, '0')}-000-000`;
const BURST_MARKERS: Record<string, RegExp> = { kajabi: /\b777\d{4}\b/g, boomerangme: /\b77\d{4}-000-000\b/g };

/** What the recording mock received: per call, its path, the burst record ids in its body, and when. */
interface Recorded {
	path: string;
	markers: string[];
	at: number;
}

/** What the burst mock answered: every request with its status and time. */
interface Answer {
	path: string;
	status: number;
	at: number;
}

function recording(mock: KwigaMock, answers: Answer[]) {
	return (request: RecordedRequest) => {
		const response = mock.handle(request);
		answers.push({ path: request.path, status: response.status, at: Date.now() });
		return response;
	};
}

interface ExecutionRow {
	id: string;
	status: string;
	mode: string;
	startedAt?: string;
	stoppedAt?: string;
}

const versionWanted = e2eVersions().includes(VERSION);

(versionWanted ? describe : describe.skip)(`n8n ${VERSION} in queue mode`, () => {
	const check = (section: string, title: string, fn: () => Promise<string | void>, timeout?: number) =>
		reportedTest(VERSION, section, title, fn, timeout);

	let redis: Redis | undefined;
	let redisDir = '';
	let redisNote = '';
	let postgres: Postgres | undefined;
	let postgresDir = '';
	let postgresNote = '';
	let database: { env: Record<string, string>; drop(): Promise<void> } | undefined;
	let n8n: N8n;
	let main: QueueProcessType;
	let workers: QueueProcessType[] = [];
	let webhook: QueueProcessType;
	let all: QueueProcessType[] = [];
	const served: ServedMock[] = [];

	const kwiga = new KwigaMock({ contacts: 40 });
	const burstAnswers: Answer[] = [];
	const burst = new KwigaMock({ contacts: 150, requestsPerMinute: MOCK_LIMIT.requests, windowMs: MOCK_LIMIT.windowMs });
	const shareAnswers: Answer[] = [];
	const share = new KwigaMock({ contacts: 60, requestsPerMinute: MOCK_LIMIT.requests, windowMs: MOCK_LIMIT.windowMs });
	const kajabi = new KajabiMock();
	const kajabiBurst = new KajabiMock();
	const boomerangme = new BoomerangmeMock({ customers: BURST.deliveries });
	const recorded: Recorded[] = [];
	const getCourse = new GetCourseMock({ notReadyChecks: 0 });
	const USER_EXPORT = '/pl/api/account/users';
	const userExportTimes: number[] = [];
	const fetchedExports = new Set<number>();
	const createdUsers: string[] = [];
	let getCourseActivated = 0;
	let getCourseError: Error | undefined;

	/** Which worker ran each execution, from each worker's "Worker started execution <id>" lines. */
	const ranOn = (): Map<string, string[]> => {
		const map = new Map<string, string[]>();
		for (const worker of workers) {
			for (const match of worker.log.matchAll(/Worker started execution (\d+)/g)) {
				map.set(match[1], [...(map.get(match[1]) ?? []), worker.name]);
			}
		}
		return map;
	};

	/**
	 * The workflow's executions, newest first: every page of n8n's list, 100 a page. With a
	 * status filter n8n orders the list by id and `lastId` pages on (without one it returns the
	 * running ones plus the latest finished by start time, which does not page by id).
	 */
	const executions = async (workflowId: string): Promise<ExecutionRow[]> => {
		const status = ['new', 'running', 'waiting', 'success', 'error', 'crashed', 'canceled', 'unknown'];
		const filter = encodeURIComponent(JSON.stringify({ workflowId, status }));
		const rows = new Map<string, ExecutionRow>();
		for (let lastId: number | undefined; ; ) {
			const after = lastId === undefined ? '' : `&lastId=${lastId}`;
			const body = await n8n.get<{ data: { results: ExecutionRow[] } }>(`/rest/executions?filter=${filter}&limit=100${after}`);
			for (const row of body.data.results) rows.set(row.id, row);
			if (body.data.results.length < 100) return [...rows.values()].sort((x, y) => Number(y.id) - Number(x.id));
			lastId = Math.min(...body.data.results.map((row) => Number(row.id)));
		}
	};
	const finished = (rows: ExecutionRow[]) => rows.filter((row) => !['new', 'running', 'waiting'].includes(row.status));

	/**
	 * Checks that `rows` are exactly `count` successful webhook executions, each run by one worker
	 * (none on main or the webhook process) and both workers running some; returns the count per worker.
	 */
	const expectWebhookRuns = (rows: ExecutionRow[], count: number): Map<string, number> => {
		expect(rows).toHaveLength(count);
		expect(rows.filter((row) => row.status !== 'success')).toEqual([]);
		expect(new Set(rows.map((row) => row.mode))).toEqual(new Set(['webhook']));
		const workersOf = ranOn();
		const perWorker = new Map(workers.map((worker) => [worker.name, 0]));
		for (const row of rows) {
			const ran = workersOf.get(row.id) ?? [];
			expect({ execution: row.id, ran }).toEqual({ execution: row.id, ran: [expect.any(String)] });
			perWorker.set(ran[0], (perWorker.get(ran[0]) ?? 0) + 1);
		}
		expect({ perWorker: [...perWorker].filter(([, ran]) => ran === 0) }).toEqual({ perWorker: [] });
		for (const proc of [main, webhook]) expect(proc.log).not.toMatch(/Worker started execution/);
		return perWorker;
	};

	const deactivate = async (workflowId: string) => {
		await n8n.post(`/rest/workflows/${workflowId}/deactivate`, {});
	};

	beforeAll(async () => {
		const began = Date.now();
		const { binary, installed } = await timed('redis-server: found or installed with apt-get', () => ensureRedis());
		redisDir = mkdtempSync(path.join(tmpdir(), 'queue-redis-'));
		redis = await timed('redis-server: started', async () => await startRedis(binary, redisDir));
		redisNote = `redis-server ${redis.version} (${installed ? 'installed with apt-get by the suite' : 'already installed'}) on 127.0.0.1:${redis.port}`;

		// n8n's own node-postgres, for creating and dropping the run's database.
		const Client = pgClient(VERSION);
		postgres = await timed('PostgreSQL: the one DB_POSTGRESDB_HOST names, if set', async () => await existingPostgres(Client));
		if (postgres) {
			postgresNote = `PostgreSQL ${postgres.version} at ${postgres.host}:${postgres.port} (DB_POSTGRESDB_HOST given)`;
		} else {
			const found = await timed('PostgreSQL: found or installed with apt-get', () => ensurePostgres());
			postgresDir = mkdtempSync(path.join(tmpdir(), 'queue-postgres-'));
			// The postgres user runs the server in this folder.
			chmodSync(postgresDir, 0o755);
			postgres = await timed('PostgreSQL: initdb and started', async () => await startPostgres(found.binDir, postgresDir, Client));
			postgresNote = `PostgreSQL ${postgres.version} (${found.binDir}, ${found.installed ? 'installed with apt-get by the suite' : 'already installed'}; initdb into a temporary folder, removed after the run) on 127.0.0.1:${postgres.port}`;
		}
		const server = postgres;
		const name = `n8n_queue_e2e_${Date.now()}`;
		database = await timed('PostgreSQL: an empty database for the run', async () => await createDatabase(Client, server, name));
		postgresNote += `, database ${name} (dropped after the run)`;

		for (const [mock, answers] of [
			[burst, burstAnswers],
			[share, shareAnswers],
		] as const) {
			served.push(await serveMock(recording(mock, answers)));
		}
		const [burstUrl, shareUrl] = served.map((mock) => mock.url);
		const kwigaServed = await serveMock(kwiga.handle);
		const kwigaUrl = kwigaServed.url;
		const kajabiServed = await serveMock(kajabi.handle);
		const kajabiBurstServed = await serveMock(kajabiBurst.handle);
		const boomerangmeServed = await serveMock(boomerangme.handle);
		const recordServed = await serveMock((request) => {
			const markers = new Set(JSON.stringify(request.body ?? '').match(BURST_MARKERS[request.path.slice(1)] ?? /$^/g) ?? []);
			recorded.push({ path: request.path, markers: [...markers], at: Date.now() });
			return { status: 200, body: { received: true } };
		});
		// Cards for the burst's deliveries, each of its own customer: real records, should a
		// trigger read them back.
		for (let n = 1; n <= BURST.deliveries; n++) {
			boomerangme.cards.push({ ...boomerangme.cardOf('stamp'), id: burstCardId(n), customerId: customerId(n) });
		}
		// The purchases the Kajabi burst delivers, for Verify to find (the offer, 21, is site 11's).
		for (let n = 1; n <= BURST.deliveries; n++) {
			kajabiBurst.records.get('purchases')!.push({
				id: burstPurchaseId(n),
				type: 'purchases',
				attributes: { amount_in_cents: 4900 + n, currency: 'USD', payment_type: 'single' },
				relationships: { offer: { data: { id: '21', type: 'offers' } } },
			});
		}
		const getCourseServed = await serveMock((request) => {
			// GetCourse makes an export's file whether or not anyone asks for it: one that nobody
			// fetched (its poll ended with main) stops blocking new exports (error 905) after 15 s.
			for (const job of getCourse.exports.values()) {
				if (!job.ready && Date.now() - job.startedAt > 15_000) job.ready = true;
			}
			const response = getCourse.handle(request);
			const info = (response.body as { info?: { export_id?: number; items?: unknown } } | undefined)?.info;
			// The user exports GetCourse started (not those refused), and the files handed out.
			if (request.path === USER_EXPORT && info?.export_id !== undefined) userExportTimes.push(Date.now());
			const file = /^\/pl\/api\/account\/exports\/(\d+)$/.exec(request.path);
			if (file && info?.items !== undefined) fetchedExports.add(Number(file[1]));
			return response;
		});
		served.push(kwigaServed, kajabiServed, kajabiBurstServed, boomerangmeServed, recordServed, getCourseServed);

		const mainPort = await freePort();
		const webhookPort = await freePort();
		n8n = new N8n(VERSION, mainPort, database.env);
		const settings = {
			version: VERSION,
			userFolder: n8n.userFolder,
			redisPort: redis.port,
			webhookUrl: `http://localhost:${webhookPort}`,
			database: database.env,
		};
		// The GetCourse Trigger's budget guard lets a poll spend export requests at most every 10
		// minutes; its test-only setting lets the every-minute polls here through (at least 10 s).
		main = new QueueProcess('main', 'main', settings, mainPort);
		workers = [
			new QueueProcess('worker-1', 'worker', settings, await freePort()),
			new QueueProcess('worker-2', 'worker', settings, await freePort()),
		];
		webhook = new QueueProcess('webhook', 'webhook', settings, webhookPort);
		all = [main, ...workers, webhook];

		await timed('package: packed and npm-installed into <user folder>/.n8n/nodes', () => n8n.installPackage());
		const kwigaData = { token: kwiga.token, cabinetHash: kwiga.cabinetHash, language: 'en' };
		const credentials = {
			kwiga: { id: CRED.kwiga, name: 'KWIGA (queue)' },
			burst: { id: CRED.burst, name: `KWIGA (${OVER_RATE} per 2 s)` },
			share: { id: CRED.share, name: `KWIGA (${SHARE_RATE} per 2 s)` },
			kajabi: { id: CRED.kajabi, name: 'Kajabi (queue)' },
			kajabiBurst: { id: CRED.kajabiBurst, name: 'Kajabi (burst)' },
			boomerangme: { id: CRED.boomerangme, name: 'Boomerangme (burst)' },
			getCourse: { id: CRED.getCourse, name: 'GetCourse (queue)' },
		};
		await timed('credentials and workflows imported (n8n CLI, first run migrates the database)', async () => {
			await n8n.import('import:credentials', [
				{ ...credentials.kwiga, type: 'kwigaApi', data: { ...kwigaData, baseUrl: kwigaUrl } },
				{
					...credentials.burst,
					type: 'kwigaApi',
					data: { ...kwigaData, baseUrl: burstUrl, rateLimitRequests: OVER_RATE, rateLimitWindowSeconds: 2 },
				},
				{
					...credentials.share,
					type: 'kwigaApi',
					data: { ...kwigaData, baseUrl: shareUrl, rateLimitRequests: SHARE_RATE, rateLimitWindowSeconds: 2 },
				},
				{
					...credentials.kajabi,
					type: 'kajabiApi',
					data: { clientId: kajabi.clientId, clientSecret: kajabi.clientSecret, baseUrl: kajabiServed.url },
				},
				{
					...credentials.kajabiBurst,
					type: 'kajabiApi',
					// Verify's lookups (2 a delivery) may go at 100 a second.
					data: {
						clientId: kajabiBurst.clientId,
						clientSecret: kajabiBurst.clientSecret,
						baseUrl: kajabiBurstServed.url,
						rateLimitRequests: 100,
						rateLimitWindowSeconds: 1,
					},
				},
				{
					...credentials.boomerangme,
					type: 'boomerangmeApi',
					data: { apiKey: boomerangme.apiKey, baseUrl: boomerangmeServed.url },
				},
				{
					...credentials.getCourse,
					type: 'getCourseApi',
					data: { account: getCourseServed.url, secretKey: getCourse.key },
				},
			]);
			await n8n.import('import:workflow', [
				hookWorkflow(credentials.kwiga),
				burstWorkflow(WF.burst, 'queue-kwiga-burst', '0a1b2c3d-0000-4000-8000-000000000002', credentials.burst),
				burstWorkflow(WF.share, 'queue-kwiga-share', '0a1b2c3d-0000-4000-8000-000000000003', credentials.share),
				kajabiWorkflow(credentials.kajabi),
				kajabiBurstWorkflow(credentials.kajabiBurst, recordServed.url),
				boomerangmeBurstWorkflow(credentials.boomerangme, recordServed.url),
				getCourseWorkflow(credentials.getCourse),
			]);
		});
		await timed('n8n start (main, EXECUTIONS_MODE=queue): ready', async () => await main.start());
		await timed('2 × n8n worker + n8n webhook: ready (started together)', async () => {
			await Promise.all([...workers, webhook].map(async (proc) => await proc.start()));
		});
		await n8n.login();
		timings.push(['set-up in all', Date.now() - began]);

		// The GetCourse Trigger polls once a minute: it is activated now and checked last, so
		// that its polls run while the other checks keep both workers busy.
		getCourseActivated = Date.now();
		try {
			await n8n.activateRunning(WF.getCourse);
			// The first poll's export sets the starting point: users added after it started are new.
			await until('the first poll to start an export', () => userExportTimes.length >= 1, 120_000);
			createdUsers.push(
				String(getCourse.addUser({ email: 'queue-one@example.com' }).id),
				String(getCourse.addUser({ email: 'queue-two@example.com' }).id),
			);
		} catch (error) {
			getCourseError = error as Error;
		}
	}, 900_000);

	afterAll(async () => {
		const began = Date.now();
		await Promise.all(all.map(async (proc) => await proc.stop()));
		await redis?.stop();
		await database?.drop().catch((error: Error) => {
			postgresNote += `; dropping the run's database failed: ${error.message}`;
		});
		await postgres?.stop();
		timings.push(['n8n processes, redis-server and PostgreSQL stopped', Date.now() - began]);
		await Promise.all(served.map(async (mock) => await mock.close()));
		if (redisDir) rmSync(redisDir, { recursive: true, force: true });
		if (postgresDir) rmSync(postgresDir, { recursive: true, force: true });
		// Each process's log next to the report; the user folder (about 85 MB) goes.
		const logs = path.join(ARTIFACTS, 'queue-logs');
		rmSync(logs, { recursive: true, force: true });
		mkdirSync(logs, { recursive: true });
		for (const proc of all) {
			try {
				copyFileSync(proc.logFile, path.join(logs, `${proc.name}.log`));
			} catch {
				// never started
			}
		}
		if (n8n) rmSync(n8n.userFolder, { recursive: true, force: true });
		writeQueueReport();
	}, 120_000);

	function writeQueueReport(): void {
		const lines = reportMarkdown().split('\n');
		lines[0] = '# Queue mode report';
		const processes = all.map(
			(proc) => `${proc.name} (pid ${proc.pid ?? '-'}, ready in ${seconds(proc.startupMs)}, log test-artifacts/queue-logs/${proc.name}.log)`,
		);
		lines.splice(
			1,
			0,
			'',
			`n8n ${VERSION}, EXECUTIONS_MODE=queue, DB_TYPE=postgresdb: ${postgresNote || 'PostgreSQL not started'}; ${redisNote || 'redis-server not started'}; one user folder for settings and the package (removed after the run).`,
			`Processes: ${processes.join('; ')}.`,
			'',
			'| step | time |',
			'| --- | --- |',
			...timings.map(([what, ms]) => `| ${what} | ${seconds(ms)} |`),
		);
		mkdirSync(ARTIFACTS, { recursive: true });
		writeFileSync(QUEUE_REPORT, lines.join('\n'));
	}

	check('Loading', 'every node and credential loads in every process, with no error naming the package', async () => {
		const seen: string[] = [];
		for (const proc of all) {
			const loaded = /Loaded all credentials and nodes from n8n-nodes-creator-commerce (\{.*\})/.exec(proc.log);
			if (!loaded) throw new Error(`${proc.name}: no "Loaded all credentials and nodes from n8n-nodes-creator-commerce" line`);
			expect({ process: proc.name, ...JSON.parse(loaded[1]) }).toMatchObject({
				process: proc.name,
				credentials: MANIFEST.credentials.length,
				nodes: MANIFEST.nodes.length,
			});
			// n8n's own stack traces name the cache folder (~/.cache/n8n-nodes-creator-commerce).
			const problems = proc.log
				.split('\n')
				.map((line) => line.split(N8N_CACHE).join('<n8n cache>'))
				.filter((line) => /error|fail|could not|cannot/i.test(line))
				.filter((line) => /creator-commerce|community|custom/i.test(line));
			expect({ process: proc.name, problems }).toEqual({ process: proc.name, problems: [] });
			seen.push(proc.name);
		}
		return `${seen.join(', ')}: each loaded ${MANIFEST.nodes.length} node files and ${MANIFEST.credentials.length} credentials; no error line names the package`;
	});

	check(
		'KWIGA webhook',
		'40 simultaneous calls through the webhook process: 40 successful executions on both workers',
		async () => {
			await timed('KWIGA webhook workflow activated', async () => await n8n.activateRunning(WF.hook));
			kwiga.requests = [];
			const began = Date.now();
			const calls = Array.from({ length: 40 }, (_, index) => index + 1);
			// All at once: on PostgreSQL (on SQLite, 1 of 40 simultaneous calls failed with
			// SQLITE_BUSY in n8n's own execution bookkeeping; see the README's Queue mode section).
			const statuses = await Promise.all(
				calls.map(async (contactId) => {
					const response = await fetch(`${webhook.url}/webhook/queue-kwiga`, {
						method: 'POST',
						headers: { 'Content-Type': 'application/json' },
						body: JSON.stringify({ contact_id: contactId }),
					});
					await response.text();
					return response.status;
				}),
			);
			expect(statuses).toEqual(calls.map(() => 200));
			let rows: ExecutionRow[] = [];
			await until('40 finished executions', async () => finished((rows = await executions(WF.hook))).length >= 40, 120_000);
			// Time for a doubled execution to show.
			await sleep(2000);
			rows = await executions(WF.hook);
			const tookMs = Date.now() - began;
			timings.push(['40 webhook calls until every execution finished', tookMs]);
			const perWorker = expectWebhookRuns(rows, 40);

			const gets = kwiga.requests.filter((request) => request.method === 'GET' && /^\/contacts\/\d+$/.test(request.path));
			expect(gets.map((request) => Number(request.path.split('/')[2])).sort((a, b) => a - b)).toEqual(calls);
			expect(gets.every((request) => request.headers.token === kwiga.token)).toBe(true);
			return `40 × 200 from the webhook process (all 40 at once); 40 executions, all success, mode webhook; ${[...perWorker]
				.map(([name, count]) => `${name} ran ${count}`)
				.join(', ')} (from each worker's "Worker started execution <id>" log lines); KWIGA mock saw 40 GET /contacts/<id>; ${seconds(tookMs)} from the first call to the last finished execution`;
		},
		300_000,
	);

	/**
	 * Posts to a burst workflow twice at once (one execution per worker) and waits for both:
	 * returns what the mock answered and how the executions went.
	 */
	async function runBurst(workflowId: string, pathName: string, answers: Answer[], items: number) {
		await n8n.activateRunning(workflowId);
		answers.length = 0;
		const began = Date.now();
		const statuses = await Promise.all(
			[1, 2].map(async () => {
				const response = await fetch(`${webhook.url}/webhook/${pathName}`, { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' } });
				await response.text();
				return response.status;
			}),
		);
		expect(statuses).toEqual([200, 200]);
		let rows: ExecutionRow[] = [];
		await until('both burst executions to finish', async () => finished((rows = await executions(workflowId))).length >= 2, 300_000);
		const tookMs = Date.now() - began;
		await deactivate(workflowId);
		expect(rows).toHaveLength(2);
		// Without Continue On Fail one failed item fails its execution: success means none failed.
		expect(rows.map((row) => row.status)).toEqual(['success', 'success']);
		const workersOf = ranOn();
		const ran = rows.map((row) => (workersOf.get(row.id) ?? []).join('+'));
		expect(new Set(ran)).toEqual(new Set(workers.map((worker) => worker.name)));
		const [a, b] = rows.map((row) => ({ start: Date.parse(row.startedAt ?? ''), stop: Date.parse(row.stoppedAt ?? '') }));
		const overlapMs = Math.min(a.stop, b.stop) - Math.max(a.start, b.start);
		expect(overlapMs).toBeGreaterThan(0);

		const gets = answers.filter((answer) => /^\/contacts\/\d+$/.test(answer.path));
		const ok = gets.filter((answer) => answer.status === 200);
		const refused = answers.filter((answer) => answer.status === 429);
		expect(answers.filter((answer) => ![200, 429].includes(answer.status))).toEqual([]);
		// Each contact fetched with success exactly once per execution.
		const perContact = new Map<string, number>();
		for (const answer of ok) perContact.set(answer.path, (perContact.get(answer.path) ?? 0) + 1);
		expect(perContact.size).toBe(items);
		expect([...perContact.values()].every((count) => count === 2)).toBe(true);
		// The busiest stretch of the mock's window length (sliding; the mock counts fixed windows).
		let peak = 0;
		const times = answers.map((answer) => answer.at).sort((x, y) => x - y);
		for (let i = 0, j = 0; i < times.length; i++) {
			while (times[i] - times[j] >= MOCK_LIMIT.windowMs) j++;
			peak = Math.max(peak, i - j + 1);
		}
		return {
			tookMs,
			overlapMs,
			ran,
			requests: answers.length,
			ok: answers.length - refused.length,
			refused: refused.length,
			peak,
			summary: `2 executions of ${items} items at once, ${ran.join(' and ')}, overlapping ${seconds(overlapMs)}: both success, no failed item; ${answers.length} requests to the mock (${answers.length - refused.length} × 200, ${refused.length} × 429); every contact fetched once per execution; busiest 2 s (sliding) at the mock: ${peak} requests, the mock counting in fixed 2 s windows; ${seconds(tookMs)} from the calls to both finished`,
		};
	}

	check(
		'KWIGA rate limit',
		`both workers over the limit together (mock ${MOCK_LIMIT.requests} per 2 s, credential ${OVER_RATE} per 2 s per worker): 429 pauses keep every item from failing`,
		async () => {
			const result = await runBurst(WF.burst, 'queue-kwiga-burst', burstAnswers, 150);
			timings.push([`burst: 2 × 150 items at ${OVER_RATE} per 2 s per worker`, result.tookMs]);
			// Together the workers went over the limit: the mock refused some requests.
			expect(result.refused).toBeGreaterThan(0);
			return result.summary;
		},
		400_000,
	);

	check(
		'KWIGA rate limit',
		`the README's advice, limit ÷ workers (${SHARE_RATE} per 2 s per worker): no failed item`,
		async () => {
			const result = await runBurst(WF.share, 'queue-kwiga-share', shareAnswers, 60);
			timings.push([`burst: 2 × 60 items at ${SHARE_RATE} per 2 s per worker`, result.tookMs]);
			return `${result.summary}${result.refused ? ' (429s here come from requests that left inside the window but arrived late: timing on a loaded machine)' : ''}`;
		},
		400_000,
	);

	check(
		'Kajabi Trigger',
		'activated on main: one hook; an event posted to the webhook process runs once on a worker; deactivation removes the hook',
		async () => {
			// The hook's URL is the webhook process's (a trigger may add a secret of its own to it).
			const prefix = `${webhook.url}/webhook/${KAJABI_WEBHOOK_ID}/`;
			const mine = () => kajabi.hooks.filter((hook) => String(hook.attributes.target_url).startsWith(prefix));
			// The mock starts with two hooks of its own at example.com; only this workflow's hook may receive the event.
			kajabi.hooks.splice(0);
			expect(kajabi.hooks).toHaveLength(0);
			kajabi.requests = [];
			await n8n.activateRunning(WF.kajabi);
			// Give the other processes time to do anything they would do on activation.
			await sleep(3000);
			const created = kajabi.requests.filter((request) => request.method === 'POST' && request.path === '/v1/hooks');
			expect(created).toHaveLength(1);
			expect(mine()).toHaveLength(1);
			const [hook] = mine();
			const target = String(hook.attributes.target_url);

			const before = (await executions(WF.kajabi)).length;
			expect(before).toBe(0);
			const purchase = [
				{ id: '301', type: 'purchases', attributes: { amount_in_cents: 4900, currency: 'USD' }, relationships: { offer: { data: { id: '21', type: 'offers' } } } },
				{ id: '21', type: 'offers', attributes: { title: 'Yoga Basics' } },
			];
			expect(await kajabi.emit('purchase', purchase)).toEqual([200]);
			let rows: ExecutionRow[] = [];
			await until('the purchase execution', async () => finished((rows = await executions(WF.kajabi))).length >= 1, 60_000);
			await sleep(3000);
			rows = await executions(WF.kajabi);
			expect(rows).toHaveLength(1);
			expect(rows[0]).toMatchObject({ status: 'success', mode: 'webhook' });
			const ran = ranOn().get(rows[0].id) ?? [];
			expect(ran).toHaveLength(1);
			// Verify looked the purchase up before the workflow ran.
			expect(kajabi.requests.some((request) => request.path === '/v1/purchases/301')).toBe(true);

			kajabi.requests = [];
			await deactivate(WF.kajabi);
			await sleep(2000);
			expect(mine()).toHaveLength(0);
			const deleted = kajabi.requests.filter((request) => request.method === 'DELETE');
			expect(deleted.map((request) => request.path)).toEqual([`/v1/hooks/${hook.id}`]);
			return `1 POST /v1/hooks (hook ${hook.id} → ${target}, the webhook process); the event ran once: execution ${rows[0].id} on ${ran[0]}; deactivation: 1 DELETE /v1/hooks/${hook.id}, 0 hooks left`;
		},
		180_000,
	);

	/**
	 * Posts BURST.deliveries distinct deliveries to the hook URL a trigger registered at its mock,
	 * evenly over BURST.spreadMs without waiting for answers, and checks that they became exactly
	 * as many successful executions, on both workers, each delivery reaching the Record node once.
	 */
	async function deliveryBurst(platform: 'kajabi' | 'boomerangme', workflowId: string, url: string, bodies: unknown[], expected: string[]) {
		expect(await executions(workflowId)).toEqual([]);
		const recordPath = `/${platform}`;
		const statuses: number[] = [];
		const began = Date.now();
		let lastPostAt = began;
		await Promise.all(
			bodies.map(async (body, index) => {
				await sleep(began + (index * BURST.spreadMs) / bodies.length - Date.now());
				lastPostAt = Math.max(lastPostAt, Date.now());
				const response = await fetch(url, {
					method: 'POST',
					headers: { 'Content-Type': 'application/json' },
					body: JSON.stringify(body),
				});
				await response.text();
				statuses.push(response.status);
			}),
		);
		const answeredMs = Date.now() - began;
		const postedMs = lastPostAt - began;
		expect(postedMs).toBeLessThan(10_000);
		expect(statuses.filter((status) => status !== 200)).toEqual([]);
		let rows: ExecutionRow[] = [];
		await until(
			`${bodies.length} finished executions of ${workflowId}`,
			async () => finished((rows = await executions(workflowId))).length >= bodies.length,
			300_000,
		);
		const lastFinished = Math.max(...rows.map((row) => Date.parse(row.stoppedAt ?? '')));
		// Time for a doubled execution or a late delivery to show.
		await sleep(3000);
		rows = await executions(workflowId);
		await deactivate(workflowId);

		const perWorker = expectWebhookRuns(rows, bodies.length);

		// Each execution's item names one delivery's record, and every delivery's record came once.
		const calls = recorded.filter((call) => call.path === recordPath);
		expect(calls.filter((call) => call.markers.length !== 1)).toEqual([]);
		const perRecord = new Map<string, number>();
		for (const call of calls) perRecord.set(call.markers[0], (perRecord.get(call.markers[0]) ?? 0) + 1);
		expect([...perRecord.keys()].sort()).toEqual([...expected].sort());
		expect([...perRecord].filter(([, count]) => count !== 1)).toEqual([]);

		const tookMs = lastFinished - began;
		timings.push([`${platform} burst: first post to last execution finished`, tookMs]);
		return `${bodies.length} distinct deliveries posted in ${seconds(postedMs)} (last answer after ${seconds(answeredMs)}), all 200; ${rows.length} executions, all success, mode webhook; ${[...perWorker]
			.map(([name, count]) => `${name} ran ${count}`)
			.join(', ')}; the Record node received each delivery's record exactly once (${calls.length} calls); ${seconds(tookMs)} from the first post to the last execution finished`;
	}

	check(
		'Burst of deliveries',
		`${BURST.deliveries} Kajabi purchase deliveries (Verify With Kajabi on) posted to the webhook process within 10 s: exactly ${BURST.deliveries} successful executions over both workers, none lost, none doubled`,
		async () => {
			// The mock starts with two hooks of its own at example.com.
			kajabiBurst.hooks.splice(0);
			await n8n.activateRunning(WF.kajabiBurst);
			const hooks = kajabiBurst.hooks.filter((hook) => String(hook.attributes.target_url).startsWith(`${webhook.url}/webhook/`));
			expect(hooks).toHaveLength(1);
			// Exactly the URL the trigger registered, secret and all.
			const url = String(hooks[0].attributes.target_url);
			const bodies = Array.from({ length: BURST.deliveries }, (_, index) => {
				const n = index + 1;
				return {
					id: `queue-burst-delivery-${n}`,
					event: 'purchase',
					payload: [
						{
							id: burstPurchaseId(n),
							type: 'purchases',
							attributes: { amount_in_cents: 4900 + n, currency: 'USD', payment_type: 'single' },
							relationships: { offer: { data: { id: '21', type: 'offers' } } },
						},
						{ id: '21', type: 'offers', attributes: { title: 'Yoga Basics', price_in_cents: 4900 } },
					],
				};
			});
			const expected = bodies.map((_, index) => burstPurchaseId(index + 1));
			return await deliveryBurst('kajabi', WF.kajabiBurst, url, bodies, expected);
		},
		420_000,
	);

	check(
		'Burst of deliveries',
		`${BURST.deliveries} Boomerangme card deliveries posted to the webhook process within 10 s: exactly ${BURST.deliveries} successful executions over both workers, none lost, none doubled`,
		async () => {
			await n8n.activateRunning(WF.boomerangme);
			const hooks = [...boomerangme.webhooks.values()];
			expect(hooks).toHaveLength(1);
			expect(hooks[0].url.startsWith(`${webhook.url}/webhook/`)).toBe(true);
			const bodies = Array.from({ length: BURST.deliveries }, (_, index) => {
				const n = index + 1;
				return {
					event: 'CardIssuedEvent',
					data: { cardId: burstCardId(n), customerId: customerId(n), templateId: 41400, companyId: 1024 },
					createdAt: new Date(Date.now() + n).toISOString(),
				};
			});
			const expected = bodies.map((_, index) => burstCardId(index + 1));
			return await deliveryBurst('boomerangme', WF.boomerangme, hooks[0].url, bodies, expected);
		},
		420_000,
	);

	check(
		'GetCourse Trigger',
		'polls from main only while both workers run, across a restart of main: no duplicate poll, each user added between polls, while main was stopped and after it started again emitted once',
		async () => {
			if (getCourseError) throw getCourseError;
			const emitted = () =>
				getCourse.imports
					.filter((entry) => entry.action === 'update')
					.map((entry) => String((entry.params?.user as { id?: unknown } | undefined)?.id));
			const allEmitted = (ids: string[]) => () => ids.every((id) => emitted().includes(id));
			let stoppedAt = 0;
			try {
				// The users added after the first poll's export started: emitted by a later poll.
				await until('the 2 users added between polls to be emitted', allEmitted([...createdUsers]), 180_000);

				// main stops (its scheduler with it); a user is added while it is down, another once it is back.
				stoppedAt = Date.now();
				await timed('GetCourse Trigger: main stopped (SIGTERM)', async () => await main.stop());
				createdUsers.push(String(getCourse.addUser({ email: 'queue-while-down@example.com' }).id));
				await timed('GetCourse Trigger: main started again (queue mode, PostgreSQL)', async () => await main.start(240_000, true));
				n8n.forgetSession();
				createdUsers.push(String(getCourse.addUser({ email: 'queue-after-restart@example.com' }).id));
				await until('the users added across the restart to be emitted', allEmitted(createdUsers.slice(2)), 240_000);

				// One more poll after the one that emitted them: it must emit nothing.
				const polled = userExportTimes.length;
				await until('the next poll', () => userExportTimes.length > polled, 150_000);
				// The poll fetches its export's file some seconds later; then give a run it might start time to show.
				const latest = Math.max(...getCourse.exports.keys());
				await until("the poll's export to be fetched", () => fetchedExports.has(latest), 60_000);
				await sleep(3000);
			} finally {
				await deactivate(WF.getCourse).catch(() => undefined);
			}
			const tookMs = Date.now() - getCourseActivated;
			timings.push(['GetCourse Trigger: activation until the last poll checked (alongside the other checks, with a restart of main)', tookMs]);

			// Each user once: nobody twice, nobody missing.
			expect(emitted().sort()).toEqual([...createdUsers].sort());
			const rows = await executions(WF.getCourse);
			expect(rows.length).toBeGreaterThanOrEqual(2);
			expect(rows.filter((row) => row.status !== 'success')).toEqual([]);
			const workersOf = ranOn();
			const ran = rows.map((row) => workersOf.get(row.id) ?? []);
			expect(ran.filter((names) => names.length !== 1)).toEqual([]);

			// Which process polled: n8n logs "Executing cron" with the workflow id where a poll fires
			// (main's log holds both of its runs).
			const cronLines = (proc: QueueProcessType) =>
				proc.log.split('\n').filter((line) => line.includes('Executing cron') && line.includes(WF.getCourse)).length;
			const perProcess = all.map((proc) => [proc.name, cronLines(proc)] as const);
			expect(perProcess.filter(([name, count]) => name !== 'main' && count > 0)).toEqual([]);
			const scheduled = perProcess.find(([name]) => name === 'main')![1];
			expect(scheduled).toBeGreaterThanOrEqual(2);
			// At most one user export per poll: the two activations' polls plus the scheduled ones.
			expect(userExportTimes.length).toBeLessThanOrEqual(2 + scheduled);
			// Within each run of main, scheduled polls a minute apart (a second poller would poll
			// within the same minute); the first gap of a run follows its activation poll.
			const lives = [
				userExportTimes.filter((at) => at < stoppedAt),
				userExportTimes.filter((at) => at >= stoppedAt),
			];
			const gaps = lives.map((times) => times.slice(1).map((at, index) => at - times[index]));
			expect(gaps.flatMap((life) => life.slice(1)).filter((gap) => gap < 45_000)).toEqual([]);
			return `${userExportTimes.length} user exports (${lives[0].length} before the restart of main, ${lives[1].length} after); "Executing cron" lines: ${perProcess
				.map(([name, count]) => `${name} ${count}`)
				.join(', ')}; users ${createdUsers.join(', ')} (2 between polls, 1 while main was stopped, 1 after it started again) emitted once each, in ${rows.length} executions (${rows
				.map((row, index) => `${row.id} on ${ran[index][0]}`)
				.join(', ')}); gaps between polls ${gaps
				.map((life) => life.map((gap) => seconds(gap)).join(', '))
				.join(' | restart | ')}; ${seconds(tookMs)} from activation`;
		},
		720_000,
	);
});
