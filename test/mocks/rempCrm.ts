/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code, never published: it runs in Node.js beside n8n and needs the mock platforms' fake tokens; n8n's rules for node code do not apply to it */
/**
 * A stand-in for a REMP CRM with its users and coupon modules: `POST /api/v1/users/login`
 * (form-encoded, a new token per login), `GET /api/v1/user/info` and
 * `POST /api/v1/coupon/activate` (JSON, user token as Bearer), with the CRM's own answers:
 * 403 `no_authorization` for a refused token, 400 "Payload error" for a body outside the
 * coupon module's JSON schema, 404 / 400 / 410 for a missing, used or expired coupon, and
 * 404 "Unknown api call" for any other address. Unit tests mount it with nock; the
 * end-to-end tests serve it over HTTP.
 */
import type { MockResponse, RecordedRequest } from '../harness';

export interface RempUser {
	id: number;
	uuid: string;
	email: string;
	password: string;
	first_name: string;
	last_name: string;
	confirmed_at: string | null;
}

export interface RempCoupon {
	id: number;
	code: string;
	type: string;
	subscription_type_id: number;
	subscription_type_name: string;
	/** Length of the subscription the coupon gives, in days. */
	days: number;
	/** RFC 3339; a coupon past it is expired. */
	expires_at: string | null;
	/** The user the coupon was activated for. */
	user_id?: number;
	subscription_id?: number;
}

export interface RempMockOptions {
	/** "Now" for activations and expiry, as the CRM's clock; tests pass a fixed one. */
	now?: () => number;
}

/** The mock's default users: their emails, passwords and the token each already has. */
export const REMP_USERS = {
	admin: { email: 'admin@crm.test', password: 'admin-password', token: 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6' },
	reader: { email: 'reader@crm.test', password: 'reader-password', token: 'f0e1d2c3b4a5f6e7d8c9b0a1f2e3d4c5' },
};

/** The mock's default coupon codes. */
export const REMP_COUPONS = {
	fresh: '123456-789ABC-DEFG',
	second: 'SPRING-2026-0001',
	used: 'USED-0000-0001',
	expired: 'OLD-2019-0001',
};

/** RFC 3339 the way PHP's DateTime::RFC3339 writes it: seconds, and +00:00 for UTC. */
function rfc3339(ms: number): string {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

function formFields(body: unknown): Record<string, string> {
	if (typeof body === 'string') return Object.fromEntries(new URLSearchParams(body));
	if (body && typeof body === 'object') {
		return Object.fromEntries(
			Object.entries(body as Record<string, unknown>).map(([key, value]) => [key, String(value)]),
		);
	}
	return {};
}

export class RempCrmMock {
	requests: RecordedRequest[] = [];

	now: () => number;

	users: RempUser[] = [
		{
			id: 9,
			uuid: '5b0f9a53-4f8e-4b8e-9d53-0c8f3e1a2b11',
			email: REMP_USERS.admin.email,
			password: REMP_USERS.admin.password,
			first_name: 'Test',
			last_name: 'Admin',
			confirmed_at: '2021-01-01T10:00:00+01:00',
		},
		{
			id: 12,
			uuid: '9c1e7d24-2a6b-4c3f-8e0d-7f6a5b4c3d22',
			email: REMP_USERS.reader.email,
			password: REMP_USERS.reader.password,
			first_name: 'Rita',
			last_name: 'Reader',
			confirmed_at: '2022-03-04T08:00:00+01:00',
		},
	];

	/** Valid user tokens and whose they are. */
	tokens = new Map<string, number>([
		[REMP_USERS.admin.token, 9],
		[REMP_USERS.reader.token, 12],
	]);

	coupons: RempCoupon[] = [
		{
			id: 1234567,
			code: REMP_COUPONS.fresh,
			type: 'new-user-promo',
			subscription_type_id: 123,
			subscription_type_name: '1 month promo subscription',
			days: 31,
			expires_at: null,
		},
		{
			id: 1234568,
			code: REMP_COUPONS.second,
			type: 'spring-campaign',
			subscription_type_id: 124,
			subscription_type_name: '1 week trial',
			days: 7,
			expires_at: '2099-12-31T23:59:59+00:00',
		},
		{
			id: 1234569,
			code: REMP_COUPONS.used,
			type: 'new-user-promo',
			subscription_type_id: 123,
			subscription_type_name: '1 month promo subscription',
			days: 31,
			expires_at: null,
			user_id: 12,
			subscription_id: 1234300,
		},
		{
			id: 1234570,
			code: REMP_COUPONS.expired,
			type: 'old-promo',
			subscription_type_id: 99,
			subscription_type_name: 'Old promo',
			days: 31,
			expires_at: '2019-12-31T23:59:59+00:00',
		},
	];

	/** Users told about their new subscription (notifyUser). */
	notified: number[] = [];

	private nextToken = 1;

	private nextSubscription = 1234345;

	constructor(options: RempMockOptions = {}) {
		this.now = options.now ?? (() => Date.parse('2020-07-02T11:30:00Z'));
	}

	/** The user logs out everywhere: every token of theirs stops working. */
	logOutEverywhere(email: string): void {
		const user = this.users.find((candidate) => candidate.email === email);
		for (const [token, userId] of [...this.tokens]) if (userId === user?.id) this.tokens.delete(token);
	}

	/** Logins the mock answered, successful or not. */
	get logins(): RecordedRequest[] {
		return this.requests.filter((request) => request.path === '/api/v1/users/login');
	}

	handle = (request: RecordedRequest): MockResponse => {
		this.requests.push(request);
		const route = `${request.method} ${request.path.replace(/\/+$/, '')}`;
		if (route === 'POST /api/v1/users/login') return this.login(request);
		if (route === 'GET /api/v1/user/info') return this.userInfo(request);
		if (route === 'POST /api/v1/coupon/activate') return this.activate(request);
		const [, version, pkg, action] = /^\/api\/([^/]*)\/([^/]*)\/?([^/]*)/.exec(request.path) ?? [];
		return {
			status: 404,
			body: {
				error: `Unknown api call: version [${version ?? ''}], category [${pkg ?? ''}], action [${action ?? ''}]`,
			},
		};
	};

	/** The user a Bearer token belongs to, or the 403 the API module answers. */
	private authorized(request: RecordedRequest): RempUser | MockResponse {
		const match = /^Bearer (.+)$/.exec(request.headers.authorization ?? '');
		const userId = match ? this.tokens.get(match[1]) : undefined;
		const user = this.users.find((candidate) => candidate.id === userId);
		if (user) return user;
		return {
			status: 403,
			body: {
				status: 'error',
				message: 'Not authorized: Cannot authorize user',
				error: 'no_authorization',
			},
		};
	}

	private publicUser(user: RempUser) {
		return {
			id: user.id,
			uuid: user.uuid,
			email: user.email,
			first_name: user.first_name,
			last_name: user.last_name,
			confirmed_at: user.confirmed_at,
		};
	}

	private login(request: RecordedRequest): MockResponse {
		const fields = formFields(request.body);
		if (!(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
			// PHP fills $_POST from form bodies only: a JSON login has no email.
			return {
				status: 400,
				body: { status: 'error', error: 'no_email', message: 'No valid email', code: 'invalid_email' },
			};
		}
		if (!fields.email) {
			return {
				status: 400,
				body: { status: 'error', error: 'no_email', message: 'No valid email', code: 'invalid_email' },
			};
		}
		if (!fields.password) {
			return {
				status: 400,
				body: { status: 'error', error: 'no_password', message: 'No valid password', code: 'invalid_password' },
			};
		}
		const user = this.users.find((candidate) => candidate.email === fields.email);
		if (!user) {
			return {
				status: 400,
				body: { status: 'error', error: 'auth_failed', message: 'Email not found', code: 'identity_not_found' },
			};
		}
		if (user.password !== fields.password) {
			return {
				status: 400,
				body: {
					status: 'error',
					error: 'auth_failed',
					message: 'The password does not match our records',
					code: 'invalid_credential',
				},
			};
		}
		const token = String(this.nextToken++).padStart(32, '0');
		this.tokens.set(token, user.id);
		return {
			status: 200,
			body: { status: 'ok', user: this.publicUser(user), user_meta: {}, access: { token } },
		};
	}

	private userInfo(request: RecordedRequest): MockResponse {
		const user = this.authorized(request);
		if (!('id' in user)) return user;
		const basic: Record<string, unknown> = { ...this.publicUser(user) };
		delete basic.first_name;
		delete basic.last_name;
		return { status: 200, body: { status: 'ok', user: basic, user_meta: {} } };
	}

	private activate(request: RecordedRequest): MockResponse {
		const user = this.authorized(request);
		if (!('id' in user)) return user;
		// The coupon module checks the body against its JSON schema first.
		const body = request.body;
		if (body === undefined || body === '') {
			return { status: 400, body: { status: 'error', message: 'Empty request' } };
		}
		if (typeof body !== 'object' || body === null || Array.isArray(body)) {
			return { status: 400, body: { status: 'error', message: 'Malformed JSON', errors: ['Syntax error'] } };
		}
		const fields = body as Record<string, unknown>;
		const errors: Array<Record<string, string>> = [];
		if (typeof fields.code !== 'string') {
			errors.push({ code: fields.code === undefined ? 'The property code is required: required' : 'String value found, but a string is required: type' });
		}
		if (fields.notifyUser !== undefined && typeof fields.notifyUser !== 'boolean') {
			errors.push({ notifyUser: `${typeof fields.notifyUser} value found, but a boolean is required: type` });
		}
		for (const key of Object.keys(fields)) {
			if (key !== 'code' && key !== 'notifyUser') {
				errors.push({ '': `The property ${key} is not defined and the definition does not allow additional properties: additionalProp` });
			}
		}
		if (errors.length) return { status: 400, body: { status: 'error', message: 'Payload error', errors } };

		const coupon = this.coupons.find((candidate) => candidate.code === fields.code);
		if (!coupon) {
			return {
				status: 404,
				body: { status: 'error', message: `Coupon doesn't exist: ${String(fields.code)}`, code: 'coupon_doesnt_exist' },
			};
		}
		if (coupon.user_id !== undefined) {
			return { status: 400, body: { status: 'error', message: 'Coupon is already used', code: 'coupon_already_used' } };
		}
		if (coupon.expires_at && Date.parse(coupon.expires_at) < this.now()) {
			return { status: 410, body: { status: 'error', message: 'Coupon expired', code: 'coupon_expired' } };
		}
		const start = this.now();
		const end = start + coupon.days * 86_400_000;
		coupon.user_id = user.id;
		coupon.subscription_id = this.nextSubscription++;
		if (fields.notifyUser === true) this.notified.push(user.id);
		return {
			status: 200,
			body: {
				coupon_id: coupon.id,
				coupon_type: coupon.type,
				subscription_id: coupon.subscription_id,
				subscription_type_id: coupon.subscription_type_id,
				subscription_type_name: coupon.subscription_type_name,
				subscription_start_time: rfc3339(start),
				subscription_end_time: rfc3339(end),
			},
		};
	}
}
