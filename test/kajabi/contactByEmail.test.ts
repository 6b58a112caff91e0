/**
 * A Kajabi contact chosen "By Email": looked up with GET /v1/contacts and the documented
 * `filter[email_contains]`, the one contact whose email is exactly the one given is used by the
 * ID Kajabi returned; without one, the item fails before anything is changed.
 */
import { Kajabi } from '../../nodes/Kajabi/Kajabi.node';
import type { KajabiMock } from '../mocks/kajabi';
import { apiRequests, mountKajabi, resetKajabi, runKajabi, virtualTime } from './run';

beforeEach(virtualTime);
afterEach(resetKajabi);

const byEmail = (value: string) => ({ __rl: true, mode: 'email', value });

const lookup = (email: string) => ({
	method: 'GET',
	path: '/v1/contacts',
	query: { 'filter[email_contains]': email, 'page[size]': '100', 'page[number]': '1' },
});

const sent = (mock: KajabiMock) =>
	apiRequests(mock).map((request) => ({ method: request.method, path: request.path, query: request.query }));

test('the contact locator offers From List, By ID and By Email for every contact operation', () => {
	const locators = new Kajabi().description.properties.filter(
		(property) => property.name === 'contactId' && property.displayOptions?.show?.resource?.[0] === 'contact',
	);
	expect(locators.length).toBeGreaterThan(0);
	for (const locator of locators) {
		expect(locator.modes?.map((mode) => mode.displayName)).toEqual(['From List', 'By ID', 'By Email']);
	}
});

test('Get by email: the contact whose email is exactly the one given, by the ID Kajabi returned', async () => {
	const mock = mountKajabi();
	// Contains the email, but is another contact.
	mock.add('contacts', '990', { name: 'Not Her', email: 'old.student3@example.com' });

	const result = await runKajabi({ resource: 'contact', operation: 'get', contactId: byEmail(' Student3@Example.com ') });

	expect(result.error).toBeUndefined();
	expect(sent(mock)).toEqual([
		lookup('Student3@Example.com'),
		{ method: 'GET', path: '/v1/contacts/103', query: {} },
	]);
	expect(result.items.map((item) => item.json)).toEqual([expect.objectContaining({ id: '103', email: 'student3@example.com' })]);
});

test('Update by email: the ID goes into the path and into the body\'s data.id', async () => {
	const mock = mountKajabi();

	const result = await runKajabi({
		resource: 'contact',
		operation: 'update',
		contactId: byEmail('student2@example.com'),
		updateFields: { phone_number: '12134567890' },
	});

	expect(result.error).toBeUndefined();
	const requests = apiRequests(mock);
	expect(sent(mock)).toEqual([lookup('student2@example.com'), { method: 'PATCH', path: '/v1/contacts/102', query: {} }]);
	expect(requests[1].body).toEqual({
		data: { type: 'contacts', id: '102', attributes: { phone_number: '12134567890' } },
	});
});

test('Add Tags by email changes the contact Kajabi returned for it', async () => {
	const mock = mountKajabi();

	const result = await runKajabi({
		resource: 'contact',
		operation: 'addTags',
		contactId: byEmail('student4@example.com'),
		tagIds: ['51'],
	});

	expect(result.error).toBeUndefined();
	expect(sent(mock).map((request) => `${request.method} ${request.path}`)).toEqual([
		'GET /v1/contacts',
		'POST /v1/contacts/104/relationships/tags',
	]);
});

test('an email no contact has fails the item with a clear message; nothing is changed', async () => {
	const mock = mountKajabi();

	const result = await runKajabi({ resource: 'contact', operation: 'delete', contactId: byEmail('nobody@example.com') });

	// Raised as a NodeOperationError; n8n's declarative runner re-wraps it, keeping the words.
	expect(result.error?.message).toBe('No Kajabi contact has the email nobody@example.com');
	expect(result.error?.description).toBe(
		'Nothing was changed. Check the email, or choose the contact from the list or by ID.',
	);
	expect((result.error as unknown as { httpCode: string }).httpCode).toBe('none');
	expect(sent(mock)).toEqual([lookup('nobody@example.com')]);
});

test('an email two contacts have (two sites) fails the item rather than guessing', async () => {
	const mock = mountKajabi();
	mock.add('contacts', '991', { name: 'Student 3 elsewhere', email: 'student3@example.com' });

	const result = await runKajabi({ resource: 'contact', operation: 'delete', contactId: byEmail('student3@example.com') });

	expect(result.error?.message).toBe('2 Kajabi contacts have the email student3@example.com');
	expect(sent(mock)).toEqual([lookup('student3@example.com')]);
});

test('a value that is not an email (from an expression) is refused before anything is sent', async () => {
	const mock = mountKajabi();

	const result = await runKajabi({ resource: 'contact', operation: 'get', contactId: byEmail('={{ "103" }}') });

	expect(result.error?.message).toBe('"103" is not an email');
	expect(sent(mock)).toEqual([]);
});

test('with Continue On Fail, only the item whose email is unknown fails', async () => {
	const mock = mountKajabi();

	const result = await runKajabi(
		{ resource: 'contact', operation: 'get', contactId: byEmail('={{ $json.email }}') },
		{ input: [{ email: 'student1@example.com' }, { email: 'nobody@example.com' }], continueOnFail: true },
	);

	expect(result.items.map((item) => item.json.id ?? item.json.error)).toEqual([
		'101',
		'No Kajabi contact has the email nobody@example.com',
	]);
	// The items run at once: their requests interleave.
	expect(sent(mock).map((request) => request.path).sort()).toEqual(['/v1/contacts', '/v1/contacts', '/v1/contacts/101']);
});
