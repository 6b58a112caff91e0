/**
 * Where Kajabi's reference says something the per-operation cases do not show on their own:
 * payouts paged under `meta.pagination`, a replace with nothing chosen, a contact update that
 * only changes tags, the sort options and scopes the reference lists.
 */
import type { INodeProperties } from 'n8n-workflow';

import { Kajabi } from '../../nodes/Kajabi/Kajabi.node';
import { KAJABI } from '../../nodes/Kajabi/transport';
import { apiRequests, mountKajabi, resetKajabi, runKajabi, virtualTime } from './run';

beforeEach(virtualTime);
afterEach(resetKajabi);

const id = (value: string) => ({ __rl: true, mode: 'id', value });

const payout = (name: string) => ({ id: name, type: 'kajabi_payments_payouts', attributes: { status: 'Paid' } });

describe('payouts: pages as the reference shows them, under meta.pagination', () => {
	it('follows meta.pagination.next to the last page when there are no links', async () => {
		const mock = mountKajabi();
		mock.failNext(200, {
			data: [payout('payout_1')],
			meta: { total: 3, pagination: { current: 1, first: 1, next: 2, last: 3, records: 3 } },
		});
		mock.failNext(200, {
			data: [payout('payout_2')],
			meta: { total: 3, pagination: { current: 2, first: 1, prev: 1, next: 3, last: 3, records: 3 } },
		});
		mock.failNext(200, {
			data: [payout('payout_3')],
			meta: { total: 3, pagination: { current: 3, first: 1, prev: 2, last: 3, records: 3 } },
		});
		const result = await runKajabi({
			resource: 'payout',
			operation: 'getAll',
			siteId: id('11'),
			returnAll: true,
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.id)).toEqual(['payout_1', 'payout_2', 'payout_3']);
		expect(apiRequests(mock).map((request) => request.query)).toEqual([
			{ 'filter[site_id]': '11', 'page[number]': '1' },
			{ 'filter[site_id]': '11', 'page[number]': '2' },
			{ 'filter[site_id]': '11', 'page[number]': '3' },
		]);
	});

	it('asks no page past meta.pagination.last, whatever next says', async () => {
		const mock = mountKajabi();
		mock.failNext(200, {
			data: [payout('payout_1')],
			meta: { pagination: { current: 1, next: 2, last: 1 } },
		});
		const result = await runKajabi({ resource: 'payout', operation: 'getAll', siteId: id('11'), returnAll: true });
		expect(result.items).toHaveLength(1);
		expect(apiRequests(mock)).toHaveLength(1);
	});

	it('walks the mock payouts, which page like Kajabi, to the end', async () => {
		const mock = mountKajabi();
		const result = await runKajabi({ resource: 'payout', operation: 'getAll', siteId: id('11'), returnAll: true });
		expect(result.items.map((item) => item.json.id)).toEqual(['payout_abc123']);
		expect(apiRequests(mock)).toHaveLength(1);
	});
});

describe('replacing offers or tags with none', () => {
	it('Replace Tags with no tags sends an empty list and puts out that it succeeded', async () => {
		const mock = mountKajabi();
		const result = await runKajabi({ resource: 'contact', operation: 'replaceTags', contactId: id('105'), tagIds: [] });
		expect(result.error).toBeUndefined();
		expect(apiRequests(mock).map((request) => [request.method, request.path, request.body])).toEqual([
			['PATCH', '/v1/contacts/105/relationships/tags', { data: [] }],
		]);
		expect(result.items.map((item) => item.json)).toEqual([{ success: true }]);
		expect(mock.find('contacts', '105')?.relationships?.tags?.data).toEqual([]);
	});

	it('Customer → Replace Offers with none revokes them all', async () => {
		const mock = mountKajabi();
		const result = await runKajabi({ resource: 'customer', operation: 'replaceOffers', customerId: id('201'), offerIds: '' });
		expect(result.error).toBeUndefined();
		expect(apiRequests(mock).map((request) => request.body)).toEqual([{ data: [] }]);
		expect(result.items.map((item) => item.json)).toEqual([{ success: true }]);
	});

	it('adding, removing or granting nothing (an expression that gives none) is still refused, sending nothing', async () => {
		const none = '={{ $json.ids }}';
		for (const parameters of [
			{ resource: 'contact', operation: 'addTags', contactId: id('105'), tagIds: none },
			{ resource: 'contact', operation: 'grantOffers', contactId: id('105'), offerIds: none },
			{ resource: 'customer', operation: 'revokeOffers', customerId: id('201'), offerIds: none },
		]) {
			const mock = mountKajabi();
			const result = await runKajabi(parameters, { input: [{ ids: [] }] });
			expect(result.error?.message).toMatch(/^(Tags|Offers) is empty$/);
			expect(apiRequests(mock)).toEqual([]);
			resetKajabi();
		}
	});

	it('says in the field and the operation that none chosen removes them all', () => {
		const properties = new Kajabi().description.properties;
		const replace = properties.filter(
			(property) =>
				['offerIds', 'tagIds'].includes(property.name) &&
				String(property.displayOptions?.show?.operation).startsWith('replace'),
		);
		expect(replace).toHaveLength(3);
		for (const property of replace) {
			expect(property.required).toBe(false);
			expect(property.description).toMatch(/none chosen (revokes|removes) them all/);
		}
	});
});

describe('Contact → Update', () => {
	it('sends the tags relationship, with the attributes object Kajabi requires, when only tags change', async () => {
		const mock = mountKajabi();
		const result = await runKajabi({
			resource: 'contact',
			operation: 'update',
			contactId: id('104'),
			updateFields: { tagIds: '51, 52' },
		});
		expect(result.error).toBeUndefined();
		expect(apiRequests(mock)[0].body).toEqual({
			data: {
				type: 'contacts',
				id: '104',
				attributes: {},
				relationships: { tags: { data: [{ type: 'contact_tags', id: '51' }, { type: 'contact_tags', id: '52' }] } },
			},
		});
		expect(mock.find('contacts', '104')?.relationships?.tags?.data).toEqual([
			{ type: 'contact_tags', id: '51' },
			{ type: 'contact_tags', id: '52' },
		]);
	});

	it('refuses a tag that is not an ID, sending nothing', async () => {
		const mock = mountKajabi();
		const result = await runKajabi({
			resource: 'contact',
			operation: 'update',
			contactId: id('104'),
			updateFields: { tagIds: '51, ../52' },
		});
		expect(result.error?.message).toBe('Tags has a value that is not an ID: "../52"');
		expect(apiRequests(mock)).toEqual([]);
	});
});

describe('what the reference lists', () => {
	const sortOptions = (resource: string) => {
		const options = new Kajabi().description.properties.find(
			(property) =>
				property.name === 'options' &&
				property.displayOptions?.show?.resource?.[0] === resource &&
				property.displayOptions?.show?.operation?.includes('getAll'),
		)?.options as INodeProperties[];
		const sortBy = options.find((option) => option.name === 'sortBy');
		return (sortBy?.options as Array<{ value: string }>).map((option) => option.value);
	};

	it('offers only the sort attributes the reference names', () => {
		expect(sortOptions('blogPost')).toEqual(['title', 'published_at']);
		expect(sortOptions('podcast')).toEqual(['title']);
		expect(sortOptions('landingPage')).toEqual(['title', 'publish_at']);
	});

	it('names only scopes the reference has in the 403 hint', () => {
		const hint = String(KAJABI.hints?.[403]);
		expect(hint.match(/\b\w+:\w+\b/g)).toEqual(['view:contacts', 'view:purchases']);
	});
});
