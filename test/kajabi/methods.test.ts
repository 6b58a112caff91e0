/** The dropdowns and searchable lists that load from the Kajabi account, and the trigger's "every" choice. */
import type { INodeParameters } from 'n8n-workflow';

import { KajabiApi } from '../../credentials/KajabiApi.credentials';
import { Kajabi } from '../../nodes/Kajabi/Kajabi.node';
import { KajabiTrigger } from '../../nodes/Kajabi/KajabiTrigger.node';
import { listSearch, loadOptions } from '../../nodes/Kajabi/methods';
import { loadOptionsContext } from '../harness';
import { KajabiMock } from '../mocks/kajabi';
import { apiRequests, CREDENTIALS, mountKajabi, resetKajabi, virtualTime } from './run';

beforeEach(virtualTime);
afterEach(resetKajabi);

const context = (parameters: INodeParameters = { resource: 'contact', operation: 'get' }) =>
	loadOptionsContext({
		nodeType: 'n8n-nodes-creator-commerce.kajabi',
		node: new Kajabi(),
		parameters,
		credentialTypes: { kajabiApi: new KajabiApi() },
		credentials: { kajabiApi: CREDENTIALS },
	});

test('sites dropdown: every site, sorted, with the token', async () => {
	const mock = mountKajabi();
	expect(await loadOptions.getSites.call(context())).toEqual([
		{ name: 'Cooking Lab (#12)', value: '12' },
		{ name: 'Yoga School (#11)', value: '11' },
	]);
	expect(apiRequests(mock).map((request) => [request.path, request.query, request.headers.authorization])).toEqual([
		['/v1/sites', { 'page[size]': '100', 'page[number]': '1' }, 'Bearer token-1'],
	]);
});

test('offer, tag, form, product and course dropdowns narrow to the chosen site', async () => {
	const mock = mountKajabi();
	const inSite = context({ resource: 'contact', operation: 'create', siteId: { __rl: true, mode: 'id', value: '11' } });
	expect(await loadOptions.getOffers.call(inSite)).toEqual([
		{ name: 'Yoga Basics (#21)', value: '21' },
		{ name: 'Yoga Pro (#22)', value: '22' },
	]);
	expect(await loadOptions.getContactTags.call(inSite)).toEqual([
		{ name: 'Newsletter (#52)', value: '52' },
		{ name: 'VIP (#51)', value: '51' },
	]);
	expect(await loadOptions.getForms.call(inSite)).toEqual([{ name: 'Lead Magnet (#61)', value: '61' }]);
	expect(await loadOptions.getProducts.call(inSite)).toEqual([{ name: 'Yoga Course (#31)', value: '31' }]);
	expect(await loadOptions.getCourses.call(inSite)).toEqual([{ name: 'Morning Flow (#41)', value: '41' }]);
	expect(apiRequests(mock).every((request) => request.query['filter[site_id]'] === '11')).toBe(true);
});

test('contact search asks Kajabi with filter[search] in the account\'s one site and pages as the user scrolls', async () => {
	const mock = mountKajabi(new KajabiMock({ contacts: 120 }));
	mock.remove('sites', '12');
	const first = await listSearch.searchContacts.call(context(), 'student1');
	expect(first.results[0]).toEqual({ name: 'Student 1 <student1@example.com> (#101)', value: '101' });
	expect(first.results).toHaveLength(32);
	expect(first.paginationToken).toBeUndefined();
	const all = await listSearch.searchContacts.call(context());
	expect(all.results).toHaveLength(50);
	expect(all.paginationToken).toBe('0:2');
	const second = await listSearch.searchContacts.call(context(), undefined, '0:2');
	expect(second.results[0].value).toBe('151');
	const sites = { 'page[size]': '100', 'page[number]': '1' };
	// Kajabi requires filter[site_id] on contacts when an account has several sites, and recommends it always.
	expect(apiRequests(mock).map((request) => [request.path, request.query])).toEqual([
		['/v1/sites', sites],
		['/v1/contacts', { 'filter[site_id]': '11', 'page[number]': '1', 'page[size]': '50', 'filter[search]': 'student1' }],
		['/v1/sites', sites],
		['/v1/contacts', { 'filter[site_id]': '11', 'page[number]': '1', 'page[size]': '50' }],
		['/v1/sites', sites],
		['/v1/contacts', { 'filter[site_id]': '11', 'page[number]': '2', 'page[size]': '50' }],
	]);
});

test('contact and customer search on several sites: each site in turn, every entry naming its site', async () => {
	const mock = mountKajabi(new KajabiMock({ contacts: 60 }));
	mock.add('contacts', '990', { name: 'Cook', email: 'cook@example.com' }, { site: { data: { type: 'sites', id: '12' } } });
	const first = await listSearch.searchContacts.call(context());
	expect(first.results[0]).toEqual({ name: 'Student 1 <student1@example.com> (#101) · Yoga School', value: '101' });
	expect(first.results).toHaveLength(50);
	expect(first.paginationToken).toBe('0:2');
	const second = await listSearch.searchContacts.call(context(), undefined, first.paginationToken as string);
	expect(second.results).toHaveLength(10);
	expect(second.paginationToken).toBe('1:1');
	const third = await listSearch.searchContacts.call(context(), undefined, second.paginationToken as string);
	expect(third).toEqual({ results: [{ name: 'Cook <cook@example.com> (#990) · Cooking Lab', value: '990' }], paginationToken: undefined });
	// A site without matches is passed over within one call.
	const customers = await listSearch.searchCustomers.call(context(), 'student1');
	expect(customers).toEqual({
		results: [{ name: 'Student 1 <student1@example.com> (#201) · Yoga School', value: '201' }],
		paginationToken: '1:1',
	});
	expect(await listSearch.searchCustomers.call(context(), 'student1', '1:1')).toEqual({ results: [], paginationToken: undefined });
	expect(
		apiRequests(mock)
			.filter((request) => request.path !== '/v1/sites')
			.map((request) => `${request.path} site ${String(request.query['filter[site_id]'])} page ${String(request.query['page[number]'])}`),
	).toEqual([
		'/v1/contacts site 11 page 1',
		'/v1/contacts site 11 page 2',
		'/v1/contacts site 12 page 1',
		'/v1/customers site 11 page 1',
		'/v1/customers site 12 page 1',
	]);
});

test('contact search in the site chosen in the node asks only that site', async () => {
	const mock = mountKajabi();
	const inSite = context({ resource: 'contact', operation: 'create', siteId: { __rl: true, mode: 'id', value: '11' } });
	expect((await listSearch.searchContacts.call(inSite, 'student2')).results[0]).toEqual({
		name: 'Student 2 <student2@example.com> (#102)',
		value: '102',
	});
	expect(apiRequests(mock).map((request) => [request.path, request.query])).toEqual([
		['/v1/contacts', { 'filter[site_id]': '11', 'page[number]': '1', 'page[size]': '50', 'filter[search]': 'student2' }],
	]);
});

test('site, offer, tag, form, product, course and customer searches filter by title in Kajabi', async () => {
	const mock = mountKajabi();
	expect((await listSearch.searchSites.call(context(), 'yoga')).results).toEqual([{ name: 'Yoga School (#11)', value: '11' }]);
	expect((await listSearch.searchOffers.call(context(), 'pro')).results).toEqual([{ name: 'Yoga Pro (#22)', value: '22' }]);
	expect((await listSearch.searchContactTags.call(context(), 'vip')).results).toEqual([{ name: 'VIP (#51)', value: '51' }]);
	expect((await listSearch.searchForms.call(context(), 'lead')).results).toHaveLength(1);
	expect((await listSearch.searchProducts.call(context(), 'yoga')).results).toHaveLength(1);
	expect((await listSearch.searchCourses.call(context(), 'flow')).results).toHaveLength(1);
	expect((await listSearch.searchCustomers.call(context(), 'student1')).results).toEqual([
		{ name: 'Student 1 <student1@example.com> (#201) · Yoga School', value: '201' },
	]);
	// (the customer search also reads the account's sites, and names one: filter[site_id])
	const filters = apiRequests(mock).map((request) =>
		Object.keys(request.query).find((key) => key.startsWith('filter') && key !== 'filter[site_id]'),
	);
	expect(filters.filter((key) => key !== undefined)).toEqual([
		'filter[title_cont]',
		'filter[title_cont]',
		'filter[name_cont]',
		'filter[title_cont]',
		'filter[title_cont]',
		'filter[title_cont]',
		'filter[search]',
	]);
});

test('the trigger offers "every tag" and "every form" first', async () => {
	mountKajabi();
	const trigger = new KajabiTrigger();
	const tags = await trigger.methods.loadOptions.getTagsOrEvery.call(context());
	expect(tags[0]).toEqual({ name: 'Every Tag', value: '' });
	expect(tags).toHaveLength(3);
	const forms = await trigger.methods.loadOptions.getFormsOrEvery.call(context());
	expect(forms[0]).toEqual({ name: 'Every Form', value: '' });
});
