/**
 * A Kajabi contact chosen "By Email": looked up with GET /v1/contacts and the documented
 * `filter[email_contains]`, in each of the account's sites (`filter[site_id]`, which Kajabi
 * requires when an account has several sites), the one contact whose email is exactly the one
 * given is used by the ID Kajabi returned; without one, the item fails before anything is
 * changed. The mock account has two sites, Yoga School (11, every seeded contact) and
 * Cooking Lab (12).
 */
import { Kajabi } from '../../nodes/Kajabi/Kajabi.node';
import type { KajabiMock } from '../mocks/kajabi';
import { apiRequests, mountKajabi, resetKajabi, runKajabi, virtualTime } from './run';

beforeEach(virtualTime);
afterEach(resetKajabi);

const byEmail = (value: string) => ({ __rl: true, mode: 'email', value });

const sites = { method: 'GET', path: '/v1/sites', query: { 'page[size]': '100', 'page[number]': '1' } };

const lookup = (email: string, site: string) => ({
	method: 'GET',
	path: '/v1/contacts',
	query: { 'filter[site_id]': site, 'filter[email_contains]': email, 'page[size]': '100', 'page[number]': '1' },
});

/** The sites request, then the lookup in each site. */
const lookups = (email: string) => [sites, lookup(email, '11'), lookup(email, '12')];

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
		...lookups('Student3@Example.com'),
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
	expect(sent(mock)).toEqual([...lookups('student2@example.com'), { method: 'PATCH', path: '/v1/contacts/102', query: {} }]);
	expect(requests[3].body).toEqual({
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
		'GET /v1/sites',
		'GET /v1/contacts',
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
	expect(sent(mock)).toEqual(lookups('nobody@example.com'));
});

test('an email two contacts have (two sites) fails the item rather than guessing, naming the sites', async () => {
	const mock = mountKajabi();
	mock.add('contacts', '991', { name: 'Student 3 elsewhere', email: 'student3@example.com' }, {
		site: { data: { type: 'sites', id: '12' } },
	});

	const result = await runKajabi({ resource: 'contact', operation: 'delete', contactId: byEmail('student3@example.com') });

	expect(result.error?.message).toBe('2 Kajabi contacts have the email student3@example.com');
	expect(result.error?.description).toBe(
		'Nothing was changed. Each of your sites keeps its own contacts (this email is in Yoga School, Cooking Lab); choose the contact from the list or by ID.',
	);
	expect(sent(mock)).toEqual(lookups('student3@example.com'));
});

test('a contact of the second site is found there, by the site Kajabi requires on several sites', async () => {
	const mock = mountKajabi();
	mock.add('contacts', '992', { name: 'Cook', email: 'cook@example.com' }, { site: { data: { type: 'sites', id: '12' } } });

	const result = await runKajabi({ resource: 'contact', operation: 'get', contactId: byEmail('cook@example.com') });

	expect(result.error).toBeUndefined();
	expect(result.items.map((item) => item.json.id)).toEqual(['992']);
	expect(sent(mock)).toEqual([...lookups('cook@example.com'), { method: 'GET', path: '/v1/contacts/992', query: {} }]);
});

test('an account with one site: that site, without the user choosing it', async () => {
	const mock = mountKajabi();
	mock.remove('sites', '12');

	const result = await runKajabi({ resource: 'contact', operation: 'get', contactId: byEmail('student3@example.com') });

	expect(result.error).toBeUndefined();
	expect(sent(mock)).toEqual([
		sites,
		lookup('student3@example.com', '11'),
		{ method: 'GET', path: '/v1/contacts/103', query: {} },
	]);
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
	// The items run at once: their requests interleave; they share one read of the sites.
	expect(sent(mock).map((request) => request.path).sort()).toEqual([
		'/v1/contacts',
		'/v1/contacts',
		'/v1/contacts',
		'/v1/contacts',
		'/v1/contacts/101',
		'/v1/sites',
	]);
});
