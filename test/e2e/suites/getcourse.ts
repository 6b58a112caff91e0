/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code, never published: it runs in Node.js beside n8n and needs timers and process; n8n's rules for node code do not apply to it */
/**
 * The GetCourse Trigger on the running n8n (`n8n start`), polling a mock school of its own
 * every minute: activation takes what exists as the starting point, new users start one
 * execution that carries each of them once, and after n8n is stopped and started again
 * nothing is emitted twice and a user created while it was down is emitted once.
 *
 * Each emitted user goes on to a GetCourse node (User → Set Groups with the user's ID), so
 * the mock counts what the trigger emitted without reading n8n's execution data.
 * This suite restarts the shared n8n once (the log file starts over then).
 */
import type { GetCourseMock as Mock } from '../../mocks/getcourse';
import { GetCourseMock } from '../../mocks/getcourse';
import type { E2eEnv } from '../env';

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

/** Waits for the next poll to start and finish (its export is fetched 10 s after it starts). */
async function nextPoll(mock: Mock): Promise<void> {
	const before = userExports(mock);
	await until('the next poll', () => userExports(mock) > before);
	await sleep(15_000);
}

export default function getCourseTrigger(env: E2eEnv): void {
	const { n8n } = env;
	let mock: Mock;
	const created: string[] = [];

	beforeAll(async () => {
		mock = new GetCourseMock({ notReadyChecks: 0 });
		const served = await env.serveMock(mock.handle);
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
		'activation polls once and emits none of the users that already exist',
		async () => {
			await env.activate(WORKFLOW_ID);
			expect(userExports(mock)).toBe(1);
			expect(mock.requests[0].query).toEqual({
				'created_at[from]': expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
				key: mock.key,
			});
			await sleep(2000);
			expect(await env.executions(WORKFLOW_ID)).toEqual([]);
			return `${mock.users.length} existing users taken as the starting point`;
		},
		60_000,
	);

	env.test(
		'new users are emitted once each, and the next poll emits nothing',
		async () => {
			created.push(String(mock.addUser({ email: 'e2e-one@example.com' }).id));
			created.push(String(mock.addUser({ email: 'e2e-two@example.com' }).id));
			await until('both users to be emitted', () => emitted(mock).length >= 2);
			const execution = await env.waitForExecution(WORKFLOW_ID);
			expect(execution.status).toBe('success');
			await nextPoll(mock);
			expect(emitted(mock).sort()).toEqual([...created].sort());
			expect(await env.executions(WORKFLOW_ID)).toHaveLength(1);
			return `emitted ${emitted(mock).join(', ')} in execution ${execution.id}`;
		},
		240_000,
	);

	env.test(
		'after a restart nothing is emitted twice and a user created meanwhile is emitted once',
		async () => {
			await n8n.stop();
			created.push(String(mock.addUser({ email: 'e2e-while-down@example.com' }).id));
			await n8n.start();
			await until('the user created while n8n was down', () => emitted(mock).length >= 3);
			await nextPoll(mock);
			expect(emitted(mock).sort()).toEqual([...created].sort());
			return `${mock.exportRequests} export requests in all`;
		},
		360_000,
	);
}
