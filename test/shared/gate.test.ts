/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code, never published: it runs in Node.js beside n8n and needs timers and process; n8n's rules for node code do not apply to it */
/** The rate gate on its own: windows, pauses, the budget and cancelled executions. */
import {
	BudgetLedger,
	BudgetSpentError,
	CancelledError,
	GIVE_UP_AFTER_MS,
	MAX_WINDOW_MS,
	RateGate,
	safetyMargin,
} from '../../nodes/shared/gate';
import type { PlatformSpec, RequestContext } from '../../nodes/shared/request';
import { CREDENTIAL_KEPT_MS, credentialsOf, rateOf, retryDelayMs } from '../../nodes/shared/request';
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
	// Refused again every minute (each pause ends with the requests sent again).
	for (let minute = 1; minute < 10; minute++) {
		virtualClock.time += 60_000;
		expect(gate.throttled(60_000)).toBe(true);
	}
	virtualClock.time += 60_000;
	expect(gate.throttled(1000)).toBe(false);
});

test('a budget that runs out says when it refills, and refills', () => {
	const gate = new BudgetLedger({ requests: 100, windowMs: 2 * 3_600_000, label: 'export requests' });
	for (let index = 0; index < 100; index++) {
		gate.spend();
		virtualClock.time += 60_000;
	}
	expect(gate.left()).toBe(0);
	expect(() => gate.spend()).toThrow(BudgetSpentError);
	expect(() => gate.spend()).toThrow(
		'The budget of 100 export requests per 2 hours is spent; the next request can be sent at 2026-01-01 02:00 UTC',
	);
	virtualClock.time = START + 2 * 3_600_000;
	expect(gate.left()).toBe(1);
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

test('an announced lower limit holds while the platform keeps saying it, and lapses when it stops', async () => {
	const gate = new RateGate({ requests: 10, windowMs: 1000 });
	gate.announce(2);
	expect(gate.limit.requests).toBe(2);
	// Said again a window later: still held.
	virtualClock.time += 1000;
	gate.announce(2);
	virtualClock.time += 1500;
	expect(gate.limit.requests).toBe(2);
	// Not said for two windows: the configured limit is back.
	virtualClock.time += 600;
	expect(gate.limit.requests).toBe(10);
	// A higher announcement replaces a lower one; never above the configured limit.
	gate.announce(2);
	gate.announce(50);
	expect(gate.limit.requests).toBe(10);
});

test('X-RateLimit-Reset is read as an epoch time, or as seconds from now when it is small', () => {
	const now = START;
	expect(retryDelayMs({ 'X-RateLimit-Reset': String(now / 1000 + 30) }, now)).toBe(30_000);
	expect(retryDelayMs({ 'x-ratelimit-reset': '45' }, now)).toBe(45_000);
	// Retry-After wins over both; nothing longer than the cap, nothing shorter than a second.
	expect(retryDelayMs({ 'Retry-After': '7', 'X-RateLimit-Reset': '45' }, now)).toBe(7000);
	expect(retryDelayMs({ 'X-RateLimit-Reset': '100000' }, now)).toBe(120_000);
	expect(retryDelayMs({ 'X-RateLimit-Reset': String(now / 1000 - 5) }, now)).toBe(1000);
});

test('a credential rate below 1 request or a window beyond a day is refused with what to change', () => {
	const spec = { name: 'KWIGA', rate: { requests: 200, windowMs: 60_000 } } as PlatformSpec;
	expect(rateOf(spec, { rateLimitRequests: 0.5 })).toBe(
		"The Rate Limit (Requests) in the KWIGA credential is 0.5: it must be a whole number of at least 1 (or empty for KWIGA's own limit of 200).",
	);
	expect(rateOf(spec, { rateLimitRequests: -3 })).toMatch(/^The Rate Limit \(Requests\) in the KWIGA credential is -3/);
	expect(rateOf(spec, { rateLimitWindowSeconds: 86_401 })).toMatch(
		/^The Rate Limit Window \(Seconds\) in the KWIGA credential is 86401: it must be more than 0 and at most 86400/,
	);
	expect(rateOf(spec, { rateLimitRequests: 20.7, rateLimitWindowSeconds: 2 })).toEqual({ requests: 20, windowMs: 2000 });
	expect(rateOf(spec, { rateLimitRequests: '', rateLimitWindowSeconds: 0 })).toEqual({ requests: 200, windowMs: 60_000 });
	expect(rateOf(spec, {})).toEqual({ requests: 200, windowMs: 60_000 });
});

test('a gate that remembers more than 100,000 requests keeps working', async () => {
	const gate = new RateGate({ requests: 150_000, windowMs: MAX_WINDOW_MS });
	for (let index = 0; index < 150_000; index++) {
		const passage = await gate.acquire();
		if (index % 2) passage.done();
	}
	expect(gate.released).toBe(150_000);
	// Full: the next one waits until the oldest leaves the window.
	const next = gate.acquire().then(() => virtualClock.time - START);
	await expect(next).resolves.toBe(MAX_WINDOW_MS + safetyMargin(MAX_WINDOW_MS));
});

test('the editor\'s and triggers\' requests go ahead of every queued bulk request', async () => {
	const gate = new RateGate({ requests: 2, windowMs: 1000 });
	const order: string[] = [];
	const bulk = Array.from({ length: 6 }, (_, index) =>
		gate.acquire(undefined, false, 'bulk').then(() => order.push(`item ${index} at ${virtualClock.time - START}`)),
	);
	const dropdown = gate.acquire(undefined, false, 'interactive').then(() => order.push(`dropdown at ${virtualClock.time - START}`));
	await Promise.all([...bulk, dropdown]);
	// Two items had left before the dropdown asked; it goes first in the next window.
	expect(order).toEqual([
		'item 0 at 0',
		'item 1 at 0',
		'dropdown at 1050',
		'item 2 at 1050',
		'item 3 at 2100',
		'item 4 at 2100',
		'item 5 at 3150',
	]);
});

describe('the credential of a context (credentialsOf)', () => {
	const spec = { credentialType: 'kwigaApi' } as PlatformSpec;
	const context = (perItem: boolean) => {
		let fetched = 0;
		const ctx = {
			getNode: () => ({ name: 'node' }),
			getCredentials: async () => ({ token: `token ${++fetched}` }),
			...(perItem ? { getItemIndex: () => 0 } : {}),
		} as unknown as RequestContext;
		return { ctx, fetched: () => fetched };
	};

	test("an item's context fetches it once, however long the item takes", async () => {
		const { ctx, fetched } = context(true);
		expect((await credentialsOf(ctx, spec)).token).toBe('token 1');
		virtualClock.time += 10 * CREDENTIAL_KEPT_MS;
		expect((await credentialsOf(ctx, spec)).token).toBe('token 1');
		expect(fetched()).toBe(1);
	});

	test("a poll's context, kept for the whole activation, fetches it again after CREDENTIAL_KEPT_MS, so an edited credential takes effect", async () => {
		const { ctx, fetched } = context(false);
		expect((await credentialsOf(ctx, spec)).token).toBe('token 1');
		virtualClock.time += CREDENTIAL_KEPT_MS - 1;
		expect((await credentialsOf(ctx, spec)).token).toBe('token 1');
		virtualClock.time += 1;
		expect((await credentialsOf(ctx, spec)).token).toBe('token 2');
		expect(fetched()).toBe(2);
	});

	test('a fetch that failed is not kept', async () => {
		let calls = 0;
		const ctx = {
			getNode: () => ({ name: 'node' }),
			getItemIndex: () => 0,
			getCredentials: async () => {
				if (++calls === 1) throw new Error('not found');
				return { token: 'later' };
			},
		} as unknown as RequestContext;
		await expect(credentialsOf(ctx, spec)).rejects.toThrow('not found');
		expect((await credentialsOf(ctx, spec)).token).toBe('later');
	});
});
