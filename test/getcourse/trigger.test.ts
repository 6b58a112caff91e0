/**
 * The GetCourse Trigger polls exports by whole days: each record is emitted once across
 * polls on the same day, across midnight and after a failed poll; the first activation
 * starts from now; a manual test leaves the state alone.
 */
import { virtualClock } from '../clock';
import { interceptHttp, resetHttp } from '../harness';
import { GetCourseMock } from '../mocks/getcourse';
import { pollWorkflow } from './poll';
import { BASE_URL, KEY, runGetCourse } from './run';

const at = (iso: string) => Date.parse(iso);
const MINUTE = 60_000;

let mock: GetCourseMock;

function setup(start: string, notReadyChecks = 1) {
	virtualClock.install(at(start));
	mock = new GetCourseMock({ now: virtualClock.now, seed: false, notReadyChecks });
	interceptHttp(BASE_URL, mock.handle);
}

afterEach(resetHttp);

const UTC = { timeZone: 'UTC' };
const emails = (records: Array<Record<string, unknown>>) => records.map((record) => record.Email);

/** Moves virtual time to a moment (polls also move it, by their waits). */
function timeIs(iso: string) {
	virtualClock.time = Math.max(virtualClock.time, at(iso));
}

test('the first poll starts from now: what exists is not emitted, the window is today', async () => {
	setup('2026-11-23T12:00:00Z');
	mock.addUser({ email: 'before@example.com', created_at: at('2026-11-23T08:00:00Z') });
	const flow = pollWorkflow({ event: 'newUser', options: UTC });

	expect(await flow.poll()).toEqual([]);
	expect(mock.requests[0].query).toEqual({ 'created_at[from]': '2026-11-23', key: KEY });
	expect(flow.staticData()).toEqual({ watching: 'newUser', cursor: '2026-11-23', seen: ['1000'] });
});

test('two polls on the same day emit each record once', async () => {
	setup('2026-11-23T12:00:00Z');
	const flow = pollWorkflow({ event: 'newUser', options: UTC });
	await flow.poll();

	timeIs('2026-11-23T12:10:00Z');
	mock.addUser({ email: 'one@example.com' });
	expect(emails(await flow.poll())).toEqual(['one@example.com']);

	timeIs('2026-11-23T12:20:00Z');
	mock.addUser({ email: 'two@example.com' });
	expect(emails(await flow.poll())).toEqual(['two@example.com']);

	timeIs('2026-11-23T12:30:00Z');
	expect(await flow.poll()).toEqual([]);
	// Every poll asked for the same day: GetCourse filters by whole days.
	const starts = mock.requests.filter((request) => request.path === '/pl/api/account/users');
	expect(starts.map((request) => request.query['created_at[from]'])).toEqual([
		'2026-11-23',
		'2026-11-23',
		'2026-11-23',
		'2026-11-23',
	]);
});

test('a record created at 23:59 and polled after midnight is emitted once', async () => {
	setup('2026-11-23T23:50:00Z');
	const flow = pollWorkflow({ event: 'newUser', options: UTC });
	await flow.poll();

	timeIs('2026-11-23T23:59:00Z');
	mock.addUser({ email: 'late@example.com' });
	timeIs('2026-11-24T00:05:00Z');
	expect(emails(await flow.poll())).toEqual(['late@example.com']);

	// Later polls, on the next day and past the margin, never emit it again.
	timeIs('2026-11-24T00:15:00Z');
	mock.addUser({ email: 'next-day@example.com' });
	expect(emails(await flow.poll())).toEqual(['next-day@example.com']);
	timeIs('2026-11-24T04:00:00Z');
	expect(await flow.poll()).toEqual([]);
	timeIs('2026-11-24T04:10:00Z');
	expect(await flow.poll()).toEqual([]);
	const starts = mock.requests.filter((request) => request.path === '/pl/api/account/users');
	expect(starts.map((request) => request.query['created_at[from]'])).toEqual([
		'2026-11-23',
		'2026-11-23',
		'2026-11-23',
		'2026-11-23',
		'2026-11-24',
	]);
	expect(flow.staticData().seen).toEqual([String(mock.users[1].id)]);
});

test('a poll that fails midway loses nothing: the next one emits what it would have', async () => {
	setup('2026-11-23T12:00:00Z');
	const flow = pollWorkflow({ event: 'newOrder', options: UTC });
	await flow.poll();
	const before = JSON.parse(JSON.stringify(flow.staticData()));

	timeIs('2026-11-23T12:10:00Z');
	const anna = mock.addUser({ email: 'anna@example.com' });
	mock.addDeal({ user: anna, title: 'Курс', cost: 100 });
	// The export starts, then the status check answers an error.
	mock.failNext({ success: true, info: { export_id: 7 } });
	mock.failNext({ success: false, error_code: 903, error_message: 'Превышен лимит запросов' });
	await expect(flow.poll()).rejects.toThrow('GetCourse: Превышен лимит запросов (error 903)');
	expect(flow.staticData()).toEqual(before);

	timeIs('2026-11-23T12:20:00Z');
	const emitted = await flow.poll();
	expect(emitted.map((record) => record['ID заказа'])).toEqual([String(mock.deals[0].id)]);
	expect(await flow.poll()).toEqual([]);
});

test('order status changed: each new status of an order is emitted once', async () => {
	setup('2026-11-23T12:00:00Z');
	const anna = mock.addUser({ email: 'anna@example.com' });
	const deal = mock.addDeal({ user: anna, title: 'Курс', cost: 100, status: 'new' });
	const flow = pollWorkflow({ event: 'orderStatusChanged', options: UTC });
	await flow.poll();

	timeIs('2026-11-23T12:10:00Z');
	mock.setDealStatus(deal, 'payed');
	const emitted = await flow.poll();
	expect(emitted.map((record) => [record['ID заказа'], record['Статус']])).toEqual([[String(deal.id), 'payed']]);
	expect(mock.requests.at(-3)!.query).toEqual({ 'status_changed_at[from]': '2026-11-23', key: KEY });
	expect(await flow.poll()).toEqual([]);
});

test('user added to a group: the group\'s export, each join once', async () => {
	setup('2026-11-23T12:00:00Z');
	const flow = pollWorkflow({
		event: 'userAddedToGroup',
		groupId: { __rl: true, mode: 'list', value: '101' },
		options: UTC,
	});
	await flow.poll();
	timeIs('2026-11-23T12:10:00Z');
	const user = mock.addUser({ email: 'member@example.com' });
	mock.addToGroup(101, user.id);
	expect(emails(await flow.poll())).toEqual(['member@example.com']);
	expect(mock.requests.at(-3)!.path).toBe('/pl/api/account/groups/101/users');
	expect(mock.requests.at(-3)!.query).toEqual({ 'added_at[from]': '2026-11-23', key: KEY });
	expect(await flow.poll()).toEqual([]);
});

test('new payment, with backfill of past days on the first poll', async () => {
	setup('2026-11-23T12:00:00Z');
	const anna = mock.addUser({ email: 'anna@example.com' });
	const deal = mock.addDeal({ user: anna, title: 'Курс', cost: 100 });
	mock.addPayment({ deal, amount: 100, created_at: at('2026-11-21T10:00:00Z') });
	const flow = pollWorkflow({ event: 'newPayment', options: { ...UTC, backfillDays: 3 } });
	const emitted = await flow.poll();
	expect(emitted.map((record) => record['Номер'])).toEqual([String(mock.payments[0].id)]);
	expect(mock.requests[0].query).toEqual({ 'created_at[from]': '2026-11-20', key: KEY });
	expect(flow.staticData().cursor).toBe('2026-11-23');
	timeIs('2026-11-23T12:10:00Z');
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
	await flow.poll();
	mock.addDeal({ user: anna, title: 'Курс', cost: 100 });
	flow.workflow.getNode('GetCourse Trigger')!.parameters.event = 'newOrder';
	timeIs('2026-11-23T12:10:00Z');
	expect(await flow.poll()).toEqual([]);
	expect(flow.staticData().watching).toBe('newOrder');
});

test('the window is the school\'s day: Moscow is ahead of UTC', async () => {
	setup('2026-11-23T22:30:00Z');
	const flow = pollWorkflow({ event: 'newUser', options: { timeZone: 'Europe/Moscow' } });
	await flow.poll();
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

test('the trigger and the node share one budget per credential; a poll refused by it loses nothing', async () => {
	setup('2026-11-23T12:00:00Z');
	const flow = pollWorkflow({ event: 'newUser', options: UTC });
	await flow.poll();
	const state = JSON.parse(JSON.stringify(flow.staticData()));
	// The node (same credential) fetches a ready export 96 times: 98 of 100 requests spent.
	mock.exports.set(4999, { id: 4999, fields: ['id'], items: [['1']], startedAt: 0, checks: 0, ready: true });
	const { items } = await runGetCourse(
		{ resource: 'export', operation: 'getResult', exportId: '4999' },
		{ input: Array.from({ length: 96 }, () => ({})) },
	);
	expect(items).toHaveLength(96);

	timeIs('2026-11-23T12:10:00Z');
	mock.addUser({ email: 'meanwhile@example.com' });
	mock.notReadyChecks = 5;
	await expect(flow.poll()).rejects.toThrow('The budget of 100 export requests per 2 hours is spent');
	expect(flow.staticData()).toEqual(state);
	expect(mock.requests).toHaveLength(100);

	// Two hours after the first requests, the budget has room again and the user comes out once.
	timeIs('2026-11-23T14:10:00Z');
	mock.notReadyChecks = 0;
	mock.exports.clear();
	expect(emails(await flow.poll())).toEqual(['meanwhile@example.com']);
});

test('an export not ready within the time n8n gives a poll is fetched by the next poll, not started again', async () => {
	setup('2026-11-23T12:00:00Z', 0);
	const flow = pollWorkflow({ event: 'newUser', options: UTC });
	await flow.poll();
	timeIs('2026-11-23T12:10:00Z');
	mock.addUser({ email: 'slow@example.com' });
	mock.notReadyChecks = 2;
	const cursor = flow.staticData().cursor;

	// 20 s for the poll: the check after 10 s finds it not ready, the next pause would not fit.
	expect(await flow.poll('trigger', 20_000)).toEqual([]);
	const pending = flow.staticData().pending as { exportId: string; polls: number };
	expect(pending).toMatchObject({ watching: 'newUser', from: '2026-11-23', polls: 1 });
	expect(flow.staticData().cursor).toBe(cursor);

	timeIs('2026-11-23T12:20:00Z');
	expect(emails(await flow.poll('trigger', 20_000))).toEqual(['slow@example.com']);
	expect(flow.staticData().pending).toBeUndefined();
	const starts = mock.requests.filter((request) => request.path === '/pl/api/account/users');
	expect(starts).toHaveLength(2);
	expect(mock.requests.slice(-3).map((request) => request.path)).toEqual([
		`/pl/api/account/exports/${pending.exportId}`,
		`/pl/api/account/exports/${pending.exportId}`,
		`/pl/api/account/exports/${pending.exportId}`,
	]);
});

test('a pending export GetCourse no longer has is dropped and a new one started', async () => {
	setup('2026-11-23T12:00:00Z', 0);
	const flow = pollWorkflow({ event: 'newUser', options: UTC });
	await flow.poll();
	timeIs('2026-11-23T12:10:00Z');
	mock.addUser({ email: 'again@example.com' });
	mock.notReadyChecks = 5;
	expect(await flow.poll('trigger', 20_000)).toEqual([]);
	mock.exports.clear();
	mock.notReadyChecks = 0;
	timeIs('2026-11-23T12:20:00Z');
	expect(emails(await flow.poll('trigger', 20_000))).toEqual(['again@example.com']);
});
