/** The group picker of the node and the trigger, loaded as the editor loads it. */
import { GetCourseApi } from '../../credentials/GetCourseApi.credentials';
import { GetCourse } from '../../nodes/GetCourse/GetCourse.node';
import { GetCourseTrigger } from '../../nodes/GetCourse/GetCourseTrigger.node';
import { GROUPS_KEPT_MS } from '../../nodes/GetCourse/methods';
import { GETCOURSE } from '../../nodes/GetCourse/transport';
import { virtualClock } from '../clock';
import { interceptHttp, loadOptionsContext, resetHttp } from '../harness';
import { GetCourseMock } from '../mocks/getcourse';
import { BASE_URL, CREDENTIALS, KEY, TODAY } from './run';

afterEach(resetHttp);

const context = () =>
	loadOptionsContext({
		nodeType: 'n8n-nodes-creator-commerce.getCourse',
		node: new GetCourse(),
		parameters: { resource: 'export', operation: 'groupUsers' },
		credentialTypes: { getCourseApi: new GetCourseApi() },
		credentials: { getCourseApi: CREDENTIALS },
	});

test('the group picker lists the groups by name, searchable by name or ID', async () => {
	virtualClock.install(TODAY);
	const mock = new GetCourseMock({ now: virtualClock.now });
	interceptHttp(BASE_URL, mock.handle);
	const { searchGroups } = new GetCourse().methods.listSearch;

	expect(await searchGroups.call(context())).toEqual({
		results: [
			{ name: 'Webinar (#102)', value: '102' },
			{ name: 'Покупатели (#101)', value: '101' },
		],
	});
	expect(mock.requests.map((request) => [request.method, request.path, request.query])).toEqual([
		['GET', '/pl/api/account/groups', { key: KEY }],
	]);
	expect((await searchGroups.call(context(), 'покуп')).results).toEqual([{ name: 'Покупатели (#101)', value: '101' }]);
	expect((await searchGroups.call(context(), '102')).results).toEqual([{ name: 'Webinar (#102)', value: '102' }]);
	expect(new GetCourseTrigger().methods.listSearch.searchGroups).toBe(searchGroups);
});

test('a picker that fails shows GetCourse\'s message', async () => {
	const mock = new GetCourseMock();
	mock.noApi = true;
	interceptHttp(BASE_URL, mock.handle);
	await expect(new GetCourse().methods.listSearch.searchGroups.call(context())).rejects.toThrow(
		'GetCourse: Функционал API недоступен на вашем тарифе (error 917)',
	);
});

test('searching the group picker spends one export request per 10 minutes, not one per keystroke', async () => {
	virtualClock.install(TODAY);
	const mock = new GetCourseMock({ now: virtualClock.now });
	interceptHttp(BASE_URL, mock.handle);
	const { searchGroups } = new GetCourse().methods.listSearch;

	for (const typed of ['', 'w', 'we', 'web', 'webi', '101']) await searchGroups.call(context(), typed);
	expect(mock.requests).toHaveLength(1);
	virtualClock.time += GROUPS_KEPT_MS - 1;
	await searchGroups.call(context(), 'x');
	expect(mock.requests).toHaveLength(1);
	virtualClock.time += 1;
	expect((await searchGroups.call(context(), 'web')).results).toEqual([{ name: 'Webinar (#102)', value: '102' }]);
	expect(mock.requests).toHaveLength(2);
});

test('the export budget is the school\'s: every way of writing one school\'s address is one account', () => {
	const account = GETCOURSE.budget!.account;
	const keys = ['myschool', 'myschool.getcourse.ru', 'https://myschool.getcourse.ru/', 'HTTP://MySchool.getcourse.ru'].map(
		(value) => account({ account: value }),
	);
	expect(new Set(keys)).toEqual(new Set(['https://myschool.getcourse.ru']));
	expect(account({ account: 'otherschool' })).not.toBe(keys[0]);
});
