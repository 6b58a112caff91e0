/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code, never published: it runs in Node.js beside n8n and needs the mock platforms' fake tokens; n8n's rules for node code do not apply to it */
/**
 * REMP CRM's documented errors become node errors with the CRM's own message and what to
 * do about it; Continue On Fail works per item; answers that are not REMP CRM's are named.
 */
import nock from 'nock';
import type { NodeApiError } from 'n8n-workflow';

import { forgetRempSessions } from '../../nodes/RempCrm/session';
import type { MockResponse, RecordedRequest } from '../harness';
import { interceptHttp, resetHttp } from '../harness';
import { REMP_COUPONS, REMP_USERS, RempCrmMock } from '../mocks/rempCrm';
import { BASE_URL, runRemp, TOKEN_CREDENTIALS } from './run';

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

const activate = (code: string) => ({ resource: 'coupon', operation: 'activate', code });

/** Answers every request with one response. */
function answerWith(response: MockResponse): void {
	resetHttp();
	requests = interceptHttp(BASE_URL, (request) => {
		void request;
		return response;
	});
}

const documented: Array<[string, string, number, string, string]> = [
	['does not exist', 'NOPE-0000', 404, "Coupon doesn't exist: NOPE-0000", 'No coupon has this code'],
	['is already used', REMP_COUPONS.used, 400, 'Coupon is already used', 'activated already'],
	['has expired', REMP_COUPONS.expired, 410, 'Coupon expired', 'has expired'],
];

test.each(documented)(
	'a coupon that %s (%s) fails with HTTP %i and the CRM\'s message',
	async (_what, code, status, message, explained) => {
		const { error, items } = await runRemp(activate(code));

		expect(requests).toHaveLength(1);
		expect(items).toEqual([]);
		expect(error?.name).toBe('NodeApiError');
		expect(error!.message).toBe(`REMP CRM: ${message}`);
		expect((error as NodeApiError).httpCode).toBe(String(status));
		expect(error!.description).toContain(explained);
		expect(error!.description).toContain('Nothing was changed in REMP CRM.');
	},
);

test('a token REMP CRM does not accept: 403 with the CRM\'s message, sent once', async () => {
	const { error } = await runRemp(activate(REMP_COUPONS.fresh), {
		credentials: { ...TOKEN_CREDENTIALS, userToken: 'deadbeefdeadbeefdeadbeefdeadbeef' },
	});

	expect(requests).toHaveLength(1);
	expect(error!.message).toBe('REMP CRM: Not authorized: Cannot authorize user');
	expect((error as NodeApiError).httpCode).toBe('403');
	expect(error!.description).toContain('did not accept the user token');
	const { message, description, errorResponse } = error as NodeApiError;
	expect(JSON.stringify({ message, description, errorResponse })).not.toContain('deadbeef');
	expect(mock.coupons[0].user_id).toBeUndefined();
});

test('the coupon module\'s own 403 (cannot_authorize_user) is explained the same way', async () => {
	answerWith({
		status: 403,
		body: { status: 'error', message: 'Cannot authorize user', code: 'cannot_authorize_user' },
	});
	const { error } = await runRemp(activate(REMP_COUPONS.fresh));
	expect(error!.message).toBe('REMP CRM: Cannot authorize user');
	expect((error as NodeApiError).httpCode).toBe('403');
	expect(error!.description).toContain('did not accept the user token');
});

test('Continue On Fail: every item gets its coupon or its error, paired with its input', async () => {
	const { error, items } = await runRemp(activate('={{ $json.code }}'), {
		input: [
			{ code: REMP_COUPONS.fresh },
			{ code: REMP_COUPONS.used },
			{ code: 'NOPE-0000' },
			{ code: REMP_COUPONS.expired },
		],
		continueOnFail: true,
	});

	expect(error).toBeUndefined();
	expect(requests).toHaveLength(4);
	expect(items).toEqual([
		{ json: expect.objectContaining({ coupon_id: 1234567 }), pairedItem: { item: 0 } },
		{
			json: {
				error: 'REMP CRM: Coupon is already used',
				description:
					'This coupon has been activated already, and a coupon can be activated once only. Nothing was changed in REMP CRM.',
				httpCode: '400',
			},
			pairedItem: { item: 1 },
		},
		{
			json: {
				error: "REMP CRM: Coupon doesn't exist: NOPE-0000",
				description: expect.stringContaining('No coupon has this code'),
				httpCode: '404',
			},
			pairedItem: { item: 2 },
		},
		{
			json: {
				error: 'REMP CRM: Coupon expired',
				description: expect.stringContaining('Give the user a new coupon'),
				httpCode: '410',
			},
			pairedItem: { item: 3 },
		},
	]);
});

test('activating the same coupon twice in one run: the second item is told it is used', async () => {
	const { items } = await runRemp(activate(REMP_COUPONS.fresh), {
		input: [{}, {}],
		continueOnFail: true,
	});
	expect(items.map((item) => item.json.coupon_id ?? item.json.error).sort()).toEqual(
		[1234567, 'REMP CRM: Coupon is already used'].sort(),
	);
});

test('a wrong email or password at User → Log In fails with the CRM\'s message', async () => {
	const { error } = await runRemp({
		resource: 'user',
		operation: 'logIn',
		email: REMP_USERS.reader.email,
		password: 'wrong-password',
	});

	expect(error!.message).toBe('REMP CRM: The password does not match our records');
	expect((error as NodeApiError).httpCode).toBe('400');
	expect(error!.description).toContain('Check the password');
	// n8n itself keeps the node's parameters with the error; the password is nowhere else.
	const { message, description, errorResponse } = error as NodeApiError;
	expect(JSON.stringify({ message, description, errorResponse })).not.toContain('wrong-password');
});

test('an unknown email at User → Log In says so', async () => {
	const { error } = await runRemp({
		resource: 'user',
		operation: 'logIn',
		email: 'nobody@crm.test',
		password: 'whatever',
	});
	expect(error!.message).toBe('REMP CRM: Email not found');
	expect(error!.description).toContain('Check the email');
});

test('a CRM without the coupon module (Unknown api call) points at the Base URL', async () => {
	answerWith({
		status: 404,
		body: { error: 'Unknown api call: version [v1], category [coupon], action [activate]' },
	});
	const { error } = await runRemp(activate(REMP_COUPONS.fresh));
	expect(error!.message).toBe('REMP CRM: Unknown api call: version [v1], category [coupon], action [activate]');
	expect(error!.description).toContain('Check the Base URL');
	expect(error!.description).toContain('coupon module');
});

test('a payload error names the fields REMP CRM rejected', async () => {
	answerWith({
		status: 400,
		body: {
			status: 'error',
			message: 'Payload error',
			errors: [{ code: 'String value found, but a string is required: type' }],
		},
	});
	const { error } = await runRemp(activate(REMP_COUPONS.fresh));
	expect(error!.message).toBe('REMP CRM: Payload error');
	expect(error!.description).toBe(
		'Invalid fields — code: String value found, but a string is required: type. Nothing was changed in REMP CRM.',
	);
});

test('a 500 asks to check whether the coupon was activated before running again, and is not resent', async () => {
	answerWith({ status: 500, body: { status: 'error', message: 'Internal server error' } });
	const { error } = await runRemp(activate(REMP_COUPONS.fresh));
	expect(requests).toHaveLength(1);
	expect(error!.message).toBe('REMP CRM: Internal server error');
	expect(error!.description).toContain('whether the coupon was activated');
});

test('an HTML page (a proxy, a wrong address) is named as such', async () => {
	resetHttp();
	nock.disableNetConnect();
	nock(BASE_URL).post('/api/v1/coupon/activate').reply(200, '<!doctype html><html>Login</html>', {
		'Content-Type': 'text/html',
	});
	const { error } = await runRemp(activate(REMP_COUPONS.fresh));
	expect(error!.message).toBe('REMP CRM answered with an HTML page instead of JSON');
	expect(error!.description).toContain('Base URL');
});

test('a 200 without the activated coupon is not passed on as a success', async () => {
	answerWith({ status: 200, body: { status: 'ok' } });
	const { error, items } = await runRemp(activate(REMP_COUPONS.fresh));
	expect(items).toEqual([]);
	expect(error!.message).toBe(
		'REMP CRM answered with JSON without the activated coupon ("coupon_id", "subscription_id")',
	);
});

test('a login answer without a token is not passed on as a success', async () => {
	answerWith({ status: 200, body: { status: 'ok', user: { id: 12 } } });
	const { error } = await runRemp({
		resource: 'user',
		operation: 'logIn',
		email: REMP_USERS.reader.email,
		password: REMP_USERS.reader.password,
	});
	expect(error!.message).toBe('REMP CRM answered with a login answer without a user token ("access.token")');
});

test('a CRM that cannot be reached is named with its address', async () => {
	resetHttp();
	const closed = 'http://127.0.0.1:9';
	const { error } = await runRemp(activate(REMP_COUPONS.fresh), {
		credentials: { ...TOKEN_CREDENTIALS, baseUrl: closed },
	});
	expect(error!.message).toContain(`Could not reach REMP CRM at ${closed}/api/v1/coupon/activate`);
	expect(error!.description).toContain('whether it was applied');
});
