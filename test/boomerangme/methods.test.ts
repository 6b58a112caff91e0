/** The dropdowns and searchable lists that load from the Boomerangme account, and the credential test. */
import { Workflow } from 'n8n-workflow';

import { BoomerangmeApi } from '../../credentials/BoomerangmeApi.credentials';
import { Boomerangme } from '../../nodes/Boomerangme/Boomerangme.node';
import { baseUrlFrom, BOOMERANGME_BASE_URL, DEFAULT_BASE_URL } from '../../nodes/Boomerangme/address';
import { listSearch, loadOptions } from '../../nodes/Boomerangme/methods';
import { interceptHttp, resetHttp, TestNodeTypes } from '../harness';
import { BoomerangmeMock, customerId } from '../mocks/boomerangme';
import { virtualClock } from '../clock';
import { API_KEY, BASE_URL, boomerangmeLoadOptions, CREDENTIALS, runBoomerangme } from './run';

afterEach(resetHttp);

test('Template dropdown: every template of the account, by name', async () => {
	const mock = new BoomerangmeMock();
	const requests = interceptHttp(BASE_URL, mock.handle);
	const options = await loadOptions.getTemplates.call(boomerangmeLoadOptions());
	expect(options).toHaveLength(8);
	expect(options).toContainEqual({ name: 'Stamp card (#41400)', value: 41400 });
	expect(requests.map((r) => [r.method, r.path, r.query, r.headers['x-api-key']])).toEqual([
		['GET', '/api/v2/templates', { itemsPerPage: '100', page: '1' }, API_KEY],
	]);
});

test('Tariff dropdown', async () => {
	const mock = new BoomerangmeMock();
	interceptHttp(BASE_URL, mock.handle);
	const options = await loadOptions.getTariffs.call(boomerangmeLoadOptions());
	expect(options).toEqual([
		{ name: 'Basic (#12)', value: 12 },
		{ name: 'Pro (#13)', value: 13 },
	]);
});

test('template search filters by name', async () => {
	const mock = new BoomerangmeMock();
	interceptHttp(BASE_URL, mock.handle);
	const result = await listSearch.searchTemplates.call(boomerangmeLoadOptions(), 'cash');
	expect(result.results).toEqual([{ name: 'Cashback card (#41401)', value: '41401' }]);
});

describe('customer search', () => {
	it('pages as the user scrolls', async () => {
		const mock = new BoomerangmeMock({ customers: 120 });
		const requests = interceptHttp(BASE_URL, mock.handle);
		const first = await listSearch.searchCustomers.call(boomerangmeLoadOptions());
		expect(first.results).toHaveLength(50);
		expect(first.results[0]).toEqual({ name: 'Customer1 Example <customer1@example.com>', value: customerId(1) });
		expect(first.paginationToken).toBe('2');
		const last = await listSearch.searchCustomers.call(boomerangmeLoadOptions(), undefined, '3');
		expect(last.results).toHaveLength(20);
		expect(last.paginationToken).toBeUndefined();
		expect(requests.map((r) => r.query)).toEqual([
			{ page: '1', itemsPerPage: '50' },
			{ page: '3', itemsPerPage: '50' },
		]);
	});

	it('an email is asked for by email', async () => {
		const mock = new BoomerangmeMock();
		const requests = interceptHttp(BASE_URL, mock.handle);
		const result = await listSearch.searchCustomers.call(boomerangmeLoadOptions(), 'customer7@example.com');
		expect(requests[0].query).toEqual({ page: '1', itemsPerPage: '50', email: 'customer7@example.com' });
		expect(result.results.map((r) => r.value)).toEqual([customerId(7)]);
	});

	it('a phone number is asked for by phone', async () => {
		const mock = new BoomerangmeMock();
		const requests = interceptHttp(BASE_URL, mock.handle);
		const result = await listSearch.searchCustomers.call(boomerangmeLoadOptions(), '+1 415 555 0009');
		expect(requests[0].query).toEqual({ page: '1', itemsPerPage: '50', phone: '+14155550009' });
		expect(result.results.map((r) => r.value)).toEqual([customerId(9)]);
	});

	it('a name filters the page', async () => {
		const mock = new BoomerangmeMock();
		interceptHttp(BASE_URL, mock.handle);
		const result = await listSearch.searchCustomers.call(boomerangmeLoadOptions(), 'customer12 ');
		expect(result.results.map((r) => r.value)).toEqual([customerId(12)]);
	});
});

test("a dropdown that fails shows Boomerangme's message", async () => {
	interceptHttp(BASE_URL, () => ({ status: 401, body: { code: 401, message: 'Invalid API key' } }));
	await expect(loadOptions.getTemplates.call(boomerangmeLoadOptions())).rejects.toThrow('Boomerangme: Invalid API key');
});

test('the credential test lists one customer at the configured base URL with the X-API-Key header', async () => {
	const credential = new BoomerangmeApi();
	const workflow = new Workflow({ nodes: [], connections: {}, active: false, nodeTypes: new TestNodeTypes({}) });
	const request = credential.test.request;
	const resolve = (value: string, credentials: object) =>
		workflow.expression.getParameterValue(value, null, 0, 0, 'test', [], 'internal', { $credentials: credentials });
	expect(resolve(request.baseURL as string, { ...CREDENTIALS, baseUrl: 'https://proxy.example/boomerang/' })).toBe(
		'https://proxy.example/boomerang',
	);
	expect(request).toMatchObject({ url: '/api/v2/customers', qs: { page: 1, itemsPerPage: 1 } });
	expect(credential.authenticate.properties.headers).toEqual({ 'X-API-Key': '={{$credentials.apiKey}}' });
	expect(credential.properties.find((p) => p.name === 'apiKey')?.typeOptions).toEqual({ password: true });
	expect(credential.properties.find((p) => p.name === 'baseUrl')?.default).toBe('https://api.digitalwallet.cards');
	// A host that answers 200 without Boomerangme's envelope (a website, a proxy's page) fails the test.
	expect(credential.test.rules).toEqual([
		{
			type: 'responseSuccessBody',
			properties: { key: 'code', value: undefined, message: expect.stringContaining('not as Boomerangme') },
		},
	]);
});

describe("one rule for Boomerangme's address: the node's expression and the code agree", () => {
	const workflow = new Workflow({ nodes: [], connections: {}, active: false, nodeTypes: new TestNodeTypes({}) });
	const resolve = (baseUrl: unknown) =>
		workflow.expression.getParameterValue(BOOMERANGME_BASE_URL, null, 0, 0, 'test', [], 'internal', {
			$credentials: { ...CREDENTIALS, baseUrl },
		});

	test('the node\'s runners set the address (baseUrlFrom), not an expression in requestDefaults', () => {
		expect(new Boomerangme().description.requestDefaults?.baseURL).toBeUndefined();
		expect(BOOMERANGME_BASE_URL).toBe(
			'={{ ($credentials.baseUrl || "https://api.digitalwallet.cards").replace(/\\/+$/, "") }}',
		);
	});

	test.each([
		['', DEFAULT_BASE_URL],
		[undefined, DEFAULT_BASE_URL],
		[BASE_URL, BASE_URL],
		['https://proxy.example/boomerang/', 'https://proxy.example/boomerang'],
		['http://127.0.0.1:8080//', 'http://127.0.0.1:8080'],
	])('Base URL %j is the address %s, in the expression and in the code', (baseUrl, url) => {
		expect(resolve(baseUrl)).toBe(url);
		expect(baseUrlFrom(baseUrl)).toBe(url);
	});
});

test("the credential's rate fields pace the requests of every item", async () => {
	const mock = new BoomerangmeMock();
	const requests = interceptHttp(BASE_URL, mock.handle);
	const result = await runBoomerangme(
		{ resource: 'card', operation: 'get', cardNumber: '={{ $json.card }}' },
		{
			input: [{ card: '100000-000-000' }, { card: '100001-000-000' }, { card: '100002-000-000' }],
			credentials: { rateLimitRequests: 1, rateLimitWindowSeconds: 10 },
		},
	);
	expect(result.error).toBeUndefined();
	expect(requests).toHaveLength(3);
	// Two of the three waited for the next 10-second window.
	expect(virtualClock.waits.filter((ms) => ms >= 10_000)).toHaveLength(2);
});
