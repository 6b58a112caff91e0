/**
 * Every import operation, run through n8n: the exact form it sends (action, key, and the
 * base64 `params` decoded back to JSON) and the items it puts out.
 */
import type { INodeParameters } from 'n8n-workflow';

import { virtualClock } from '../clock';
import { interceptHttp, resetHttp } from '../harness';
import { GetCourseMock } from '../mocks/getcourse';
import { BASE_URL, importForm, KEY, runGetCourse, TODAY } from './run';

let mock: GetCourseMock;

beforeEach(() => {
	virtualClock.install(TODAY);
	mock = new GetCourseMock({ now: virtualClock.now });
	interceptHttp(BASE_URL, mock.handle);
});

afterEach(resetHttp);

interface Case {
	name: string;
	parameters: INodeParameters;
	path: string;
	action: string;
	params: unknown;
	output: (mock: GetCourseMock) => unknown[];
}

const cases: Case[] = [
	{
		name: 'user: create or update with every field',
		parameters: {
			resource: 'user',
			operation: 'createOrUpdate',
			email: 'vasily@example.com',
			refreshIfExists: true,
			userDetails: {
				firstName: 'Василий',
				lastName: 'Пупкин',
				phone: '+74951234567',
				city: 'Москва',
				country: 'Россия',
				partnerEmail: 'anna@example.com',
			},
			groups: {
				group: [
					{ name: 'Группа1', joinedAt: '' },
					{ name: 'Группа2', joinedAt: '2023-05-01T21:21:00' },
					{ name: 'Группа4', joinedAt: '2023-05-02T00:00:00.000+03:00' },
				],
			},
			userFields: { field: [{ name: 'Telegram', value: '@vasily' }, { name: 'Доп.поле', value: 'значение' }] },
			session: {
				utmSource: 'newsletter',
				utmMedium: 'email',
				utmContent: 'button',
				utmCampaign: 'spring',
				utmGroup: 'g1',
				gcpc: 'partner-code',
				gcao: 'ad-code',
				referer: 'https://example.com/landing',
			},
		},
		path: '/pl/api/users',
		action: 'add',
		params: {
			user: {
				email: 'vasily@example.com',
				first_name: 'Василий',
				last_name: 'Пупкин',
				phone: '+74951234567',
				city: 'Москва',
				country: 'Россия',
				group_name: ['Группа1', ['Группа2', '2023-05-01 21:21'], ['Группа4', '2023-05-02 00:00']],
				addfields: { Telegram: '@vasily', 'Доп.поле': 'значение' },
			},
			system: { refresh_if_exists: 1, partner_email: 'anna@example.com' },
			session: {
				utm_source: 'newsletter',
				utm_medium: 'email',
				utm_content: 'button',
				utm_campaign: 'spring',
				utm_group: 'g1',
				gcpc: 'partner-code',
				gcao: 'ad-code',
				referer: 'https://example.com/landing',
			},
		},
		output: (m) => [
			{
				success: true,
				user_id: m.users.find((user) => user.email === 'vasily@example.com')!.id,
				user_status: 'added',
			},
		],
	},
	{
		name: 'user: create with the email only (Update If Exists is off unless switched on, as in GetCourse)',
		parameters: { resource: 'user', operation: 'createOrUpdate', email: 'min@example.com' },
		path: '/pl/api/users',
		action: 'add',
		params: { user: { email: 'min@example.com' }, system: { refresh_if_exists: 0 } },
		output: (m) => [
			{
				success: true,
				user_id: m.users.at(-1)!.id,
				user_status: 'added',
			},
		],
	},
	{
		name: 'user: set groups (replaces them)',
		parameters: {
			resource: 'user',
			operation: 'setGroups',
			userId: '1000',
			groupNames: ['Группа 1', 'Группа 2'],
		},
		path: '/pl/api/users',
		action: 'update',
		params: { user: { id: '1000', group_name: ['Группа 1', 'Группа 2'] } },
		output: () => [{ success: true, user_id: 1000 }],
	},
	{
		name: 'order: create or update with every field',
		parameters: {
			resource: 'order',
			operation: 'createOrUpdate',
			email: 'anna@example.com',
			refreshIfExists: true,
			userDetails: { firstName: 'Анна', phone: '+79990001122', partnerEmail: 'boris@example.com' },
			groups: { group: [{ name: 'Покупатели' }] },
			userFields: { field: [{ name: 'Telegram', value: '@anna' }] },
			offerCode: 'OFFER-1',
			productTitle: 'Курс копирайтинга',
			dealCost: 4900.5,
			returnPaymentLink: true,
			returnDealNumber: true,
			orderDetails: {
				multipleOffers: true,
				comment: 'Комментарий',
				createdAt: '2026-11-20T09:30:15',
				currency: 'EUR',
				finishedAt: '2026-11-21T10:00:00',
				isPaid: true,
				managerEmail: 'manager@example.com',
				productDescription: 'Описание',
				dealNumber: '777',
				dealPartnerEmail: 'boris@example.com',
				paymentStatus: 'accepted',
				paymentType: 'tinkoff',
				quantity: 2,
				dealStatus: 'payed',
			},
			orderFields: { field: [{ name: 'Источник заказа', value: 'n8n' }] },
			session: { utmSource: 'ads', referer: 'https://example.com' },
		},
		path: '/pl/api/deals',
		action: 'add',
		params: {
			user: {
				email: 'anna@example.com',
				first_name: 'Анна',
				phone: '+79990001122',
				group_name: ['Покупатели'],
				addfields: { Telegram: '@anna' },
			},
			system: {
				refresh_if_exists: 1,
				partner_email: 'boris@example.com',
				multiple_offers: 1,
				return_payment_link: 1,
				return_deal_number: 1,
			},
			deal: {
				offer_code: 'OFFER-1',
				product_title: 'Курс копирайтинга',
				deal_cost: 4900.5,
				deal_comment: 'Комментарий',
				deal_created_at: '2026-11-20 09:30:15',
				deal_currency: 'EUR',
				deal_finished_at: '2026-11-21 10:00:00',
				deal_is_paid: 'yes',
				manager_email: 'manager@example.com',
				product_description: 'Описание',
				deal_number: '777',
				partner_email: 'boris@example.com',
				payment_status: 'accepted',
				payment_type: 'tinkoff',
				quantity: 2,
				deal_status: 'payed',
				addfields: { 'Источник заказа': 'n8n' },
			},
			session: { utm_source: 'ads', referer: 'https://example.com' },
		},
		output: (m) => {
			const deal = m.deals.find((candidate) => candidate.number === '777')!;
			return [
				{
					success: true,
					user_id: m.users[0].id,
					deal_id: deal.id,
					deal_number: '777',
					payment_link: `https://myschool.getcourse.ru/sales/shop/dealPay/id/${deal.id}/hash/abc`,
				},
			];
		},
	},
	{
		name: 'order: create without asking for the link and number',
		parameters: {
			resource: 'order',
			operation: 'createOrUpdate',
			email: 'new@example.com',
			productTitle: 'Вебинар',
			dealCost: 0,
			returnPaymentLink: false,
			returnDealNumber: false,
		},
		path: '/pl/api/deals',
		action: 'add',
		params: {
			user: { email: 'new@example.com' },
			system: { refresh_if_exists: 0, return_payment_link: 0, return_deal_number: 0 },
			deal: { product_title: 'Вебинар', deal_cost: 0 },
		},
		output: (m) => [
			{
				success: true,
				user_id: m.users.at(-1)!.id,
				deal_id: m.deals.at(-1)!.id,
			},
		],
	},
	{
		name: 'order: update an existing order by its number sends refresh_if_exists = 1, as GetCourse asks',
		parameters: {
			resource: 'order',
			operation: 'createOrUpdate',
			email: 'boris@example.com',
			refreshIfExists: false,
			productTitle: 'Вебинар',
			dealCost: 990,
			orderDetails: { dealNumber: ' 1003 ' },
		},
		path: '/pl/api/deals',
		action: 'add',
		params: {
			user: { email: 'boris@example.com' },
			system: { refresh_if_exists: 1, return_payment_link: 1, return_deal_number: 1 },
			deal: { product_title: 'Вебинар', deal_cost: 990, deal_number: '1003' },
		},
		output: (m) => [
			{
				success: true,
				user_id: m.users[1].id,
				deal_id: m.deals.find((deal) => deal.number === '1003')!.id,
				deal_number: '1003',
				payment_link: `https://myschool.getcourse.ru/sales/shop/dealPay/id/${m.deals.find((deal) => deal.number === '1003')!.id}/hash/abc`,
			},
		],
	},
	{
		name: 'order: change status',
		parameters: {
			resource: 'order',
			operation: 'changeStatus',
			statusEmail: 'anna@example.com',
			statusDealNumber: '1003',
			status: 'cancelled',
		},
		path: '/pl/api/deals',
		action: 'add',
		params: { user: { email: 'anna@example.com' }, deal: { deal_number: '1003', deal_status: 'cancelled' } },
		output: (m) => [
			{ success: true, user_id: m.users[0].id, deal_id: m.deals[0].id },
		],
	},
];

test.each(cases)('$name', async ({ parameters, path, action, params, output }) => {
	const { items, error } = await runGetCourse(parameters);

	expect(error).toBeUndefined();
	expect(mock.requests).toHaveLength(1);
	const [request] = mock.requests;
	expect(request.method).toBe('POST');
	expect(request.path).toBe(path);
	expect(request.query).toEqual({});
	expect(request.headers['content-type']).toContain('application/x-www-form-urlencoded');
	const form = importForm(request);
	expect(form).toEqual({ action, key: KEY, params });
	expect(new URLSearchParams(String(request.body)).size).toBe(3);
	expect(items.map((item) => item.json)).toEqual(output(mock));
	expect(items.map((item) => item.pairedItem)).toEqual(items.map(() => ({ item: 0 })));
});

describe('user: Create or Update with an email GetCourse already has', () => {
	const existing = { resource: 'user', operation: 'createOrUpdate', email: 'known@example.com' };

	beforeEach(() => {
		mock.addUser({ email: 'known@example.com', first_name: 'Old' });
	});

	const session = { utmSource: 'ads', utmCampaign: 'spring' };

	test('leaves the user and their registration data as they are by default, as GetCourse does', async () => {
		const { items, error } = await runGetCourse({ ...existing, userDetails: { firstName: 'New' }, session });

		expect(error).toBeUndefined();
		expect(importForm(mock.requests[0])).toEqual({
			action: 'add',
			key: KEY,
			params: {
				user: { email: 'known@example.com', first_name: 'New' },
				system: { refresh_if_exists: 0 },
				session: { utm_source: 'ads', utm_campaign: 'spring' },
			},
		});
		expect(items[0].json).toMatchObject({ success: true, user_status: 'exists' });
		expect(mock.users.find((user) => user.email === 'known@example.com')?.first_name).toBe('Old');
	});

	test('updates the user, registration data included, with Update If Exists switched on', async () => {
		const { items, error } = await runGetCourse({
			...existing,
			refreshIfExists: true,
			userDetails: { firstName: 'New' },
			session,
		});

		expect(error).toBeUndefined();
		expect(importForm(mock.requests[0]).params).toEqual({
			user: { email: 'known@example.com', first_name: 'New' },
			system: { refresh_if_exists: 1 },
			session: { utm_source: 'ads', utm_campaign: 'spring' },
		});
		expect(items[0].json).toMatchObject({ success: true, user_status: 'updated' });
		expect(mock.users.find((user) => user.email === 'known@example.com')?.first_name).toBe('New');
	});

	test('a workflow saved with version 1 of the node keeps updating (its default was on; n8n saved no value)', async () => {
		const { items, error } = await runGetCourse({ ...existing, userDetails: { firstName: 'New' } }, { typeVersion: 1 });

		expect(error).toBeUndefined();
		expect(importForm(mock.requests[0])).toEqual({
			action: 'add',
			key: KEY,
			params: { user: { email: 'known@example.com', first_name: 'New' }, system: { refresh_if_exists: 1 } },
		});
		expect(items[0].json).toMatchObject({ success: true, user_status: 'updated' });
		expect(mock.users.find((user) => user.email === 'known@example.com')?.first_name).toBe('New');
	});

	test('version 1 with the switch turned off leaves the user as they are', async () => {
		const { error } = await runGetCourse({ ...existing, refreshIfExists: false, userDetails: { firstName: 'New' } }, { typeVersion: 1 });

		expect(error).toBeUndefined();
		expect(importForm(mock.requests[0]).params).toMatchObject({ system: { refresh_if_exists: 0 } });
		expect(mock.users.find((user) => user.email === 'known@example.com')?.first_name).toBe('Old');
	});

	test('leaves the user as they are with Update If Exists switched off', async () => {
		const { items, error } = await runGetCourse({
			...existing,
			refreshIfExists: false,
			userDetails: { firstName: 'New' },
		});

		expect(error).toBeUndefined();
		expect(importForm(mock.requests[0]).params).toEqual({
			user: { email: 'known@example.com', first_name: 'New' },
			system: { refresh_if_exists: 0 },
		});
		expect(items[0].json).toMatchObject({ success: true, user_status: 'exists' });
		expect(mock.users.find((user) => user.email === 'known@example.com')?.first_name).toBe('Old');
	});
});

test('change status really changes the order in the mock school', async () => {
	const deal = mock.deals[0];
	await runGetCourse({
		resource: 'order',
		operation: 'changeStatus',
		statusEmail: 'anna@example.com',
		statusDealNumber: deal.number,
		status: 'in_work',
	});
	expect(deal.status).toBe('in_work');
});

test('set groups replaces the user\'s groups', async () => {
	const anna = mock.users[0];
	expect([...anna.groups.keys()]).toEqual(['Покупатели']);
	await runGetCourse({ resource: 'user', operation: 'setGroups', userId: String(anna.id), groupNames: ['Webinar'] });
	expect([...anna.groups.keys()]).toEqual(['Webinar']);
});

test('field: get many posts action=get with no params and lists the fields', async () => {
	const { items, error } = await runGetCourse({ resource: 'field', operation: 'getAll' });
	expect(error).toBeUndefined();
	const [request] = mock.requests;
	expect(request.method).toBe('POST');
	expect(request.path).toBe('/pl/api/account/fields');
	expect(Object.fromEntries(new URLSearchParams(String(request.body)))).toEqual({ action: 'get', key: KEY });
	expect(items.map((item) => item.json)).toEqual(mock.fields);
	expect(mock.exportRequests).toBe(0);
});

test('group: get many with a limit', async () => {
	const { items } = await runGetCourse({ resource: 'group', operation: 'getAll', returnAll: false, limit: 1 });
	expect(mock.requests.map((request) => [request.method, request.path, request.query])).toEqual([
		['GET', '/pl/api/account/groups', { key: KEY }],
	]);
	expect(items.map((item) => item.json)).toEqual([{ id: 101, name: 'Покупатели', last_added_at: expect.any(String) }]);
	const all = await runGetCourse({ resource: 'group', operation: 'getAll', returnAll: true });
	expect(all.items).toHaveLength(2);
});

test('items are imported one request each, paired with their input', async () => {
	const { items } = await runGetCourse(
		{ resource: 'user', operation: 'createOrUpdate', email: '={{ $json.email }}' },
		{ input: [{ email: 'one@example.com' }, { email: 'two@example.com' }] },
	);
	expect(mock.imports.map((entry) => (entry.params as { user: { email: string } }).user.email).sort()).toEqual([
		'one@example.com',
		'two@example.com',
	]);
	expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
});
