/**
 * The Email and Password credential: one login (form-encoded), its token kept with the
 * credential and reused by later runs, a new login once when REMP CRM refuses the kept
 * token, and a refused email and password reported without asking the CRM again.
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { forgetRempSessions } from '../../nodes/RempCrm/session';
import type { RecordedRequest, RunResult } from '../harness';
import { interceptHttp, resetHttp } from '../harness';
import { REMP_COUPONS, REMP_USERS, RempCrmMock } from '../mocks/rempCrm';
import { BASE_URL, LOGIN_CREDENTIALS, runRemp } from './run';

let mock: RempCrmMock;
let requests: RecordedRequest[];

beforeEach(() => {
	mock = new RempCrmMock();
	requests = interceptHttp(BASE_URL, mock.handle);
});

afterEach(() => {
	resetHttp();
	forgetRempSessions();
});

const LOGIN_BODY = 'email=admin%40crm.test&password=admin-password';

const activate = { resource: 'coupon', operation: 'activate', code: '={{ $json.code }}' };

/** The credential as n8n stores it after a run: what preAuthentication kept with it. */
function stored(run: RunResult): ICredentialDataDecryptedObject {
	return { ...LOGIN_CREDENTIALS, ...(run.credentialsHelper.persisted.rempCrmApi ?? {}) };
}

const paths = () => requests.map((request) => request.path);

const logins = () => requests.filter((request) => request.path === '/api/v1/users/login');

const activations = () => requests.filter((request) => request.path === '/api/v1/coupon/activate');

test('the first run logs in once, form-encoded without a token, and sends the token it got', async () => {
	const run = await runRemp(activate, {
		credentials: LOGIN_CREDENTIALS,
		input: [{ code: REMP_COUPONS.fresh }],
	});

	expect(run.error).toBeUndefined();
	expect(paths()).toEqual(['/api/v1/users/login', '/api/v1/coupon/activate']);
	expect(requests[0]).toMatchObject({
		method: 'POST',
		query: {},
		headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
		body: LOGIN_BODY,
	});
	expect(requests[0].headers.authorization).toBeUndefined();
	expect(requests[1].headers.authorization).toBe(`Bearer ${stored(run).sessionToken as string}`);
	expect(mock.tokens.get(String(stored(run).sessionToken))).toBe(9);
	expect(stored(run).sessionToken).not.toBe(REMP_USERS.admin.token);
	expect(run.items[0].json.coupon_id).toBe(1234567);
});

test('many items share one login', async () => {
	const run = await runRemp(activate, {
		credentials: LOGIN_CREDENTIALS,
		input: [{ code: REMP_COUPONS.fresh }, { code: REMP_COUPONS.second }, { code: 'NO-SUCH-CODE' }],
		continueOnFail: true,
	});

	expect(logins()).toHaveLength(1);
	expect(activations()).toHaveLength(3);
	const sessionToken = String(stored(run).sessionToken);
	expect(new Set(activations().map((request) => request.headers.authorization))).toEqual(
		new Set([`Bearer ${sessionToken}`]),
	);
	expect(run.items.map((item) => item.json.coupon_id ?? item.json.httpCode)).toEqual([
		1234567,
		1234568,
		'404',
	]);
});

test('a later run reuses the kept token without logging in, also in a restarted n8n', async () => {
	const first = await runRemp(activate, { credentials: LOGIN_CREDENTIALS, input: [{ code: REMP_COUPONS.fresh }] });
	forgetRempSessions();
	requests.length = 0;

	const second = await runRemp(activate, { credentials: stored(first), input: [{ code: REMP_COUPONS.second }] });

	expect(second.error).toBeUndefined();
	expect(paths()).toEqual(['/api/v1/coupon/activate']);
	expect(requests[0].headers.authorization).toBe(`Bearer ${String(stored(first).sessionToken)}`);
});

test('a kept token REMP CRM refuses (403) is replaced by one new login, and the request sent again', async () => {
	const first = await runRemp(activate, { credentials: LOGIN_CREDENTIALS, input: [{ code: REMP_COUPONS.fresh }] });
	const oldToken = String(stored(first).sessionToken);
	mock.logOutEverywhere(REMP_USERS.admin.email);
	requests.length = 0;

	const second = await runRemp(activate, { credentials: stored(first), input: [{ code: REMP_COUPONS.second }] });

	expect(second.error).toBeUndefined();
	expect(requests.map((request) => [request.path, request.headers.authorization])).toEqual([
		['/api/v1/coupon/activate', `Bearer ${oldToken}`],
		['/api/v1/users/login', undefined],
		['/api/v1/coupon/activate', `Bearer ${String(second.credentialsHelper.persisted.rempCrmApi.sessionToken)}`],
	]);
	const newToken = String(second.credentialsHelper.persisted.rempCrmApi.sessionToken);
	expect(newToken).not.toBe(oldToken);
	expect(mock.tokens.get(newToken)).toBe(9);
	expect(second.items).toEqual([
		{ json: expect.objectContaining({ coupon_id: 1234568 }), pairedItem: { item: 0 } },
	]);
});

test('when the kept token is refused, all items of the run share the one new login', async () => {
	const first = await runRemp(activate, { credentials: LOGIN_CREDENTIALS, input: [{ code: REMP_COUPONS.fresh }] });
	mock.logOutEverywhere(REMP_USERS.admin.email);
	mock.coupons[0].user_id = undefined;
	requests.length = 0;

	const second = await runRemp(activate, {
		credentials: stored(first),
		input: [{ code: REMP_COUPONS.fresh }, { code: REMP_COUPONS.second }, { code: REMP_COUPONS.expired }],
		continueOnFail: true,
	});

	expect(logins()).toHaveLength(1);
	expect(activations().map((request) => request.headers.authorization)).toHaveLength(6);
	expect(activations().filter((request) => request.headers.authorization === `Bearer ${String(stored(first).sessionToken)}`)).toHaveLength(3);
	expect(second.items.map((item) => item.json.coupon_id ?? item.json.error)).toEqual([
		1234567,
		1234568,
		'REMP CRM: Coupon expired',
	]);
});

test('a 403 for a token just logged in for is sent again once only, then reported', async () => {
	// A CRM that accepts logins but no token at all.
	const refusing = (request: RecordedRequest) => {
		const answer = mock.handle(request);
		if (request.path === '/api/v1/users/login') return answer;
		return {
			status: 403,
			body: { status: 'error', message: 'Cannot authorize user', code: 'cannot_authorize_user' },
		};
	};
	resetHttp();
	requests = interceptHttp(BASE_URL, refusing);

	const run = await runRemp(activate, { credentials: LOGIN_CREDENTIALS, input: [{ code: REMP_COUPONS.fresh }] });

	expect(paths()).toEqual([
		'/api/v1/users/login',
		'/api/v1/coupon/activate',
		'/api/v1/users/login',
		'/api/v1/coupon/activate',
	]);
	expect(run.error?.message).toBe('REMP CRM: Cannot authorize user');
	expect(run.error?.description).toContain('did not accept the user token');
});

test('with an Email and Password credential, an item\'s own token refused with 403 is reported, not renewed by a login', async () => {
	const unknown = 'deadbeef'.repeat(4);
	const run = await runRemp(
		{ ...activate, additionalFields: { userToken: unknown } },
		{ credentials: LOGIN_CREDENTIALS, input: [{ code: REMP_COUPONS.fresh }] },
	);

	expect(paths()).toEqual(['/api/v1/coupon/activate']);
	expect(requests[0].headers.authorization).toBe(`Bearer ${unknown}`);
	expect(run.error?.message).toBe('REMP CRM: Not authorized: Cannot authorize user');
});

test('with an Email and Password credential, User → Log In answered 403 is reported, and the credential does not log in', async () => {
	resetHttp();
	requests = interceptHttp(BASE_URL, () => ({
		status: 403,
		body: { status: 'error', message: 'Cannot authorize user', code: 'cannot_authorize_user' },
	}));
	const run = await runRemp(
		{ resource: 'user', operation: 'logIn', email: REMP_USERS.reader.email, password: REMP_USERS.reader.password },
		{ credentials: LOGIN_CREDENTIALS },
	);

	expect(requests.map((request) => [request.path, request.body, request.headers.authorization])).toEqual([
		['/api/v1/users/login', 'email=reader%40crm.test&password=reader-password', undefined],
	]);
	expect(run.error?.message).toBe('REMP CRM: Cannot authorize user');
});

test('a User Token credential is never logged in: a refused token is reported at once', async () => {
	const run = await runRemp(activate, {
		credentials: { baseUrl: BASE_URL, authentication: 'userToken', userToken: 'not-a-valid-token' },
		input: [{ code: REMP_COUPONS.fresh }],
	});

	expect(paths()).toEqual(['/api/v1/coupon/activate']);
	expect(run.error?.message).toBe('REMP CRM: Not authorized: Cannot authorize user');
	expect(run.credentialsHelper.persisted.rempCrmApi).toBeUndefined();
});

test('a credential saved with only a User Token, before Email and Password became the first choice, keeps sending its token', async () => {
	// n8n fills in today's default (Email and Password) for an Authentication it did not store.
	const run = await runRemp(activate, {
		credentials: { baseUrl: BASE_URL, authentication: 'emailPassword', userToken: REMP_USERS.admin.token },
		input: [{ code: REMP_COUPONS.fresh }],
	});

	expect(paths()).toEqual(['/api/v1/coupon/activate']);
	expect(requests[0].headers.authorization).toBe(`Bearer ${REMP_USERS.admin.token}`);
	expect(run.error).toBeUndefined();
});

describe('a refused email and password', () => {
	const wrong = { ...LOGIN_CREDENTIALS, password: 'not-the-password' };

	test('fails with REMP CRM\'s message, names the credential\'s fields, and shows no password', async () => {
		const run = await runRemp(activate, { credentials: wrong, input: [{ code: REMP_COUPONS.fresh }] });

		expect(paths()).toEqual(['/api/v1/users/login']);
		expect(run.error?.message).toBe(
			'REMP CRM refused the email and password of the credential (HTTP 400): The password does not match our records',
		);
		expect(run.error?.description).toContain('Check the Email and Password in the REMP CRM credential');
		expect(JSON.stringify(run.error)).not.toContain('not-the-password');
	});

	test('is asked once for all items, each of which fails with Continue On Fail', async () => {
		const run = await runRemp(activate, {
			credentials: wrong,
			input: [{ code: REMP_COUPONS.fresh }, { code: REMP_COUPONS.second }, { code: REMP_COUPONS.expired }],
			continueOnFail: true,
		});

		expect(paths()).toEqual(['/api/v1/users/login']);
		expect(run.items).toHaveLength(3);
		for (const [index, item] of run.items.entries()) {
			expect(item).toEqual({
				json: {
					error: expect.stringContaining('REMP CRM refused the email and password'),
					description: expect.stringContaining('Email and Password'),
					httpCode: '400',
				},
				pairedItem: { item: index },
			});
		}
	});

	test('is asked again at once when the credential\'s password changes', async () => {
		await runRemp(activate, { credentials: wrong, input: [{ code: REMP_COUPONS.fresh }] });
		const run = await runRemp(activate, { credentials: LOGIN_CREDENTIALS, input: [{ code: REMP_COUPONS.fresh }] });

		expect(run.error).toBeUndefined();
		expect(logins().map((request) => request.body)).toEqual([
			'email=admin%40crm.test&password=not-the-password',
			LOGIN_BODY,
		]);
	});
});

test('an email or password missing in the credential fails before anything is sent', async () => {
	const run = await runRemp(activate, {
		credentials: { ...LOGIN_CREDENTIALS, password: '' },
		input: [{ code: REMP_COUPONS.fresh }],
	});
	expect(requests).toEqual([]);
	expect(run.error?.message).toBe('The REMP CRM credential has no email or password');
});

test('a login answer without a token points at the Base URL', async () => {
	resetHttp();
	requests = interceptHttp(BASE_URL, (request) =>
		request.path === '/api/v1/users/login' ? { status: 200, body: { status: 'ok' } } : mock.handle(request),
	);
	const run = await runRemp(activate, { credentials: LOGIN_CREDENTIALS, input: [{ code: REMP_COUPONS.fresh }] });
	expect(paths()).toEqual(['/api/v1/users/login']);
	expect(run.error?.message).toBe('REMP CRM answered the login without a user token ("access.token", HTTP 200)');
	expect(run.error?.description).toContain('Check the Base URL in the REMP CRM credential');
});
