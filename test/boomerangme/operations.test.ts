/**
 * Every Boomerangme operation, run through n8n against the mock: the exact request it sends
 * (method, path, query, body, API key) and the items it puts out.
 */
import type { IDataObject } from 'n8n-workflow';

import { Boomerangme } from '../../nodes/Boomerangme/Boomerangme.node';
import { resetGates } from '../../nodes/shared/gate';
import { interceptHttp, resetHttp } from '../harness';
import { BoomerangmeMock, customerId } from '../mocks/boomerangme';
import { boomerangmeCases } from './cases';
import { API_KEY, BASE_URL, runBoomerangme } from './run';

afterEach(() => {
	resetHttp();
	resetGates();
});

/** What each case must send beyond method and path: query and body exactly. */
const expected: Record<string, { query?: IDataObject; body?: unknown; output?: (mock: BoomerangmeMock) => IDataObject[] }> = {
	'Card: Get Many': {
		query: { itemsPerPage: '5', page: '1', templateId: '41400', customerEmail: 'customer1@example.com' },
	},
	'Card: Get': { query: {} },
	'Card: Issue': { body: { templateId: 41401, customerId: customerId(2) } },
	'Card: Add Amount': { body: { amount: 12.5, comment: 'Receipt 1001', purchaseSum: 250 } },
	'Card: Subtract Amount': { body: { amount: 2.5 } },
	'Card: Add Points': { body: { points: 40 } },
	'Card: Subtract Points': { body: { points: 10 } },
	'Card: Add Rewards': { body: { rewards: 2 } },
	'Card: Subtract Rewards': { body: { rewards: 1 } },
	'Card: Add Scores': { body: { scores: 30 } },
	'Card: Subtract Scores': { body: { scores: 5 } },
	'Card: Add Stamps': { body: { stamps: 3, comment: 'Latte' } },
	'Card: Subtract Stamps': { body: { stamps: 1 } },
	'Card: Add Visits': { body: { visits: 10 } },
	'Card: Subtract Visits': { body: { visits: 1 } },
	'Card: Add Purchase': { body: { amount: 19.9 } },
	'Card: Receive Reward': { body: { comment: 'Free coffee' } },
	'Card: Redeem Coupon': { body: undefined },
	'Card: Delete': { query: {}, output: () => [{ deleted: true }] },
	'Customer: Get Many': { query: { itemsPerPage: '100', page: '1', email: 'customer3@example.com' } },
	'Customer: Get': { query: {} },
	'Customer: Create': {
		body: {
			firstName: 'Anna',
			surname: 'Smith',
			email: 'anna.smith@example.com',
			phone: '+14155550999',
			gender: 2,
			dateOfBirth: '1990-05-17',
			externalUserId: 'crm-42',
		},
	},
	'Customer: Update': { body: { phone: '+14155550444', firstName: 'Dana' } },
	'Customer: Delete': { query: {}, output: () => [{ deleted: true }] },
	'Company: Get Many': { query: { itemsPerPage: '100', page: '1' } },
	'Company: Get': { query: {} },
	'Company: Create': { body: { name: 'Tea Time', email: 'owner@tea.example' } },
	'Company: Update': { body: { email: 'books@books.example' } },
	'Company: Change Tariff': { body: { tariffId: 13 } },
	'Operation: Get Many': { query: { itemsPerPage: '100', page: '1', templateId: '41400' } },
	'Push: Get Many': { query: { itemsPerPage: '10', page: '1' } },
	'Push: Get': { query: {} },
	'Push: Send': { body: { templateId: 41400, message: 'Double stamps today only!' } },
	'Tariff: Get Many': { query: { itemsPerPage: '100', page: '1' } },
	'Tariff: Get': { query: {} },
	'Template: Get Many': { query: { itemsPerPage: '100', page: '1' } },
	'Template: Get': { query: {} },
};

describe('every Boomerangme operation sends its exact request', () => {
	it('has an expectation for every case and a case for every operation of the node', () => {
		expect(Object.keys(expected).sort()).toEqual(boomerangmeCases.map((c) => c.title).sort());
		const { properties } = new Boomerangme().description;
		const operations = properties
			.filter((p) => p.name === 'operation')
			.flatMap((p) =>
				(p.options as Array<{ value: string }>).map(
					(o) => `${String(p.displayOptions?.show?.resource?.[0])}.${o.value}`,
				),
			);
		const covered = boomerangmeCases.map((c) => `${String(c.parameters.resource)}.${String(c.parameters.operation)}`);
		expect([...new Set(covered)].sort()).toEqual(operations.sort());
		expect(operations).toHaveLength(37);
	});

	it.each(boomerangmeCases.map((c) => [c.title, c] as const))('%s', async (title, testCase) => {
		const mock = new BoomerangmeMock();
		const requests = interceptHttp(BASE_URL, mock.handle);
		const result = await runBoomerangme(testCase.parameters);
		expect(result.error).toBeUndefined();
		expect(requests.length).toBeGreaterThanOrEqual(1);
		const [first] = requests;
		const want = expected[title];
		expect({ method: first.method, path: first.path }).toEqual(testCase.request);
		expect(first.headers['x-api-key']).toBe(API_KEY);
		if (testCase.request.method === 'GET' || testCase.request.method === 'DELETE') {
			expect(first.query).toEqual(want.query ?? {});
			expect(first.body).toBeUndefined();
		} else {
			expect(first.query).toEqual({});
			expect(first.body).toEqual(want.body);
		}
		expect(result.items.length).toBeGreaterThanOrEqual(1);
		for (const item of result.items) expect(item.pairedItem).toEqual({ item: 0 });
		if (want.output) expect(result.items.map((i) => i.json)).toEqual(want.output(mock));
	});
});

describe('answers become items', () => {
	it('a card comes out as the record inside `data`', async () => {
		const mock = new BoomerangmeMock();
		interceptHttp(BASE_URL, mock.handle);
		const result = await runBoomerangme({ resource: 'card', operation: 'get', cardNumber: '100000-000-000', simplify: false });
		expect(result.items.map((i) => i.json)).toEqual([mock.cardOf('stamp')]);
	});

	it('a balance operation returns the card with its new balance, and the mock applied it once', async () => {
		const mock = new BoomerangmeMock();
		interceptHttp(BASE_URL, mock.handle);
		const result = await runBoomerangme({
			resource: 'card',
			operation: 'addStamps',
			cardNumber: '100000-000-000',
			amount: 3,
		});
		expect(result.items).toHaveLength(1);
		expect((result.items[0].json.balance as IDataObject).numberStampsTotal).toBe(3);
		expect(mock.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
	});

	it('each input item sends its own request, paired with its item', async () => {
		const mock = new BoomerangmeMock();
		const requests = interceptHttp(BASE_URL, mock.handle);
		const result = await runBoomerangme(
			{ resource: 'card', operation: 'addPoints', cardNumber: '={{ $json.card }}', amount: '={{ $json.points }}' },
			{ input: [{ card: '100004-000-000', points: 5 }, { card: '100001-000-000', points: 7 }] },
		);
		expect(result.error).toBeUndefined();
		expect(requests.map((r) => [r.path, r.body]).sort()).toEqual([
			['/api/v2/cards/100001-000-000/add-point', { points: 7 }],
			['/api/v2/cards/100004-000-000/add-point', { points: 5 }],
		]);
		expect(result.items.map((i) => [i.json.id, i.pairedItem])).toEqual([
			['100004-000-000', { item: 0 }],
			['100001-000-000', { item: 1 }],
		]);
	});
});
