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

test('contact search asks Kajabi with filter[search] and pages as the user scrolls', async () => {
	const mock = mountKajabi(new KajabiMock({ contacts: 120 }));
	const first = await listSearch.searchContacts.call(context(), 'student1');
	expect(first.results[0]).toEqual({ name: 'Student 1 <student1@example.com> (#101)', value: '101' });
	expect(first.results).toHaveLength(32);
	expect(first.paginationToken).toBeUndefined();
	const all = await listSearch.searchContacts.call(context());
	expect(all.results).toHaveLength(50);
	expect(all.paginationToken).toBe('2');
	const second = await listSearch.searchContacts.call(context(), undefined, '2');
	expect(second.results[0].value).toBe('151');
	expect(apiRequests(mock).map((request) => request.query)).toEqual([
		{ 'page[number]': '1', 'page[size]': '50', 'filter[search]': 'student1' },
		{ 'page[number]': '1', 'page[size]': '50' },
		{ 'page[number]': '2', 'page[size]': '50' },
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
		{ name: 'Student 1 <student1@example.com> (#201)', value: '201' },
	]);
	expect(apiRequests(mock).map((request) => Object.keys(request.query).find((key) => key.startsWith('filter')))).toEqual([
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
