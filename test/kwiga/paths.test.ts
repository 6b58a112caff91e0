/**
 * Untrusted input never changes which endpoint the node calls: every path parameter is
 * checked against the shape KWIGA documents and encoded as one segment. A bad value sends
 * nothing and fails its item with a message that names the field and the value.
 */
import type { INodeParameters } from 'n8n-workflow';

import { interceptHttp, resetHttp } from '../harness';
import { KwigaMock } from '../mocks/kwiga';
import { BASE_URL, runKwiga } from './run';

afterEach(resetHttp);

const id = (value: string) => ({ __rl: true, mode: 'id', value });

interface PathCase {
	operation: string;
	/** The parameters with `{value}` where the value under test goes. */
	parameters: (value: string) => INodeParameters;
	field: string;
	valid: string;
	path: string;
}

const cases: PathCase[] = [
	{ operation: 'contact: get', parameters: (v) => ({ resource: 'contact', operation: 'get', contactId: id(v) }), field: 'Contact', valid: '7', path: '/contacts/7' },
	{ operation: 'contact: update', parameters: (v) => ({ resource: 'contact', operation: 'update', contactId: id(v), updateFields: { firstName: 'A' } }), field: 'Contact', valid: '7', path: '/contacts/7' },
	{ operation: 'contact: get products', parameters: (v) => ({ resource: 'contact', operation: 'getProducts', contactId: id(v) }), field: 'Contact', valid: '7', path: '/contacts/7/products' },
	{ operation: 'contact: remove product (contact)', parameters: (v) => ({ resource: 'contact', operation: 'removeProduct', contactId: id(v), productId: id('299') }), field: 'Contact', valid: '7', path: '/contacts/7/products/299' },
	{ operation: 'contact: remove product (product)', parameters: (v) => ({ resource: 'contact', operation: 'removeProduct', contactId: id('7'), productId: id(v) }), field: 'Product', valid: '299', path: '/contacts/7/products/299' },
	{ operation: 'course: get participants', parameters: (v) => ({ resource: 'course', operation: 'getParticipants', courseId: id(v), returnAll: false, limit: 1 }), field: 'Course', valid: '200', path: '/courses/200/users' },
	{ operation: 'offer: get', parameters: (v) => ({ resource: 'offer', operation: 'get', offerId: id(v) }), field: 'Offer', valid: '18', path: '/offers/18' },
	{ operation: 'contact list: get', parameters: (v) => ({ resource: 'contactList', operation: 'get', listId: id(v) }), field: 'Contact List', valid: '1', path: '/mailing/contact-lists/1' },
	{ operation: 'coupon: get', parameters: (v) => ({ resource: 'coupon', operation: 'get', couponId: v }), field: 'Coupon', valid: '3', path: '/coupons/3' },
];

const hostile = ['1/../../coupons', '1?x=1', '1#x', '1%2F..%2Fcoupons', '..', 'abc', '0', '-1', '1.5', ' '];

describe.each(cases)('$operation', ({ parameters, field, valid, path }) => {
	test.each(hostile)('%j sends nothing and names the field', async (value) => {
		const requests = interceptHttp(BASE_URL, new KwigaMock().handle);

		// As it comes from a webhook or a sheet: through an expression.
		const result = await runKwiga(parameters(`={{ ${JSON.stringify(value)} }}`));

		expect(requests).toEqual([]);
		expect(result.items).toEqual([]);
		const shown = value.trim();
		expect(result.error?.message).toBe(shown ? `${field} ${JSON.stringify(shown)} is not valid` : `${field} is empty`);
		expect(result.error?.description).toMatch(new RegExp(`^${field} must be a whole number greater than 0`));
	});

	test('a valid value (with spaces around it) sends exactly the documented path', async () => {
		const mock = new KwigaMock({ contacts: 10 });
		interceptHttp(BASE_URL, mock.handle);

		const result = await runKwiga(parameters(` ${valid} `));

		expect(result.error).toBeUndefined();
		expect(mock.requests.map((request) => request.path)).toEqual([path]);
	});
});

describe('certificate: get by number', () => {
	const run = (number: string) => runKwiga({ resource: 'certificate', operation: 'getByNumber', number });

	test.each(['1986/0001', '../coupons', '1986-0001?x=1', '1986#1', '1986%2F0001', 'a b'])(
		'%j sends nothing',
		async (value) => {
			const requests = interceptHttp(BASE_URL, new KwigaMock().handle);
			const result = await run(`={{ ${JSON.stringify(value)} }}`);
			expect(requests).toEqual([]);
			expect(result.error?.message).toBe(`Certificate Number ${JSON.stringify(value)} is not valid`);
			expect(result.error?.description).toContain('letters, digits and dashes');
		},
	);

	test('a valid number sends /certificates/by-number/<number>', async () => {
		const mock = new KwigaMock();
		interceptHttp(BASE_URL, mock.handle);
		const result = await run('1986-0001');
		expect(result.items.map((item) => item.json.number)).toEqual(['1986-0001']);
		expect(mock.requests.map((request) => request.path)).toEqual(['/certificates/by-number/1986-0001']);
	});
});

test('with Continue On Fail a bad ID fails only its own item, in the same shape as an API error', async () => {
	const mock = new KwigaMock({ contacts: 10 });
	interceptHttp(BASE_URL, mock.handle);

	const result = await runKwiga(
		{ resource: 'contact', operation: 'get', contactId: id('={{ $json.id }}') },
		{ input: [{ id: 2 }, { id: '2/../../coupons' }, { id: 999 }], continueOnFail: true },
	);

	expect(mock.requests.map((request) => request.path)).toEqual(['/contacts/2', '/contacts/999']);
	expect(result.items.map((item) => [item.pairedItem, item.json.error ?? item.json.id])).toEqual([
		[{ item: 0 }, 2],
		[{ item: 1 }, 'Contact "2/../../coupons" is not valid'],
		[{ item: 2 }, 'KWIGA: No query results for model [Contact] 999'],
	]);
	expect(Object.keys(result.items[1].json).sort()).toEqual(['description', 'error', 'httpCode']);
	expect(result.items[2].json.httpCode).toBe('404');
});
