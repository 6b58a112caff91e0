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
 */
import type { MockResponse, RecordedRequest } from '../../harness';
import type { GetCourseMock as Mock } from '../../mocks/getcourse';
import { GetCourseMock } from '../../mocks/getcourse';
import type { E2eEnv } from '../env';

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
}
