/**
 * Which runner sends each KWIGA operation: the node's default, or the one the operation
 * names in its routing (`routing.operations`). What an operation needs beyond sending and
 * paging is said there, never worked out again from its URL or its resource and operation.
 */
import type { IExecuteSingleFunctions, INodePropertyOptions, INodePropertyRouting } from 'n8n-workflow';

import { Kwiga } from '../../nodes/Kwiga/Kwiga.node';
import { KWIGA_SIMPLE } from '../../nodes/Kwiga/simplify';
import { courseParticipantsRunner, defaultKwigaRunner, withQueryAlias } from '../../nodes/Kwiga/transport';
import { isOperationRunner } from '../../nodes/shared/runner';
import { interceptHttp, resetHttp } from '../harness';
import { BASE_URL, runKwiga } from './run';

afterEach(resetHttp);

const description = new Kwiga().description;

/** Every operation's routing, as `resource:operation`. */
const routings: Array<[string, INodePropertyRouting]> = description.properties
	.filter((property) => property.name === 'operation')
	.flatMap((property) =>
		(property.options as INodePropertyOptions[]).map(
			(option): [string, INodePropertyRouting] => [
				`${String(property.displayOptions?.show?.resource?.[0])}:${String(option.value)}`,
				option.routing ?? {},
			],
		),
	);

const ownRunner = (routing: INodePropertyRouting) => routing.operations?.pagination;

test('the node hands every request to its default runner', () => {
	expect(description.requestOperations).toEqual({ pagination: defaultKwigaRunner });
	expect(isOperationRunner(defaultKwigaRunner)).toBe(true);
});

test('the operations that need more than sending and paging name their own runner', () => {
	const named = routings.filter(([, routing]) => ownRunner(routing) !== undefined).map(([operation]) => operation);
	expect(named.sort()).toEqual([
		// Simplify (Get and Get Many), oldest first for Return All, the POST /query alias
		'contact:get',
		'contact:getAll',
		'coupon:get',
		'coupon:getAll',
		'course:getAll',
		'course:getParticipants',
		'offer:get',
		'offer:getAll',
		'product:getAll',
	]);
	for (const [, routing] of routings) {
		const runner = ownRunner(routing);
		if (runner === undefined) continue;
		expect(isOperationRunner(runner)).toBe(true);
		expect(runner).not.toBe(defaultKwigaRunner);
		expect(routing.send?.paginate).toBe(true);
	}
	expect(ownRunner(Object.fromEntries(routings)['course:getParticipants'])).toBe(courseParticipantsRunner);
});

test('every operation with a Simplify switch names its own runner', () => {
	const withRunner = new Set(routings.filter(([, routing]) => ownRunner(routing)).map(([operation]) => operation));
	const simplified = Object.entries(KWIGA_SIMPLE).flatMap(([resource, view]) =>
		view.operations.map((operation) => `${resource}:${operation}`),
	);
	expect(simplified.filter((operation) => !withRunner.has(operation))).toEqual([]);
});

test('the /query alias is what the runner is told, not recognised from the path', () => {
	const ctx = { getNode: () => ({ name: 'KWIGA' }), getItemIndex: () => 0 } as unknown as IExecuteSingleFunctions;
	const options = { method: 'GET' as const, baseURL: BASE_URL, url: '/contacts', qs: { search: 'x'.repeat(2100) } };
	expect(() => withQueryAlias(ctx, options)).toThrow(/^The request would be 2\d{3} characters long$/);
	expect(withQueryAlias(ctx, options, true)).toEqual({
		method: 'POST',
		baseURL: BASE_URL,
		url: '/contacts/query',
		body: { search: 'x'.repeat(2100) },
		qs: {},
	});
});

describe('Simplify keeps its view\'s fields in each operation that has the switch', () => {
	/** The parameters that run an operation of the views, with one record to answer. */
	const run: Record<string, object> = {
		'contact:get': { contactId: { __rl: true, mode: 'id', value: '7' } },
		'coupon:get': { couponId: '3' },
		'offer:get': { offerId: { __rl: true, mode: 'id', value: '18' } },
	};
	const views = Object.entries(KWIGA_SIMPLE).flatMap(([resource, view]) =>
		view.operations.map((operation) => ({ resource, operation, keys: view.keys })),
	);

	test.each(views)('$resource:$operation', async ({ resource, operation, keys }) => {
		const record = { ...Object.fromEntries(keys.map((key) => [key, `${key} value`])), id: 7, extra: 'not kept' };
		const list = operation === 'getAll';
		interceptHttp(BASE_URL, () => ({
			status: 200,
			body: list ? { data: [record], meta: { current_page: 1, last_page: 1 } } : { data: record },
		}));
		const parameters = {
			resource,
			operation,
			...(list ? { returnAll: true } : run[`${resource}:${operation}`]),
		};
		const simple = await runKwiga(parameters);
		expect(simple.items.map((item) => Object.keys(item.json))).toEqual([[...keys]]);
		const raw = await runKwiga({ ...parameters, simplify: false });
		expect(raw.items.map((item) => item.json)).toEqual([record]);
	});
});

test('Contact → Get with Simplify keeps the phone of KWIGA\'s documented answer (phone_number there, phone in lists)', async () => {
	// GET /contacts/{id} as KWIGA's reference shows it.
	const documented = {
		id: 132,
		email: 'bond@example.com',
		first_name: 'James',
		last_name: 'Bond',
		phone_number: '931234567',
		tags: [],
		created_at: '2023-06-26T19:01:00.000000Z',
		additional_fields: [{ id: 110, field: { id: 17, title: 'test global', is_local: false }, value: 'this is test value' }],
	};
	interceptHttp(BASE_URL, () => ({ status: 200, body: { data: documented } }));
	const result = await runKwiga({ resource: 'contact', operation: 'get', contactId: { __rl: true, mode: 'id', value: '132' } });
	expect(result.items.map((item) => item.json)).toEqual([
		{
			id: 132,
			email: 'bond@example.com',
			first_name: 'James',
			last_name: 'Bond',
			phone_number: '931234567',
			created_at: '2023-06-26T19:01:00.000000Z',
			tags: [],
		},
	]);
});
