/**
 * The GetCourse Trigger's share of the school's export budget: whatever the time GetCourse
 * takes to make an export, the triggers of a school spend at most half of the 100 export
 * requests per 2 hours (starts and status checks alike, Fetch Test Event too), so the
 * school's own Export nodes always keep the other half; a check that finds the share short
 * waits, and no record is lost or emitted twice.
 */
import { GetCourseTrigger } from '../../nodes/GetCourse/GetCourseTrigger.node';
import { TRIGGER_SHARE } from '../../nodes/GetCourse/transport';
import { resetGates } from '../../nodes/shared/gate';
import { virtualClock } from '../clock';
import { interceptHttp, resetHttp } from '../harness';
import { GetCourseMock, READY_EXPORT_ID } from '../mocks/getcourse';
import { pollWorkflow } from './poll';
import { BASE_URL, runGetCourse } from './run';

const MINUTE = 60_000;
const HOURS_2 = 2 * 3_600_000;
const START = Date.parse('2026-11-23T08:00:00Z');
const UTC = { timeZone: 'UTC' };

let mock: GetCourseMock;

function setup(exportMs: number) {
	virtualClock.install(START);
	mock = new GetCourseMock({ now: virtualClock.now, seed: false, notReadyChecks: 0, readyAfterMs: exportMs });
	// An export made earlier, ready: the user's own Export node fetches it (Export → Get Result).
	mock.exports.set(READY_EXPORT_ID, { id: READY_EXPORT_ID, fields: ['id'], items: [['1']], startedAt: 0, checks: 0, ready: true });
	interceptHttp(BASE_URL, mock.handle);
}

afterEach(resetHttp);

/** The most requests in any 2-hour window. */
function mostIn2Hours(times: number[]): number {
	let most = 0;
	for (let first = 0; first < times.length; first++) {
		let count = 0;
		for (let next = first; next < times.length && times[next] < times[first] + HOURS_2; next++) count++;
		most = Math.max(most, count);
	}
	return most;
}

/** When each export request of the trigger reached the school (everything but the user's Get Result). */
function triggerRequestTimes(): number[] {
	return mock.requests
		.map((request, index) => ({ request, at: mock.exportRequestTimes[index] }))
		.filter(({ request }) => request.path !== `/pl/api/account/exports/${READY_EXPORT_ID}`)
		.map(({ at }) => at);
}

/** The user's own Export node: `count` items of Export → Get Result; how many succeeded. */
async function userExports(count: number): Promise<number> {
	const { items } = await runGetCourse(
		{ resource: 'export', operation: 'getResult', exportId: String(READY_EXPORT_ID) },
		{ input: Array.from({ length: count }, () => ({})), continueOnFail: true },
	);
	return items.filter((item) => item.json.error === undefined).length;
}

describe('polled every minute for 2 hours, whatever the time an export takes', () => {
	test.each([0.5, 3, 6, 9, 30])(
		'exports taking %s minutes: the trigger spends at most half of the budget in any 2 hours, each user comes out once, the user\'s Export node keeps its half',
		async (exportMinutes) => {
			setup(exportMinutes * MINUTE);
			const flow = pollWorkflow({ event: 'newUser', options: UTC });
			const added: string[] = [];
			const out: string[] = [];
			let userRan = -1;
			for (let minute = 0; minute < 240; minute++) {
				virtualClock.time = Math.max(virtualClock.time, START + minute * MINUTE);
				// Users come while the trigger has its starting point, for the first 2 hours.
				if (minute < 120 && minute % 7 === 3 && flow.staticData().cursor) {
					added.push(mock.addUser({ email: `m${minute}@example.com` }).email);
				}
				if (minute === 90) {
					// Meanwhile the user's own workflow fetches 50 exports' results: all of them run.
					expect(await userExports(50)).toBe(50);
					userRan = mock.requests.length;
				}
				out.push(...(await flow.poll()).map((record) => String(record.Email)));
			}
			expect(userRan).toBeGreaterThan(0);
			expect(added.length).toBeGreaterThan(10);
			expect(out).toEqual(added);
			expect(mostIn2Hours(triggerRequestTimes())).toBeLessThanOrEqual(TRIGGER_SHARE.requests);
			expect(TRIGGER_SHARE.requests).toBe(50);
			// GetCourse itself never refused anything (error 903 at more than 100 in 2 hours).
			expect(mostIn2Hours(mock.exportRequestTimes)).toBeLessThanOrEqual(100);
		},
		120_000,
	);
});

test('Fetch Test Event spends the triggers\' share: once it is spent the test says so, and the Export node still has its half', async () => {
	setup(3 * MINUTE);
	mock.addUser({ email: 'sample@example.com' });
	const flow = pollWorkflow({ event: 'newUser', options: UTC });
	let failure: (Error & { description?: string }) | undefined;
	for (let test = 0; test < 40 && !failure; test++) {
		virtualClock.time += MINUTE;
		await flow.poll('manual').catch((error: Error) => (failure = error));
	}
	expect(failure?.message).toMatch(/^GetCourse: The GetCourse Triggers' share of 50 export requests per 2 hours is spent; the next request can be sent at \d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
	expect(failure?.description).toContain('half');
	expect(triggerRequestTimes().length).toBeLessThanOrEqual(50);
	expect(triggerRequestTimes().length).toBeGreaterThanOrEqual(40);
	expect(await userExports(50)).toBe(50);
	expect(flow.staticData()).toMatchObject({});
});

/** Polls a trigger every minute from `from` to `to` (minutes after START); the emails it emitted. */
async function pollEveryMinute(flow: ReturnType<typeof pollWorkflow>, from: number, to: number, added?: string[]): Promise<string[]> {
	const out: string[] = [];
	for (let minute = from; minute < to; minute++) {
		virtualClock.time = Math.max(virtualClock.time, START + minute * MINUTE);
		if (added && minute % 7 === 3 && flow.staticData().cursor) added.push(mock.addUser({ email: `m${minute}@example.com` }).email);
		out.push(...(await flow.poll()).map((record) => String(record.Email)));
	}
	return out;
}

test('after n8n restarts, the share the trigger spent before still counts (kept in its static data)', async () => {
	setup(9 * MINUTE);
	const flow = pollWorkflow({ event: 'newUser', options: UTC });
	const added: string[] = [];
	const out = await pollEveryMinute(flow, 0, 70, added);
	const before = triggerRequestTimes().length;
	expect(before).toBeGreaterThan(25);
	// n8n restarts: this process's counts are gone, the workflow comes back with its saved static data.
	resetGates();
	const restarted = pollWorkflow({ event: 'newUser', options: UTC });
	Object.assign(restarted.staticData(), JSON.parse(JSON.stringify(flow.staticData())));
	out.push(...(await pollEveryMinute(restarted, 70, 240, added)));
	out.push(...(await pollEveryMinute(restarted, 240, 320)));
	expect(mostIn2Hours(triggerRequestTimes())).toBeLessThanOrEqual(50);
	expect(out).toEqual(added);
});

test('two triggers of one school share one half: together they never spend more than 50 in 2 hours', async () => {
	setup(6 * MINUTE);
	const users = pollWorkflow({ event: 'newUser', options: UTC });
	const orders = pollWorkflow({ event: 'newOrder', options: UTC });
	const added: string[] = [];
	const out: string[] = [];
	for (let minute = 0; minute < 300; minute++) {
		virtualClock.time = Math.max(virtualClock.time, START + minute * MINUTE);
		if (minute < 180 && minute % 7 === 3 && users.staticData().cursor) added.push(mock.addUser({ email: `m${minute}@example.com` }).email);
		out.push(...(await users.poll()).map((record) => String(record.Email)));
		await orders.poll();
	}
	expect(mostIn2Hours(triggerRequestTimes())).toBeLessThanOrEqual(50);
	expect(out).toEqual(added);
	// Both triggers did check (neither was starved).
	expect(mock.requests.some((request) => request.path === '/pl/api/account/deals')).toBe(true);
});

test('while the school\'s budget is used up by the user\'s own nodes, the trigger sends nothing, fails nothing, says why once, and goes on after', async () => {
	setup(0.5 * MINUTE);
	const flow = pollWorkflow({ event: 'newUser', options: UTC });
	await pollEveryMinute(flow, 0, 20);
	const position = { cursor: flow.staticData().cursor, seen: flow.staticData().seen };
	expect(position.cursor).toBeDefined();
	// The user's own workflow takes everything that is left.
	const left = 100 - mock.exportRequestTimes.length;
	expect(await userExports(left)).toBe(left);
	const sent = mock.requests.length;
	const user = mock.addUser({ email: 'waiting@example.com' });
	flow.logs.length = 0;
	expect(await pollEveryMinute(flow, 20, 60)).toEqual([]);
	expect(mock.requests.length).toBe(sent);
	expect(flow.logs).toEqual([
		expect.stringMatching(
			/^info: GetCourse Trigger "GetCourse Trigger": the school's 100 export requests per 2 hours are used up by its other GetCourse nodes\. Checks wait until about 2026-11-23 \d\d:\d\d UTC and then go on from where they stopped; nothing is lost\.$/,
		),
	]);
	expect({ cursor: flow.staticData().cursor, seen: flow.staticData().seen }).toEqual(position);
	// Once the budget has room again, the user comes out, once.
	expect(await pollEveryMinute(flow, 140, 170)).toEqual([user.email]);
});

test('the panel says what a check really costs and that the triggers keep to half of the budget', () => {
	const { properties } = new GetCourseTrigger().description;
	const notice = String(properties.find((property) => property.name === 'budgetNotice')?.displayName);
	expect(notice).toContain(
		'A check costs 1 export request to start its export and 1 for each status check while GetCourse makes the file (after 10, 25 and 55 seconds, 2 and 4 minutes, then every 2 minutes)',
	);
	expect(notice).toContain('its GetCourse Triggers together never use more than half (at most 13 in 30 minutes, Fetch Test Event included), so your own GetCourse nodes always keep 50');
	expect(notice).toContain('some checks are therefore delayed or skipped; nothing is lost');
	const options = properties.find((property) => property.name === 'options')?.options as Array<{ name: string; description?: string }>;
	expect(options.find((option) => option.name === 'maxChecks')?.description).toContain(
		"(after 10, 25 and 55 seconds, 2 and 4 minutes, then every 2 minutes, within the 10 minutes). Each time is one export request, counted in the triggers' half of the school's budget",
	);
	// The hidden test parameters are never shown.
	expect(properties.filter((property) => property.name.startsWith('test')).map((property) => property.type)).toEqual(['hidden', 'hidden']);
});
