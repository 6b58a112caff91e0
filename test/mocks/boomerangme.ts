/**
 * A stand-in for api.digitalwallet.cards (Boomerangme API v2): cards of the eight types
 * with their balance operations, customers, companies, operations, pushes, tariffs,
 * templates and automation webhooks, over in-memory data. Answers are Boomerangme's
 * envelope `{ code, meta: { currentPage, itemsPerPage, totalItems }, data }`; the API key
 * travels in X-API-Key. Unit tests mount it with nock; the end-to-end tests serve it over
 * HTTP, and `emit` posts an event to every hook subscribed to it.
 */
import type { MockResponse, RecordedRequest } from '../harness';

type Row = Record<string, unknown>;

export interface BoomerangmeMockOptions {
	apiKey?: string;
	customers?: number;
	/** Largest itemsPerPage the mock honours. */
	maxPerPage?: number;
}

/** The card types of the reference, as the API names them in `type`. */
export const MOCK_CARD_TYPES = [
	'stamp',
	'cashback',
	'subscription',
	'coupon',
	'discount',
	'certificate',
	'membership',
	'reward',
] as const;

/** Which card types each balance action accepts (the reference's applicability). */
const APPLIES: Record<string, string[]> = {
	'add-transaction-amount': ['cashback'],
	'subtract-transaction-amount': ['cashback'],
	'add-point': ['discount', 'cashback', 'certificate'],
	'subtract-point': ['discount', 'cashback', 'certificate'],
	'add-reward': ['stamp'],
	'subtract-reward': ['stamp'],
	'add-scores': ['reward', 'subscription'],
	'subtract-scores': ['reward', 'subscription'],
	'add-stamp': ['stamp'],
	'subtract-stamp': ['stamp'],
	'add-visit': ['subscription', 'membership', 'stamp', 'reward'],
	'subtract-visit': ['subscription', 'membership'],
	'add-purchase': ['stamp', 'reward'],
	'receive-reward': ['reward'],
	'redeem-coupon': ['coupon'],
};

/** The body key of each action's amount and the balance field it moves. */
const AMOUNTS: Record<string, { key: string; field: string; sign: 1 | -1 }> = {
	'add-transaction-amount': { key: 'amount', field: 'balance', sign: 1 },
	'subtract-transaction-amount': { key: 'amount', field: 'balance', sign: -1 },
	'add-point': { key: 'points', field: 'bonusBalance', sign: 1 },
	'subtract-point': { key: 'points', field: 'bonusBalance', sign: -1 },
	'add-reward': { key: 'rewards', field: 'numberRewardsUnused', sign: 1 },
	'subtract-reward': { key: 'rewards', field: 'numberRewardsUnused', sign: -1 },
	'add-scores': { key: 'scores', field: 'bonusBalance', sign: 1 },
	'subtract-scores': { key: 'scores', field: 'bonusBalance', sign: -1 },
	'add-stamp': { key: 'stamps', field: 'numberStampsTotal', sign: 1 },
	'subtract-stamp': { key: 'stamps', field: 'numberStampsTotal', sign: -1 },
	'add-visit': { key: 'visits', field: 'currentNumberOfUses', sign: 1 },
	'subtract-visit': { key: 'visits', field: 'currentNumberOfUses', sign: -1 },
	'add-purchase': { key: 'amount', field: 'balance', sign: 1 },
};

export const customerId = (n: number) => `c0ffee00-0000-4000-8000-${String(n).padStart(12, '0')}`;

export class BoomerangmeMock {
	readonly apiKey: string;

	maxPerPage: number;

	templates: Row[] = MOCK_CARD_TYPES.map((type, index) => ({
		id: 41400 + index,
		name: `${type.charAt(0).toUpperCase()}${type.slice(1)} card`,
		type,
		status: 'active',
	}));

	customers: Row[] = [];

	cards: Row[] = [];

	operations: Row[] = [];

	companies: Row[] = [
		{ id: 1024, name: 'Coffee Corner', email: 'owner@coffee.example', tariffId: 12 },
		{ id: 1025, name: 'Book Nook', email: 'owner@books.example', tariffId: 13 },
	];

	tariffs: Row[] = [
		{ id: 12, name: 'Basic', price: 29 },
		{ id: 13, name: 'Pro', price: 79 },
	];

	pushes: Row[] = [
		{ id: 5821, templateId: 41400, message: 'Double stamps this weekend!', createdAt: '2026-11-01T10:00:00+00:00' },
	];

	webhooks = new Map<string, { id: string; url: string; events: string[] }>();

	/** Responses served before anything else, one per request: for error tests. */
	queued: MockResponse[] = [];

	requests: RecordedRequest[] = [];

	/** Every event delivery `emit` made, with the status n8n answered. */
	deliveries: Array<{ url: string; event: string; status: number }> = [];

	private nextId = 7000;

	constructor(options: BoomerangmeMockOptions = {}) {
		this.apiKey = options.apiKey ?? 'test-api-key';
		this.maxPerPage = options.maxPerPage ?? 100;
		for (let n = 1; n <= (options.customers ?? 30); n++) {
			this.customers.push({
				id: customerId(n),
				firstName: `Customer${n}`,
				surname: 'Example',
				email: `customer${n}@example.com`,
				phone: `+1415555${String(n).padStart(4, '0')}`,
				gender: 0,
				dateOfBirth: null,
				externalUserId: null,
				createdAt: '2026-01-01T00:00:00+00:00',
			});
		}
		// One card of each type for the first customer: 100000-000-000 … 100007-000-000.
		MOCK_CARD_TYPES.forEach((type, index) => {
			this.cards.push(this.newCard(`10000${index}-000-000`, type, 41400 + index, customerId(1)));
		});
		// A spare Stamp card of the second customer, for Delete.
		this.cards.push(this.newCard('109999-000-000', 'stamp', 41400, customerId(2)));
		this.operations.push({ id: 1, cardId: '100000-000-000', templateId: 41400, eventId: 1, amount: 1, createdAt: '2026-01-02T00:00:00+00:00' });
	}

	/** The card of a type, by its number. */
	cardOf(type: (typeof MOCK_CARD_TYPES)[number]): Row {
		return this.cards.find((card) => card.type === type)!;
	}

	private newCard(id: string, type: string, templateId: number, owner: string): Row {
		return {
			id,
			companyId: 1024,
			templateId,
			customerId: owner,
			type,
			device: 'iPhone',
			status: 'installed',
			balance: {
				currentNumberOfUses: 0,
				numberStampsTotal: 0,
				numberRewardsUnused: 0,
				balance: 0,
				discountPercentage: 5,
				discountAmount: 0,
				bonusBalance: 0,
				stampsBeforeReward: 10,
			},
			couponRedeemed: false,
			installLink: `https://wallet.example/install/${id}`,
			createdAt: '2026-01-01T00:00:00+00:00',
		};
	}

	/**
	 * Posts `{ event, data }` to every hook subscribed to `event` and records the answers.
	 * Returns how many hooks it reached.
	 */
	async emit(event: string, data: Row = {}): Promise<number> {
		let reached = 0;
		for (const hook of this.webhooks.values()) {
			if (!hook.events.includes(event)) continue;
			const response = await fetch(hook.url, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({ event, data, createdAt: new Date().toISOString() }),
			});
			this.deliveries.push({ url: hook.url, event, status: response.status });
			reached++;
		}
		return reached;
	}

	handle = (request: RecordedRequest): MockResponse => {
		this.requests.push(request);
		const queued = this.queued.shift();
		if (queued) return queued;
		if (request.headers['x-api-key'] !== this.apiKey) {
			return { status: 401, body: { code: 401, message: 'Invalid API key' } };
		}
		return this.route(request);
	};

	private route(request: RecordedRequest): MockResponse {
		const { method, path } = request;
		const body = (request.body && typeof request.body === 'object' ? request.body : {}) as Row;
		const query = request.query as Row;
		const m = (pattern: RegExp) => pattern.exec(path);
		let match: RegExpExecArray | null;

		// Cards
		if (path === '/api/v2/cards' && method === 'GET') {
			const rows = this.cards.filter((card) => {
				const owner = this.customers.find((c) => c.id === card.customerId);
				return (
					(!query.templateId || String(card.templateId) === query.templateId) &&
					(!query.customerId || card.customerId === query.customerId) &&
					(!query.customerEmail || owner?.email === query.customerEmail) &&
					(!query.customerPhone || owner?.phone === query.customerPhone)
				);
			});
			return this.page(rows, query);
		}
		if (path === '/api/v2/cards' && method === 'POST') {
			const template = this.templates.find((t) => t.id === body.templateId);
			const owner = this.customers.find((c) => c.id === body.customerId);
			const violations = [];
			if (!template) violations.push({ propertyPath: 'templateId', message: 'Template not found.' });
			if (!owner) violations.push({ propertyPath: 'customerId', message: 'Customer not found.' });
			if (violations.length) return this.invalid(violations);
			const card = this.newCard(`2${String(this.nextId++).padStart(5, '0')}-111-222`, String(template!.type), Number(template!.id), String(owner!.id));
			this.cards.push(card);
			return this.ok(card, 201);
		}
		if ((match = m(/^\/api\/v2\/cards\/([^/]+)$/))) {
			const number = decodeURIComponent(match[1]);
			const card = this.cards.find((c) => c.id === number);
			if (!card) return this.missing('Card', number);
			if (method === 'GET') return this.ok(card);
			if (method === 'DELETE') {
				this.cards = this.cards.filter((c) => c !== card);
				return { status: 204 };
			}
		}
		if ((match = m(/^\/api\/v2\/cards\/([^/]+)\/([a-z-]+)$/)) && method === 'POST') {
			return this.balance(decodeURIComponent(match[1]), match[2], body);
		}

		// Customers
		if (path === '/api/v2/customers' && method === 'GET') {
			const rows = this.customers.filter(
				(c) => (!query.email || c.email === query.email) && (!query.phone || c.phone === query.phone),
			);
			return this.page(rows, query);
		}
		if (path === '/api/v2/customers' && method === 'POST') {
			if (!body.firstName) return this.invalid([{ propertyPath: 'firstName', message: 'This value should not be blank.' }]);
			if (body.email && this.customers.some((c) => c.email === body.email)) {
				return { status: 409, body: { code: 409, message: 'Customer with this email already exists' } };
			}
			const customer = { id: customerId(this.nextId++), createdAt: '2026-11-23T00:00:00+00:00', ...body };
			this.customers.push(customer);
			return this.ok(customer, 201);
		}
		if ((match = m(/^\/api\/v2\/customers\/([^/]+)$/))) {
			const id = decodeURIComponent(match[1]);
			const customer = this.customers.find((c) => c.id === id);
			if (!customer) return this.missing('Customer', id);
			if (method === 'GET') return this.ok(customer);
			if (method === 'PATCH') {
				Object.assign(customer, body);
				return this.ok(customer);
			}
			if (method === 'DELETE') {
				this.customers = this.customers.filter((c) => c !== customer);
				return this.ok(null);
			}
		}

		// Companies
		if (path === '/api/v2/companies' && method === 'GET') return this.page(this.companies, query);
		if (path === '/api/v2/companies' && method === 'POST') {
			if (!body.name) return this.invalid([{ propertyPath: 'name', message: 'This value should not be blank.' }]);
			const company = { id: this.nextId++, ...body };
			this.companies.push(company);
			return this.ok(company, 201);
		}
		if ((match = m(/^\/api\/v2\/companies\/(\d+)(\/change-tariff)?$/))) {
			const company = this.companies.find((c) => c.id === Number(match![1]));
			if (!company) return this.missing('Company', match[1]);
			if (match[2] && method === 'POST') {
				if (!this.tariffs.some((t) => t.id === body.tariffId)) {
					return this.invalid([{ propertyPath: 'tariffId', message: 'Tariff not found.' }]);
				}
				company.tariffId = body.tariffId;
				return this.ok(company);
			}
			if (!match[2] && method === 'GET') return this.ok(company);
			if (!match[2] && method === 'PATCH') {
				Object.assign(company, body);
				return this.ok(company);
			}
		}

		// Operations
		if (path === '/api/v2/operations' && method === 'GET') {
			const rows = this.operations.filter((o) => !query.templateId || String(o.templateId) === query.templateId);
			return this.page(rows, query);
		}

		// Pushes
		if (path === '/api/v2/pushes' && method === 'GET') return this.page(this.pushes, query);
		if (path === '/api/v2/pushes' && method === 'POST') {
			if (!body.message) return this.invalid([{ propertyPath: 'message', message: 'This value should not be blank.' }]);
			const push = { id: this.nextId++, createdAt: '2026-11-23T00:00:00+00:00', ...body };
			this.pushes.push(push);
			return this.ok(push, 201);
		}
		if ((match = m(/^\/api\/v2\/pushes\/([^/]+)$/)) && method === 'GET') {
			const push = this.pushes.find((p) => String(p.id) === match![1]);
			return push ? this.ok(push) : this.missing('Push', match[1]);
		}

		// Tariffs and templates
		if (path === '/api/v2/tariffs' && method === 'GET') return this.page(this.tariffs, query);
		if ((match = m(/^\/api\/v2\/tariffs\/([^/]+)$/)) && method === 'GET') {
			const tariff = this.tariffs.find((t) => String(t.id) === match![1]);
			return tariff ? this.ok(tariff) : this.missing('Tariff', match[1]);
		}
		if (path === '/api/v2/templates' && method === 'GET') return this.page(this.templates, query);
		if ((match = m(/^\/api\/v2\/templates\/(\d+)$/)) && method === 'GET') {
			const template = this.templates.find((t) => t.id === Number(match![1]));
			return template ? this.ok(template) : this.missing('Template', match[1]);
		}

		// Automation webhooks
		if (path === '/api/automation/webhooks' && method === 'POST') {
			const events = body.events;
			if (typeof body.url !== 'string' || !/^https?:\/\//.test(body.url)) {
				return this.invalid([{ propertyPath: 'url', message: 'This value is not a valid URL.' }]);
			}
			if (!Array.isArray(events) || !events.length || events.some((e) => typeof e !== 'string' || !e.endsWith('Event'))) {
				return this.invalid([{ propertyPath: 'events', message: 'Choose at least one known event.' }]);
			}
			const hook = { id: String(this.nextId++), url: body.url, events: events as string[] };
			this.webhooks.set(hook.id, hook);
			return this.ok(hook, 201);
		}
		if (path === '/api/automation/webhooks' && method === 'GET') return this.page([...this.webhooks.values()], query);
		if ((match = m(/^\/api\/automation\/webhooks\/([^/]+)$/))) {
			const hook = this.webhooks.get(decodeURIComponent(match[1]));
			if (!hook) return this.missing('Webhook', match[1]);
			if (method === 'GET') return this.ok(hook);
			if (method === 'DELETE') {
				this.webhooks.delete(hook.id);
				return { status: 204 };
			}
		}
		return { status: 404, body: { code: 404, message: `No route found for "${method} ${path}"` } };
	}

	private balance(number: string, action: string, body: Row): MockResponse {
		const card = this.cards.find((c) => c.id === number);
		if (!card) return this.missing('Card', number);
		const applies = APPLIES[action];
		if (!applies) return { status: 404, body: { code: 404, message: `No route found for "POST /api/v2/cards/${number}/${action}"` } };
		if (!applies.includes(String(card.type))) {
			return { status: 400, body: { code: 400, message: `This operation is not available for a ${String(card.type)} card` } };
		}
		const balance = card.balance as Row;
		const amount = AMOUNTS[action];
		if (amount) {
			const value = body[amount.key];
			if (typeof value !== 'number' || value <= 0) {
				return this.invalid([{ propertyPath: amount.key, message: 'This value should be positive.' }]);
			}
			balance[amount.field] = Number(balance[amount.field] ?? 0) + amount.sign * value;
		}
		if (action === 'redeem-coupon') card.couponRedeemed = true;
		if (action === 'receive-reward') balance.numberRewardsUnused = 0;
		this.operations.push({
			id: this.nextId++,
			cardId: card.id,
			templateId: card.templateId,
			action,
			amount: amount ? body[amount.key] : null,
			comment: body.comment ?? null,
			createdAt: '2026-11-23T00:00:00+00:00',
		});
		return this.ok(card);
	}

	private ok(data: unknown, status = 200): MockResponse {
		return { status, body: { code: status, data } };
	}

	private page(rows: Row[], query: Row): MockResponse {
		const perPage = Math.min(Math.max(Number(query.itemsPerPage ?? 30) || 30, 1), this.maxPerPage);
		const page = Math.max(Number(query.page ?? 1) || 1, 1);
		return {
			status: 200,
			body: {
				code: 200,
				meta: { currentPage: page, itemsPerPage: perPage, totalItems: rows.length },
				data: rows.slice((page - 1) * perPage, page * perPage),
			},
		};
	}

	private invalid(violations: Array<{ propertyPath: string; message: string }>): MockResponse {
		return {
			status: 422,
			body: { code: 422, message: 'Validation failed', violations },
		};
	}

	private missing(what: string, id: string): MockResponse {
		return { status: 404, body: { code: 404, message: `${what} ${id} not found` } };
	}
}
