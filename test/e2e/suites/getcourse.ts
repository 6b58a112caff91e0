/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code, never published: it runs in Node.js beside n8n and needs timers and process; n8n's rules for node code do not apply to it */
/**
 * The GetCourse Trigger on the running n8n (`n8n start`), polling a mock school of its own
 * with n8n's default "Every Minute": activation returns at once (its export is fetched by a
 * later poll) and takes what exists as the starting point; over 5 minutes the budget guard lets
 * at most one check in 90 seconds spend export requests, a check that starts while an earlier
 * one still waits for a slow export does nothing, and new users come out once each; after n8n
 * is stopped and started again nothing is emitted twice and a user created meanwhile is
 * emitted once.
 *
 * The guard's minimum is 10 minutes in production; this suite sets it to 90 seconds with the
 * environment variable the trigger reads for that (see the README, GetCourse Trigger).
 * Each emitted user goes on to a GetCourse node (User → Set Groups with the user's ID), so
 * the mock counts what the trigger emitted without reading n8n's execution data.
 * This suite restarts the shared n8n once (the log file starts over then).
 *
 * The triggers' share of a school's export budget (half of it) is checked on a school of its
 * own whose exports never become ready, with the share made small by the trigger's hidden
 * test parameter `testTriggerShare` (3 export requests): the trigger stops at its share and
 * says so once in the log, fails nothing, while a GetCourse node in another workflow still
 * runs its export request; Fetch Test Event is refused by the same share before it sends.
 */
import type { MockResponse, RecordedRequest } from '../../harness';
import type { GetCourseMock as Mock } from '../../mocks/getcourse';
import { GetCourseMock, READY_EXPORT_ID } from '../../mocks/getcourse';
import type { E2eEnv, Execution } from '../env';

/** The guard's minimum in this suite's workflow, seconds (the trigger's hidden test parameter). */
const MIN_SECONDS = 90;

export const title = 'GetCourse Trigger';

const CREDENTIAL_ID = 'getcourseE2e0001';
const CREDENTIAL_NAME = 'GetCourse (trigger)';
const WORKFLOW_ID = 'getcourseTrig001';

function triggerWorkflow(): Record<string, unknown> {
	const credentials = { getCourseApi: { id: CREDENTIAL_ID, name: CREDENTIAL_NAME } };
	return {
		id: WORKFLOW_ID,
		name: 'GetCourse: new users',
		active: false,
		nodes: [
			{
				parameters: {
					pollTimes: { item: [{ mode: 'everyMinute' }] },
					event: 'newUser',
					options: { timeZone: 'UTC' },
					testMinimumIntervalSeconds: MIN_SECONDS,
				},
				id: '9c0f3a52-1d4e-4b7a-8f21-6a5e2c9d0b11',
				name: 'GetCourse Trigger',
				type: 'n8n-nodes-creator-commerce.getCourseTrigger',
				typeVersion: 1,
				position: [0, 0],
				credentials,
			},
			{
				parameters: {
					resource: 'user',
					operation: 'setGroups',
					userId: '={{ $json.id }}',
					groupNames: ['Emitted'],
				},
				id: '4a7e1b93-6c2d-4f08-9e35-0b8d7c6a5f22',
				name: 'Mark Emitted',
				type: 'n8n-nodes-creator-commerce.getCourse',
				typeVersion: 1,
				position: [220, 0],
				credentials,
			},
		],
		connections: {
			'GetCourse Trigger': { main: [[{ node: 'Mark Emitted', type: 'main', index: 0 }]] },
		},
		settings: {},
		pinData: {},
	};
}

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

/** The user IDs the workflow marked, in order (one Set Groups import per emitted user). */
function emitted(mock: Mock): string[] {
	return mock.imports
		.filter((entry) => entry.action === 'update')
		.map((entry) => String((entry.params?.user as { id?: unknown } | undefined)?.id));
}

function userExports(mock: Mock): number {
	return mock.requests.filter((request) => request.path === '/pl/api/account/users').length;
}

async function until(what: string, check: () => boolean, timeoutMs = 150_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await sleep(500);
	}
}

/** Waits for the next poll that spends export requests to start and finish (its export is fetched 10 s after it starts). */
async function nextPoll(mock: Mock): Promise<void> {
	const before = mock.exportRequestTimes.length;
	await until('the next poll', () => mock.exportRequestTimes.length > before);
	await sleep(15_000);
}

/** The triggers' share in the budget section's workflow (export requests; the trigger's hidden test parameter). */
const TEST_SHARE = 3;
const BUDGET_CREDENTIAL_ID = 'getcourseBudg001';
const BUDGET_CREDENTIAL_NAME = 'GetCourse (slow school)';
const BUDGET_TRIGGER_ID = 'getcourseBudget1';
const BUDGET_EXPORT_ID = 'getcourseExport1';
const BUDGET_TRIGGER_NAME = 'Slow School Trigger';

function budgetWorkflows(): Array<Record<string, unknown>> {
	const credentials = { getCourseApi: { id: BUDGET_CREDENTIAL_ID, name: BUDGET_CREDENTIAL_NAME } };
	return [
		{
			id: BUDGET_TRIGGER_ID,
			name: 'GetCourse: new users of a slow school',
			active: false,
			nodes: [
				{
					parameters: {
						pollTimes: { item: [{ mode: 'everyMinute' }] },
						event: 'newUser',
						options: { timeZone: 'UTC' },
						testMinimumIntervalSeconds: 60,
						testTriggerShare: TEST_SHARE,
					},
					id: '2b6d8e14-7f3a-4c59-a0e2-5d1c9b8f7a31',
					name: BUDGET_TRIGGER_NAME,
					type: 'n8n-nodes-creator-commerce.getCourseTrigger',
					typeVersion: 1,
					position: [0, 0],
					credentials,
				},
			],
			connections: {},
			settings: {},
			pinData: {},
		},
		{
			id: BUDGET_EXPORT_ID,
			name: 'GetCourse: the school\'s own export',
			active: false,
			nodes: [
				{
					parameters: {},
					id: '6e0a3c71-95b2-4d8f-b1a4-8c2e7f0d3b52',
					name: 'Start',
					type: 'n8n-nodes-base.manualTrigger',
					typeVersion: 1,
					position: [0, 0],
				},
				{
					parameters: { resource: 'export', operation: 'getResult', exportId: String(READY_EXPORT_ID) },
					id: 'a4f19d62-3e8b-4a07-9c5d-1b7e6f2a8c93',
					name: 'Get Export',
					type: 'n8n-nodes-creator-commerce.getCourse',
					typeVersion: 1,
					position: [220, 0],
					credentials,
				},
			],
			connections: { Start: { main: [[{ node: 'Get Export', type: 'main', index: 0 }]] } },
			settings: {},
			pinData: {},
		},
	];
}

export default function getCourseTrigger(env: E2eEnv): void {
	const { n8n } = env;
	let mock: Mock;
	const created: string[] = [];
	/** Status checks answered this much later, once (a slow export server). */
	let slowCheckMs = 0;

	beforeAll(async () => {
		mock = new GetCourseMock({ notReadyChecks: 0 });
		const served = await env.serveMock(async (request: RecordedRequest): Promise<MockResponse> => {
			if (slowCheckMs && /^\/pl\/api\/account\/exports\/\d+$/.test(request.path)) {
				const wait = slowCheckMs;
				slowCheckMs = 0;
				await sleep(wait);
			}
			return mock.handle(request);
		});
		await env.importCredentials([
			{
				id: CREDENTIAL_ID,
				name: CREDENTIAL_NAME,
				type: 'getCourseApi',
				data: { account: served.url, secretKey: mock.key },
			},
		]);
		await env.importWorkflows([triggerWorkflow()]);
	});

	env.test(
		'activation returns at once: one export started, nothing emitted',
		async () => {
			const started = Date.now();
			await env.activate(WORKFLOW_ID);
			const took = Date.now() - started;
			expect(took).toBeLessThan(10_000);
			expect(userExports(mock)).toBe(1);
			expect(mock.requests[0].query).toEqual({
				'created_at[from]': expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
				key: mock.key,
			});
			await sleep(2000);
			expect(await env.executions(WORKFLOW_ID)).toEqual([]);
			return `activated in ${took} ms; ${mock.users.length} existing users taken as the starting point`;
		},
		60_000,
	);

	env.test(
		'Every Minute for 5 minutes: at most one check in 90 s; a check that starts while another waits for a slow export does nothing; new users come out once each',
		async () => {
			const started = Date.now();
			// The next status check is answered after 100 s: n8n starts the next poll meanwhile.
			slowCheckMs = 100_000;
			created.push(String(mock.addUser({ email: 'e2e-one@example.com' }).id));
			created.push(String(mock.addUser({ email: 'e2e-two@example.com' }).id));
			await until('both users to be emitted', () => emitted(mock).length >= 2, 330_000);
			expect(slowCheckMs).toBe(0);
			expect(n8n.serverLog).toContain('GetCourse Trigger: the previous check still runs; this one does nothing');
			const fiveMinutes = started + 5 * 60_000;
			if (Date.now() < fiveMinutes) await sleep(fiveMinutes - Date.now());
			// The checks that passed the guard (and the lock), from n8n's log.
			const checks = n8n.serverLog
				.split('\n')
				.filter((line) => line.includes('GetCourse Trigger "GetCourse Trigger": checking for new records'))
				.map((line) => Date.parse(line.slice(0, 24)))
				.filter((time) => time >= started && time < fiveMinutes);
			// Unguarded, Every Minute would check 5 times here.
			expect(checks.length).toBeGreaterThanOrEqual(1);
			expect(checks.length).toBeLessThanOrEqual(Math.ceil((5 * 60) / MIN_SECONDS));
			for (let index = 1; index < checks.length; index++) {
				expect(checks[index] - checks[index - 1]).toBeGreaterThanOrEqual((MIN_SECONDS - 5) * 1000);
			}
			const requests = mock.exportRequestTimes.filter((time) => time >= started && time < fiveMinutes).length;
			expect(emitted(mock).sort()).toEqual([...created].sort());
			expect(await env.executions(WORKFLOW_ID)).toHaveLength(1);
			return `${checks.length} checks spent ${requests} export requests in 5 minutes; emitted ${emitted(mock).join(', ')} once`;
		},
		420_000,
	);

	env.test(
		'after a restart nothing is emitted twice and a user created meanwhile is emitted once',
		async () => {
			await n8n.stop();
			created.push(String(mock.addUser({ email: 'e2e-while-down@example.com' }).id));
			await n8n.start();
			await until('the user created while n8n was down', () => emitted(mock).length >= 3, 420_000);
			await nextPoll(mock);
			expect(emitted(mock).sort()).toEqual([...created].sort());
			return `${mock.exportRequests} export requests in all`;
		},
		480_000,
	);

	describe("the triggers' share of the export budget", () => {
		let slow: Mock;
		/** The slow school's export requests other than the Export node's (its export is READY_EXPORT_ID). */
		const triggerRequests = () =>
			slow.requests.filter((request) => request.method === 'GET' && request.path !== `/pl/api/account/exports/${READY_EXPORT_ID}`).length;
		const shareLine = `GetCourse Trigger "${BUDGET_TRIGGER_NAME}": the GetCourse Triggers of the school have used their share of its export budget (${TEST_SHARE} of GetCourse's 100 export requests per 2 hours`;
		const occurrences = (text: string, part: string) => text.split(part).length - 1;

		/** Runs a workflow as the editor's "Execute workflow" / "Fetch Test Event" does, from `trigger`; its finished execution. */
		async function runManually(workflowId: string, trigger: string): Promise<Execution> {
			const after = (await env.executions(workflowId))[0]?.id;
			const { data: workflowData } = await n8n.get<{ data: Record<string, unknown> }>(`/rest/workflows/${workflowId}`);
			await n8n.post(`/rest/workflows/${workflowId}/run`, { workflowData, triggerToStartFrom: { name: trigger } });
			return await env.waitForExecution(workflowId, 120_000, after);
		}

		beforeAll(async () => {
			// A school whose exports are never ready: every check of the trigger is a status check.
			slow = new GetCourseMock({ notReadyChecks: Number.MAX_SAFE_INTEGER });
			const served = await env.serveMock(async (request: RecordedRequest): Promise<MockResponse> => slow.handle(request));
			await env.importCredentials([
				{
					id: BUDGET_CREDENTIAL_ID,
					name: BUDGET_CREDENTIAL_NAME,
					type: 'getCourseApi',
					data: { account: served.url, secretKey: slow.key },
				},
			]);
			await env.importWorkflows(budgetWorkflows());
		});

		env.test(
			"an active trigger stops at its share of the school's export budget and says so once; a GetCourse node of another workflow still runs",
			async () => {
				await env.activate(BUDGET_TRIGGER_ID);
				// Activation starts the export; the next poll checks it until the share is used.
				await until('the trigger to use its share', () => triggerRequests() >= TEST_SHARE, 150_000);
				await until('the trigger to say why it waits', () => n8n.serverLog.includes(shareLine), 60_000);
				// Two more scheduled polls: neither sends anything.
				await sleep(125_000);
				expect(triggerRequests()).toBe(TEST_SHARE);
				expect(occurrences(n8n.serverLog, shareLine)).toBe(1);
				expect(slow.requests.filter((request) => request.path === '/pl/api/account/users')).toHaveLength(1);
				// The trigger failed nothing (an error would be stored as an execution).
				expect(await env.executions(BUDGET_TRIGGER_ID)).toEqual([]);
				// The school's own export still runs in the same n8n.
				const execution = await runManually(BUDGET_EXPORT_ID, 'Start');
				expect(execution.status).toBe('success');
				expect(slow.requests.filter((request) => request.path === `/pl/api/account/exports/${READY_EXPORT_ID}`)).toHaveLength(1);
				return `the trigger sent ${triggerRequests()} export requests (its share) and then nothing for 2 polls; the Export node's run ${execution.id} succeeded`;
			},
			420_000,
		);

		env.test(
			"Fetch Test Event is refused by the same share before it sends anything",
			async () => {
				const before = slow.requests.length;
				const execution = await runManually(BUDGET_TRIGGER_ID, BUDGET_TRIGGER_NAME);
				expect(execution.status).toBe('error');
				const details = JSON.stringify(await n8n.get<unknown>(`/rest/executions/${execution.id}`));
				expect(details).toContain(`The GetCourse Triggers' share of ${TEST_SHARE} export requests per 2 hours is spent`);
				expect(slow.requests.length).toBe(before);
				return `execution ${execution.id}: refused with the share's message, nothing sent`;
			},
			180_000,
		);
	});
}
