/**
 * The dropdowns and searchable lists that load from the cabinet, the credential test, and the
 * one rule for the API's address (nodes/Kwiga/address.ts).
 */
import { Workflow } from 'n8n-workflow';

import { KwigaApi } from '../../credentials/KwigaApi.credentials';
import { baseUrlOf, KWIGA_BASE_URL, KWIGA_DEFAULT_BASE_URL } from '../../nodes/Kwiga/address';
import { listSearch, loadOptions } from '../../nodes/Kwiga/methods';
import { Kwiga } from '../../nodes/Kwiga/Kwiga.node';
import { interceptHttp, loadOptionsContext, resetHttp, TestNodeTypes } from '../harness';
import { KwigaMock } from '../mocks/kwiga';
import { BASE_URL, CREDENTIALS } from './run';

afterEach(resetHttp);

const context = () =>
	loadOptionsContext({
		nodeType: 'n8n-nodes-creator-commerce.kwiga',
		node: new Kwiga(),
		parameters: { resource: 'contact', operation: 'get' },
		credentialTypes: { kwigaApi: new KwigaApi() },
		credentials: { kwigaApi: CREDENTIALS },
	});

const sent = (mock: KwigaMock) =>
	mock.requests.map((request) => ({ path: request.path, query: request.query, token: request.headers.token }));

test('products dropdown', async () => {
	const mock = new KwigaMock();
	interceptHttp(BASE_URL, mock.handle);
	expect(await loadOptions.getProducts.call(context())).toEqual([
		{ name: 'Copywriting (#299)', value: 299 },
		{ name: 'Design Basics (#300)', value: 300 },
	]);
	expect(sent(mock)).toEqual([
		{ path: '/products', query: { per_page: '100', page: '1' }, token: 'test-token' },
	]);
});

test('course search pages 15 at a time as the user scrolls', async () => {
	const mock = new KwigaMock();
	interceptHttp(BASE_URL, mock.handle);
	const first = await listSearch.searchCourses.call(context());
	expect(first.results).toHaveLength(15);
	expect(first.results[0]).toEqual({ name: 'Course 1 (#200)', value: '200' });
	expect(first.paginationToken).toBe('2');
	const second = await listSearch.searchCourses.call(context(), undefined, '2');
	expect(second.results.map((result) => result.value)).toEqual(['215', '216', '217', '218', '219']);
	expect(second.paginationToken).toBeUndefined();
	const found = await listSearch.searchCourses.call(context(), 'course 2');
	expect(found.results).toEqual([{ name: 'Course 2 (#201)', value: '201' }]);
	expect(sent(mock).map((request) => request.query)).toEqual([
		{ page: '1', per_page: '15' },
		{ page: '2', per_page: '15' },
		{ page: '1', per_page: '15' },
	]);
});

test('product and contact list searches page through KWIGA\'s lists', async () => {
	const mock = new KwigaMock();
	interceptHttp(BASE_URL, mock.handle);
	expect((await listSearch.searchProducts.call(context(), 'design')).results).toEqual([
		{ name: 'Design Basics (#300)', value: '300' },
	]);
	expect((await listSearch.searchContactLists.call(context())).results).toEqual([
		{ name: 'Newsletter (#1)', value: '1' },
		{ name: 'Webinar (#2)', value: '2' },
	]);
	expect(sent(mock).map((request) => `${request.path} ${JSON.stringify(request.query)}`)).toEqual([
		'/products {"page":"1","per_page":"100"}',
		'/mailing/contact-lists {"page":"1","per_page":"100"}',
	]);
});

test('a multi-select dropdown loads every page, not only the first 500 records', async () => {
	const mock = new KwigaMock();
	mock.offers = Array.from({ length: 730 }, (_, index) => ({ id: index + 1, title: `Offer ${index + 1}`, products: [] }));
	interceptHttp(BASE_URL, mock.handle);
	expect(await loadOptions.getOffers.call(context())).toHaveLength(730);
	expect(sent(mock).map((request) => request.query.page)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
});

test('offers, contact lists and time zones dropdowns', async () => {
	const mock = new KwigaMock();
	interceptHttp(BASE_URL, mock.handle);
	expect(await loadOptions.getOffers.call(context())).toEqual([
		{ name: 'Copywriting — full (#18)', value: 18 },
		{ name: 'Design — monthly (#19)', value: 19 },
	]);
	expect(await loadOptions.getContactLists.call(context())).toEqual([
		{ name: 'Newsletter (#1)', value: 1 },
		{ name: 'Webinar (#2)', value: 2 },
	]);
	expect(await loadOptions.getTimezones.call(context())).toEqual([
		{ name: 'Europe/Berlin (UTC+01:00)', value: 375 },
		{ name: 'Europe/Kyiv (UTC+03:00)', value: 371 },
	]);
	expect(sent(mock).map((request) => request.path)).toEqual([
		'/offers',
		'/mailing/contact-lists',
		'/timezones',
	]);
});

test('contact search asks KWIGA to search and pages as the user scrolls', async () => {
	const mock = new KwigaMock({ contacts: 120 });
	interceptHttp(BASE_URL, mock.handle);

	const first = await listSearch.searchContacts.call(context(), 'student1');
	// student1, student10–19, student100–120; KWIGA lists the newest first
	expect(first.results[0]).toEqual({ name: 'Student120 Test <student120@example.com>', value: '120' });
	expect(first.results).toHaveLength(32);
	expect(first.paginationToken).toBeUndefined();

	const all = await listSearch.searchContacts.call(context(), undefined, '2');
	expect(all.results).toHaveLength(50);
	expect(all.paginationToken).toBe('3');
	expect(sent(mock).map((request) => request.query)).toEqual([
		{ page: '1', per_page: '50', 'filters[search]': 'student1' },
		{ page: '2', per_page: '50' },
	]);
});

test('offer search filters by title, code or ID', async () => {
	interceptHttp(BASE_URL, new KwigaMock().handle);
	const found = await listSearch.searchOffers.call(context(), 'design');
	expect(found.results).toEqual([{ name: 'Design — monthly (#19)', value: '19' }]);
});

test('a dropdown that fails shows KWIGA\'s message', async () => {
	interceptHttp(BASE_URL, () => ({ status: 401, body: { message: 'Unauthenticated.' } }));
	await expect(loadOptions.getProducts.call(context())).rejects.toThrow('KWIGA: Unauthenticated.');
});

test('the credential test lists one product at the configured base URL with the auth headers', async () => {
	const credential = new KwigaApi();
	const workflow = new Workflow({
		nodes: [],
		connections: {},
		active: false,
		nodeTypes: new TestNodeTypes({}),
	});
	const request = credential.test.request;
	const baseURL = workflow.expression.getParameterValue(
		request.baseURL as string,
		null,
		0,
		0,
		'test',
		[],
		'internal',
		{ $credentials: { ...CREDENTIALS, baseUrl: 'https://proxy.example/kwiga/' } },
	);
	expect(baseURL).toBe('https://proxy.example/kwiga');
	expect(request).toMatchObject({ url: '/products', qs: { per_page: 1 } });
	expect(credential.authenticate.properties.headers).toEqual({
		Token: '={{$credentials.token}}',
		'Cabinet-Hash': '={{$credentials.cabinetHash}}',
		'X-Language': '={{$credentials.language || "en"}}',
	});
});

describe('one rule for the address of KWIGA\'s API', () => {
	const workflow = new Workflow({ nodes: [], connections: {}, active: false, nodeTypes: new TestNodeTypes({}) });
	const resolve = (expression: string, baseUrl: string) =>
		workflow.expression.getParameterValue(expression, null, 0, 0, 'test', [], 'internal', {
			$credentials: { ...CREDENTIALS, baseUrl },
		});

	test('the node\'s runners set the address (baseUrlOf), not an expression in requestDefaults', () => {
		expect(new Kwiga().description.requestDefaults?.baseURL).toBeUndefined();
	});

	test.each([
		['https://api.kwiga.com', 'https://api.kwiga.com'],
		['https://api.kwiga.com/', 'https://api.kwiga.com'],
		['https://proxy.example/kwiga//', 'https://proxy.example/kwiga'],
		['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
	])('Base URL %j is the address %s for the node, the credential test and the dropdowns', (baseUrl, url) => {
		expect(resolve(KWIGA_BASE_URL, baseUrl)).toBe(url);
		expect(resolve(new KwigaApi().test.request.baseURL as string, baseUrl)).toBe(url);
		expect(baseUrlOf(baseUrl)).toBe(url);
	});

	test('a credential without a Base URL is the credential\'s default address', () => {
		expect(new KwigaApi().properties.find((property) => property.name === 'baseUrl')?.default).toBe(
			KWIGA_DEFAULT_BASE_URL,
		);
		expect(baseUrlOf(undefined)).toBe(KWIGA_DEFAULT_BASE_URL);
	});

	test('a dropdown asks the credential\'s address without its trailing slash', async () => {
		const requests = interceptHttp('https://proxy.example', () => ({ status: 200, body: { data: [] } }));
		await loadOptions.getTimezones.call(
			loadOptionsContext({
				nodeType: 'n8n-nodes-creator-commerce.kwiga',
				node: new Kwiga(),
				parameters: { resource: 'contact', operation: 'get' },
				credentialTypes: { kwigaApi: new KwigaApi() },
				credentials: { kwigaApi: { ...CREDENTIALS, baseUrl: 'https://proxy.example/kwiga/' } },
			}),
		);
		expect(requests.map((request) => request.path)).toEqual(['/kwiga/timezones']);
	});
});
