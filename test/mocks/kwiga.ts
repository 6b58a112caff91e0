/**
 * A stand-in for api.kwiga.com: the documented endpoints over an in-memory cabinet, with
 * KWIGA's pagination (page / per_page / meta.last_page), its rate limit (200 requests a
 * minute in a fixed window, 429 with Retry-After and X-RateLimit-Reset) and Laravel-style
 * error bodies.
 * Unit tests mount it with nock; the end-to-end tests serve it over HTTP.
 */
import type { MockResponse, RecordedRequest } from '../harness';

type Row = Record<string, unknown>;

export interface KwigaMockOptions {
	token?: string;
	cabinetHash?: string;
	contacts?: number;
	/** Requests allowed per window (KWIGA: 200); the name dates from the one-minute window. */
	requestsPerMinute?: number;
	/** The rate limit's fixed window in milliseconds (KWIGA: 60,000); the benchmark uses 2,000. */
	windowMs?: number;
	/** Milliseconds since the epoch; tests pass a clock they advance themselves. */
	now?: () => number;
	/** Largest per_page the mock honours per list; KWIGA documents 15 for courses, 250 for participants. */
	maxPerPage?: Record<string, number>;
}

const DEFAULT_MAX_PER_PAGE = 100;

/** Flattens a JSON body into the flat keys a query string has ("filters[search]"). */
function flatten(value: unknown, prefix = '', out: Record<string, unknown> = {}) {
	if (value && typeof value === 'object' && !Array.isArray(value)) {
		for (const [key, inner] of Object.entries(value as Row)) {
			flatten(inner, prefix ? `${prefix}[${key}]` : key, out);
		}
	} else if (prefix) {
		out[prefix] = value;
	}
	return out;
}

export class KwigaMock {
	readonly token: string;

	readonly cabinetHash: string;

	requestsPerMinute: number;

	windowMs: number;

	now: () => number;

	maxPerPage: Record<string, number>;

	contacts: Row[] = [];

	tags = new Map<number, Set<string>>();

	contactLists: Row[] = [
		{ id: 1, title: 'Newsletter', description: 'Everyone', is_default: true },
		{ id: 2, title: 'Webinar', description: 'Webinar sign-ups', is_default: false },
	];

	listMembers = new Map<number, Set<number>>();

	products: Row[] = [
		{ id: 299, productable_id: 142, productable_type: 'course', title: 'Copywriting' },
		{ id: 300, productable_id: 143, productable_type: 'course', title: 'Design Basics' },
	];

	offers: Row[] = [
		{ id: 18, unique_offer_code: 'ptJmPPXVYs0t', title: 'Copywriting — full', products: [{ id: 299 }] },
		{ id: 19, unique_offer_code: 'a8Ks02mZpQ1x', title: 'Design — monthly', products: [{ id: 300 }] },
	];

	courses: Row[] = Array.from({ length: 20 }, (_, index) => ({
		id: 200 + index,
		product_id: 400 + index,
		title: `Course ${index + 1}`,
		status: { id: 3, name: 'Published' },
	}));

	coupons: Row[] = [
		{ id: 3, code: 'SPRING', reward: 30, is_fixed: true, total_uses: 10, total_uses_per_user: 1 },
	];

	timezones: Row[] = [
		{ id: 371, name: 'Europe/Kyiv', name_full: 'Europe/Kyiv (UTC+03:00)', value: 'UTC+03:00' },
		{ id: 375, name: 'Europe/Berlin', name_full: 'Europe/Berlin (UTC+01:00)', value: 'UTC+01:00' },
	];

	certificates: Row[] = [
		{ id: 55, number: '1986-0001', user_id: 273, points: 120, link: 'https://school.example/certificates/1' },
	];

	/** Responses served before anything else, one per request: for error tests. */
	queued: MockResponse[] = [];

	requests: RecordedRequest[] = [];

	private windowStart = 0;

	/** Requests counted in the current window; a test may preset it to start near the limit. */
	windowCount = 0;

	private nextId = 1000;

	constructor(options: KwigaMockOptions = {}) {
		this.token = options.token ?? 'test-token';
		this.cabinetHash = options.cabinetHash ?? 'test-cabinet';
		this.requestsPerMinute = options.requestsPerMinute ?? 200;
		this.windowMs = options.windowMs ?? 60_000;
		this.now = options.now ?? (() => Date.now());
		this.maxPerPage = { courses: 15, participants: 250, ...(options.maxPerPage ?? {}) };
		this.addContacts(options.contacts ?? 30);
	}

	addContacts(count: number): void {
		const start = this.contacts.length;
		for (let index = start + 1; index <= start + count; index++) {
			this.contacts.push({
				id: index,
				email: `student${index}@example.com`,
				first_name: `Student${index}`,
				last_name: 'Test',
				phone: `+38093${String(1000000 + index)}`,
				// one an hour, the newest an hour ago
				created_at: new Date(this.now() - (count - index + start + 1) * 3_600_000).toISOString(),
				tags: [],
			});
		}
	}

	/** Serves `response` for the next request, ahead of the normal answer. */
	failNext(status: number, body: unknown, headers?: Record<string, string>): void {
		this.queued.push({ status, body, headers });
	}

	handle = (request: RecordedRequest): MockResponse => {
		this.requests.push(request);
		const limited = this.rateLimit();
		if (limited) return limited;
		const rateHeaders = {
			'X-RateLimit-Limit': String(this.requestsPerMinute),
			'X-RateLimit-Remaining': String(Math.max(this.requestsPerMinute - this.windowCount, 0)),
		};
		const response = this.route(request);
		return { ...response, headers: { ...rateHeaders, ...(response.headers ?? {}) } };
	};

	private rateLimit(): MockResponse | undefined {
		const now = this.now();
		if (this.windowStart === 0) this.windowStart = now;
		if (now - this.windowStart >= this.windowMs) {
			this.windowStart = now;
			this.windowCount = 0;
		}
		this.windowCount++;
		if (this.windowCount <= this.requestsPerMinute) return undefined;
		const resetAt = this.windowStart + this.windowMs;
		return {
			status: 429,
			body: { message: 'Too Many Attempts.' },
			headers: {
				'Retry-After': String(Math.max(Math.ceil((resetAt - now) / 1000), 1)),
				'X-RateLimit-Reset': String(Math.ceil(resetAt / 1000)),
				'X-RateLimit-Limit': String(this.requestsPerMinute),
				'X-RateLimit-Remaining': '0',
			},
		};
	}

	private route(request: RecordedRequest): MockResponse {
		if (request.headers.token !== this.token || request.headers['cabinet-hash'] !== this.cabinetHash) {
			return { status: 401, body: { message: 'Unauthenticated.' } };
		}
		const queued = this.queued.shift();
		if (queued) return queued;

		const body = (request.body && typeof request.body === 'object' ? request.body : {}) as Row;
		const params: Row = { ...flatten(request.query), ...flatten(body) };
		const { method, path } = request;
		const match = (pattern: RegExp) => pattern.exec(path);
		let m: RegExpExecArray | null;

		if ((method === 'GET' && path === '/contacts') || (method === 'POST' && path === '/contacts/query')) {
			return this.page(this.filterContacts(params), params, 'contacts');
		}
		if (method === 'POST' && path === '/contacts') return this.createContact(body, false);
		if (method === 'POST' && path === '/contacts/purchases') return this.createContact(body, true);
		if (path === '/contacts/tags' && (method === 'POST' || method === 'DELETE')) {
			return this.changeTags(body, method === 'POST');
		}
		if (method === 'DELETE' && path === '/contacts/products') {
			if (!body.email) return this.invalid({ email: ['The email field is required.'] });
			return {
				status: 200,
				body: {
					data: {
						affected_subscriptions: [2309],
						affected_orders: [1578],
						affected_by_offers: {},
						affected_by_products: [],
					},
					contact_id: this.contacts.find((c) => c.email === body.email)?.id ?? null,
				},
			};
		}
		if ((m = match(/^\/contacts\/(\d+)\/products\/(\d+)$/)) && method === 'DELETE') {
			return this.contact(m[1]) ? { status: 200, body: { success: true } } : this.missing('Contact', m[1]);
		}
		if ((m = match(/^\/contacts\/(\d+)\/products$/)) && method === 'GET') {
			if (!this.contact(m[1])) return this.missing('Contact', m[1]);
			return {
				status: 200,
				body: { data: this.products.map((p) => ({ ...p, aggregated_subscription: { is_active: true } })) },
			};
		}
		if ((m = match(/^\/contacts\/(\d+)$/))) {
			const contact = this.contact(m[1]);
			if (!contact) return this.missing('Contact', m[1]);
			if (method === 'GET') return { status: 200, body: { data: contact } };
			if (method === 'PUT') {
				for (const key of ['email', 'first_name', 'last_name', 'phone', 'tags']) {
					if (key in body) contact[key] = body[key];
				}
				return { status: 200, body: { data: contact } };
			}
			return this.notAllowed();
		}
		if (method === 'GET' && path === '/products') return this.page(this.products, params);
		if (method === 'GET' && path === '/courses') return this.page(this.courses, params, 'courses');
		if ((m = match(/^\/courses\/(\d+)\/users(\/query)?$/))) {
			if ((m[2] ? 'POST' : 'GET') !== method) return this.notAllowed();
			return this.participants(m[1], params);
		}
		if (method === 'GET' && path === '/offers') {
			const productId = params.product_id === undefined ? undefined : Number(params.product_id);
			const offers = this.offers.filter(
				(offer) =>
					productId === undefined || (offer.products as Row[]).some((p) => p.id === productId),
			);
			return this.page(offers, params);
		}
		if ((m = match(/^\/offers\/(\d+)$/)) && method === 'GET') {
			const offer = this.offers.find((o) => o.id === Number(m![1]));
			return offer ? { status: 200, body: { data: offer } } : this.missing('Offer', m[1]);
		}
		if (method === 'GET' && path === '/mailing/contact-lists') return this.page(this.contactLists, params);
		if (method === 'POST' && path === '/mailing/contact-lists') {
			if (!body.title) return this.invalid({ title: ['The title field is required.'] });
			const list = { id: this.nextId++, title: body.title, description: body.description ?? null, is_default: false };
			this.contactLists.push(list);
			return { status: 201, body: { data: list } };
		}
		if (method === 'POST' && path === '/mailing/contact-lists/bulk-contacts') {
			for (const listId of (body.contact_lists as number[]) ?? []) {
				const members = this.listMembers.get(listId) ?? new Set<number>();
				for (const id of (body.contacts as number[]) ?? []) members.add(id);
				this.listMembers.set(listId, members);
			}
			return { status: 200, body: { success: true } };
		}
		if ((m = match(/^\/mailing\/contact-lists\/(\d+)$/)) && method === 'GET') {
			const list = this.contactLists.find((l) => l.id === Number(m![1]));
			if (!list) return this.missing('ContactList', m[1]);
			const members = [...(this.listMembers.get(list.id as number) ?? [])];
			return {
				status: 200,
				body: {
					data: {
						...list,
						contacts: members.map((id) => this.contact(String(id))).filter(Boolean),
						statistic: { contact_list_id: list.id, count_contacts: members.length },
					},
				},
			};
		}
		if (method === 'GET' && path === '/coupons') return this.page(this.coupons, params);
		if (method === 'POST' && path === '/coupons/check') {
			const coupon = this.coupons.find((c) => c.code === body.code);
			if (!coupon) return this.missing('Coupon', String(body.code));
			return {
				status: 200,
				body: { data: { can_use: true, discount: (Number(body.price ?? 0) * Number(coupon.reward)) / 100 } },
			};
		}
		if (method === 'POST' && path === '/coupons') {
			const errors: Record<string, string[]> = {};
			if (!body.code) errors.code = ['The code field is required.'];
			if (body.reward === undefined) errors.reward = ['The reward field is required.'];
			if (Object.keys(errors).length) return this.invalid(errors);
			const coupon = { id: this.nextId++, ...body };
			this.coupons.push(coupon);
			return { status: 201, body: { data: coupon } };
		}
		if ((m = match(/^\/coupons\/(\d+)$/)) && method === 'GET') {
			const coupon = this.coupons.find((c) => c.id === Number(m![1]));
			return coupon ? { status: 200, body: { data: coupon } } : this.missing('Coupon', m[1]);
		}
		if ((m = match(/^\/certificates\/by-number\/(.+)$/)) && method === 'GET') {
			const number = decodeURIComponent(m[1]);
			const certificate = this.certificates.find((c) => c.number === number);
			return certificate ? { status: 200, body: { data: certificate } } : this.missing('Certificate', number);
		}
		if (method === 'GET' && path === '/timezones') return { status: 200, body: { data: this.timezones } };
		return { status: 404, body: { message: `The route ${path.slice(1)} could not be found.` } };
	}

	private contact(id: string): Row | undefined {
		return this.contacts.find((contact) => contact.id === Number(id));
	}

	/** The contacts sorted by ID, kept while no contact is added: a list's pages do not sort the whole cabinet again each time (a database's index would not either). */
	private sorted?: { key: string; rows: Row[] };

	private sortedContacts(ascending: boolean): Row[] {
		const last = this.contacts[this.contacts.length - 1];
		const key = `${ascending}:${this.contacts.length}:${String(last?.id)}`;
		if (this.sorted?.key !== key) {
			const rows = [...this.contacts].sort((a, b) =>
				ascending ? Number(a.id) - Number(b.id) : Number(b.id) - Number(a.id),
			);
			this.sorted = { key, rows };
		}
		return this.sorted.rows;
	}

	private filterContacts(params: Row): Row[] {
		const search = params['filters[search]'] ? String(params['filters[search]']).trim().toLowerCase() : '';
		const from = params['filters[date_from]'] ? String(params['filters[date_from]']) : '';
		const sorted = this.sortedContacts(params.sort === 'asc');
		if (!search && !from) return sorted;
		return sorted.filter(
			(contact) =>
				(!search ||
					[contact.email, contact.first_name, contact.last_name, contact.phone].some((value) =>
						String(value).toLowerCase().includes(search),
					)) &&
				(!from || String(contact.created_at).slice(0, 10) >= from),
		);
	}

	private createContact(body: Row, purchase: boolean): MockResponse {
		const email = typeof body.email === 'string' ? body.email : '';
		if (!email) return this.invalid({ email: ['The email field is required.'] });
		if (!/^[^@\s]+@[^@\s]+$/.test(email)) return this.invalid({ email: ['The email must be a valid email address.'] });
		let contact = this.contacts.find((c) => c.email === email);
		if (contact && !purchase) return this.invalid({ email: ['The email has already been taken.'] });
		if (!contact) {
			contact = {
				id: this.nextId++,
				email,
				first_name: body.first_name ?? null,
				last_name: body.last_name ?? null,
				phone: body.phone ?? null,
				tags: [],
				created_at: new Date(this.now()).toISOString(),
			};
			this.contacts.push(contact);
		}
		if (!purchase) return { status: 201, body: { data: contact } };
		const order = {
			id: this.nextId++,
			offer_id: body.offer_id ?? null,
			products: this.products.filter((p) =>
				((body.product_ids as number[]) ?? []).includes(p.id as number),
			),
			paid_status: 'paid',
		};
		return { status: 200, body: { data: { ...contact, orders: [order] } } };
	}

	private changeTags(body: Row, add: boolean): MockResponse {
		const ids = (body.contact_ids ?? body.contacts) as number[] | undefined;
		const tags = body.tags as string[] | undefined;
		const errors: Record<string, string[]> = {};
		if (!Array.isArray(ids) || !ids.length) errors.contact_ids = ['The contact ids field is required.'];
		if (!Array.isArray(tags) || !tags.length) errors.tags = ['The tags field is required.'];
		if (Object.keys(errors).length) return this.invalid(errors);
		for (const id of ids!) {
			const set = this.tags.get(id) ?? new Set<string>();
			for (const tag of tags!) {
				if (add) set.add(tag);
				else set.delete(tag);
			}
			this.tags.set(id, set);
		}
		return { status: 200, body: { success: true } };
	}

	private participants(courseId: string, params: Row): MockResponse {
		if (!this.courses.some((course) => course.id === Number(courseId))) {
			return this.missing('Course', courseId);
		}
		const include = String(params.include ?? '').split(',').filter(Boolean);
		const from = Number(params.progress_general_from ?? 0);
		const to = Number(params.progress_general_to ?? 100);
		const rows = this.contacts
			.map((contact, index) => {
				const progress = (index * 7) % 101;
				const row: Row = {
					contact: { id: contact.id, email: contact.email },
					course_progress: { course_id: Number(courseId), lessons_viewed_percentage: progress },
				};
				if (include.includes('lesson_progress')) row.lesson_progress = [{ lesson_id: 1, is_completed: progress > 50 }];
				if (include.includes('module_progress')) row.module_progress = [{ module_id: 7 }];
				if (include.includes('quiz_progress')) row.quiz_progress = [{ course_lesson_id: 1, quiz_id: 101 }];
				return { row, progress };
			})
			.filter(({ progress }) => progress >= from && progress <= to)
			.map(({ row }) => row);
		const response = this.page(rows, params, 'participants');
		if (include.includes('course_program')) {
			(response.body as Row).course_program = [{ course_nodeble_type: 'course_module', course_nodeble_id: 7 }];
		}
		return response;
	}

	private page(rows: Row[], params: Row, kind = ''): MockResponse {
		const max = this.maxPerPage[kind] ?? DEFAULT_MAX_PER_PAGE;
		const perPage = Math.min(Math.max(Number(params.per_page ?? 15), 1), max);
		const page = Math.max(Number(params.page ?? 1), 1);
		const lastPage = Math.max(Math.ceil(rows.length / perPage), 1);
		const data = rows.slice((page - 1) * perPage, page * perPage);
		return {
			status: 200,
			body: {
				data,
				links: { first: '?page=1', last: `?page=${lastPage}`, prev: null, next: page < lastPage ? `?page=${page + 1}` : null },
				meta: {
					current_page: page,
					from: data.length ? (page - 1) * perPage + 1 : null,
					last_page: lastPage,
					per_page: perPage,
					to: data.length ? (page - 1) * perPage + data.length : null,
					total: rows.length,
				},
			},
		};
	}

	private invalid(errors: Record<string, string[]>): MockResponse {
		return { status: 422, body: { message: 'The given data was invalid.', errors } };
	}

	private missing(model: string, id: string): MockResponse {
		return { status: 404, body: { message: `No query results for model [${model}] ${id}` } };
	}

	private notAllowed(): MockResponse {
		return { status: 405, body: { message: 'The method is not supported for this route.' } };
	}
}
