/**
 * Kajabi's lists, records and errors through n8n: page[number] / page[size] pages followed
 * to the end or to the limit, Simplify on and off (with included records), and every
 * class of error in the shared shape with Kajabi's own words.
 */
import { KajabiMock } from '../mocks/kajabi';
import { apiRequests, mountKajabi, resetKajabi, runKajabi, virtualTime } from './run';

beforeEach(virtualTime);
afterEach(resetKajabi);

const id = (value: string) => ({ __rl: true, mode: 'id', value });

describe('pagination', () => {
	it('follows pages of 100 to the last one with Return All', async () => {
		const mock = mountKajabi(new KajabiMock({ contacts: 250 }));
		const result = await runKajabi({ resource: 'contact', operation: 'getAll', returnAll: true });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(250);
		expect(apiRequests(mock).map((request) => request.query)).toEqual([
			{ 'page[size]': '100', 'page[number]': '1' },
			{ 'page[size]': '100', 'page[number]': '2' },
			{ 'page[size]': '100', 'page[number]': '3' },
		]);
		expect(result.items[249].json).toMatchObject({ id: '350', email: 'student250@example.com' });
		expect(new Set(result.items.map((item) => item.json.id)).size).toBe(250);
	});

	it('stops at the limit, asking for no page beyond it', async () => {
		const mock = mountKajabi(new KajabiMock({ contacts: 250 }));
		const result = await runKajabi({ resource: 'contact', operation: 'getAll', returnAll: false, limit: 150 });
		expect(result.items).toHaveLength(150);
		expect(apiRequests(mock).map((request) => request.query['page[number]'])).toEqual(['1', '2']);
	});

	it('stops when Kajabi gives no next link', async () => {
		const mock = mountKajabi();
		mock.failNext(200, {
			data: [{ id: '1', type: 'sites', attributes: { title: 'A' } }],
			links: { next: null },
			meta: {},
		});
		const result = await runKajabi({ resource: 'site', operation: 'getAll', returnAll: true });
		expect(result.items).toHaveLength(1);
		expect(apiRequests(mock)).toHaveLength(1);
	});

	it('keeps each item paired with its input item', async () => {
		mountKajabi();
		const result = await runKajabi(
			{ resource: 'contact', operation: 'get', contactId: id('={{ $json.contact }}') },
			{ input: [{ contact: '101' }, { contact: '102' }] },
		);
		expect(result.items.map((item) => [item.json.id, item.pairedItem])).toEqual([
			['101', { item: 0 }],
			['102', { item: 1 }],
		]);
	});
});

describe('Simplify', () => {
	const getWithTags = { resource: 'contact', operation: 'get', contactId: id('101'), options: { include: ['tags'] } };

	it('flattens attributes and related IDs and merges included records', async () => {
		mountKajabi();
		const result = await runKajabi(getWithTags);
		expect(result.items.map((item) => item.json)).toEqual([
			{
				id: '101',
				type: 'contacts',
				name: 'Student 1',
				email: 'student1@example.com',
				subscribed: false,
				site_id: '11',
				tag_ids: ['51'],
				offer_ids: [],
				tags: [{ id: '51', type: 'contact_tags', name: 'VIP', site_id: '11' }],
			},
		]);
	});

	it('puts out Kajabi\'s JSON:API record, with the included records, when off', async () => {
		mountKajabi();
		const result = await runKajabi({ ...getWithTags, simplify: false });
		const [item] = result.items.map((output) => output.json);
		expect(item).toMatchObject({
			id: '101',
			type: 'contacts',
			attributes: { name: 'Student 1', email: 'student1@example.com' },
			relationships: { site: { data: { type: 'sites', id: '11' } }, tags: { data: [{ type: 'contact_tags', id: '51' }] } },
			included: [{ id: '51', type: 'contact_tags', attributes: { name: 'VIP' } }],
		});
	});

	it('gives a deleted contact ({ data: {} }) as { deleted: true }', async () => {
		const mock = mountKajabi();
		const result = await runKajabi({ resource: 'contact', operation: 'delete', contactId: id('130') });
		expect(result.items.map((item) => item.json)).toEqual([{ deleted: true }]);
		expect(mock.find('contacts', '130')).toBeUndefined();
	});

	it('gives a delete that Kajabi answers with no content as { deleted: true }', async () => {
		const mock = mountKajabi();
		const result = await runKajabi({ resource: 'hook', operation: 'delete', hookId: id('801') });
		expect(result.items.map((item) => item.json)).toEqual([{ deleted: true }]);
		expect(mock.find('hooks', '801')).toBeUndefined();
	});
});

describe('errors', () => {
	it('422: names each field Kajabi refused, in its words', async () => {
		mountKajabi();
		const result = await runKajabi({ resource: 'contact', operation: 'create', siteId: id('11'), email: 'not-an-email' });
		expect(result.error?.message).toBe('Kajabi: Invalid attribute: Email is invalid (email)');
		expect(result.error?.description).toContain('Fields Kajabi named: email.');
		expect(result.error?.description).toContain('Correct the values Kajabi named');
		expect((result.error as { httpCode?: string }).httpCode).toBe('422');
	});

	it('403: says which scope the API key lacks', async () => {
		const mock = mountKajabi();
		mock.missingScopes.set('/v1/purchases', 'view:purchases');
		const result = await runKajabi({ resource: 'purchase', operation: 'get', purchaseId: id('301') });
		expect(result.error?.message).toBe('Kajabi: Forbidden: Missing required scope: view:purchases');
		expect(result.error?.description).toContain('lacks a permission (scope)');
	});

	it('404: Kajabi has no such record', async () => {
		mountKajabi();
		const result = await runKajabi({ resource: 'contact', operation: 'get', contactId: id('999') });
		expect(result.error?.message).toBe('Kajabi: Not Found: contacts 999 not found');
		expect(result.error?.description).toContain('Check the ID');
	});

	it('400: a payout list without a site is refused with Kajabi\'s words', async () => {
		const mock = mountKajabi();
		mock.failNext(400, { errors: [{ status: '400', title: 'Bad Request', detail: 'filter[site_id] is required' }] });
		const result = await runKajabi({ resource: 'payout', operation: 'getAll', siteId: id('11'), returnAll: true });
		expect(result.error?.message).toBe('Kajabi: Bad Request: filter[site_id] is required');
	});

	it('an HTML page instead of JSON:API is an error about the base URL', async () => {
		const mock = mountKajabi();
		mock.failNext(200, '<html>proxy login</html>');
		const result = await runKajabi({ resource: 'me', operation: 'get' });
		expect(result.error?.message).toBe('Kajabi answered with an HTML page instead of JSON');
		expect(result.error?.description).toContain('Base URL');
	});

	it('429: waits as Kajabi says and resends', async () => {
		const mock = mountKajabi();
		mock.failNext(429, { errors: [{ title: 'Too Many Requests' }] }, { 'Retry-After': '3' });
		const result = await runKajabi({ resource: 'me', operation: 'get' });
		expect(result.error).toBeUndefined();
		expect(apiRequests(mock)).toHaveLength(2);
	});

	it('a bad ID fails before anything is sent, naming the field', async () => {
		const mock = mountKajabi();
		// n8n checks typed values itself; a value from an expression reaches the node.
		const result = await runKajabi(
			{ resource: 'contact', operation: 'get', contactId: id('={{ $json.contact }}') },
			{ input: [{ contact: '../hooks' }] },
		);
		expect(result.error?.message).toBe('Contact "../hooks" is not valid');
		expect(apiRequests(mock)).toHaveLength(0);
	});

	it('an empty list of offers to grant fails before anything is sent', async () => {
		const mock = mountKajabi();
		const result = await runKajabi(
			{ resource: 'contact', operation: 'grantOffers', contactId: id('101'), offerIds: '={{ $json.offers }}' },
			{ input: [{ offers: ' , ' }] },
		);
		expect(result.error?.message).toBe('Offers is empty');
		expect(apiRequests(mock)).toHaveLength(0);
	});

	it('Continue On Fail: a failed item becomes { error, description, httpCode } and the others go on', async () => {
		mountKajabi();
		const result = await runKajabi(
			{ resource: 'contact', operation: 'get', contactId: id('={{ $json.contact }}') },
			{ input: [{ contact: '999' }, { contact: '101' }], continueOnFail: true },
		);
		expect(result.error).toBeUndefined();
		expect(result.items[0]).toMatchObject({
			json: { error: 'Kajabi: Not Found: contacts 999 not found', httpCode: '404' },
			pairedItem: { item: 0 },
		});
		expect(result.items[1]).toMatchObject({ json: { id: '101' }, pairedItem: { item: 1 } });
	});
});
