/**
 * Lists and many items against the mock KWIGA: pages followed to the end with KWIGA's own
 * page numbers checked, limits that stop early, the shared rate gate pacing many items,
 * waits after "too many requests", and the POST /query aliases.
 */
import type { IExecuteSingleFunctions } from 'n8n-workflow';

import { withQueryAlias } from '../../nodes/Kwiga/transport';
import { interceptHttp, resetHttp } from '../harness';
import { virtualClock } from '../clock';
import { KwigaMock } from '../mocks/kwiga';
import { BASE_URL, runKwiga } from './run';

afterEach(resetHttp);

const now = () => virtualClock.now();

const pages = (mock: KwigaMock) =>
	mock.requests.map(
		(request) =>
			`${request.method} ${request.path} page=${String(request.query.page)} per_page=${String(request.query.per_page)}`,
	);

const throttled = (seconds: number) => ({
	status: 429,
	body: { message: 'Too Many Attempts.' },
	headers: { 'Retry-After': String(seconds) },
});

test('Return All follows every page to meta.last_page, oldest first', async () => {
	const mock = new KwigaMock({ contacts: 250, now });
	interceptHttp(BASE_URL, mock.handle);

	const result = await runKwiga({ resource: 'contact', operation: 'getAll', returnAll: true });

	expect(result.error).toBeUndefined();
	expect(pages(mock)).toEqual([
		'GET /contacts page=1 per_page=100',
		'GET /contacts page=2 per_page=100',
		'GET /contacts page=3 per_page=100',
	]);
	expect(mock.requests.map((request) => request.query.sort)).toEqual(['asc', 'asc', 'asc']);
	expect(result.items.map((item) => item.json.id)).toEqual(Array.from({ length: 250 }, (_, i) => i + 1));
	expect(result.items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
});

test('a contact created during Return All comes out once, at the end', async () => {
	const mock = new KwigaMock({ contacts: 250, now });
	interceptHttp(BASE_URL, (request) => {
		if (request.query.page === '2') mock.addContacts(1);
		return mock.handle(request);
	});

	const result = await runKwiga({ resource: 'contact', operation: 'getAll', returnAll: true });

	const ids = result.items.map((item) => item.json.id);
	expect(ids).toEqual(Array.from({ length: 251 }, (_, i) => i + 1));
});

test('an order the user chose is kept', async () => {
	const mock = new KwigaMock({ contacts: 20, now });
	interceptHttp(BASE_URL, mock.handle);
	await runKwiga({ resource: 'contact', operation: 'getAll', returnAll: true, options: { sort: 'desc' } });
	expect(mock.requests[0].query.sort).toBe('desc');
});

test('Limit stops at the limit, asking for no more than the documented 15 courses a page', async () => {
	const mock = new KwigaMock({ now });
	interceptHttp(BASE_URL, mock.handle);

	const result = await runKwiga({ resource: 'course', operation: 'getAll', returnAll: false, limit: 20 });

	expect(pages(mock)).toEqual(['GET /courses page=1 per_page=15', 'GET /courses page=2 per_page=15']);
	expect(result.items.map((item) => item.json.id)).toEqual(Array.from({ length: 20 }, (_, i) => 200 + i));
});

test('participants page by 250', async () => {
	const mock = new KwigaMock({ contacts: 600, now });
	interceptHttp(BASE_URL, mock.handle);

	const result = await runKwiga({
		resource: 'course',
		operation: 'getParticipants',
		courseId: { __rl: true, mode: 'list', value: '200' },
		returnAll: true,
	});

	expect(pages(mock)).toEqual([
		'GET /courses/200/users page=1 per_page=250',
		'GET /courses/200/users page=2 per_page=250',
		'GET /courses/200/users page=3 per_page=250',
	]);
	expect(result.items).toHaveLength(600);
});

test('a server that keeps answering page 1 of 3 is not asked again and again', async () => {
	const requests = interceptHttp(BASE_URL, () => ({
		status: 200,
		body: { data: [{ id: 1 }], meta: { current_page: 1, last_page: 3 } },
	}));

	const result = await runKwiga({ resource: 'product', operation: 'getAll', returnAll: true });

	expect(result.error).toBeUndefined();
	expect(requests.map((request) => request.query.page)).toEqual(['1', '2']);
	expect(result.items.map((item) => item.json)).toEqual([{ id: 1 }]);
});

test('a server that announces more pages than it has stops at the first answer\'s last page', async () => {
	const requests = interceptHttp(BASE_URL, (request) => {
		const page = Number(request.query.page);
		return { status: 200, body: { data: [{ id: page }], meta: { current_page: page, last_page: page === 1 ? 2 : 9 } } };
	});

	const result = await runKwiga({ resource: 'product', operation: 'getAll', returnAll: true });

	expect(requests.map((request) => request.query.page)).toEqual(['1', '2']);
	expect(result.items.map((item) => item.json.id)).toEqual([1, 2]);
});

test('a Return All that would put out more than 100,000 items fails before asking for more, saying how to split it', async () => {
	const requests = interceptHttp(BASE_URL, (request) => {
		const page = Number(request.query.page);
		const data = Array.from({ length: 40_000 }, (_, index) => ({ id: page * 1_000_000 + index }));
		return { status: 200, body: { data, meta: { current_page: page, last_page: 10 } } };
	});

	const regular = await runKwiga({ resource: 'product', operation: 'getAll', returnAll: true }, { continueOnFail: true });

	expect(requests.map((request) => request.query.page)).toEqual(['1', '2', '3']);
	expect(regular.items).toHaveLength(1);
	expect(regular.items[0].json.error).toBe('More than 100,000 records for one item (120,000 so far)');
	expect(regular.items[0].json.description).toContain('narrow the list with its filters (for example a date range)');
});

describe('answers that are not KWIGA\'s JSON', () => {
	test.each([
		['an HTML page', { status: 200, body: undefined, raw: '<!doctype html><html><body>Welcome</body></html>' }, 'KWIGA answered with an HTML page instead of JSON'],
		['an empty body', { status: 200, body: undefined, raw: '' }, 'KWIGA answered with an empty answer'],
		['data: null', { status: 200, body: { data: null }, raw: undefined }, 'KWIGA answered with no record ("data": null)'],
		['JSON of another API', { status: 200, body: { hello: 'world' }, raw: undefined }, 'KWIGA answered with JSON that is not a KWIGA answer (it has no "data")'],
	])('%s is an error, never an item', async (_name, answer, message) => {
		interceptHttp(BASE_URL, () =>
			answer.raw === undefined
				? { status: answer.status, body: answer.body }
				: { status: answer.status, body: answer.raw, headers: { 'Content-Type': 'text/html' }, raw: true },
		);

		const result = await runKwiga({
			resource: 'contact',
			operation: 'get',
			contactId: { __rl: true, mode: 'id', value: '5' },
		});

		expect(result.items).toEqual([]);
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe(message);
		expect(result.error?.description).toContain('Check the Base URL in the KWIGA credential');
	});
});

describe('the rate gate', () => {
	test('500 items at once against a server allowing 200 a minute: every item succeeds, no 429', async () => {
		const mock = new KwigaMock({ contacts: 500, now });
		interceptHttp(BASE_URL, mock.handle);
		const input = Array.from({ length: 500 }, (_, index) => ({ id: index + 1 }));

		const result = await runKwiga(
			{ resource: 'contact', operation: 'get', contactId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
			{ input },
		);

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(500);
		expect(result.items.filter((item) => item.json.error)).toEqual([]);
		expect(result.items.map((item) => item.json.id)).toEqual(input.map((row) => row.id));
		expect(result.items.map((item) => (item.pairedItem as { item: number }).item)).toEqual(input.map((_, i) => i));
		expect(mock.requests).toHaveLength(500);
		// 200 a minute, kept with a 1-second margin: batches leave at 0 s, 61 s and 122 s.
		expect(virtualClock.time - Date.UTC(2026, 0, 1)).toBeGreaterThanOrEqual(122_000);
		expect(virtualClock.time - Date.UTC(2026, 0, 1)).toBeLessThan(130_000);
	}, 180_000);

	test('500 items against a server that allows fewer than the credential says: every item succeeds with few 429s', async () => {
		// The credential says 200 a minute, but other tools spend half of this token's minute.
		const mock = new KwigaMock({ contacts: 500, now, requestsPerMinute: 100 });
		interceptHttp(BASE_URL, mock.handle);
		const input = Array.from({ length: 500 }, (_, index) => ({ id: index + 1 }));

		const result = await runKwiga(
			{ resource: 'contact', operation: 'get', contactId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
			{ input },
		);

		expect(result.error).toBeUndefined();
		expect(result.items.filter((item) => item.json.error)).toEqual([]);
		expect(new Set(result.items.map((item) => item.json.id)).size).toBe(500);
		// The first 200 leave at once and 100 are refused; KWIGA's X-RateLimit-Limit (100)
		// then lowers the gate, and nothing more is refused.
		expect(mock.requests.length - 500).toBe(100);
	}, 180_000);

	test('the credential\'s own rate is kept: 20 requests per 2 seconds', async () => {
		const mock = new KwigaMock({ contacts: 100, now });
		interceptHttp(BASE_URL, mock.handle);
		const input = Array.from({ length: 100 }, (_, index) => ({ id: index + 1 }));

		const result = await runKwiga(
			{ resource: 'contact', operation: 'get', contactId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
			{ input, credentials: { rateLimitRequests: 20, rateLimitWindowSeconds: 2 } },
		);

		expect(result.items).toHaveLength(100);
		// Five batches of 20, each 2.1 s (2 s and a 5 % margin) after the one before.
		expect(virtualClock.waits.reduce((sum, wait) => sum + wait, 0)).toBe(4 * 2100);
	}, 180_000);

	test('a 429 in the middle of Return All pauses for Retry-After and asks for the same page again', async () => {
		const mock = new KwigaMock({ contacts: 250, now });
		let served = 0;
		interceptHttp(BASE_URL, (request) => (++served === 2 ? throttled(7) : mock.handle(request)));

		const result = await runKwiga({ resource: 'contact', operation: 'getAll', returnAll: true });

		expect(result.error).toBeUndefined();
		expect(virtualClock.waits).toEqual([7000]);
		expect(pages(mock)).toEqual([
			'GET /contacts page=1 per_page=100',
			'GET /contacts page=2 per_page=100',
			'GET /contacts page=3 per_page=100',
		]);
		expect(new Set(result.items.map((item) => item.json.id)).size).toBe(250);
	});

	test('without Retry-After, the pause runs until X-RateLimit-Reset', async () => {
		let served = 0;
		interceptHttp(BASE_URL, () =>
			++served === 1
				? {
						status: 429,
						body: { message: 'Too Many Attempts.' },
						headers: { 'X-RateLimit-Reset': String(virtualClock.time / 1000 + 12) },
					}
				: { status: 200, body: { data: [{ id: 1 }] } },
		);

		const result = await runKwiga({ resource: 'timezone', operation: 'getAll', returnAll: true });

		expect(virtualClock.waits).toEqual([12000]);
		expect(result.items.map((item) => item.json)).toEqual([{ id: 1 }]);
	});

	test('a Retry-After beyond 2 minutes is capped at 2 minutes', async () => {
		let served = 0;
		interceptHttp(BASE_URL, () =>
			++served === 1 ? { status: 429, body: {}, headers: { 'Retry-After': '3600' } } : { status: 200, body: { data: [] } },
		);
		await runKwiga({ resource: 'timezone', operation: 'getAll', returnAll: true });
		expect(virtualClock.waits).toEqual([120_000]);
	});

	test('a server that answers nothing but 429 for 10 minutes makes the request fail', async () => {
		const requests = interceptHttp(BASE_URL, () => throttled(30));

		const result = await runKwiga({ resource: 'timezone', operation: 'getAll', returnAll: true });

		// Sent at 0 s, 30 s, … 600 s: the answer at 600 s ends it.
		expect(requests).toHaveLength(21);
		expect(virtualClock.waits).toEqual(Array(20).fill(30_000));
		expect(result.error?.message).toBe('KWIGA: Too Many Attempts.');
		expect((result.error as unknown as { httpCode: string }).httpCode).toBe('429');
	});

	test('503 (maintenance) on a read is waited out like 429 and sent again', async () => {
		let served = 0;
		const requests = interceptHttp(BASE_URL, () =>
			++served === 1
				? { status: 503, body: { message: 'Service Unavailable' }, headers: { 'Retry-After': '5' } }
				: { status: 200, body: { data: [{ id: 1, name: 'Europe/Kyiv' }] } },
		);

		const result = await runKwiga({ resource: 'timezone', operation: 'getAll', returnAll: true });

		expect(result.items.map((item) => item.json)).toEqual([{ id: 1, name: 'Europe/Kyiv' }]);
		expect(requests).toHaveLength(2);
		expect(virtualClock.waits).toEqual([5000]);
	});

	test('503 on a write is never sent again: the item fails saying it may or may not have been applied', async () => {
		const requests = interceptHttp(BASE_URL, () => ({
			status: 503,
			body: { message: 'Service Unavailable' },
			headers: { 'Retry-After': '5' },
		}));

		const result = await runKwiga({ resource: 'contact', operation: 'addTags', contactIds: '1', tags: 'vip' });

		expect(requests).toHaveLength(1);
		expect(result.error?.message).toBe('KWIGA: Service Unavailable');
		expect(result.error?.description).toBe(
			'This was a change (create, update, delete, add), so it was not sent again: KWIGA may or may not have applied it. Check in KWIGA whether it was applied before running the node again for this item.',
		);
	});

	test('a read that keeps getting 503 is sent 1 + 3 times, however the other requests fare', async () => {
		// Every other request of the same credential succeeds: that must not reset this read's count.
		const requests = interceptHttp(BASE_URL, (request) =>
			request.path === '/timezones'
				? { status: 503, body: { message: 'Service Unavailable' }, headers: { 'Retry-After': '1' } }
				: { status: 200, body: { success: true } },
		);
		const [read] = await Promise.all([
			runKwiga({ resource: 'timezone', operation: 'getAll', returnAll: true }),
			runKwiga({ resource: 'contact', operation: 'addTags', contactIds: '1', tags: 'vip' }),
			runKwiga({ resource: 'contact', operation: 'addTags', contactIds: '2', tags: 'vip' }),
		]);

		expect(requests.filter((request) => request.path === '/timezones')).toHaveLength(4);
		expect(read.error?.message).toBe('KWIGA: Service Unavailable');
		expect((read.error as unknown as { httpCode: string }).httpCode).toBe('503');
	});

	test('a 500 on a write is not sent again', async () => {
		const requests = interceptHttp(BASE_URL, () => ({ status: 500, body: { message: 'Server Error' } }));
		const result = await runKwiga({ resource: 'contact', operation: 'addTags', contactIds: '1', tags: 'vip' });
		expect(requests).toHaveLength(1);
		expect(result.error?.message).toBe('KWIGA: Server Error');
	});
});

describe('POST /query alias', () => {
	test('contacts whose filters make the URL too long are listed through POST /contacts/query', async () => {
		const mock = new KwigaMock({ contacts: 120, now });
		interceptHttp(BASE_URL, mock.handle);
		const search = 'example.com'.padEnd(2000, ' ');

		const result = await runKwiga({
			resource: 'contact',
			operation: 'getAll',
			returnAll: true,
			filters: { search },
			options: { withOffers: true },
		});

		expect(result.error).toBeUndefined();
		expect(mock.requests.map(({ method, path, query, body }) => ({ method, path, query, body }))).toEqual([
			{
				method: 'POST',
				path: '/contacts/query',
				query: {},
				body: { per_page: 100, page: 1, filters: { search }, with_offers: 1, sort: 'asc' },
			},
			{
				method: 'POST',
				path: '/contacts/query',
				query: {},
				body: { per_page: 100, page: 2, filters: { search }, with_offers: 1, sort: 'asc' },
			},
		]);
		expect(result.items).toHaveLength(120);
	});

	test('short filters stay a GET', async () => {
		const mock = new KwigaMock({ now });
		interceptHttp(BASE_URL, mock.handle);
		await runKwiga({ resource: 'contact', operation: 'getAll', returnAll: true, filters: { search: 'x' } });
		expect(mock.requests[0].method).toBe('GET');
	});

	test('course participants switch to POST /courses/:course/users/query the same way', async () => {
		const mock = new KwigaMock({ contacts: 10, now });
		interceptHttp(BASE_URL, mock.handle);
		const include = Array(300).fill('lesson_progress');
		await runKwiga({
			resource: 'course',
			operation: 'getParticipants',
			courseId: { __rl: true, mode: 'id', value: '200' },
			returnAll: true,
			participantOptions: { include },
		});
		expect(mock.requests.map(({ method, path, query }) => ({ method, path, query }))).toEqual([
			{ method: 'POST', path: '/courses/200/users/query', query: {} },
		]);
		expect(mock.requests[0].body).toMatchObject({ per_page: 250, page: 1, include: include.join(',') });
	});

	test('any other request that would be too long fails before it is sent', () => {
		const ctx = { getNode: () => ({ name: 'KWIGA' }), getItemIndex: () => 0 } as unknown as IExecuteSingleFunctions;
		const options = { method: 'GET' as const, baseURL: BASE_URL, url: '/coupons', qs: { search: 'x'.repeat(2100) } };
		expect(() => withQueryAlias(ctx, options)).toThrow(/^The request would be 2\d{3} characters long$/);
		const short = { ...options, qs: { search: 'x' } };
		expect(withQueryAlias(ctx, short)).toBe(short);
	});
});
