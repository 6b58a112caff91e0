/**
 * Exports through n8n: each kind starts, waits while GetCourse answers 909 "file not created
 * yet" (in virtual time), and comes out as one item per row keyed by GetCourse's own
 * (Cyrillic) column names; the other modes, 905, and the budget.
 */
import type { INodeParameters } from 'n8n-workflow';

import { englishColumn, rowsToObjects } from '../../nodes/GetCourse/exports';
import { virtualClock } from '../clock';
import { interceptHttp, resetHttp } from '../harness';
import { DEAL_COLUMNS, GetCourseMock, GROUP_USER_COLUMNS, PAYMENT_COLUMNS, USER_COLUMNS } from '../mocks/getcourse';
import { BASE_URL, KEY, runGetCourse, TODAY } from './run';

let mock: GetCourseMock;

beforeEach(() => {
	virtualClock.install(TODAY);
	mock = new GetCourseMock({ now: virtualClock.now });
	interceptHttp(BASE_URL, mock.handle);
});

afterEach(resetHttp);

const calls = () => mock.requests.map((request) => [request.method, request.path, request.query]);

interface Kind {
	name: string;
	parameters: INodeParameters;
	path: string;
	query: Record<string, string>;
	columns: string[];
	rows: (m: GetCourseMock) => Array<Record<string, unknown>>;
}

const kinds: Kind[] = [
	{
		name: 'users',
		parameters: {
			resource: 'export',
			operation: 'users',
			filters: { createdAtFrom: '2026-11-23T00:00:00', createdAtTo: '2026-11-23T00:00:00', status: 'active' },
		},
		path: '/pl/api/account/users',
		query: { 'created_at[from]': '2026-11-23', 'created_at[to]': '2026-11-23', status: 'active' },
		columns: USER_COLUMNS,
		rows: (m) =>
			m.users.map((user) => ({
				id: String(user.id),
				Email: user.email,
				'Тип регистрации': 'Самостоятельно',
				Создан: user.created_at,
				'Последняя активность': user.created_at,
				Имя: user.first_name ?? '',
				Фамилия: user.last_name ?? '',
				Телефон: '',
				Город: '',
				Страна: '',
				Telegram: '',
			})),
	},
	{
		name: 'orders',
		parameters: {
			resource: 'export',
			operation: 'orders',
			filters: {
				createdAtFrom: '2026-11-01T00:00:00',
				createdAtTo: '2026-11-30T00:00:00',
				payedAtFrom: '2026-11-02',
				payedAtTo: '2026-11-29',
				finishedAtFrom: '2026-11-03',
				finishedAtTo: '2026-11-28',
				statusChangedAtFrom: '2026-11-04',
				statusChangedAtTo: '2026-11-27',
				status: 'payed',
			},
		},
		path: '/pl/api/account/deals',
		query: {
			'created_at[from]': '2026-11-01',
			'created_at[to]': '2026-11-30',
			'payed_at[from]': '2026-11-02',
			'payed_at[to]': '2026-11-29',
			'finished_at[from]': '2026-11-03',
			'finished_at[to]': '2026-11-28',
			'status_changed_at[from]': '2026-11-04',
			'status_changed_at[to]': '2026-11-27',
			status: 'payed',
		},
		columns: DEAL_COLUMNS,
		rows: (m) => {
			const deal = m.deals[0];
			return [
				{
					'ID заказа': String(deal.id),
					Номер: deal.number,
					'ID пользователя': String(m.users[0].id),
					Пользователь: 'Анна Иванова',
					Email: 'anna@example.com',
					'Дата создания': deal.created_at,
					'Дата оплаты': deal.paid_at,
					Title: 'Курс копирайтинга',
					Статус: 'payed',
					'Стоимость, RUB': '4900',
					Оплачено: '4900',
					Валюта: 'RUB',
				},
			];
		},
	},
	{
		name: 'payments',
		parameters: {
			resource: 'export',
			operation: 'payments',
			filters: {
				createdAtFrom: '2026-11-23T00:00:00',
				status: 'accepted',
				statusChangedAtFrom: '2026-11-01',
				statusChangedAtTo: '2026-11-30',
			},
		},
		path: '/pl/api/account/payments',
		query: {
			'created_at[from]': '2026-11-23',
			status: 'accepted',
			'status_changed_at[from]': '2026-11-01',
			'status_changed_at[to]': '2026-11-30',
		},
		columns: PAYMENT_COLUMNS,
		rows: (m) => [
			{
				Номер: String(m.payments[0].id),
				Пользователь: 'Анна Иванова',
				Email: 'anna@example.com',
				Заказ: m.deals[0].number,
				'Дата создания': m.payments[0].created_at,
				Тип: 'CARD',
				Статус: 'accepted',
				Сумма: '4900',
				'Код платежа': `P-${m.payments[0].id}`,
			},
		],
	},
	{
		name: 'group users',
		parameters: {
			resource: 'export',
			operation: 'groupUsers',
			groupId: { __rl: true, mode: 'list', value: '101' },
			filters: { addedAtFrom: '2026-11-23T00:00:00', addedAtTo: '2026-11-24T00:00:00', createdAtFrom: '2026-11-01', status: 'active' },
		},
		path: '/pl/api/account/groups/101/users',
		query: {
			'added_at[from]': '2026-11-23',
			'added_at[to]': '2026-11-24',
			'created_at[from]': '2026-11-01',
			status: 'active',
		},
		columns: GROUP_USER_COLUMNS,
		rows: (m) => {
			const anna = m.users[0];
			return [
				{
					id: String(anna.id),
					Email: anna.email,
					'Тип регистрации': 'Самостоятельно',
					Создан: anna.created_at,
					'Последняя активность': anna.created_at,
					Имя: 'Анна',
					Фамилия: 'Иванова',
					Телефон: '',
					Город: '',
					Страна: '',
					Telegram: '',
					'ID группы': '101',
					'Добавлен в группу': anna.groups.get('Покупатели'),
				},
			];
		},
	},
];

test.each(kinds)('export $name: 909 twice, then one item per row keyed by the columns', async (kind) => {
	const { items, error } = await runGetCourse({ ...kind.parameters, simplify: false });

	expect(error).toBeUndefined();
	const exportId = [...mock.exports.keys()].at(-1);
	expect(calls()).toEqual([
		['GET', kind.path, { ...kind.query, key: KEY }],
		['GET', `/pl/api/account/exports/${exportId}`, { key: KEY }],
		['GET', `/pl/api/account/exports/${exportId}`, { key: KEY }],
		['GET', `/pl/api/account/exports/${exportId}`, { key: KEY }],
	]);
	// Bounded back-off between the checks, in virtual time.
	expect(virtualClock.waits).toEqual([10_000, 15_000, 30_000]);
	const rows = kind.rows(mock);
	expect(rows.length).toBeGreaterThan(0);
	expect(items.map((item) => item.json)).toEqual(rows);
	expect(Object.keys(items[0].json)).toEqual(kind.columns);
	expect(items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
});

test.each(kinds)('export $name with Simplify (the default): the same rows under English keys', async (kind) => {
	const { items, error } = await runGetCourse(kind.parameters);

	expect(error).toBeUndefined();
	const english = kind.rows(mock).map((row) =>
		Object.fromEntries(Object.entries(row).map(([column, value]) => [englishColumn(column), value])),
	);
	expect(items.map((item) => item.json)).toEqual(english);
	// Every column of the mock's exports has an English key: nothing Cyrillic is left.
	expect(Object.keys(items[0].json).filter((key) => /[А-Яа-яЁё]/.test(key))).toEqual([]);
});

test('Simplify names the columns as documented; unknown columns keep their names', () => {
	const fields = ['ID заказа', 'Номер', 'Email', 'Дата создания', 'Статус', 'Стоимость, USD', 'Мой курс', 'Email'];
	const [row] = rowsToObjects(fields, [['7', 'D-7', 'a@example.com', '2026-11-23', 'payed', '49', 'да', 'b@example.com']], true);
	expect(row).toEqual({
		order_id: '7',
		number: 'D-7',
		email: 'a@example.com',
		created_at: '2026-11-23',
		status: 'payed',
		cost: '49',
		'Мой курс': 'да',
		'email (2)': 'b@example.com',
	});
});

test('export details say how many requests the export took', async () => {
	const { items } = await runGetCourse({
		resource: 'export',
		operation: 'users',
		filters: { createdAtFrom: '2026-11-23' },
		exportOptions: { exportDetails: true },
	});
	expect(items.map((item) => item.json._export)).toEqual([
		{ export_id: '5000', requests: 4, rows: 2 },
		{ export_id: '5000', requests: 4, rows: 2 },
	]);
});

test('raw output gives GetCourse\'s own fields and items', async () => {
	const { items } = await runGetCourse({
		resource: 'export',
		operation: 'payments',
		filters: { createdAtFrom: '2026-11-23' },
		exportOptions: { rawOutput: true },
	});
	expect(items).toHaveLength(1);
	expect(items[0].json).toEqual({
		export_id: '5000',
		requests: 4,
		fields: PAYMENT_COLUMNS,
		items: [expect.arrayContaining(['anna@example.com', 'accepted'])],
	});
});

test('start only returns the export ID after one request; get result fetches it later', async () => {
	const started = await runGetCourse({
		resource: 'export',
		operation: 'users',
		mode: 'start',
		filters: { createdAtFrom: '2026-11-23' },
	});
	expect(started.items.map((item) => item.json)).toEqual([{ export_id: '5000', requests: 1 }]);
	expect(mock.requests).toHaveLength(1);

	const result = await runGetCourse({ resource: 'export', operation: 'getResult', exportId: '5000' });
	expect(result.error).toBeUndefined();
	expect(calls().slice(1)).toEqual([
		['GET', '/pl/api/account/exports/5000', { key: KEY }],
		['GET', '/pl/api/account/exports/5000', { key: KEY }],
		['GET', '/pl/api/account/exports/5000', { key: KEY }],
	]);
	// The first check of a started export is not delayed.
	expect(virtualClock.waits).toEqual([10_000, 15_000]);
	expect(result.items.map((item) => item.json.email)).toEqual(['anna@example.com', 'boris@example.com']);
});

test('get result with an export ID that is not a number sends nothing', async () => {
	const { error } = await runGetCourse({ resource: 'export', operation: 'getResult', exportId: '../users' });
	expect(error?.message).toBe('Export ID "../users" is not valid');
	expect(mock.requests).toHaveLength(0);
});

test('get result takes the Export ID as written, without the blanks around it', async () => {
	mock.exports.set(5000, { id: 5000, fields: ['id'], items: [['1']], startedAt: 0, checks: 0, ready: true });
	const { items, error } = await runGetCourse({ resource: 'export', operation: 'getResult', exportId: ' 5000 ' });
	expect(error).toBeUndefined();
	expect(calls()).toEqual([['GET', '/pl/api/account/exports/5000', { key: KEY }]]);
	expect(virtualClock.waits).toEqual([]);
	expect(items.map((item) => item.json)).toEqual([{ id: '1' }]);
});

test('a started export whose answer has no export ID is an error, not a wait', async () => {
	mock.failNext({ success: true, info: {} });
	const { error } = await runGetCourse({ resource: 'export', operation: 'payments', filters: { createdAtFrom: '2026-11-23' } });
	expect(error?.name).toBe('NodeApiError');
	expect(error?.message).toBe('GetCourse answered with an answer without an export ID');
	expect(mock.requests).toHaveLength(1);
	expect(virtualClock.waits).toEqual([]);
});

test('an export result without fields and items is an error', async () => {
	mock.failNext({ success: true, info: { fields: ['id'] } });
	const { error } = await runGetCourse({ resource: 'export', operation: 'getResult', exportId: '5000' });
	expect(error?.name).toBe('NodeApiError');
	expect(error?.message).toBe('GetCourse answered with an export result without fields and items');
	expect(mock.requests).toHaveLength(1);
});

test.each([
	['group: get many', { resource: 'group', operation: 'getAll', returnAll: true }],
	['field: get many', { resource: 'field', operation: 'getAll' }],
	['user: create or update', { resource: 'user', operation: 'createOrUpdate', email: 'a@example.com' }],
])('905 and 909 are waited out only by exports: %s fails at once', async (_name, parameters: INodeParameters) => {
	for (const code of [905, 909]) {
		mock.failNext({ success: false, error_code: code, error_message: 'Файл еще не создан' });
		const { error } = await runGetCourse(parameters);
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe(`GetCourse: Файл еще не создан (error ${code})`);
	}
	expect(mock.requests).toHaveLength(2);
	expect(virtualClock.waits).toEqual([]);
});

test('an answer of another request is not held to what an export answer must hold', async () => {
	mock.failNext({ success: true, info: [{ id: 7, name: 'Группа' }] });
	const { items, error } = await runGetCourse({ resource: 'group', operation: 'getAll', returnAll: true });
	expect(error).toBeUndefined();
	expect(items.map((item) => item.json)).toEqual([{ id: 7, name: 'Группа' }]);
});

test('905: another export runs, the node waits and starts again (bounded)', async () => {
	mock.failNext({ success: false, error_code: 905, error_message: 'Уже выполняется другой экспорт' });
	const { items, error } = await runGetCourse({
		resource: 'export',
		operation: 'users',
		filters: { createdAtFrom: '2026-11-23' },
	});
	expect(error).toBeUndefined();
	expect(items).toHaveLength(2);
	expect(virtualClock.waits).toEqual([30_000, 10_000, 15_000, 30_000]);
	expect(mock.requests).toHaveLength(5);
});

test('905 that never ends fails with what to do after 4 tries', async () => {
	for (let i = 0; i < 10; i++) {
		mock.failNext({ success: false, error_code: 905, error_message: 'Уже выполняется другой экспорт' });
	}
	const { error } = await runGetCourse({ resource: 'export', operation: 'users', filters: { createdAtFrom: '2026-11-23' } });
	expect(error?.message).toBe('GetCourse: another export is still running (error 905)');
	expect(error?.description).toContain('one export at a time');
	expect(mock.requests).toHaveLength(4);
	expect(virtualClock.waits).toEqual([30_000, 60_000, 120_000]);
});

test('an export still not ready after Max Status Checks says how to fetch it later', async () => {
	mock.notReadyChecks = 100;
	const { error } = await runGetCourse({
		resource: 'export',
		operation: 'orders',
		filters: { createdAtFrom: '2026-11-23' },
		exportOptions: { maxChecks: 3 },
	});
	expect(error?.message).toBe('GetCourse: export 5000 is not ready yet');
	expect(error?.description).toContain('Get Result and export ID 5000');
	expect(mock.requests).toHaveLength(4);
});

test('an export without a filter fails before anything is sent', async () => {
	const { error } = await runGetCourse({ resource: 'export', operation: 'users', filters: {} });
	expect(error?.message).toBe('Add at least one filter to the export');
	expect(mock.requests).toHaveLength(0);
});

test('a group export with a bad group ID and no filter fails on the group ID, before anything is sent', async () => {
	const { error } = await runGetCourse({ resource: 'export', operation: 'groupUsers', groupId: '../users', filters: {} });
	expect(error?.message).toBe('Group "../users" is not valid');
	expect(mock.requests).toHaveLength(0);
});

test.each([
	[901, 'Неверный ключ доступа', 'Copy the key again'],
	[903, 'Превышен лимит запросов', 'poll less often'],
	[908, 'Не указан ни один фильтр', 'at least one filter'],
	[913, 'Неверный статус', 'Choose a status from the list'],
	[917, 'Функционал API недоступен на вашем тарифе', 'paid plan'],
])('export error %i is a NodeApiError with GetCourse\'s message and what to do', async (code, message, hint) => {
	mock.failNext({ success: false, error_code: code, error_message: message });
	const { error } = await runGetCourse({ resource: 'export', operation: 'users', filters: { createdAtFrom: '2026-11-23' } });
	expect(error?.name).toBe('NodeApiError');
	expect(error?.message).toBe(`GetCourse: ${message} (error ${code})`);
	expect(error?.description).toContain(hint);
	expect(JSON.stringify(error)).not.toContain(KEY);
});

test('the budget: the 101st export request in 2 hours is not sent and says when it refills', async () => {
	const input = Array.from({ length: 101 }, (_, index) => ({ index }));
	// Get Result of a ready export takes 1 request per item.
	mock.exports.set(5000, { id: 5000, fields: ['id'], items: [['1']], startedAt: 0, checks: 0, ready: true });
	const { items } = await runGetCourse(
		{ resource: 'export', operation: 'getResult', exportId: '={{ 5000 }}' },
		{ input, continueOnFail: true },
	);
	expect(items).toHaveLength(101);
	const failed = items.filter((item) => item.json.error !== undefined);
	expect(failed).toHaveLength(1);
	expect(failed[0].json.error).toBe(
		'GetCourse: The budget of 100 export requests per 2 hours is spent; the next request can be sent at 2026-11-23 12:00 UTC',
	);
	expect(failed[0].json.httpCode).toBe('429');
	expect(mock.requests).toHaveLength(100);
});
