/**
 * A stand-in for a GetCourse school (myschool.getcourse.ru): the import API (form fields
 * `action`, `key`, `params` = base64 JSON; errors under HTTP 200) and the export API (an
 * export is started, is not ready for a while — error 909 — and one export runs at a time
 * — error 905), with the 100-per-2-hours export budget, Cyrillic column names and a request
 * counter. Unit tests mount it with nock; the end-to-end tests serve it over HTTP.
 */
import type { MockResponse, RecordedRequest } from '../harness';

type Row = Record<string, unknown>;

export interface GetCourseMockOptions {
	key?: string;
	/** Milliseconds since the epoch; tests pass the virtual clock. */
	now?: () => number;
	/** Status checks answered 909 before an export is ready (default 2). */
	notReadyChecks?: number;
	/** And at least this long after the start (default 0). */
	readyAfterMs?: number;
	/** Export requests allowed per 2 hours (default 100). */
	budget?: number;
	/** Users, orders and payments to start with (default: a few). */
	seed?: boolean;
	/** The school's plan has no API: every request answers error 917. */
	noApi?: boolean;
}

/** The ID of the export a seeded mock has ready. */
export const READY_EXPORT_ID = 4999;

export const USER_COLUMNS = [
	'id',
	'Email',
	'Тип регистрации',
	'Создан',
	'Последняя активность',
	'Имя',
	'Фамилия',
	'Телефон',
	'Город',
	'Страна',
	'Telegram',
];
export const DEAL_COLUMNS = [
	'ID заказа',
	'Номер',
	'ID пользователя',
	'Пользователь',
	'Email',
	'Дата создания',
	'Дата оплаты',
	'Title',
	'Статус',
	'Стоимость, RUB',
	'Оплачено',
	'Валюта',
];
export const PAYMENT_COLUMNS = [
	'Номер',
	'Пользователь',
	'Email',
	'Заказ',
	'Дата создания',
	'Тип',
	'Статус',
	'Сумма',
	'Код платежа',
];
export const GROUP_USER_COLUMNS = [...USER_COLUMNS, 'ID группы', 'Добавлен в группу'];

export interface MockUser {
	id: number;
	email: string;
	first_name?: string;
	last_name?: string;
	phone?: string;
	city?: string;
	country?: string;
	created_at: string;
	addfields: Record<string, unknown>;
	groups: Map<string, string>;
	partner_email?: string;
	session?: Row;
}

export interface MockDeal {
	id: number;
	number: string;
	user_id: number;
	title: string;
	status: string;
	cost: number;
	currency: string;
	is_paid: boolean;
	created_at: string;
	paid_at: string;
	status_changed_at: string;
	raw: Row;
}

export interface MockPayment {
	id: number;
	deal_id: number;
	type: string;
	status: string;
	amount: number;
	created_at: string;
	status_changed_at: string;
}

interface MockExport {
	id: number;
	fields: string[];
	items: unknown[][];
	startedAt: number;
	checks: number;
	ready: boolean;
}

const ORDER_STATUSES = [
	'new',
	'payed',
	'cancelled',
	'false',
	'in_work',
	'payment_waiting',
	'part_payed',
	'waiting_for_return',
	'not_confirmed',
	'pending',
];
const PAYMENT_STATUSES = ['expected', 'accepted', 'returned', 'tobalance', 'frombalance', 'returned_to_balance'];

/** "YYYY-MM-DD HH:MM:SS" of a moment, in UTC (the mock school's time zone). */
export function schoolTime(ms: number): string {
	return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

function formOf(body: unknown): URLSearchParams {
	if (typeof body === 'string') return new URLSearchParams(body);
	if (body && typeof body === 'object') {
		return new URLSearchParams(
			Object.entries(body as Row).map(([key, value]) => [key, String(value)]) as Array<[string, string]>,
		);
	}
	return new URLSearchParams();
}

const ok = (body: unknown): MockResponse => ({ status: 200, body });
const fail = (code: number | undefined, message: string): MockResponse =>
	ok({ success: false, error_message: message, ...(code === undefined ? {} : { error_code: code }) });

export class GetCourseMock {
	readonly key: string;

	now: () => number;

	notReadyChecks: number;

	readyAfterMs: number;

	budget: number;

	noApi: boolean;

	requests: RecordedRequest[] = [];

	/** The decoded `params` of every import request, in order. */
	imports: Array<{ path: string; action: string; params: Row | undefined }> = [];

	/** When each export request (under /pl/api/account, GET) arrived. */
	exportRequestTimes: number[] = [];

	users: MockUser[] = [];

	deals: MockDeal[] = [];

	payments: MockPayment[] = [];

	groups: Array<{ id: number; name: string; last_added_at: string | null }> = [
		{ id: 101, name: 'Покупатели', last_added_at: null },
		{ id: 102, name: 'Webinar', last_added_at: null },
	];

	fields = [
		{ id: 11, title: 'Telegram', type: 'text', context_type: 'user' },
		{ id: 12, title: 'Источник заказа', type: 'text', context_type: 'deal' },
	];

	exports = new Map<number, MockExport>();

	private nextId = 1000;

	private nextExportId = 5000;

	private forced: MockResponse[] = [];

	constructor(options: GetCourseMockOptions = {}) {
		this.key = options.key ?? 'test-secret-key';
		this.now = options.now ?? (() => Date.now());
		this.notReadyChecks = options.notReadyChecks ?? 2;
		this.readyAfterMs = options.readyAfterMs ?? 0;
		this.budget = options.budget ?? 100;
		this.noApi = options.noApi ?? false;
		if (options.seed ?? true) this.seed();
	}

	/** Export requests in the last 2 hours. */
	get exportRequests(): number {
		const since = this.now() - 2 * 3_600_000;
		return this.exportRequestTimes.filter((at) => at > since).length;
	}

	private seed(): void {
		const day = this.now() - 3_600_000;
		const anna = this.addUser({ email: 'anna@example.com', first_name: 'Анна', last_name: 'Иванова', created_at: day });
		const boris = this.addUser({ email: 'boris@example.com', first_name: 'Борис', created_at: day + 60_000 });
		this.addToGroup(101, anna.id, day + 120_000);
		const deal = this.addDeal({ user: anna, title: 'Курс копирайтинга', cost: 4900, status: 'payed', created_at: day + 180_000 });
		this.addDeal({ user: boris, title: 'Вебинар', cost: 0, status: 'new', created_at: day + 240_000 });
		this.addPayment({ deal, amount: 4900, status: 'accepted', created_at: day + 200_000 });
		// An export made earlier, ready to fetch (for Get Result).
		this.exports.set(READY_EXPORT_ID, {
			id: READY_EXPORT_ID,
			fields: USER_COLUMNS,
			items: [[String(anna.id), anna.email, 'Самостоятельно', anna.created_at, anna.created_at, 'Анна', 'Иванова', '', '', '', '']],
			startedAt: day,
			checks: 0,
			ready: true,
		});
	}

	addUser(data: Partial<Omit<MockUser, 'created_at'>> & { email: string; created_at?: number }): MockUser {
		const user: MockUser = {
			id: this.nextId++,
			email: data.email,
			first_name: data.first_name,
			last_name: data.last_name,
			phone: data.phone,
			city: data.city,
			country: data.country,
			created_at: schoolTime(typeof data.created_at === 'number' ? data.created_at : this.now()),
			addfields: {},
			groups: new Map(),
		};
		this.users.push(user);
		return user;
	}

	addToGroup(groupId: number, userId: number, at = this.now()): void {
		const group = this.groups.find((candidate) => candidate.id === groupId)!;
		const user = this.users.find((candidate) => candidate.id === userId)!;
		user.groups.set(group.name, schoolTime(at));
		group.last_added_at = schoolTime(at);
	}

	addDeal(data: { user: MockUser; title: string; cost: number; status?: string; created_at?: number }): MockDeal {
		const at = schoolTime(data.created_at ?? this.now());
		const deal: MockDeal = {
			id: this.nextId++,
			number: String(this.nextId++),
			user_id: data.user.id,
			title: data.title,
			status: data.status ?? 'new',
			cost: data.cost,
			currency: 'RUB',
			is_paid: data.status === 'payed',
			created_at: at,
			paid_at: data.status === 'payed' ? at : '',
			status_changed_at: at,
			raw: {},
		};
		this.deals.push(deal);
		return deal;
	}

	setDealStatus(deal: MockDeal, status: string, at = this.now()): void {
		deal.status = status;
		deal.status_changed_at = schoolTime(at);
	}

	addPayment(data: { deal: MockDeal; amount: number; status?: string; created_at?: number }): MockPayment {
		const at = schoolTime(data.created_at ?? this.now());
		const payment: MockPayment = {
			id: this.nextId++,
			deal_id: data.deal.id,
			type: 'CARD',
			status: data.status ?? 'accepted',
			amount: data.amount,
			created_at: at,
			status_changed_at: at,
		};
		this.payments.push(payment);
		return payment;
	}

	/** The next answer is this one, whatever the request. */
	failNext(body: unknown, status = 200): void {
		this.forced.push({ status, body });
	}

	handle = (request: RecordedRequest): MockResponse => {
		this.requests.push(request);
		const isExport = request.method === 'GET' && request.path.startsWith('/pl/api/account/');
		if (isExport) this.exportRequestTimes.push(this.now());
		const forced = this.forced.shift();
		if (forced) return forced;
		const form = request.method === 'POST' ? formOf(request.body) : undefined;
		const key = request.method === 'GET' ? request.query.key : form?.get('key');
		if (key === undefined || key === null || key === '') return fail(904, 'Не указан ключ');
		if (key !== this.key) return fail(901, 'Неверный ключ доступа');
		if (this.noApi) return fail(917, 'Функционал API недоступен на вашем тарифе');
		if (isExport && this.exportRequests > this.budget) {
			return fail(903, 'Превышен лимит запросов');
		}
		if (request.method === 'POST') return this.importRequest(request.path, form!);
		return this.exportRequest(request);
	};

	// Import API -----------------------------------------------------------------------

	private importRequest(path: string, form: URLSearchParams): MockResponse {
		const action = form.get('action') ?? '';
		const encoded = form.get('params');
		let params: Row | undefined;
		if (encoded !== null) {
			try {
				params = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')) as Row;
			} catch {
				return fail(undefined, 'Неверный формат параметров');
			}
		}
		this.imports.push({ path, action, params });
		if (path === '/pl/api/account/fields' && action === 'get') {
			return ok({ success: true, action: 'get', info: this.fields });
		}
		if (path === '/pl/api/users' && action === 'add') return this.importUser(params ?? {});
		if (path === '/pl/api/users' && action === 'update') return this.updateGroups(params ?? {});
		if (path === '/pl/api/deals' && action === 'add') return this.importDeal(params ?? {});
		return fail(undefined, `Неизвестное действие ${action}`);
	}

	private result(action: string, result: Row): MockResponse {
		const failed = result.error === true;
		return ok({
			success: true,
			action,
			result: { success: !failed, error: failed, error_message: failed ? result.error_message : '', ...result },
		});
	}

	private upsertUser(params: Row): { user?: MockUser; status?: string; error?: string } {
		const data = (params.user ?? {}) as Row;
		const system = (params.system ?? {}) as Row;
		const email = String(data.email ?? '').trim();
		if (!email || !email.includes('@')) return { error: 'Не указан email пользователя' };
		const partner = system.partner_email;
		if (partner && !this.users.some((user) => user.email === partner)) {
			return { error: `Партнер ${String(partner)} не найден` };
		}
		let user = this.users.find((candidate) => candidate.email === email);
		let status = 'exists';
		if (!user) {
			user = this.addUser({ email });
			status = 'added';
		}
		if (status === 'added' || Number(system.refresh_if_exists) === 1) {
			for (const field of ['first_name', 'last_name', 'phone', 'city', 'country'] as const) {
				if (data[field] !== undefined) user[field] = String(data[field]);
			}
			Object.assign(user.addfields, (data.addfields ?? {}) as Row);
			for (const entry of (data.group_name ?? []) as Array<string | string[]>) {
				const [name, at] = Array.isArray(entry) ? entry : [entry, schoolTime(this.now())];
				user.groups.set(name, at ?? schoolTime(this.now()));
			}
			if (params.session) user.session = params.session as Row;
			if (partner) user.partner_email = String(partner);
			if (status === 'exists') status = 'updated';
		}
		return { user, status };
	}

	private importUser(params: Row): MockResponse {
		const { user, status, error } = this.upsertUser(params);
		if (error) return this.result('add', { error: true, error_message: error });
		return this.result('add', { user_id: user!.id, user_status: status });
	}

	private updateGroups(params: Row): MockResponse {
		const data = (params.user ?? {}) as Row;
		const user = this.users.find((candidate) => String(candidate.id) === String(data.id));
		if (!user) return this.result('update', { error: true, error_message: 'Пользователь не найден' });
		const names = (data.group_name ?? []) as string[];
		user.groups = new Map(names.map((name) => [name, user.groups.get(name) ?? schoolTime(this.now())]));
		return this.result('update', { user_id: user.id });
	}

	private importDeal(params: Row): MockResponse {
		const data = (params.deal ?? {}) as Row;
		const system = (params.system ?? {}) as Row;
		const number = data.deal_number === undefined ? undefined : String(data.deal_number);
		if (data.deal_status !== undefined && !ORDER_STATUSES.includes(String(data.deal_status))) {
			return this.result('add', { error: true, error_message: `Неверный статус ${String(data.deal_status)}` });
		}
		if (data.payment_status !== undefined && !PAYMENT_STATUSES.includes(String(data.payment_status))) {
			return this.result('add', { error: true, error_message: 'Неверный статус платежа' });
		}
		const existing = number === undefined ? undefined : this.deals.find((deal) => deal.number === number);
		const { user, error } = this.upsertUser(params);
		if (error) return this.result('add', { error: true, error_message: error });
		if (existing) {
			if (data.deal_status !== undefined) this.setDealStatus(existing, String(data.deal_status));
			if (data.deal_cost !== undefined) existing.cost = Number(data.deal_cost);
			Object.assign(existing.raw, data);
			return this.result('add', this.dealResult(existing, system, user!));
		}
		if (!data.offer_code && !data.product_title) {
			return this.result('add', { error: true, error_message: 'Не указан код предложения или название' });
		}
		if (data.deal_cost === undefined) return this.result('add', { error: true, error_message: 'Не указана стоимость' });
		const deal = this.addDeal({
			user: user!,
			title: String(data.product_title ?? data.offer_code),
			cost: Number(data.deal_cost),
			status: data.deal_status === undefined ? 'new' : String(data.deal_status),
		});
		if (number !== undefined) deal.number = number;
		if (data.deal_currency) deal.currency = String(data.deal_currency);
		deal.raw = { ...data };
		return this.result('add', this.dealResult(deal, system, user!));
	}

	private dealResult(deal: MockDeal, system: Row, user: MockUser): Row {
		const result: Row = { user_id: user.id, deal_id: deal.id };
		if (Number(system.return_deal_number) === 1) result.deal_number = deal.number;
		if (Number(system.return_payment_link) === 1) {
			result.payment_link = `https://myschool.getcourse.ru/sales/shop/dealPay/id/${deal.id}/hash/abc`;
		}
		return result;
	}

	// Export API -----------------------------------------------------------------------

	private exportRequest(request: RecordedRequest): MockResponse {
		const { path } = request;
		if (path === '/pl/api/account/groups') return ok({ success: true, info: this.groups });
		const result = /^\/pl\/api\/account\/exports\/(\d+)$/.exec(path);
		if (result) return this.exportResult(Number(result[1]));
		const query = request.query as Record<string, string>;
		const filters = Object.keys(query).filter((name) => name !== 'key');
		if (!filters.length) return fail(908, 'Не указан ни один фильтр');
		const running = [...this.exports.values()].find((candidate) => !candidate.ready);
		if (running) return fail(905, 'Уже выполняется другой экспорт');
		const group = /^\/pl\/api\/account\/groups\/(\d+)\/users$/.exec(path);
		let fields: string[];
		let items: unknown[][];
		if (path === '/pl/api/account/users' || group) {
			if (query.status !== undefined && !['active', 'in_base'].includes(query.status)) {
				return fail(913, 'Неверный статус пользователя');
			}
			const groupName = group ? this.groups.find((candidate) => candidate.id === Number(group[1]))?.name : undefined;
			if (group && groupName === undefined) return fail(undefined, 'Группа не найдена');
			const users = this.users.filter(
				(user) =>
					within(user.created_at, query, 'created_at') &&
					(!groupName || (user.groups.has(groupName) && within(user.groups.get(groupName)!, query, 'added_at'))),
			);
			fields = group ? GROUP_USER_COLUMNS : USER_COLUMNS;
			items = users.map((user) => {
				const row = [
					String(user.id),
					user.email,
					'Самостоятельно',
					user.created_at,
					user.created_at,
					user.first_name ?? '',
					user.last_name ?? '',
					user.phone ?? '',
					user.city ?? '',
					user.country ?? '',
					String(user.addfields.Telegram ?? ''),
				];
				return group ? [...row, group[1], user.groups.get(groupName!)!] : row;
			});
		} else if (path === '/pl/api/account/deals') {
			if (query.status !== undefined && !ORDER_STATUSES.includes(query.status)) {
				return fail(914, 'Неверный статус заказа');
			}
			const deals = this.deals.filter(
				(deal) =>
					within(deal.created_at, query, 'created_at') &&
					within(deal.status_changed_at, query, 'status_changed_at') &&
					within(deal.paid_at, query, 'payed_at') &&
					within(deal.paid_at, query, 'finished_at') &&
					(query.status === undefined || deal.status === query.status),
			);
			fields = DEAL_COLUMNS;
			items = deals.map((deal) => {
				const user = this.users.find((candidate) => candidate.id === deal.user_id)!;
				return [
					String(deal.id),
					deal.number,
					String(user.id),
					[user.first_name, user.last_name].filter(Boolean).join(' '),
					user.email,
					deal.created_at,
					deal.paid_at,
					deal.title,
					deal.status,
					String(deal.cost),
					deal.is_paid ? String(deal.cost) : '0',
					deal.currency,
				];
			});
		} else if (path === '/pl/api/account/payments') {
			if (query.status !== undefined && !PAYMENT_STATUSES.includes(query.status)) {
				return fail(918, 'Неверный статус платежа');
			}
			const payments = this.payments.filter(
				(payment) =>
					within(payment.created_at, query, 'created_at') &&
					within(payment.status_changed_at, query, 'status_changed_at') &&
					(query.status === undefined || payment.status === query.status),
			);
			fields = PAYMENT_COLUMNS;
			items = payments.map((payment) => {
				const deal = this.deals.find((candidate) => candidate.id === payment.deal_id)!;
				const user = this.users.find((candidate) => candidate.id === deal.user_id)!;
				return [
					String(payment.id),
					[user.first_name, user.last_name].filter(Boolean).join(' '),
					user.email,
					deal.number,
					payment.created_at,
					payment.type,
					payment.status,
					String(payment.amount),
					`P-${payment.id}`,
				];
			});
		} else {
			return { status: 404, body: '<html>Not found</html>' };
		}
		const id = this.nextExportId++;
		this.exports.set(id, { id, fields, items, startedAt: this.now(), checks: 0, ready: false });
		return ok({ success: true, info: { export_id: id } });
	}

	private exportResult(id: number): MockResponse {
		const job = this.exports.get(id);
		if (!job) return fail(undefined, `Экспорт ${id} не найден`);
		job.checks++;
		if (!job.ready && (job.checks <= this.notReadyChecks || this.now() - job.startedAt < this.readyAfterMs)) {
			return fail(909, 'Файл еще не создан');
		}
		job.ready = true;
		return ok({ success: true, info: { fields: job.fields, items: job.items } });
	}
}

/** Whether a "YYYY-MM-DD HH:MM:SS" moment is within the query's `<name>[from]` / `<name>[to]` days. */
function within(moment: string, query: Record<string, string>, name: string): boolean {
	const from = query[`${name}[from]`];
	const to = query[`${name}[to]`];
	if (from === undefined && to === undefined) return true;
	if (!moment) return false;
	const day = moment.slice(0, 10);
	return (from === undefined || day >= from) && (to === undefined || day <= to);
}
