/**
 * Every KWIGA operation, run through n8n: the exact request it sends and the items it
 * puts out for KWIGA's documented answer.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { Kwiga } from '../../nodes/Kwiga/Kwiga.node';
import { NO_COURSE_PROGRAM } from '../../nodes/Kwiga/courseProgram';
import type { RecordedRequest } from '../harness';
import { interceptHttp, resetHttp } from '../harness';
import { BASE_URL, runKwiga } from './run';

afterEach(resetHttp);

const contact = (value: string, mode = 'id') => ({ __rl: true, mode, value });

interface Case {
	name: string;
	parameters: INodeParameters;
	request: Pick<RecordedRequest, 'method' | 'path'> & { query?: IDataObject; body?: unknown };
	response?: unknown;
	output?: IDataObject[];
}

const page = (data: IDataObject[], current = 1, last = 1) => ({
	data,
	links: {},
	meta: { current_page: current, last_page: last, per_page: 15, total: data.length },
});

/** Course → Get Participants asking for the course program only, two participants at most. */
const programOnly = (courseProgram: string): Pick<Case, 'parameters' | 'request'> => ({
	parameters: {
		resource: 'course',
		operation: 'getParticipants',
		courseId: 20,
		returnAll: false,
		limit: 2,
		participantOptions: { courseProgram },
	},
	request: { method: 'GET', path: '/courses/20/users', query: { per_page: '2', page: '1', include: 'course_program' } },
});

const cases: Case[] = [
	// Contact
	{
		name: 'contact: get many with filters and options',
		parameters: {
			resource: 'contact',
			operation: 'getAll',
			returnAll: false,
			limit: 5,
			filters: { dateFrom: '2022-04-27T00:00:00', search: 'example.com' },
			options: { withOffers: true, sort: 'asc' },
		},
		request: {
			method: 'GET',
			path: '/contacts',
			query: {
				per_page: '5',
				page: '1',
				'filters[date_from]': '2022-04-27',
				'filters[search]': 'example.com',
				with_offers: '1',
				sort: 'asc',
			},
		},
		response: page([{ id: 1, email: 'a@example.com' }, { id: 2, email: 'b@example.com' }]),
		output: [{ id: 1, email: 'a@example.com' }, { id: 2, email: 'b@example.com' }],
	},
	{
		name: 'contact: get (from list)',
		parameters: { resource: 'contact', operation: 'get', contactId: contact('132', 'list') },
		request: { method: 'GET', path: '/contacts/132', query: {} },
		response: { data: { id: 132, email: 'bond@example.com' } },
		output: [{ id: 132, email: 'bond@example.com' }],
	},
	{
		name: 'contact: create with every field',
		parameters: {
			resource: 'contact',
			operation: 'create',
			email: 'bond@example.com',
			additionalFields: {
				firstName: 'James',
				lastName: 'Bond',
				phone: '+380931234567',
				sendActivationEmail: true,
				managerIds: '264, 288',
				customFields: { field: [{ fieldId: 17, value: 'this is test value' }] },
			},
		},
		request: {
			method: 'POST',
			path: '/contacts',
			body: {
				email: 'bond@example.com',
				first_name: 'James',
				last_name: 'Bond',
				phone: '+380931234567',
				send_activation_email: true,
				manager_ids: [264, 288],
				additional_fields: [{ field_id: 17, value: 'this is test value' }],
			},
		},
		response: { data: { id: 132, email: 'bond@example.com' } },
		output: [{ id: 132, email: 'bond@example.com' }],
	},
	{
		name: 'contact: add purchase of an offer',
		parameters: {
			resource: 'contact',
			operation: 'addPurchase',
			email: 'bond@example.com',
			offerId: contact('18', 'list'),
			purchaseFields: { firstName: 'James', sendActivationEmail: false },
		},
		request: {
			method: 'POST',
			path: '/contacts/purchases',
			body: {
				email: 'bond@example.com',
				offer_id: 18,
				first_name: 'James',
				send_activation_email: false,
			},
		},
		response: { data: { id: 132, orders: [{ id: 1060 }] } },
		output: [{ id: 132, orders: [{ id: 1060 }] }],
	},
	{
		name: 'contact: add purchase of products, no offer',
		parameters: {
			resource: 'contact',
			operation: 'addPurchase',
			email: 'bond@example.com',
			offerId: contact('', 'list'),
			purchaseFields: { productIds: [299, 300] },
		},
		request: {
			method: 'POST',
			path: '/contacts/purchases',
			body: { email: 'bond@example.com', product_ids: [299, 300] },
		},
		response: { data: { id: 132 } },
		output: [{ id: 132 }],
	},
	{
		name: 'contact: update',
		parameters: {
			resource: 'contact',
			operation: 'update',
			contactId: contact('132'),
			updateFields: {
				email: 'bond123@example.com',
				firstName: 'John',
				lastName: 'Black',
				phone: '+380931112233',
				tags: 'test-tag, vip ,',
			},
		},
		request: {
			method: 'PUT',
			path: '/contacts/132',
			body: {
				email: 'bond123@example.com',
				first_name: 'John',
				last_name: 'Black',
				phone: '+380931112233',
				tags: ['test-tag', 'vip'],
			},
		},
		response: { data: { id: 132, first_name: 'John' } },
		output: [{ id: 132, first_name: 'John' }],
	},
	{
		name: 'contact: add tags',
		parameters: { resource: 'contact', operation: 'addTags', contactIds: '23698, 23699', tags: 'test-tag' },
		request: {
			method: 'POST',
			path: '/contacts/tags',
			body: { contact_ids: [23698, 23699], tags: ['test-tag'] },
		},
		response: { success: true },
		output: [{ success: true }],
	},
	{
		name: 'contact: remove tags',
		parameters: { resource: 'contact', operation: 'removeTags', contactIds: '23698', tags: 'a, b' },
		request: {
			method: 'DELETE',
			path: '/contacts/tags',
			body: { contact_ids: [23698], tags: ['a', 'b'] },
		},
		response: { success: true },
		output: [{ success: true }],
	},
	{
		name: 'contact: get products',
		parameters: { resource: 'contact', operation: 'getProducts', contactId: contact('132') },
		request: { method: 'GET', path: '/contacts/132/products', query: {} },
		response: { data: [{ id: 299, subscriptions: [] }, { id: 300, subscriptions: [] }] },
		output: [{ id: 299, subscriptions: [] }, { id: 300, subscriptions: [] }],
	},
	{
		name: 'contact: remove a product',
		parameters: { resource: 'contact', operation: 'removeProduct', contactId: contact('132'), productId: 299 },
		request: { method: 'DELETE', path: '/contacts/132/products/299', query: {} },
		response: { success: true },
		output: [{ success: true }],
	},
	{
		name: 'contact: remove products in bulk',
		parameters: {
			resource: 'contact',
			operation: 'removeProducts',
			email: 'user@example.com',
			bulkProductId: 299,
			offerIds: [421],
		},
		request: {
			method: 'DELETE',
			path: '/contacts/products',
			body: { email: 'user@example.com', product_id: 299, offers: [421] },
		},
		response: { data: { affected_subscriptions: [2309], affected_orders: [1578] }, contact_id: 125 },
		output: [{ affected_subscriptions: [2309], affected_orders: [1578], contact_id: 125 }],
	},
	{
		name: 'contact: remove products in bulk by offers only',
		parameters: { resource: 'contact', operation: 'removeProducts', email: 'user@example.com', offerIds: ['18', 19] },
		request: { method: 'DELETE', path: '/contacts/products', body: { email: 'user@example.com', offers: [18, 19] } },
		response: { data: { affected_subscriptions: [] }, contact_id: 125 },
		output: [{ affected_subscriptions: [], contact_id: 125 }],
	},

	// Product
	{
		name: 'product: get many',
		parameters: { resource: 'product', operation: 'getAll', returnAll: true, options: { sortBy: 'asc' } },
		request: { method: 'GET', path: '/products', query: { per_page: '100', page: '1', sort_by: 'asc' } },
		response: page([{ id: 299, title: 'Course' }]),
		output: [{ id: 299, title: 'Course' }],
	},

	// Course
	{
		name: 'course: get many with includes',
		parameters: {
			resource: 'course',
			operation: 'getAll',
			returnAll: true,
			options: { with: ['offers', 'description', 'program'], sortBy: 'desc' },
		},
		request: {
			method: 'GET',
			path: '/courses',
			query: {
				per_page: '15',
				page: '1',
				'with[]': ['offers', 'description', 'program'],
				sort_by: 'desc',
			},
		},
		response: page([{ id: 226, title: 'Course' }]),
		output: [{ id: 226, title: 'Course' }],
	},
	{
		name: 'course: get participants with progress includes',
		parameters: {
			resource: 'course',
			operation: 'getParticipants',
			courseId: 20,
			returnAll: false,
			limit: 300,
			filters: { progressFrom: 50, progressTo: 100 },
			participantOptions: {
				include: ['lesson_progress', 'module_progress', 'quiz_progress'],
				courseProgram: 'firstItem',
			},
		},
		request: {
			method: 'GET',
			path: '/courses/20/users',
			query: {
				per_page: '250',
				page: '1',
				progress_general_from: '50',
				progress_general_to: '100',
				include: 'lesson_progress,module_progress,quiz_progress,course_program',
			},
		},
		response: { ...page([{ contact: { id: 1 }, lesson_progress: [] }]), course_program: [{ id: 7 }] },
		output: [{ course_program: [{ id: 7 }] }, { contact: { id: 1 }, lesson_progress: [] }],
	},
	{
		name: "course: the program under course_structure (KWIGA's response example) comes out as course_program",
		...programOnly('everyItem'),
		response: { ...page([{ contact: { id: 1 } }, { contact: { id: 2 } }]), course_structure: [{ id: 12 }] },
		output: [
			{ contact: { id: 1 }, course_program: [{ id: 12 }] },
			{ contact: { id: 2 }, course_program: [{ id: 12 }] },
		],
	},
	{
		name: 'course: a course program asked for and missing is said in the first item',
		...programOnly('firstItem'),
		response: page([{ contact: { id: 1 } }]),
		output: [{ course_program: null, course_program_note: NO_COURSE_PROGRAM }, { contact: { id: 1 } }],
	},
	{
		name: 'course: a course program asked for and missing is said in every participant',
		...programOnly('everyItem'),
		response: { ...page([{ contact: { id: 1 } }]), course_program: null },
		output: [{ contact: { id: 1 }, course_program: null, course_program_note: NO_COURSE_PROGRAM }],
	},

	// Offer
	{
		name: 'offer: get many filtered by product',
		parameters: { resource: 'offer', operation: 'getAll', returnAll: true, filters: { productId: 130 } },
		request: { method: 'GET', path: '/offers', query: { per_page: '100', page: '1', product_id: '130' } },
		response: page([{ id: 18, title: 'Offer' }]),
		output: [{ id: 18, title: 'Offer' }],
	},
	{
		name: 'offer: get',
		parameters: { resource: 'offer', operation: 'get', offerId: contact(' 18 ') },
		request: { method: 'GET', path: '/offers/18', query: {} },
		response: { data: { id: 18, title: 'Offer' } },
		output: [{ id: 18, title: 'Offer' }],
	},

	// Contact list
	{
		name: 'contact list: get many',
		parameters: { resource: 'contactList', operation: 'getAll', returnAll: false, limit: 10 },
		request: { method: 'GET', path: '/mailing/contact-lists', query: { per_page: '10', page: '1' } },
		response: page([{ id: 1, title: 'List' }]),
		output: [{ id: 1, title: 'List' }],
	},
	{
		name: 'contact list: get',
		parameters: { resource: 'contactList', operation: 'get', listId: 1 },
		request: { method: 'GET', path: '/mailing/contact-lists/1', query: {} },
		response: { data: { id: 1, contacts: [], statistic: { count_contacts: 0 } } },
		output: [{ id: 1, contacts: [], statistic: { count_contacts: 0 } }],
	},
	{
		name: 'contact list: create',
		parameters: {
			resource: 'contactList',
			operation: 'create',
			title: 'Webinar',
			additionalFields: { description: 'Sign-ups' },
		},
		request: {
			method: 'POST',
			path: '/mailing/contact-lists',
			body: { title: 'Webinar', description: 'Sign-ups' },
		},
		response: { data: { id: 3, title: 'Webinar' } },
		output: [{ id: 3, title: 'Webinar' }],
	},
	{
		name: 'contact list: add contacts',
		parameters: { resource: 'contactList', operation: 'addContacts', listIds: ['1', '2'], contactIds: '2, 5' },
		request: {
			method: 'POST',
			path: '/mailing/contact-lists/bulk-contacts',
			body: { contact_lists: [1, 2], contacts: [2, 5] },
		},
		response: { success: true },
		output: [{ success: true }],
	},

	// Coupon
	{
		name: 'coupon: get many between dates',
		parameters: {
			resource: 'coupon',
			operation: 'getAll',
			returnAll: true,
			filters: { dateFrom: '2022-04-15T00:00:00', dateTo: '2022-04-27T10:00:00' },
		},
		request: {
			method: 'GET',
			path: '/coupons',
			query: {
				per_page: '100',
				page: '1',
				'filters[date_from]': '2022-04-15',
				'filters[date_to]': '2022-04-27',
			},
		},
		response: { data: [{ id: 3, code: 'KwigaSMVT-MD' }] },
		output: [{ id: 3, code: 'KwigaSMVT-MD' }],
	},
	{
		name: 'coupon: get',
		parameters: { resource: 'coupon', operation: 'get', couponId: '8' },
		request: { method: 'GET', path: '/coupons/8', query: {} },
		response: { data: { id: 8, code: 'MY-COUPON' } },
		output: [{ id: 8, code: 'MY-COUPON' }],
	},
	{
		name: 'coupon: create',
		parameters: {
			resource: 'coupon',
			operation: 'create',
			code: 'MY-COUPON',
			discountType: 'discount_with_percent',
			reward: 15,
			additionalFields: {
				expiresAt: '2024-12-31T23:59:59',
				timezoneId: '375',
				totalUses: 100,
				totalUsesPerUser: 1,
				offerIds: ['18'],
			},
		},
		request: {
			method: 'POST',
			path: '/coupons',
			body: {
				code: 'MY-COUPON',
				type_discount: { id: 'discount_with_percent' },
				reward: 15,
				expires_at: '2024-12-31 23:59:59',
				timezone: { id: 375 },
				total_uses: 100,
				total_uses_per_user: 1,
				offers: [18],
			},
		},
		response: { data: { id: 8, code: 'MY-COUPON' } },
		output: [{ id: 8, code: 'MY-COUPON' }],
	},
	{
		name: 'coupon: check',
		parameters: { resource: 'coupon', operation: 'check', code: 'VAJ6-EA', price: 65 },
		request: { method: 'POST', path: '/coupons/check', body: { code: 'VAJ6-EA', price: 65 } },
		response: { data: { can_use: true, discount: 6.5 } },
		output: [{ can_use: true, discount: 6.5 }],
	},

	// Certificate
	{
		name: 'certificate: get by number',
		parameters: { resource: 'certificate', operation: 'getByNumber', number: '1986-0001' },
		request: { method: 'GET', path: '/certificates/by-number/1986-0001', query: {} },
		response: { data: { id: 55, number: '1986-0001' } },
		output: [{ id: 55, number: '1986-0001' }],
	},

	// Time zone
	{
		name: 'time zone: get many, limited',
		parameters: { resource: 'timezone', operation: 'getAll', returnAll: false, limit: 1 },
		request: { method: 'GET', path: '/timezones', query: {} },
		response: { data: [{ id: 1, name: 'Asia/Kabul' }, { id: 2, name: 'Europe/Tirane' }] },
		output: [{ id: 1, name: 'Asia/Kabul' }],
	},
];

describe('KWIGA operations', () => {
	test.each(cases)('$name', async ({ parameters, request, response, output }) => {
		const requests = interceptHttp(BASE_URL, () => ({ status: 200, body: response }));

		const result = await runKwiga(parameters);

		expect(result.error).toBeUndefined();
		expect(requests).toHaveLength(1);
		const [sent] = requests;
		expect({ method: sent.method, path: sent.path }).toEqual({
			method: request.method,
			path: request.path,
		});
		expect(sent.query).toEqual(request.query ?? {});
		expect(sent.body).toEqual(request.body);
		expect(sent.headers).toMatchObject({
			token: 'test-token',
			'cabinet-hash': 'test-cabinet',
			'x-language': 'en',
			accept: 'application/json',
		});
		if (request.body !== undefined) expect(sent.headers['content-type']).toBe('application/json');
		expect(result.items.map((item) => item.json)).toEqual(output);
		for (const item of result.items) expect(item.pairedItem).toEqual({ item: 0 });
	});

	test('every operation in the node has a case here', () => {
		const covered = new Set(cases.map(({ parameters }) => `${parameters.resource}:${parameters.operation}`));
		const operations = new Kwiga().description.properties
			.filter((property) => property.name === 'operation')
			.flatMap((property) =>
				(property.options as Array<{ value: string }>).map(
					(option) => `${property.displayOptions!.show!.resource![0] as string}:${option.value}`,
				),
			);
		// 27 documented endpoints: 25 operations plus the two POST /query aliases of lists,
		// which Get Many and Get Participants use on their own (see pagination.test.ts).
		expect(operations).toHaveLength(25);
		expect(operations.filter((operation) => !covered.has(operation))).toEqual([]);
	});

	test('the language chosen in the credential goes out as X-Language', async () => {
		const requests = interceptHttp(BASE_URL, () => ({ status: 200, body: { data: [] } }));
		await runKwiga(
			{ resource: 'timezone', operation: 'getAll', returnAll: true },
			{ credentials: { language: 'uk' } },
		);
		expect(requests[0].headers['x-language']).toBe('uk');
	});

	test('a base URL with a trailing slash still reaches the right path', async () => {
		const requests = interceptHttp(BASE_URL, () => ({ status: 200, body: { data: [] } }));
		await runKwiga(
			{ resource: 'timezone', operation: 'getAll', returnAll: true },
			{ credentials: { baseUrl: `${BASE_URL}/` } },
		);
		expect(requests[0].path).toBe('/timezones');
	});
});
