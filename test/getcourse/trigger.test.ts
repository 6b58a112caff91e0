/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code, never published: it runs in Node.js beside n8n and sets the environment and timers; n8n's rules for node code do not apply to it */
/**
 * The GetCourse Trigger polls exports by whole days: each record is emitted once across
 * polls on the same day, across midnight, after a failed poll and across overlapping polls;
 * the first poll (activation) starts an export without waiting and the next takes what exists
 * as the starting point; no poll spends export requests sooner than 10 minutes after the
 * last; a manual test leaves the state alone.
 */
import { MIN_POLL_INTERVAL_MS, POLL_MARGIN_MS } from '../../nodes/GetCourse/polling';
import { virtualClock } from '../clock';
import { interceptHttp, resetHttp } from '../harness';
import { GetCourseMock } from '../mocks/getcourse';
import type { PollFlow } from './poll';
import { pollWorkflow } from './poll';
import { BASE_URL, KEY, runGetCourse } from './run';

/** A trigger's static data without when it last polled and what it spent (which every poll changes). */
function withoutLastPoll(state: Record<string, unknown>): Record<string, unknown> {
	const copy = { ...state };
	delete copy.lastPollAt;
	delete copy.share;
	return copy;
}

const at = (iso: string) => Date.parse(iso);
const MINUTE = 60_000;

let mock: GetCourseMock;

function setup(start: string, notReadyChecks = 1) {
	virtualClock.install(at(start));
	mock = new GetCourseMock({ now: virtualClock.now, seed: false, notReadyChecks });
	interceptHttp(BASE_URL, mock.handle);
}

afterEach(() => {
	resetHttp();
});

const UTC = { timeZone: 'UTC' };
const emails = (records: Array<Record<string, unknown>>) => records.map((record) => record.Email);

/** Moves virtual time to a moment (polls also move it, by their waits). */
function timeIs(iso: string) {
	virtualClock.time = Math.max(virtualClock.time, at(iso));
}

const starts = (path = '/pl/api/account/users') => mock.requests.filter((request) => request.path === path);

/** Activation (starts the export, waits for nothing), then the poll 10 minutes later that takes what exists as the start. */
async function activate(flow: PollFlow, start: string): Promise<void> {
	expect(await flow.poll()).toEqual([]);
	virtualClock.time = at(start) + 10 * MINUTE;
	expect(await flow.poll()).toEqual([]);
	expect(flow.staticData().cursor).toBeDefined();
}

test('activation starts the export and waits for nothing; the next poll takes what exists as the starting point', async () => {
	setup('2026-11-23T12:00:00Z');
	mock.addUser({ email: 'before@example.com', created_at: at('2026-11-23T08:00:00Z') });
	const flow = pollWorkflow({ event: 'newUser', options: UTC });

	expect(await flow.poll()).toEqual([]);
	// One request, no pause: the Activate button returns at once.
	expect(mock.requests.map((request) => request.path)).toEqual(['/pl/api/account/users']);
	expect(mock.requests[0].query).toEqual({ 'created_at[from]': '2026-11-23', key: KEY });
	expect(virtualClock.waits).toEqual([]);
	expect(flow.staticData().pending).toMatchObject({ watching: 'newUser', from: '2026-11-23', polls: 1 });

	timeIs('2026-11-23T12:10:00Z');
	expect(await flow.poll()).toEqual([]);
	// The next poll fetched that export (the starting point) and, with time left, exported again at once.
	// (The mock answers the first check of an export "not ready".)
	const [first, second] = [...mock.exports.keys()];
	expect(mock.requests.map((request) => request.path)).toEqual([
		'/pl/api/account/users',
		`/pl/api/account/exports/${first}`,
		`/pl/api/account/exports/${first}`,
		'/pl/api/account/users',
		`/pl/api/account/exports/${second}`,
		`/pl/api/account/exports/${second}`,
	]);
	expect(flow.staticData()).toEqual({
		watching: 'newUser',
		cursor: '2026-11-23',
		seen: { '1000': '2026-11-23' },
		lastPollAt: at('2026-11-23T12:10:00Z'),
		// When each export request of the triggers' share was sent: a restart does not forget them.
		share: { school: BASE_URL, spent: mock.exportRequestTimes },
	});
});

test('the first poll after a restart waits for nothing either', async () => {
	setup('2026-11-23T12:00:00Z');
	const flow = pollWorkflow({ event: 'newUser', options: UTC });
	await activate(flow, '2026-11-23T12:00:00Z');
	// n8n restarts: a new workflow object with the saved static data.
	const restarted = pollWorkflow({ event: 'newUser', options: UTC });
	Object.assign(restarted.staticData(), JSON.parse(JSON.stringify(flow.staticData())));
	timeIs('2026-11-23T12:30:00Z');
	mock.addUser({ email: 'while-down@example.com' });
	virtualClock.waits = [];
	expect(await restarted.poll()).toEqual([]);
	expect(virtualClock.waits).toEqual([]);
	timeIs('2026-11-23T12:40:00Z');
	expect(emails(await restarted.poll())).toEqual(['while-down@example.com']);
});

test('the budget guard: a poll sooner than 10 minutes after the last makes no request', async () => {
	setup('2026-11-23T12:00:00Z');
	const flow = pollWorkflow({ event: 'newUser', options: UTC });
	await activate(flow, '2026-11-23T12:00:00Z');
	const before = mock.requests.length;
	for (const minute of [11, 15, 19]) {
		virtualClock.time = at('2026-11-23T12:00:00Z') + minute * MINUTE;
		expect(await flow.poll()).toEqual([]);
	}
	expect(mock.requests.length).toBe(before);
	expect(MIN_POLL_INTERVAL_MS).toBe(10 * MINUTE);
	// n8n's schedule may fire a moment early: a poll due at the minimum still runs.
	virtualClock.time = at('2026-11-23T12:19:57Z');
	await flow.poll();
	expect(mock.requests.length).toBeGreaterThan(before);
});

test('polled every minute (n8n\'s default) for 2 hours: at most 13 checks spend export requests, every user comes out once', async () => {
	setup('2026-11-23T08:00:00Z');
	const flow = pollWorkflow({ event: 'newUser', options: UTC });
	const out: string[] = [];
	const added: string[] = [];
	for (let minute = 0; minute < 120; minute++) {
		virtualClock.time = Math.max(virtualClock.time, at('2026-11-23T08:00:00Z') + minute * MINUTE);
		if (minute % 7 === 3) added.push(mock.addUser({ email: `m${minute}@example.com` }).email);
		out.push(...emails(await flow.poll()).map(String));
	}
	virtualClock.time += 30 * MINUTE;
	out.push(...emails(await flow.poll()).map(String));
	virtualClock.time += 10 * MINUTE;
	out.push(...emails(await flow.poll()).map(String));
	// Users added before the starting point was taken are the starting point.
	expect(out).toEqual(added.slice(-out.length));
	expect(out.length).toBeGreaterThanOrEqual(added.length - 2);
	const spent = mock.exportRequestTimes.filter((time) => time < at('2026-11-23T10:00:00Z'));
	expect(starts().filter((request) => mock.requests.indexOf(request) < spent.length).length).toBeLessThanOrEqual(13);
	expect(spent.length).toBeLessThanOrEqual(50);
});

test('two polls on the same day emit each record once', async () => {
	setup('2026-11-23T12:00:00Z');
	const flow = pollWorkflow({ event: 'newUser', options: UTC });
	await activate(flow, '2026-11-23T12:00:00Z');

	timeIs('2026-11-23T12:20:00Z');
	mock.addUser({ email: 'one@example.com' });
	expect(emails(await flow.poll())).toEqual(['one@example.com']);

	timeIs('2026-11-23T12:30:00Z');
	mock.addUser({ email: 'two@example.com' });
	expect(emails(await flow.poll())).toEqual(['two@example.com']);

	timeIs('2026-11-23T12:40:00Z');
	expect(await flow.poll()).toEqual([]);
	// Every poll asked for the same day: GetCourse filters by whole days.
	expect(starts().map((request) => request.query['created_at[from]'])).toEqual([
		'2026-11-23',
		'2026-11-23',
		'2026-11-23',
		'2026-11-23',
		'2026-11-23',
	]);
});

test('a record created at 23:59 and polled after midnight is emitted once; its key is forgotten once it cannot be in the window', async () => {
	setup('2026-11-23T23:30:00Z');
	const flow = pollWorkflow({ event: 'newUser', options: UTC });
	await activate(flow, '2026-11-23T23:30:00Z');

	timeIs('2026-11-23T23:59:00Z');
	const late = mock.addUser({ email: 'late@example.com' });
	timeIs('2026-11-24T00:05:00Z');
	expect(emails(await flow.poll())).toEqual(['late@example.com']);

	// Later polls, on the next day and past the margin, never emit it again.
	timeIs('2026-11-24T00:15:00Z');
	const next = mock.addUser({ email: 'next-day@example.com' });
	expect(emails(await flow.poll())).toEqual(['next-day@example.com']);
	timeIs('2026-11-24T04:00:00Z');
	expect(await flow.poll()).toEqual([]);
	timeIs('2026-11-24T04:10:00Z');
	expect(await flow.poll()).toEqual([]);
	expect(starts().map((request) => request.query['created_at[from]'])).toEqual([
		'2026-11-23',
		'2026-11-23',
		'2026-11-23',
		'2026-11-23',
		'2026-11-23',
		'2026-11-24',
	]);
	// The 23rd's record was last in an export on the 24th: kept while the window starts on the 24th.
	expect(Object.keys(flow.staticData().seen as object).sort()).toEqual([String(late.id), String(next.id)].sort());
	timeIs('2026-11-25T04:10:00Z');
	await flow.poll();
	// Its window now starts on the 24th's successor: the 23rd's record is forgotten, the 24th's one kept.
	expect(flow.staticData().seen).toEqual({ [String(next.id)]: '2026-11-25' });
});

test('a poll that fails midway loses nothing: the next one emits what it would have', async () => {
	setup('2026-11-23T12:00:00Z');
	const flow = pollWorkflow({ event: 'newOrder', options: UTC });
	await activate(flow, '2026-11-23T12:00:00Z');
	const before = withoutLastPoll(JSON.parse(JSON.stringify(flow.staticData())));

	timeIs('2026-11-23T12:20:00Z');
	const anna = mock.addUser({ email: 'anna@example.com' });
	mock.addDeal({ user: anna, title: 'Курс', cost: 100 });
	// The export starts, then the status check answers an error.
	mock.failNext({ success: true, info: { export_id: 7 } });
	mock.failNext({ success: false, error_code: 903, error_message: 'Превышен лимит запросов' });
	await expect(flow.poll()).rejects.toThrow('GetCourse: Превышен лимит запросов (error 903)');
	const after = withoutLastPoll(flow.staticData());
	expect(after).toEqual(before);

	timeIs('2026-11-23T12:30:00Z');
	const emitted = await flow.poll();
	expect(emitted.map((record) => record['ID заказа'])).toEqual([String(mock.deals[0].id)]);
	timeIs('2026-11-23T12:40:00Z');
	expect(await flow.poll()).toEqual([]);
});

test('order status changed: each new status of an order is emitted once', async () => {
	setup('2026-11-23T12:00:00Z');
	const anna = mock.addUser({ email: 'anna@example.com' });
	const deal = mock.addDeal({ user: anna, title: 'Курс', cost: 100, status: 'new' });
	const flow = pollWorkflow({ event: 'orderStatusChanged', options: UTC });
	await activate(flow, '2026-11-23T12:00:00Z');

	timeIs('2026-11-23T12:20:00Z');
	mock.setDealStatus(deal, 'payed');
	const emitted = await flow.poll();
	expect(emitted.map((record) => [record['ID заказа'], record['Статус']])).toEqual([[String(deal.id), 'payed']]);
	expect(starts('/pl/api/account/deals').at(-1)!.query).toEqual({ 'status_changed_at[from]': '2026-11-23', key: KEY });
	timeIs('2026-11-23T12:30:00Z');
	expect(await flow.poll()).toEqual([]);
});

test('user added to a group: the group\'s export, each join once', async () => {
	setup('2026-11-23T12:00:00Z');
	const flow = pollWorkflow({
		event: 'userAddedToGroup',
		groupId: { __rl: true, mode: 'list', value: '101' },
		options: UTC,
	});
	await activate(flow, '2026-11-23T12:00:00Z');
	timeIs('2026-11-23T12:20:00Z');
	const user = mock.addUser({ email: 'member@example.com' });
	mock.addToGroup(101, user.id);
	expect(emails(await flow.poll())).toEqual(['member@example.com']);
	expect(starts('/pl/api/account/groups/101/users').at(-1)!.query).toEqual({ 'added_at[from]': '2026-11-23', key: KEY });
	timeIs('2026-11-23T12:30:00Z');
	expect(await flow.poll()).toEqual([]);
});

test('new payment, with backfill of past days on the first poll', async () => {
	setup('2026-11-23T12:00:00Z');
	const anna = mock.addUser({ email: 'anna@example.com' });
	const deal = mock.addDeal({ user: anna, title: 'Курс', cost: 100 });
	mock.addPayment({ deal, amount: 100, created_at: at('2026-11-21T10:00:00Z') });
	const flow = pollWorkflow({ event: 'newPayment', options: { ...UTC, backfillDays: 3 } });
	expect(await flow.poll()).toEqual([]);
	timeIs('2026-11-23T12:10:00Z');
	const emitted = await flow.poll();
	expect(emitted.map((record) => record['Номер'])).toEqual([String(mock.payments[0].id)]);
	expect(mock.requests[0].query).toEqual({ 'created_at[from]': '2026-11-20', key: KEY });
	expect(flow.staticData().cursor).toBe('2026-11-23');
	timeIs('2026-11-23T12:20:00Z');
	expect(await flow.poll()).toEqual([]);
});

test('a manual test returns a small recent sample and leaves the state alone', async () => {
	setup('2026-11-23T12:00:00Z');
	for (let index = 0; index < 8; index++) {
		mock.addUser({ email: `u${index}@example.com`, created_at: at('2026-11-22T10:00:00Z') + index * MINUTE });
	}
	const flow = pollWorkflow({ event: 'newUser', options: UTC });
	const sample = await flow.poll('manual');
	expect(emails(sample)).toEqual(['u3@example.com', 'u4@example.com', 'u5@example.com', 'u6@example.com', 'u7@example.com']);
	expect(mock.requests[0].query).toEqual({ 'created_at[from]': '2026-11-20', key: KEY });
	expect(flow.staticData()).toEqual({});
});

test('changing the event starts over from now', async () => {
	setup('2026-11-23T12:00:00Z');
	const anna = mock.addUser({ email: 'anna@example.com' });
	const flow = pollWorkflow({ event: 'newUser', options: UTC });
	await activate(flow, '2026-11-23T12:00:00Z');
	mock.addDeal({ user: anna, title: 'Курс', cost: 100 });
	flow.workflow.getNode('GetCourse Trigger')!.parameters.event = 'newOrder';
	timeIs('2026-11-23T12:20:00Z');
	expect(await flow.poll()).toEqual([]);
	expect(flow.staticData().watching).toBe('newOrder');
});

test('the window is the school\'s day: Moscow is ahead of UTC', async () => {
	setup('2026-11-23T22:30:00Z');
	const flow = pollWorkflow({ event: 'newUser', options: { timeZone: 'Europe/Moscow' } });
	await activate(flow, '2026-11-23T22:30:00Z');
	// 01:30 in Moscow on the 24th, minus the 3-hour margin: still the 23rd.
	expect(mock.requests[0].query['created_at[from]']).toBe('2026-11-23');
	timeIs('2026-11-24T02:00:00Z');
	await flow.poll();
	expect(flow.staticData().cursor).toBe('2026-11-24');
});

test('a bad time zone is named', async () => {
	setup('2026-11-23T12:00:00Z');
	const flow = pollWorkflow({ event: 'newUser', options: { timeZone: 'Mars/Olympus' } });
	await expect(flow.poll()).rejects.toThrow('Unknown time zone "Mars/Olympus"');
	expect(mock.requests).toHaveLength(0);
});

test('an ID column the export lacks is an error naming the columns found; no record is keyed by its whole row', async () => {
	setup('2026-11-23T12:00:00Z');
	const flow = pollWorkflow({ event: 'newUser', options: { ...UTC, idColumn: 'User number' } });
	await flow.poll();
	timeIs('2026-11-23T12:10:00Z');
	const error = await flow.poll().catch((failure: Error & { description?: string }) => failure);
	expect(error).toMatchObject({ message: 'The export has no column "User number"' });
	expect((error as { description: string }).description).toMatch(/^Columns found: "id", "Email", .*Set Options → ID Column/);
	expect(flow.staticData().seen).toBeUndefined();
});

test('the trigger and the node share one budget per school; a poll without room for its export waits and loses nothing', async () => {
	setup('2026-11-23T12:00:00Z');
	const flow = pollWorkflow({ event: 'newUser', options: UTC });
	await activate(flow, '2026-11-23T12:00:00Z');
	const state = withoutLastPoll(JSON.parse(JSON.stringify(flow.staticData())));
	// The node (same credential) fetches a ready export until 98 of 100 requests are spent.
	mock.exports.set(4999, { id: 4999, fields: ['id'], items: [['1']], startedAt: 0, checks: 0, ready: true });
	const fetches = 98 - mock.requests.length;
	const { items } = await runGetCourse(
		{ resource: 'export', operation: 'getResult', exportId: '4999' },
		{ input: Array.from({ length: fetches }, () => ({})) },
	);
	expect(items).toHaveLength(fetches);

	timeIs('2026-11-23T12:20:00Z');
	mock.addUser({ email: 'meanwhile@example.com' });
	mock.notReadyChecks = 5;
	// Room for the start and one status check: the export stays pending, the poll fails nothing.
	expect(await flow.poll()).toEqual([]);
	const after = withoutLastPoll(flow.staticData());
	expect({ ...after, pending: undefined }).toEqual({ ...state, pending: undefined });
	expect(after.pending).toMatchObject({ polls: 1 });
	expect(mock.requests).toHaveLength(100);
	// Polls with no room send nothing and keep the export pending as it is.
	timeIs('2026-11-23T12:40:00Z');
	expect(await flow.poll()).toEqual([]);
	expect(mock.requests).toHaveLength(100);
	expect(withoutLastPoll(flow.staticData())).toEqual(after);

	// Two hours after the first requests, the budget has room again and the user comes out once.
	timeIs('2026-11-23T14:20:00Z');
	mock.notReadyChecks = 0;
	mock.exports.clear();
	expect(emails(await flow.poll())).toEqual(['meanwhile@example.com']);
});

test('an export not ready within the time n8n gives a poll is fetched by the next poll, not started again', async () => {
	setup('2026-11-23T12:00:00Z', 0);
	const flow = pollWorkflow({ event: 'newUser', options: UTC });
	await activate(flow, '2026-11-23T12:00:00Z');
	timeIs('2026-11-23T12:20:00Z');
	mock.addUser({ email: 'slow@example.com' });
	mock.notReadyChecks = 2;
	const cursor = flow.staticData().cursor;

	// 20 s for the poll: the check after 10 s finds it not ready, the next pause would not fit.
	expect(await flow.poll('trigger', 20_000)).toEqual([]);
	const pending = flow.staticData().pending as { exportId: string; polls: number };
	expect(pending).toMatchObject({ watching: 'newUser', from: '2026-11-23', polls: 1 });
	expect(flow.staticData().cursor).toBe(cursor);

	timeIs('2026-11-23T12:30:00Z');
	const before = mock.requests.length;
	expect(emails(await flow.poll('trigger', 20_000))).toEqual(['slow@example.com']);
	// The pending export was checked twice (not ready, then ready), not started again; with 5 s
	// left the poll started the next one, which the next poll fetches.
	expect(mock.requests.slice(before).map((request) => request.path)).toEqual([
		`/pl/api/account/exports/${pending.exportId}`,
		`/pl/api/account/exports/${pending.exportId}`,
		'/pl/api/account/users',
	]);
	expect(flow.staticData().pending).toMatchObject({ polls: 1 });
	expect((flow.staticData().pending as { exportId: string }).exportId).not.toBe(pending.exportId);
});

test('without a time from n8n (1.x), a poll waits no longer than the guard\'s interval', async () => {
	setup('2026-11-23T12:00:00Z', 0);
	const flow = pollWorkflow({ event: 'newUser', options: { ...UTC, maxChecks: 50 } });
	await activate(flow, '2026-11-23T12:00:00Z');
	timeIs('2026-11-23T12:20:00Z');
	mock.notReadyChecks = 1000;
	virtualClock.waits = [];
	expect(await flow.poll()).toEqual([]);
	const waited = virtualClock.waits.reduce((sum, ms) => sum + ms, 0);
	expect(waited).toBeGreaterThan(5 * MINUTE);
	expect(waited).toBeLessThanOrEqual(MIN_POLL_INTERVAL_MS - POLL_MARGIN_MS);
	expect(flow.staticData().pending).toMatchObject({ polls: 1 });
});

test('a pending export GetCourse no longer has is dropped and a new one started', async () => {
	setup('2026-11-23T12:00:00Z', 0);
	const flow = pollWorkflow({ event: 'newUser', options: UTC });
	await activate(flow, '2026-11-23T12:00:00Z');
	timeIs('2026-11-23T12:20:00Z');
	mock.addUser({ email: 'again@example.com' });
	mock.notReadyChecks = 5;
	expect(await flow.poll('trigger', 20_000)).toEqual([]);
	mock.exports.clear();
	mock.notReadyChecks = 0;
	timeIs('2026-11-23T12:30:00Z');
	expect(emails(await flow.poll('trigger', 20_000))).toEqual(['again@example.com']);
});

describe('overlapping polls (n8n starts a poll without waiting for the last one)', () => {
	let hold = false;
	let release: (() => void) | undefined;

	/** Like setup, but the next status check waits until the test calls `release` (the poll is running then). */
	function setupHeld(start: string) {
		virtualClock.install(at(start));
		mock = new GetCourseMock({ now: virtualClock.now, seed: false, notReadyChecks: 0 });
		hold = false;
		release = undefined;
		interceptHttp(BASE_URL, async (request) => {
			if (hold && /^\/pl\/api\/account\/exports\/\d+$/.test(request.path)) {
				hold = false;
				await new Promise<void>((resolve) => (release = resolve));
			}
			return mock.handle(request);
		});
	}

	async function held(): Promise<void> {
		const deadline = Date.now() + 10_000;
		while (!release) {
			if (Date.now() > deadline) throw new Error('the poll never checked its export');
			await new Promise((resolve) => setTimeout(resolve, 2));
		}
	}

	test('a poll that starts while another runs does nothing; each record comes out once', async () => {
		setupHeld('2026-11-23T12:00:00Z');
		// A one-minute minimum (the trigger's hidden test parameter): the second poll below comes
		// after it, while the first still runs.
		const flow = pollWorkflow({ event: 'newUser', options: UTC, testMinimumIntervalSeconds: 60 });
		await activate(flow, '2026-11-23T12:00:00Z');
		timeIs('2026-11-23T12:20:00Z');
		mock.addUser({ email: 'once@example.com' });
		hold = true;
		const first = flow.poll();
		await held();
		const requests = mock.requests.length;
		virtualClock.time += 2 * MINUTE;
		expect(await flow.poll()).toEqual([]);
		expect(mock.requests.length).toBe(requests);
		release!();
		expect(emails(await first)).toEqual(['once@example.com']);
		virtualClock.time += 2 * MINUTE;
		expect(await flow.poll()).toEqual([]);
		expect(starts().length).toBe(4);
	});

	test('"seen" is merged at the end of a poll, never replaced by what that poll saw', async () => {
		setupHeld('2026-11-23T12:00:00Z');
		// A one-minute minimum (the trigger's hidden test parameter): the second poll below comes
		// after it, while the first still runs.
		const flow = pollWorkflow({ event: 'newUser', options: UTC, testMinimumIntervalSeconds: 60 });
		await activate(flow, '2026-11-23T12:00:00Z');
		timeIs('2026-11-23T12:20:00Z');
		const user = mock.addUser({ email: 'merged@example.com' });
		hold = true;
		const running = flow.poll();
		await held();
		// Meanwhile another poll (another n8n process, an older version) recorded a key.
		(flow.staticData().seen as Record<string, string>)['other'] = '2026-11-23';
		release!();
		expect(emails(await running)).toEqual(['merged@example.com']);
		expect(flow.staticData().seen).toEqual({ other: '2026-11-23', [String(user.id)]: '2026-11-23' });
	});
});
