/**
 * GetCourse's failures under HTTP 200 (`success: false`, `result.error: true`) become node
 * errors with GetCourse's own message; Continue On Fail gives one item per failed input;
 * the secret key never reaches an error or an item; the credential.
 */
import { Workflow } from 'n8n-workflow';

import { GetCourseApi } from '../../credentials/GetCourseApi.credentials';
import { baseUrlOf, GETCOURSE_BASE_URL } from '../../nodes/GetCourse/address';
import { virtualClock } from '../clock';
import { interceptHttp, resetHttp, TestNodeTypes } from '../harness';
import { GetCourseMock } from '../mocks/getcourse';
import { BASE_URL, KEY, runGetCourse, TODAY } from './run';

let mock: GetCourseMock;

beforeEach(() => {
	virtualClock.install(TODAY);
	mock = new GetCourseMock({ now: virtualClock.now });
	interceptHttp(BASE_URL, mock.handle);
});

afterEach(resetHttp);

const createUser = { resource: 'user', operation: 'createOrUpdate', email: '={{ $json.email }}' };

test('success:false is a NodeApiError with GetCourse\'s error_message', async () => {
	mock.failNext({ success: false, error_message: 'Неверный ключ доступа' });
	const { error } = await runGetCourse(createUser, { input: [{ email: 'a@example.com' }] });
	expect(error?.name).toBe('NodeApiError');
	expect(error?.message).toBe('GetCourse: Неверный ключ доступа');
	expect(JSON.stringify(error)).not.toContain(KEY);
});

test('result.error under success:true is a NodeApiError with the result\'s error_message', async () => {
	const { error } = await runGetCourse(createUser, { input: [{ email: 'not-an-email' }] });
	expect(error?.name).toBe('NodeApiError');
	expect(error?.message).toBe('GetCourse: Не указан email пользователя');
	expect((error as { httpCode?: string }).httpCode).toBe('200');
});

test('a partner that does not exist is GetCourse\'s error, named', async () => {
	const { error } = await runGetCourse({
		...createUser,
		email: 'c@example.com',
		userDetails: { partnerEmail: 'nobody@example.com' },
	});
	expect(error?.message).toBe('GetCourse: Партнер nobody@example.com не найден');
});

test('Continue On Fail: a failed item becomes {error, description, httpCode}, the others go on', async () => {
	const { items, error } = await runGetCourse(createUser, {
		input: [{ email: 'ok@example.com' }, { email: 'bad' }],
		continueOnFail: true,
	});
	expect(error).toBeUndefined();
	expect(items).toHaveLength(2);
	const byItem = Object.fromEntries(items.map((item) => [(item.pairedItem as { item: number }).item, item.json]));
	expect(byItem[0]).toMatchObject({ success: true, user_status: 'added' });
	expect(byItem[1]).toEqual({
		error: 'GetCourse: Не указан email пользователя',
		description: expect.stringContaining('Check the values'),
		httpCode: '200',
	});
	expect(JSON.stringify(items)).not.toContain(KEY);
});

test('a wrong key is refused with what to do', async () => {
	const { error } = await runGetCourse(
		{ resource: 'export', operation: 'users', filters: { createdAtFrom: '2026-11-23' } },
		{ credentials: { secretKey: 'wrong' } },
	);
	expect(error?.message).toBe('GetCourse: Неверный ключ доступа (error 901)');
	expect(error?.description).toContain('Copy the key again');
	expect(JSON.stringify(error)).not.toContain('wrong');
});

test('a plan without the API (917) says so', async () => {
	mock.noApi = true;
	const { error } = await runGetCourse(createUser, { input: [{ email: 'a@example.com' }] });
	expect(error?.message).toBe('GetCourse: Функционал API недоступен на вашем тарифе (error 917)');
	expect(error?.description).toContain('paid plan');
});

test('an HTML page instead of JSON points at the Account field', async () => {
	mock.failNext('<html>Страница не найдена</html>', 404);
	const { error } = await runGetCourse(createUser, { input: [{ email: 'a@example.com' }] });
	expect(error?.message).toBe('GetCourse: <html>Страница не найдена</html>');
	expect(error?.description).toContain('Account');
});

describe('credential', () => {
	const credential = new GetCourseApi();
	const workflow = new Workflow({ nodes: [], connections: {}, active: false, nodeTypes: new TestNodeTypes({}) });
	const resolve = (account: string) =>
		workflow.expression.getParameterValue(GETCOURSE_BASE_URL, null, 0, 0, 'test', [], 'internal', {
			$credentials: { account },
		});

	test.each([
		['myschool', 'https://myschool.getcourse.ru'],
		[' myschool ', 'https://myschool.getcourse.ru'],
		['myschool.getcourse.io', 'https://myschool.getcourse.io'],
		['school.example.com/', 'https://school.example.com'],
		['https://school.example.com/', 'https://school.example.com'],
		['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
	])('account %j is the address %s, in the credential and in the code', (account, url) => {
		expect(resolve(account)).toBe(url);
		expect(baseUrlOf(account)).toBe(url);
	});

	test('the test lists the fields directory (no export budget) and refuses success:false and result.error', () => {
		expect(credential.test.request).toEqual({
			disableFollowRedirect: true,
			baseURL: GETCOURSE_BASE_URL,
			url: '/pl/api/account/fields',
			method: 'POST',
			headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
			body: { action: 'get' },
		});
		const rules = credential.test.rules!.map((rule) => rule.properties as { key: string; value: unknown });
		expect(rules.map((rule) => [rule.key, rule.value])).toEqual([
			['success', undefined],
			['success', false],
			['result.error', true],
		]);
	});

	test('the key goes into the form of a POST and the query of a GET', async () => {
		const post = await credential.authenticate(
			{ secretKey: 's3cret' },
			{ method: 'POST', url: '/pl/api/users', body: { action: 'add', params: 'e30=' } },
		);
		expect(post.body).toEqual({ action: 'add', params: 'e30=', key: 's3cret' });
		expect(post.qs).toBeUndefined();
		const get = await credential.authenticate(
			{ secretKey: 's3cret' },
			{ method: 'GET', url: '/pl/api/account/users', qs: { status: 'active' } },
		);
		expect(get.qs).toEqual({ status: 'active', key: 's3cret' });
	});
});
