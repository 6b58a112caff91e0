/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code, never published: it runs in Node.js beside n8n and needs timers and process; n8n's rules for node code do not apply to it */
/** The rate gate on its own: windows, pauses, the budget and cancelled executions. */
import { BudgetSpentError, CancelledError, GIVE_UP_AFTER_MS, RateGate } from '../../nodes/shared/gate';
import { virtualClock } from '../clock';

const START = Date.UTC(2026, 0, 1);

test('requests leave in order, at most the limit per window (plus a 5 % margin)', async () => {
	const gate = new RateGate({ requests: 3, windowMs: 1000 });
	const left: Array<[number, number]> = [];
	await Promise.all(
		Array.from({ length: 7 }, async (_, index) => {
			await gate.acquire();
			left.push([index, virtualClock.time - START]);
		}),
	);
	expect(left).toEqual([
		[0, 0], [1, 0], [2, 0],
		[3, 1050], [4, 1050], [5, 1050],
		[6, 2100],
	]);
});

test('a throttled request goes back to the head of the queue and everyone waits the pause', async () => {
	const gate = new RateGate({ requests: 100, windowMs: 60_000 });
	await gate.acquire();
	expect(gate.throttled(7000)).toBe(true);
	const order: string[] = [];
	await Promise.all([
		gate.acquire().then(() => order.push(`queued at ${virtualClock.time - START}`)),
		gate.acquire(undefined, true).then(() => order.push(`throttled at ${virtualClock.time - START}`)),
	]);
	expect(order).toEqual(['throttled at 7000', 'queued at 7000']);
});

test('after 10 minutes of nothing but "too many requests" the gate gives up; any other answer resets that', () => {
	expect(GIVE_UP_AFTER_MS).toBe(600_000);
	const gate = new RateGate({ requests: 1, windowMs: 1000 });
	expect(gate.throttled(1000)).toBe(true);
	virtualClock.time += 599_999;
	expect(gate.throttled(1000)).toBe(true);
	gate.answered();
	virtualClock.time += 1;
	expect(gate.throttled(1000)).toBe(true);
	virtualClock.time += 600_000;
	expect(gate.throttled(1000)).toBe(false);
});

test('a budget that runs out says when it refills, and refills', () => {
	const gate = new RateGate(
		{ requests: 10, windowMs: 1000 },
		{ requests: 100, windowMs: 2 * 3_600_000, label: 'export requests' },
	);
	for (let index = 0; index < 100; index++) {
		gate.spend();
		virtualClock.time += 60_000;
	}
	expect(gate.budgetLeft()).toBe(0);
	expect(() => gate.spend()).toThrow(BudgetSpentError);
	expect(() => gate.spend()).toThrow(
		'The budget of 100 export requests per 2 hours is spent; the next request can be sent at 2026-01-01 02:00 UTC',
	);
	virtualClock.time = START + 2 * 3_600_000;
	expect(gate.budgetLeft()).toBe(1);
	expect(() => gate.spend()).not.toThrow();
});

test('a cancelled execution stops waiting at once', async () => {
	const gate = new RateGate({ requests: 1, windowMs: 60_000 });
	await gate.acquire();
	const controller = new AbortController();
	const waiting = gate.acquire(controller.signal);
	controller.abort();
	await expect(waiting).rejects.toBeInstanceOf(CancelledError);
	await expect(gate.acquire(controller.signal)).rejects.toBeInstanceOf(CancelledError);
	// The gate's own timer finds an empty queue and stops.
	await new Promise((resolve) => setTimeout(resolve, 30));
});

test('a platform that announces a lower limit is held to it', async () => {
	const gate = new RateGate({ requests: 200, windowMs: 60_000 });
	gate.announce(2);
	const times: number[] = [];
	await Promise.all([0, 1, 2].map(async () => {
		await gate.acquire();
		times.push(virtualClock.time - START);
	}));
	expect(times).toEqual([0, 0, 61_000]);
});

test('a request counts in its window from when its answer came, not from when it left', async () => {
	const gate = new RateGate({ requests: 2, windowMs: 1000 });
	const slow = await gate.acquire();
	await gate.acquire();
	// The first answer came 400 ms after the request left (a busy n8n, a slow network).
	virtualClock.time += 400;
	slow.done();
	const times: number[] = [];
	await Promise.all([0, 1].map(async () => {
		await gate.acquire();
		times.push(virtualClock.time - START);
	}));
	expect(times).toEqual([1050, 1450]);
});
