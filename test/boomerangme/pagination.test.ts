/** Return All and Limit over Boomerangme's `page` / `itemsPerPage` and `meta`. */
import { interceptHttp, resetHttp } from '../harness';
import { BoomerangmeMock } from '../mocks/boomerangme';
import { BASE_URL, runBoomerangme } from './run';

afterEach(resetHttp);

const pagesAsked = (requests: Array<{ query: Record<string, unknown> }>) =>
	requests.map((r) => [r.query.page, r.query.itemsPerPage]);

describe('pagination', () => {
	it('Return All follows the pages to the last one, 100 at a time', async () => {
		const mock = new BoomerangmeMock({ customers: 250 });
		const requests = interceptHttp(BASE_URL, mock.handle);
		const result = await runBoomerangme({ resource: 'customer', operation: 'getAll', returnAll: true });
		expect(pagesAsked(requests)).toEqual([
			['1', '100'],
			['2', '100'],
			['3', '100'],
		]);
		expect(result.items.map((i) => i.json.id)).toEqual(mock.customers.map((c) => c.id));
	});

	it('Limit asks for no more pages than it needs', async () => {
		const mock = new BoomerangmeMock({ customers: 250 });
		const requests = interceptHttp(BASE_URL, mock.handle);
		const result = await runBoomerangme({ resource: 'customer', operation: 'getAll', returnAll: false, limit: 120 });
		expect(pagesAsked(requests)).toEqual([
			['1', '100'],
			['2', '100'],
		]);
		expect(result.items).toHaveLength(120);
		expect(result.items[119].json.id).toBe(mock.customers[119].id);
	});

	it('a small Limit is one request of that size', async () => {
		const mock = new BoomerangmeMock();
		const requests = interceptHttp(BASE_URL, mock.handle);
		const result = await runBoomerangme({ resource: 'customer', operation: 'getAll', returnAll: false, limit: 3 });
		expect(pagesAsked(requests)).toEqual([['1', '3']]);
		expect(result.items).toHaveLength(3);
	});

	it('when Boomerangme answers smaller pages than asked, Return All still gets every record', async () => {
		const mock = new BoomerangmeMock({ customers: 70, maxPerPage: 30 });
		const requests = interceptHttp(BASE_URL, mock.handle);
		const result = await runBoomerangme({ resource: 'customer', operation: 'getAll', returnAll: true });
		expect(requests.map((r) => r.query.page)).toEqual(['1', '2', '3']);
		expect(result.items).toHaveLength(70);
	});

	it('a server that keeps answering page 1 is not asked forever', async () => {
		const mock = new BoomerangmeMock({ customers: 250 });
		const requests = interceptHttp(BASE_URL, (request) =>
			mock.handle({ ...request, query: { ...request.query, page: '1' } }),
		);
		const result = await runBoomerangme({ resource: 'customer', operation: 'getAll', returnAll: true });
		expect(requests.map((r) => r.query.page)).toEqual(['1', '2']);
		expect(result.items).toHaveLength(200);
	});

	it('an empty list is no items and one request', async () => {
		const mock = new BoomerangmeMock();
		const requests = interceptHttp(BASE_URL, mock.handle);
		const result = await runBoomerangme({
			resource: 'card',
			operation: 'getAll',
			returnAll: true,
			filters: { customerPhone: '+10000000000' },
		});
		expect(requests).toHaveLength(1);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(0);
	});
});
