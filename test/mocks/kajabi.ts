/**
 * A stand-in for api.kajabi.com: the client-credentials token endpoint (counting its
 * exchanges, expiring tokens when a test says so), JSON:API records over an in-memory
 * account with `page[number]` / `page[size]` pages, `links.next` and `meta`, relationship
 * endpoints, a hooks store and Kajabi's JSON:API error objects. Unit tests mount it with
 * nock; the end-to-end tests serve it over HTTP.
 */
import type { MockResponse, RecordedRequest } from '../harness';

type Row = Record<string, unknown>;

/** A JSON:API record as the mock keeps it. */
export interface Resource {
	id: string;
	type: string;
	attributes: Row;
	relationships?: Record<string, { data: { id: string; type: string } | Array<{ id: string; type: string }> | null }>;
}

export interface KajabiMockOptions {
	clientId?: string;
	clientSecret?: string;
	contacts?: number;
	/** Seconds a token lives, as `expires_in` says. */
	expiresIn?: number;
}

const ref = (type: string, id: string) => ({ type, id });

/** Kajabi's JSON:API error document. */
export function kajabiErrors(
	status: number,
	errors: Array<{ title: string; detail?: string; pointer?: string }>,
): MockResponse {
	return {
		status,
		body: {
			errors: errors.map((error) => ({
				status: String(status),
				title: error.title,
				...(error.detail ? { detail: error.detail } : {}),
				source: error.pointer ? { pointer: error.pointer } : null,
			})),
		},
	};
}

const HOOK_EVENTS = ['purchase', 'payment_succeeded', 'order_created', 'form_submission', 'tag_added', 'tag_removed'];

/** The collections the mock serves as plain Get / Get Many lists, by URL segment. */
const COLLECTIONS = [
	'blog_posts',
	'contact_notes',
	'contact_tags',
	'contacts',
	'courses',
	'custom_fields',
	'customers',
	'form_submissions',
	'forms',
	'hooks',
	'kajabi_payments_payouts',
	'landing_pages',
	'offers',
	'order_items',
	'orders',
	'podcasts',
	'products',
	'purchases',
	'sites',
	'transactions',
	'website_pages',
] as const;

export class KajabiMock {
	readonly clientId: string;

	readonly clientSecret: string;

	expiresIn: number;

	/** How many tokens the token endpoint handed out. */
	exchanges = 0;

	/** Tokens the mock accepts. */
	valid = new Set<string>();

	records = new Map<string, Resource[]>(COLLECTIONS.map((name) => [name, []]));

	/** Responses served before anything else (after the token endpoint), one per request. */
	queued: MockResponse[] = [];

	/** Scopes the API key lacks: a path starting with a key answers 403 naming the scope. */
	missingScopes = new Map<string, string>();

	requests: RecordedRequest[] = [];

	private nextId = 5000;

	constructor(options: KajabiMockOptions = {}) {
		this.clientId = options.clientId ?? 'test-client';
		this.clientSecret = options.clientSecret ?? 'test-secret';
		this.expiresIn = options.expiresIn ?? 7200;
		this.seed(options.contacts ?? 30);
	}

	private list(type: string): Resource[] {
		let rows = this.records.get(type);
		if (!rows) {
			rows = [];
			this.records.set(type, rows);
		}
		return rows;
	}

	add(type: string, id: string, attributes: Row, relationships?: Resource['relationships']): Resource {
		const record: Resource = { id, type, attributes, ...(relationships ? { relationships } : {}) };
		this.list(type).push(record);
		return record;
	}

	private seed(contacts: number): void {
		const site = { site: { data: ref('sites', '11') } };
		this.add('sites', '11', { title: 'Yoga School', subdomain: 'yoga', url: 'https://yoga.mykajabi.com' });
		this.add('sites', '12', { title: 'Cooking Lab', subdomain: 'cooking', url: 'https://cooking.mykajabi.com' });
		this.add('offers', '21', { title: 'Yoga Basics', price_in_cents: 4900, internal_title: 'yoga-basics' }, {
			...site,
			products: { data: [ref('products', '31')] },
		});
		this.add('offers', '22', { title: 'Yoga Pro', price_in_cents: 9900, internal_title: 'yoga-pro' }, site);
		this.add('products', '31', { title: 'Yoga Course', description: 'Flow', status: 'ready' }, site);
		this.add('courses', '41', { title: 'Morning Flow', description: 'Daily', publish_status: 'published' }, site);
		this.add('contact_tags', '51', { name: 'VIP' }, site);
		this.add('contact_tags', '52', { name: 'Newsletter' }, site);
		this.add('forms', '61', { title: 'Lead Magnet', url: 'https://yoga.mykajabi.com/forms/61' }, site);
		this.add('custom_fields', '71', { title: 'Favourite pose', handle: 'custom_1', type: 'TextField', required: false }, site);
		this.add('blog_posts', '81', { title: 'Welcome', slug: 'welcome', content: '<p>Hi</p>' }, { blog: { data: ref('blogs', '1') } });
		this.add('landing_pages', '82', { title: 'Spring Sale', published: true }, site);
		this.add('website_pages', '83', { title: 'About' }, site);
		this.add('podcasts', '84', { title: 'Yoga Talk', status: 'ready', show_type: 'episodic' }, site);
		for (let index = 1; index <= contacts; index++) {
			this.add(
				'contacts',
				String(100 + index),
				{ name: `Student ${index}`, email: `student${index}@example.com`, subscribed: index % 2 === 0 },
				{
					...site,
					tags: { data: index === 1 ? [ref('contact_tags', '51')] : index === 5 ? [ref('contact_tags', '51'), ref('contact_tags', '52')] : [] },
					offers: { data: index === 3 ? [ref('offers', '21'), ref('offers', '22')] : [] },
				},
			);
		}
		this.add('customers', '201', { name: 'Student 1', email: 'student1@example.com', net_revenue: '49.0' }, {
			...site,
			contact: { data: ref('contacts', '101') },
			offers: { data: [ref('offers', '21')] },
		});
		this.add('purchases', '301', { amount_in_cents: 4900, currency: 'USD', deactivated_at: null }, {
			customer: { data: ref('customers', '201') },
			offer: { data: ref('offers', '21') },
		});
		this.add('transactions', '401', { action: 'charge', state: 'succeeded', amount_in_cents: 4900 }, {
			customer: { data: ref('customers', '201') },
		});
		this.add('orders', '501', { order_number: 1001, total_price_in_cents: 4900 }, {
			...site,
			customer: { data: ref('customers', '201') },
			order_items: { data: [ref('order_items', '502')] },
		});
		this.add('order_items', '502', { title: 'Yoga Basics', quantity: 1, item_type: 'Offer', item_id: 21 }, {
			order: { data: ref('orders', '501') },
		});
		this.add('form_submissions', '601', { name: 'Lead', email: 'lead@example.com' }, {
			...site,
			form: { data: ref('forms', '61') },
		});
		this.add('contact_notes', '701', { body: 'Called about the retreat' }, {
			contact: { data: ref('contacts', '101') },
		});
		this.add('contact_notes', '702', { body: 'Asked for an invoice' }, {
			contact: { data: ref('contacts', '102') },
		});
		this.add('hooks', '801', { event: 'purchase', target_url: 'https://example.com/hook', resource_id: null }, site);
		this.add('hooks', '802', { event: 'tag_added', target_url: 'https://example.com/tags', resource_id: 51 }, site);
		this.add('kajabi_payments_payouts', 'payout_abc123', { amount_in_cents: 12000, status: 'paid' }, site);
	}

	/** Serves `body` with `status` for the next API request, ahead of the normal answer. */
	failNext(status: number, body: unknown, headers?: Record<string, string>): void {
		this.queued.push({ status, body, headers });
	}

	/** Every token handed out so far stops working, as when it expires. */
	expireTokens(): void {
		this.valid.clear();
	}

	/** The hooks registered now. */
	get hooks(): Resource[] {
		return this.list('hooks');
	}

	/** Removes a record (an account with one site: remove site 12). */
	remove(type: string, id: string): void {
		const rows = this.list(type);
		const at = rows.findIndex((record) => record.id === id);
		if (at >= 0) rows.splice(at, 1);
	}

	/** Finds a record. */
	find(type: string, id: string): Resource | undefined {
		return this.list(type).find((record) => record.id === id);
	}

	handle = (request: RecordedRequest): MockResponse => {
		this.requests.push(request);
		if (request.method === 'POST' && request.path === '/v1/oauth/token') return this.token(request);
		if (request.method === 'GET' && request.path === '/v1/version') {
			return { status: 200, body: { meta: { title: 'Kajabi API', version: '1.1.0' } } };
		}
		const auth = request.headers.authorization ?? '';
		const token = auth.startsWith('Bearer ') ? auth.slice(7) : '';
		if (!this.valid.has(token)) {
			return kajabiErrors(401, [{ title: 'Unauthorized', detail: 'Authorization header is missing or invalid' }]);
		}
		const queued = this.queued.shift();
		if (queued) return queued;
		for (const [prefix, scope] of this.missingScopes) {
			if (request.path.startsWith(prefix)) {
				return kajabiErrors(403, [{ title: 'Forbidden', detail: `Missing required scope: ${scope}` }]);
			}
		}
		return this.route(request);
	};

	private token(request: RecordedRequest): MockResponse {
		const form = new URLSearchParams(typeof request.body === 'string' ? request.body : '');
		if (form.get('grant_type') !== 'client_credentials') {
			return { status: 400, body: { error: 'unsupported_grant_type' } };
		}
		if (form.get('client_id') !== this.clientId || form.get('client_secret') !== this.clientSecret) {
			return { status: 401, body: { error: 'invalid_client' } };
		}
		this.exchanges++;
		const token = `token-${this.exchanges}`;
		this.valid.add(token);
		return {
			status: 200,
			body: { access_token: token, refresh_token: `refresh-${this.exchanges}`, token_type: 'Bearer', expires_in: this.expiresIn },
		};
	}

	private page(request: RecordedRequest, rows: Resource[], type: string): MockResponse {
		const number = Math.max(Number(request.query['page[number]'] ?? 1), 1);
		const size = Math.max(Number(request.query['page[size]'] ?? 25), 1);
		const total = Math.max(Math.ceil(rows.length / size), 1);
		const link = (page: number) => `https://api.kajabi.com/v1/${type}?page[number]=${page}&page[size]=${size}`;
		// Payouts say where they are under meta.pagination, as Kajabi's reference shows.
		const meta =
			type === 'kajabi_payments_payouts'
				? {
						total: rows.length,
						pagination: {
							current: number,
							first: 1,
							...(number > 1 ? { prev: number - 1 } : {}),
							...(number < total ? { next: number + 1 } : {}),
							last: total,
							records: rows.length,
						},
					}
				: { total_pages: total, total_count: rows.length, current_page: number };
		return {
			status: 200,
			body: {
				data: rows.slice((number - 1) * size, number * size).map((row) => this.sparse(request, row)),
				links: {
					self: link(number),
					first: link(1),
					prev: number > 1 ? link(number - 1) : null,
					next: number < total ? link(number + 1) : null,
					last: link(total),
				},
				meta,
			},
		};
	}

	private sparse(request: RecordedRequest, row: Resource): Resource {
		const fields = request.query[`fields[${row.type}]`];
		if (typeof fields !== 'string') return row;
		const wanted = fields.split(',');
		return {
			...row,
			attributes: Object.fromEntries(Object.entries(row.attributes).filter(([key]) => wanted.includes(key))),
		};
	}

	private filtered(request: RecordedRequest, rows: Resource[]): Resource[] {
		let result = rows;
		const site = request.query['filter[site_id]'];
		if (typeof site === 'string') {
			result = result.filter((row) => {
				const data = row.relationships?.site?.data;
				return !data || (!Array.isArray(data) && data.id === site);
			});
		}
		const search = request.query['filter[search]'];
		if (typeof search === 'string') {
			result = result.filter((row) => JSON.stringify(row.attributes).toLowerCase().includes(search.toLowerCase()));
		}
		for (const [key, value] of Object.entries(request.query)) {
			const match = /^filter\[(\w+?)_cont(?:ains)?\]$/.exec(key);
			if (match && typeof value === 'string') {
				result = result.filter((row) => String(row.attributes[match[1]] ?? '').toLowerCase().includes(value.toLowerCase()));
			}
		}
		const event = request.query['filter[event_eq]'];
		if (typeof event === 'string') result = result.filter((row) => row.attributes.event === event);
		const sort = request.query.sort;
		if (typeof sort === 'string') {
			const key = sort.replace(/^-/, '');
			const direction = sort.startsWith('-') ? -1 : 1;
			result = [...result].sort((a, b) => (String(a.attributes[key]) > String(b.attributes[key]) ? direction : -direction));
		}
		return result;
	}

	private included(request: RecordedRequest, record: Resource): Resource[] {
		const include = request.query.include;
		if (typeof include !== 'string') return [];
		const out: Resource[] = [];
		for (const name of include.split(',')) {
			const data = record.relationships?.[name]?.data;
			const refs = Array.isArray(data) ? data : data ? [data] : [];
			for (const item of refs) {
				const found = this.find(item.type, item.id);
				if (found) out.push(found);
			}
		}
		return out;
	}

	private notFound(what: string): MockResponse {
		return kajabiErrors(404, [{ title: 'Not Found', detail: `${what} not found` }]);
	}

	private route(request: RecordedRequest): MockResponse {
		const { method, path } = request;
		const parts = path.split('/').filter(Boolean).slice(1);
		const [collection, id, third, fourth] = parts;
		const body = (request.body ?? {}) as Row;
		const data = (body.data ?? {}) as Row;
		const attributes = (data.attributes ?? {}) as Row;
		const relationships = (data.relationships ?? {}) as Record<string, { data?: { id?: string } }>;

		if (collection === 'me' && method === 'GET') {
			return { status: 200, body: { data: { id: '1', type: 'users', attributes: { name: 'Owner', email: 'owner@example.com', role_level: 'OWNER' } } } };
		}
		if (collection === 'hooks' && method === 'GET' && id?.endsWith('_sample')) {
			const event = id.replace(/_sample$/, '');
			if (!HOOK_EVENTS.includes(event)) return this.notFound('Sample');
			return { status: 200, body: KajabiMock.sample(event) };
		}
		if (!collection || !this.records.has(collection)) return this.notFound('Route');

		// Relationships: /v1/contacts/{id}/relationships/{offers|tags}, customers' offers, offers' products.
		if (third === 'relationships' && fourth) {
			const owner = this.find(collection, id);
			if (!owner) return this.notFound(`${collection.slice(0, -1)} ${id}`);
			owner.relationships = owner.relationships ?? {};
			const current = owner.relationships[fourth]?.data;
			let refs = (Array.isArray(current) ? current : []) as Array<{ id: string; type: string }>;
			if (method !== 'GET') {
				const given = body.data;
				// An empty list is a replace that removes them all; adding or removing nothing is refused.
				if (!Array.isArray(given) || (given.length === 0 && method !== 'PATCH')) {
					return kajabiErrors(400, [{ title: 'Bad Request', detail: 'data must be an array of resource identifiers', pointer: '/data' }]);
				}
				const ids = (given as Row[]).map((item) => ref(String(item.type), String(item.id)));
				if (method === 'POST') refs = [...refs, ...ids.filter((item) => !refs.some((have) => have.id === item.id))];
				if (method === 'DELETE') refs = refs.filter((have) => !ids.some((item) => item.id === have.id));
				if (method === 'PATCH') refs = ids;
				owner.relationships[fourth] = { data: refs };
			}
			return { status: 200, body: { data: refs } };
		}

		if (collection === 'purchases' && method === 'POST' && id && third) {
			const purchase = this.find('purchases', id);
			if (!purchase) return this.notFound(`Purchase ${id}`);
			if (third === 'deactivate') purchase.attributes.deactivated_at = '2025-01-01T00:00:00Z';
			if (third === 'reactivate') purchase.attributes.deactivated_at = null;
			if (third === 'cancel_subscription') purchase.attributes.subscription_canceled = true;
			return { status: 200, body: { data: purchase } };
		}

		if (collection === 'forms' && method === 'POST' && third === 'submit') {
			if (!this.find('forms', id)) return this.notFound(`Form ${id}`);
			if (!attributes.email) return kajabiErrors(422, [{ title: 'Invalid attribute', detail: "can't be blank", pointer: '/data/attributes/email' }]);
			const record = this.add('form_submissions', String(this.nextId++), { ...attributes }, {
				site: { data: ref('sites', '11') },
				form: { data: ref('forms', id) },
			});
			return { status: 201, body: { data: record } };
		}

		if (collection === 'kajabi_payments_payouts' && typeof request.query['filter[site_id]'] !== 'string') {
			return kajabiErrors(400, [{ title: 'Bad Request', detail: 'filter[site_id] is required' }]);
		}

		if (!id) {
			if (method === 'GET') return this.page(request, this.filtered(request, this.list(collection)), collection);
			if (method === 'POST') return this.create(collection, attributes, relationships);
			return this.notFound('Route');
		}
		const record = this.find(collection, id);
		if (!record) return this.notFound(`${collection} ${id}`);
		if (method === 'GET') {
			const included = this.included(request, record);
			return { status: 200, body: { data: this.sparse(request, record), ...(included.length ? { included } : {}) } };
		}
		if (method === 'PATCH') {
			if (data.id !== id) return kajabiErrors(409, [{ title: 'Conflict', detail: 'data.id does not match the URL' }]);
			if (typeof data.attributes !== 'object') {
				return kajabiErrors(400, [{ title: 'Bad Request', detail: 'attributes is required', pointer: '/data/attributes' }]);
			}
			Object.assign(record.attributes, attributes);
			const tags = (relationships as Record<string, { data?: unknown }>).tags?.data;
			if (collection === 'contacts' && Array.isArray(tags)) {
				record.relationships = { ...record.relationships, tags: { data: (tags as Row[]).map((tag) => ref(String(tag.type), String(tag.id))) } };
			}
			return { status: 200, body: { data: record } };
		}
		if (method === 'DELETE') {
			this.records.set(collection, this.list(collection).filter((row) => row !== record));
			return collection === 'contacts' ? { status: 200, body: { data: {} } } : { status: 204 };
		}
		return this.notFound('Route');
	}

	private create(
		collection: string,
		attributes: Row,
		relationships: Record<string, { data?: { id?: string } }>,
	): MockResponse {
		const siteId = relationships.site?.data?.id;
		if (collection === 'contacts') {
			if (!siteId) return kajabiErrors(400, [{ title: 'Bad Request', detail: 'Site relationship is required' }]);
			if (!/^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(String(attributes.email ?? ''))) {
				return kajabiErrors(422, [{ title: 'Invalid attribute', detail: 'Email is invalid', pointer: '/data/attributes/email' }]);
			}
			const record = this.add('contacts', String(this.nextId++), { subscribed: false, ...attributes }, { site: { data: ref('sites', siteId) } });
			return { status: 201, body: { data: record } };
		}
		if (collection === 'contact_notes') {
			const contactId = relationships.contact?.data?.id;
			if (!contactId || !this.find('contacts', contactId)) {
				return kajabiErrors(422, [{ title: 'Invalid relationship', detail: 'Contact must exist', pointer: '/data/relationships/contact' }]);
			}
			const record = this.add('contact_notes', String(this.nextId++), { body: attributes.body }, { contact: { data: ref('contacts', contactId) } });
			return { status: 201, body: { data: record } };
		}
		if (collection === 'hooks') {
			if (!HOOK_EVENTS.includes(String(attributes.event))) {
				return kajabiErrors(422, [{ title: 'Invalid attribute', detail: 'Event is not included in the list', pointer: '/data/attributes/event' }]);
			}
			if (!/^https?:\/\//.test(String(attributes.target_url ?? ''))) {
				return kajabiErrors(422, [{ title: 'Invalid attribute', detail: 'Target url is invalid', pointer: '/data/attributes/target_url' }]);
			}
			if (!siteId) return kajabiErrors(400, [{ title: 'Bad Request', detail: 'Site relationship is required' }]);
			const record = this.add('hooks', String(this.nextId++), {
				event: attributes.event,
				target_url: attributes.target_url,
				resource_id: attributes.resource_id === undefined ? null : Number(attributes.resource_id),
				created_at: '2025-01-01T00:00:00Z',
			}, { site: { data: ref('sites', siteId) } });
			return { status: 201, body: { data: record } };
		}
		return this.notFound('Route');
	}

	/**
	 * Delivers an event as Kajabi does: a POST of `{ id, event, payload }` to the target URL of
	 * every hook of that event (and resource, where a hook names one). Returns the answers.
	 */
	async emit(event: string, payload: Row[], resourceId?: string): Promise<number[]> {
		const hooks = this.hooks.filter(
			(hook) =>
				hook.attributes.event === event &&
				(hook.attributes.resource_id === null || String(hook.attributes.resource_id) === String(resourceId)),
		);
		const statuses: number[] = [];
		for (const hook of hooks) {
			const response = await fetch(String(hook.attributes.target_url), {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({ id: `delivery-${this.nextId++}`, event, payload }),
			});
			statuses.push(response.status);
		}
		return statuses;
	}

	/** The documented sample payload of an event (a list of JSON:API records). */
	static sample(event: string): Row[] {
		const site = { site: { data: ref('sites', '2') } };
		switch (event) {
			case 'purchase':
				return [
					{ id: '0', type: 'purchases', attributes: { amount_in_cents: 1000, currency: 'USD', payment_type: 'single' }, relationships: { customer: { data: ref('customers', '0') }, offer: { data: ref('offers', '0') } } },
					{ id: '0', type: 'offers', attributes: { title: 'Kajabi Test Offer', price_in_cents: 1000 } },
				];
			case 'payment_succeeded':
				return [
					{ id: '0', type: 'transactions', attributes: { action: 'charge', state: 'succeeded', amount_in_cents: 1000 }, relationships: { customer: { data: ref('customers', '0') }, offer: { data: null } } },
					{ id: '0', type: 'customers', attributes: { name: 'John Doe', email: 'john.doe@example.com' }, relationships: site },
				];
			case 'order_created':
				return [
					{ id: '0', type: 'transactions', attributes: { action: 'charge', state: 'succeeded', amount_in_cents: 1000 } },
					{ id: '0', type: 'orders', attributes: { order_number: 0, total_price_in_cents: 1000 }, relationships: { ...site, customer: { data: ref('customers', '0') } } },
				];
			case 'form_submission':
				return [
					{ id: '0', type: 'form_submissions', attributes: { name: 'John Doe', email: 'john.doe@example.com' }, relationships: { ...site, form: { data: ref('forms', '0') } } },
					{ id: '0', type: 'forms', attributes: { title: 'Sample Form' }, relationships: site },
				];
			default:
				return [
					{ id: '0', type: 'contacts', attributes: { name: 'Sample Recipient', email: 'sample@example.com' }, relationships: site },
					{ id: '0', type: 'contact_tags', attributes: { name: 'Tag' }, relationships: site },
				];
		}
	}
}
