/**
 * KWIGA's error answers become node errors with KWIGA's own message; bad input is named;
 * Continue On Fail works per item; no secret ever reaches an error or an item.
 */
import nock from 'nock';
import type { NodeApiError } from 'n8n-workflow';

import { interceptHttp, resetHttp } from '../harness';
import { KwigaMock } from '../mocks/kwiga';
import { BASE_URL, CREDENTIALS, runKwiga } from './run';

afterEach(resetHttp);

const getContact = (id: string) => ({
	resource: 'contact',
	operation: 'get',
	contactId: { __rl: true, mode: 'id', value: id },
});

const statuses: Array<[number, string, string]> = [
	[400, 'Bad request.', 'invalid'],
	[401, 'Unauthenticated.', 'API token and cabinet hash'],
	[403, 'This action is unauthorized.', 'administrators'],
	[404, 'No query results for model [Contact] 5', 'no such record'],
	[405, 'The method is not supported for this route.', 'does not accept this method'],
	[500, 'Server Error', 'internal problem'],
	[503, 'Service Unavailable', 'maintenance'],
];

test.each(statuses)('HTTP %i becomes a NodeApiError with KWIGA\'s message', async (status, message, hint) => {
	interceptHttp(BASE_URL, () => ({ status, body: { message } }));

	const { error, items } = await runKwiga(getContact('5'));

	expect(items).toEqual([]);
	expect(error?.name).toBe('NodeApiError');
	expect(error!.message).toBe(`KWIGA: ${message}`);
	expect((error as NodeApiError).httpCode).toBe(String(status));
	expect(error!.description).toContain(hint);
});

test('a 422 names every invalid field', async () => {
	const mock = new KwigaMock();
	interceptHttp(BASE_URL, mock.handle);

	const { error } = await runKwiga({
		resource: 'coupon',
		operation: 'create',
		code: '={{ "" }}',
		reward: 10,
		discountType: 'discount_with_percent',
	});

	expect(error?.name).toBe('NodeApiError');
	expect(error!.message).toBe('KWIGA: The given data was invalid.');
	expect(error!.description).toBe(
		'Invalid fields — code: The code field is required.. Correct the fields named above and run the node again.',
	);
});

test('a 422 on contact creation names the email field', async () => {
	interceptHttp(BASE_URL, new KwigaMock().handle);
	const { error } = await runKwiga({ resource: 'contact', operation: 'create', email: 'not-an-email' });
	expect(error!.description).toContain('email: The email must be a valid email address.');
});

test('an error body that is not JSON still gives a readable message', async () => {
	nock.disableNetConnect();
	nock(BASE_URL).get('/timezones').reply(502, '<html>Bad Gateway</html>', { 'Content-Type': 'text/html' });
	const { error } = await runKwiga({ resource: 'timezone', operation: 'getAll', returnAll: true });
	expect(error?.name).toBe('NodeApiError');
	expect(error!.message).toBe('KWIGA: <html>Bad Gateway</html>');
	expect((error as NodeApiError).httpCode).toBe('502');
});

test('Continue On Fail: each item gets its own result or error, paired with its input', async () => {
	interceptHttp(BASE_URL, new KwigaMock().handle);

	const { error, items } = await runKwiga(
		{ ...getContact('={{ $json.id }}') },
		{ input: [{ id: 1 }, { id: 999 }, { id: 2 }], continueOnFail: true },
	);

	expect(error).toBeUndefined();
	expect(items.map((item) => [item.json.id ?? item.json.error, item.pairedItem])).toEqual([
		[1, { item: 0 }],
		['KWIGA: No query results for model [Contact] 999', { item: 1 }],
		[2, { item: 2 }],
	]);
	expect(items[1].json).toMatchObject({ httpCode: '404' });
});

test('without Continue On Fail the first failing item stops the node and names the item', async () => {
	interceptHttp(BASE_URL, new KwigaMock().handle);
	const { error } = await runKwiga(getContact('={{ $json.id }}'), { input: [{ id: 1 }, { id: 999 }] });
	expect(error?.name).toBe('NodeApiError');
	expect((error as NodeApiError).context.itemIndex).toBe(1);
});

test('contact IDs that are not numbers are refused before anything is sent', async () => {
	const requests = interceptHttp(BASE_URL, () => ({ status: 200, body: { success: true } }));

	const { error } = await runKwiga({
		resource: 'contact',
		operation: 'addTags',
		contactIds: '12, abc, 7x',
		tags: 'vip',
	});

	expect(requests).toEqual([]);
	// The node raises a NodeOperationError; n8n's declarative runner re-wraps every
	// error of a routed request as NodeApiError, keeping message and description.
	expect(error?.message).toBe('Contact IDs must be numbers separated by commas; "abc", "7x" is not');
	expect(error?.description).toBe('Change Contact IDs to IDs such as "23698, 23699".');
	expect((error as NodeApiError).httpCode).toBe('none');
});

test('bad input with Continue On Fail fails only its own item', async () => {
	const requests = interceptHttp(BASE_URL, () => ({ status: 200, body: { success: true } }));

	const { items } = await runKwiga(
		{ resource: 'contact', operation: 'addTags', contactIds: '={{ $json.ids }}', tags: 'vip' },
		{ input: [{ ids: '1' }, { ids: 'x' }], continueOnFail: true },
	);

	expect(requests.map((request) => request.body)).toEqual([{ contact_ids: [1], tags: ['vip'] }]);
	expect(items).toHaveLength(2);
	expect(items[0].json).toEqual({ success: true });
	expect(items[1].error?.message ?? items[1].json.error).toContain('Contact IDs must be numbers');
	expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
});

test('a server that cannot be reached gives a message without the token', async () => {
	nock.enableNetConnect('127.0.0.1');
	const baseUrl = 'http://127.0.0.1:9';

	const { error } = await runKwiga(
		{ resource: 'timezone', operation: 'getAll', returnAll: true },
		{ credentials: { baseUrl } },
	);

	expect(error?.name).toBe('NodeApiError');
	expect(error!.message).toMatch(new RegExp(`^Could not reach KWIGA at ${baseUrl}/timezones: .+`));
	// A read: tried again (MAX_READ_RESENDS times) before it fails; nothing to check in KWIGA.
	expect(error!.description).toBe('Check the Base URL in the KWIGA credential and that this n8n can reach it.');
	expect(JSON.stringify(error)).not.toContain(CREDENTIALS.token);
	expect(JSON.stringify(error)).not.toContain(CREDENTIALS.cabinetHash);
});

test('no error and no item carries the token or the cabinet hash', async () => {
	interceptHttp(BASE_URL, () => ({ status: 401, body: { message: 'Unauthenticated.' } }));

	const failed = await runKwiga(getContact('1'));
	const continued = await runKwiga(getContact('1'), { continueOnFail: true });

	for (const text of [
		JSON.stringify(failed.error),
		String(failed.error?.stack),
		JSON.stringify(continued.items),
		JSON.stringify(continued.run.data.resultData),
	]) {
		expect(text).not.toContain(CREDENTIALS.token);
		expect(text).not.toContain(CREDENTIALS.cabinetHash);
	}
});
