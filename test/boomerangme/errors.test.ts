/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code, never published: it runs in Node.js beside n8n and needs Node.js modules; n8n's rules for node code do not apply to it */
/**
 * Errors in Boomerangme's words, Continue On Fail, and what is (and is never) sent again:
 * only 429 and 503 are resent; a balance operation whose answer was lost is not.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import nock from 'nock';

import { interceptHttp, resetHttp } from '../harness';
import { BoomerangmeMock } from '../mocks/boomerangme';
import { virtualClock } from '../clock';
import { BASE_URL, runBoomerangme } from './run';

afterEach(resetHttp);

const addStamps = { resource: 'card', operation: 'addStamps', cardNumber: '100000-000-000', amount: 2 };
const stamps = (mock: BoomerangmeMock) =>
	(mock.cardOf('stamp').balance as { numberStampsTotal: number }).numberStampsTotal;

describe('errors', () => {
	it('a wrong API key: Boomerangme\'s message and what to check', async () => {
		const mock = new BoomerangmeMock();
		interceptHttp(BASE_URL, mock.handle);
		const result = await runBoomerangme(addStamps, { credentials: { apiKey: 'wrong' } });
		expect(result.error).toMatchObject({ message: 'Boomerangme: Invalid API key', httpCode: '401' });
		expect(result.error?.description).toContain('API key in the Boomerangme credential');
		expect(JSON.stringify(result.error)).not.toContain('test-api-key');
	});

	it('422 names every bad field', async () => {
		const mock = new BoomerangmeMock();
		interceptHttp(BASE_URL, mock.handle);
		const result = await runBoomerangme({
			resource: 'card',
			operation: 'issue',
			templateId: { __rl: true, mode: 'id', value: '99' },
			customerId: { __rl: true, mode: 'id', value: 'nobody' },
		});
		expect(result.error).toMatchObject({ message: 'Boomerangme: Validation failed', httpCode: '422' });
		expect(result.error?.description).toContain(
			'Invalid fields — templateId: Template not found.; customerId: Customer not found.',
		);
	});

	it('404 says the card does not exist', async () => {
		const mock = new BoomerangmeMock();
		interceptHttp(BASE_URL, mock.handle);
		const result = await runBoomerangme({ resource: 'card', operation: 'get', cardNumber: '123456-000-000' });
		expect(result.error).toMatchObject({ message: 'Boomerangme: Card 123456-000-000 not found', httpCode: '404' });
	});

	it('a 2xx answer whose own code is an error is a failure', async () => {
		const mock = new BoomerangmeMock();
		mock.queued.push({ status: 200, body: { code: 400, message: 'Card is blocked' } });
		interceptHttp(BASE_URL, mock.handle);
		const result = await runBoomerangme(addStamps);
		expect(result.error?.message).toBe('Boomerangme: Card is blocked');
	});

	it('an HTML page instead of JSON points at the Base URL', async () => {
		nock.disableNetConnect();
		nock(BASE_URL).get('/api/v2/cards/100000-000-000').reply(200, '<html>Login</html>', { 'Content-Type': 'text/html' });
		const result = await runBoomerangme({ resource: 'card', operation: 'get', cardNumber: '100000-000-000' });
		expect(result.error?.message).toBe('Boomerangme answered with an HTML page instead of JSON');
		expect(result.error?.description).toContain('Base URL');
	});

	it('Continue On Fail: the failed item is { error, description, httpCode } next to the good ones', async () => {
		const mock = new BoomerangmeMock();
		interceptHttp(BASE_URL, mock.handle);
		const result = await runBoomerangme(
			{ resource: 'card', operation: 'get', cardNumber: '={{ $json.card }}' },
			{ input: [{ card: '100000-000-000' }, { card: '123456-000-000' }], continueOnFail: true },
		);
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.id).toBe('100000-000-000');
		expect(result.items[1]).toEqual({
			json: {
				error: 'Boomerangme: Card 123456-000-000 not found',
				description: expect.stringContaining('Check the number or ID'),
				httpCode: '404',
			},
			pairedItem: { item: 1 },
		});
	});
});

describe('Company: named fields, and Other Fields (JSON) as an extra', () => {
	it('Create sends the name, the email and the JSON\'s fields in one body; a named field wins over the JSON', async () => {
		const mock = new BoomerangmeMock();
		const requests = interceptHttp(BASE_URL, mock.handle);
		const result = await runBoomerangme({
			resource: 'company',
			operation: 'create',
			name: 'Tea Time',
			additionalFields: { email: 'owner@tea.example', otherFields: '{"phone": "+15550100", "name": "Ignored"}' },
		});
		expect(result.error).toBeUndefined();
		expect(requests.map((r) => [r.method, r.path, r.body])).toEqual([
			['POST', '/api/v2/companies', { name: 'Tea Time', email: 'owner@tea.example', phone: '+15550100' }],
		]);
		expect(result.items[0].json).toMatchObject({ name: 'Tea Time', phone: '+15550100' });
	});

	it('Update sends only the fields chosen', async () => {
		const mock = new BoomerangmeMock();
		const requests = interceptHttp(BASE_URL, mock.handle);
		const result = await runBoomerangme({
			resource: 'company',
			operation: 'update',
			companyId: '1025',
			updateFields: { name: 'Book Nook & Café' },
		});
		expect(result.error).toBeUndefined();
		expect(requests.map((r) => [r.method, r.path, r.body])).toEqual([
			['PATCH', '/api/v2/companies/1025', { name: 'Book Nook & Café' }],
		]);
	});

	it('bad JSON fails the item before sending, in the Continue On Fail shape', async () => {
		const mock = new BoomerangmeMock();
		const requests = interceptHttp(BASE_URL, mock.handle);
		const result = await runBoomerangme(
			{ resource: 'company', operation: 'create', name: 'Tea Time', additionalFields: { otherFields: '={{ $json.data }}' } },
			{ input: [{ data: '{"phone": "+1"' }, { data: '{"phone": "+15550100"}' }], continueOnFail: true },
		);
		expect(requests.map((r) => r.body)).toEqual([{ name: 'Tea Time', phone: '+15550100' }]);
		expect(result.items[0]).toEqual({
			json: {
				error: 'Other Fields (JSON) is not a JSON object',
				description: expect.stringContaining('Nothing was sent'),
				httpCode: null,
			},
			pairedItem: { item: 0 },
		});
		expect(result.items[1].json).toMatchObject({ name: 'Tea Time' });
	});

	it('a bad Company ID fails before the JSON is read, as the path check comes first', async () => {
		const mock = new BoomerangmeMock();
		const requests = interceptHttp(BASE_URL, mock.handle);
		const result = await runBoomerangme(
			{ resource: 'company', operation: 'update', companyId: '10/25', updateFields: { otherFields: '{"phone": ' } },
			{ continueOnFail: true },
		);
		expect(requests).toEqual([]);
		expect(result.items[0].json).toEqual({
			error: 'Company "10/25" is not valid',
			description: expect.stringContaining('Nothing was sent'),
			httpCode: null,
		});
	});

	it('an object from an expression is sent as it is', async () => {
		const mock = new BoomerangmeMock();
		const requests = interceptHttp(BASE_URL, mock.handle);
		const result = await runBoomerangme(
			{ resource: 'company', operation: 'update', companyId: '1025', updateFields: { otherFields: '={{ $json.company }}' } },
			{ input: [{ company: { email: 'new@books.example', phone: '+123' } }] },
		);
		expect(result.error).toBeUndefined();
		expect(requests[0].body).toEqual({ email: 'new@books.example', phone: '+123' });
	});
});

describe('what is sent again', () => {
	it('429: the balance operation waits as told and is sent again, applied once', async () => {
		const mock = new BoomerangmeMock();
		mock.queued.push({ status: 429, body: { code: 429, message: 'Too many requests' }, headers: { 'Retry-After': '3' } });
		const requests = interceptHttp(BASE_URL, mock.handle);
		const result = await runBoomerangme(addStamps);
		expect(result.error).toBeUndefined();
		expect(requests).toHaveLength(2);
		expect(virtualClock.waits).toContain(3000);
		expect(stamps(mock)).toBe(2);
	});

	it('503 on a balance operation is not sent again: it may have been applied', async () => {
		const mock = new BoomerangmeMock();
		mock.queued.push({ status: 503, body: { code: 503, message: 'Service unavailable' }, headers: { 'Retry-After': '1' } });
		const requests = interceptHttp(BASE_URL, mock.handle);
		const result = await runBoomerangme(addStamps);
		expect(requests).toHaveLength(1);
		expect(result.error).toMatchObject({ message: 'Boomerangme: Service unavailable', httpCode: '503' });
		expect(result.error?.description).toContain('Boomerangme may or may not have applied it');
		expect(stamps(mock)).toBe(0);
	});

	it('500 on a balance operation is not sent again', async () => {
		const mock = new BoomerangmeMock();
		mock.queued.push({ status: 500, body: { code: 500, message: 'Internal error' } });
		const requests = interceptHttp(BASE_URL, mock.handle);
		const result = await runBoomerangme(addStamps);
		expect(requests).toHaveLength(1);
		expect(result.error).toMatchObject({ message: 'Boomerangme: Internal error', httpCode: '500' });
	});

	it('a lost answer (the connection drops after Boomerangme got the request) is never sent again', async () => {
		// A server that reads the request, counts it and hangs up without answering.
		let received = 0;
		const server = createServer((request, response) => {
			request.resume();
			request.on('end', () => {
				received++;
				response.socket?.destroy();
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		nock.enableNetConnect('127.0.0.1');
		const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
		try {
			const result = await runBoomerangme(addStamps, { credentials: { baseUrl } });
			expect(received).toBe(1);
			expect(result.error?.message).toMatch(/^Could not reach Boomerangme at http:\/\/127\.0\.0\.1:\d+\/api\/v2\/cards\/100000-000-000\/add-stamp: /);
			expect(result.error?.description).toContain('Check in Boomerangme whether it was applied');
			expect(JSON.stringify(result.error)).not.toContain('test-api-key');
		} finally {
			await new Promise((resolve) => server.close(resolve));
		}
	});
});
