/**
 * Lists against the mock KWIGA: pages followed to the end, limits that stop early, the
 * rate limit waited out, and the POST /query alias for filters too long for a URL.
 */
import type { IHttpRequestOptions } from 'n8n-workflow';

import { MAX_GET_URL_LENGTH, rateLimit, withQueryAlias } from '../../nodes/Kwiga/transport';
import { interceptHttp, resetHttp } from '../harness';
import { KwigaMock } from '../mocks/kwiga';
import { BASE_URL, runKwiga } from './run';

const realWait = rateLimit.wait;
const realNow = rateLimit.now;
let clock: number;
let waits: number[];

beforeEach(() => {
	clock = Date.UTC(2026, 0, 1);
	waits = [];
	// Time moves only when the node waits, so a throttled minute passes at once.
	rateLimit.wait = async (ms: number) => {
		waits.push(ms);
		clock += ms;
	};
	rateLimit.now = () => clock;
});

afterEach(() => {
	rateLimit.wait = realWait;
	rateLimit.now = realNow;
	resetHttp();
});

const pages = (mock: KwigaMock) =>
	mock.requests.map((request) => `${request.method} ${request.path} page=${String(request.query.page)} per_page=${String(request.query.per_page)}`);

test('Return All follows every page to meta.last_page', async () => {
	const mock = new KwigaMock({ contacts: 250, now: () => clock });
	interceptHttp(BASE_URL, mock.handle);

	const result = await runKwiga({ resource: 'contact', operation: 'getAll', returnAll: true, options: { sort: 'asc' } });

	expect(result.error).toBeUndefined();
	expect(pages(mock)).toEqual([
		'GET /contacts page=1 per_page=100',
		'GET /contacts page=2 per_page=100',
		'GET /contacts page=3 per_page=100',
	]);
	expect(result.items.map((item) => item.json.id)).toEqual(Array.from({ length: 250 }, (_, i) => i + 1));
	expect(result.items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
});

test('Limit stops at the limit, asking for no more than the documented 15 courses a page', async () => {
	const mock = new KwigaMock({ now: () => clock });
	interceptHttp(BASE_URL, mock.handle);

	const result = await runKwiga({ resource: 'course', operation: 'getAll', returnAll: false, limit: 20 });

	expect(pages(mock)).toEqual(['GET /courses page=1 per_page=15', 'GET /courses page=2 per_page=15']);
	expect(result.items.map((item) => item.json.id)).toEqual(Array.from({ length: 20 }, (_, i) => 200 + i));
});

test('participants page by 250', async () => {
	const mock = new KwigaMock({ contacts: 600, now: () => clock });
	interceptHttp(BASE_URL, mock.handle);

	const result = await runKwiga({ resource: 'course', operation: 'getParticipants', courseId: 200, returnAll: true });

	expect(pages(mock)).toEqual([
		'GET /courses/200/users page=1 per_page=250',
		'GET /courses/200/users page=2 per_page=250',
		'GET /courses/200/users page=3 per_page=250',
	]);
	expect(result.items).toHaveLength(600);
});

test('a 429 in the middle of Return All is waited out and the same page asked again', async () => {
	const mock = new KwigaMock({ contacts: 250, now: () => clock });
	let served = 0;
	interceptHttp(BASE_URL, (request) => {
		served++;
		if (served === 2) {
			return {
				status: 429,
				body: { message: 'Too Many Attempts.' },
				headers: { 'Retry-After': '7', 'X-RateLimit-Reset': String(Math.ceil(clock / 1000) + 7) },
			};
		}
		return mock.handle(request);
	});

	const result = await runKwiga({ resource: 'contact', operation: 'getAll', returnAll: true });

	expect(result.error).toBeUndefined();
	expect(waits).toEqual([7000]);
	expect(pages(mock)).toEqual([
		'GET /contacts page=1 per_page=100',
		'GET /contacts page=2 per_page=100',
		'GET /contacts page=3 per_page=100',
	]);
	expect(new Set(result.items.map((item) => item.json.id)).size).toBe(250);
});

test('without Retry-After, the wait runs until X-RateLimit-Reset', async () => {
	let served = 0;
	interceptHttp(BASE_URL, () => {
		served++;
		if (served === 1) {
			return {
				status: 429,
				body: { message: 'Too Many Attempts.' },
				headers: { 'X-RateLimit-Reset': String(clock / 1000 + 12) },
			};
		}
		return { status: 200, body: { data: [{ id: 1 }] } };
	});

	const result = await runKwiga({ resource: 'timezone', operation: 'getAll', returnAll: true });

	expect(waits).toEqual([12000]);
	expect(result.items.map((item) => item.json)).toEqual([{ id: 1 }]);
});

test('Return All over 1,050 contacts against a server throttling at 200 requests a minute finishes with every contact', async () => {
	// KWIGA may cap per_page below what the node asks; at 15 a page this list takes 70
	// requests, and the token has already spent 150 of this minute's 200 elsewhere.
	const mock = new KwigaMock({ contacts: 1050, now: () => clock, maxPerPage: { contacts: 15 } });
	mock.windowCount = 150;
	interceptHttp(BASE_URL, mock.handle);

	const result = await runKwiga({ resource: 'contact', operation: 'getAll', returnAll: true });

	expect(result.error).toBeUndefined();
	const ids = result.items.map((item) => item.json.id);
	expect(ids).toHaveLength(1050);
	expect(new Set(ids).size).toBe(1050);
	const throttled = mock.requests.length - 70;
	expect(throttled).toBeGreaterThan(0);
	expect(waits.length).toBe(throttled);
	expect(clock - Date.UTC(2026, 0, 1)).toBeGreaterThanOrEqual(waits.reduce((a, b) => a + b, 0));
});

test('three items listing 1,050 contacts at once share the 200-a-minute budget without an error', async () => {
	const mock = new KwigaMock({ contacts: 1050, now: () => clock, maxPerPage: { contacts: 15 } });
	interceptHttp(BASE_URL, mock.handle);

	const result = await runKwiga(
		{ resource: 'contact', operation: 'getAll', returnAll: true },
		{ input: [{}, {}, {}] },
	);

	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(3150);
	for (const index of [0, 1, 2]) {
		const fromItem = result.items.filter((item) => (item.pairedItem as { item: number }).item === index);
		expect(new Set(fromItem.map((item) => item.json.id)).size).toBe(1050);
	}
	expect(mock.requests.length).toBeGreaterThan(210);
});

test('a server that never stops answering 429 fails after a bounded number of tries', async () => {
	const requests = interceptHttp(BASE_URL, () => ({
		status: 429,
		body: { message: 'Too Many Attempts.' },
		headers: { 'Retry-After': '30' },
	}));

	const result = await runKwiga({ resource: 'timezone', operation: 'getAll', returnAll: true });

	expect(requests).toHaveLength(rateLimit.maxRetries + 1);
	expect(waits).toEqual(Array(rateLimit.maxRetries).fill(30_000));
	expect(result.error?.message).toBe('KWIGA: Too Many Attempts.');
	expect((result.error as unknown as { httpCode: string }).httpCode).toBe('429');
});

test('a Retry-After beyond the bound is capped', async () => {
	let served = 0;
	interceptHttp(BASE_URL, () =>
		++served === 1
			? { status: 429, body: {}, headers: { 'Retry-After': '3600' } }
			: { status: 200, body: { data: [] } },
	);
	await runKwiga({ resource: 'timezone', operation: 'getAll', returnAll: true });
	expect(waits).toEqual([rateLimit.maxWaitSeconds * 1000]);
});

describe('POST /query alias', () => {
	test('contacts whose filters make the URL too long are listed through POST /contacts/query', async () => {
		const mock = new KwigaMock({ contacts: 120, now: () => clock });
		interceptHttp(BASE_URL, mock.handle);
		const search = 'example.com'.padEnd(MAX_GET_URL_LENGTH, ' ');

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
				body: { per_page: 100, page: 1, filters: { search }, with_offers: 1 },
			},
			{
				method: 'POST',
				path: '/contacts/query',
				query: {},
				body: { per_page: 100, page: 2, filters: { search }, with_offers: 1 },
			},
		]);
		expect(result.items).toHaveLength(120);
	});

	test('short filters stay a GET', async () => {
		const mock = new KwigaMock({ now: () => clock });
		interceptHttp(BASE_URL, mock.handle);
		await runKwiga({ resource: 'contact', operation: 'getAll', returnAll: true, filters: { search: 'x' } });
		expect(mock.requests[0].method).toBe('GET');
	});

	test('course participants switch to POST /courses/:course/users/query the same way', () => {
		const options: IHttpRequestOptions = {
			method: 'GET',
			baseURL: BASE_URL,
			url: '/courses/20/users',
			qs: { per_page: 250, include: 'x'.repeat(MAX_GET_URL_LENGTH) },
		};
		expect(withQueryAlias(options)).toMatchObject({
			method: 'POST',
			url: '/courses/20/users/query',
			qs: {},
			body: { per_page: 250, include: 'x'.repeat(MAX_GET_URL_LENGTH) },
		});
		const short = { ...options, qs: { per_page: 250 } };
		expect(withQueryAlias(short)).toBe(short);
	});
});
