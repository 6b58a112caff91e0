/**
 * Every Kajabi operation, run through n8n against the mock: the exact request (method,
 * path, query, JSON:API body, headers) and that it succeeds with the mock's default data.
 */
import { Kajabi } from '../../nodes/Kajabi/Kajabi.node';
import { kajabiCases } from './cases';
import { apiRequests, mountKajabi, resetKajabi, runKajabi, virtualTime } from './run';

beforeEach(virtualTime);
afterEach(resetKajabi);

describe('every operation sends its documented request', () => {
	it.each(kajabiCases.map((testCase) => [testCase.title, testCase]))('%s', async (_title, testCase) => {
		const mock = mountKajabi();
		const result = await runKajabi(testCase.parameters);
		expect(result.error).toBeUndefined();
		const [request, ...more] = apiRequests(mock);
		expect(more).toEqual([]);
		expect({ method: request.method, path: request.path }).toEqual(testCase.request);
		expect(request.query).toEqual(testCase.expected.query);
		expect(request.body).toEqual(testCase.expected.body);
		expect(request.headers.accept).toBe('application/vnd.api+json');
		if (testCase.expected.body !== undefined) {
			expect(request.headers['content-type']).toBe('application/vnd.api+json');
		}
		expect(request.headers.authorization).toBe('Bearer token-1');
		expect(result.items.length).toBeGreaterThan(0);
		if (testCase.parameters.operation === 'delete') {
			expect(result.items.map((item) => item.json)).toEqual([{ deleted: true }]);
		}
	});
});

it('has a case for every resource and operation of the node', () => {
	const properties = new Kajabi().description.properties;
	const operations = properties
		.filter((property) => property.name === 'operation')
		.flatMap((property) =>
			(property.options as Array<{ value: string }>).map(
				(option) => `${String(property.displayOptions?.show?.resource?.[0])}:${option.value}`,
			),
		);
	const covered = new Set(
		kajabiCases.map((testCase) => `${String(testCase.parameters.resource)}:${String(testCase.parameters.operation)}`),
	);
	expect(operations.filter((operation) => !covered.has(operation))).toEqual([]);
	// 77 documented endpoints less the two token endpoints: the sample payloads are one operation.
	const endpoint = (path: string) => path.replace(/\/(\d+|payout_\w+)(?=\/|$)/g, '/{id}');
	const endpoints = new Set(kajabiCases.map((testCase) => `${testCase.request.method} ${endpoint(testCase.request.path)}`));
	expect(endpoints.size).toBe(75);
});

it('says in each destructive operation what it removes or replaces', () => {
	const options = new Kajabi().description.properties
		.filter((property) => property.name === 'operation')
		.flatMap((property) =>
			(property.options as Array<{ value: string; description?: string }>).map((option) => ({
				resource: String(property.displayOptions?.show?.resource?.[0]),
				...option,
			})),
		);
	const destructive = options.filter((option) => /^(delete|revoke|remove|replace|deactivate|cancel)/i.test(option.value));
	expect(destructive.map((option) => `${option.resource}:${option.value}`).sort()).toEqual([
		'contact:delete',
		'contact:removeTags',
		'contact:replaceOffers',
		'contact:replaceTags',
		'contact:revokeOffers',
		'contactNote:delete',
		'customer:replaceOffers',
		'customer:revokeOffers',
		'hook:delete',
		'purchase:cancelSubscription',
		'purchase:deactivate',
	]);
	for (const option of destructive) {
		expect(option.description).toMatch(/remov|revok|replac|delet|take away|stop/i);
		if (/^replace/.test(option.value)) expect(option.description).toMatch(/^Replace all of/);
	}
});
