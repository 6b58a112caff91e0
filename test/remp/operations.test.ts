/**
 * Every operation of the REMP CRM node: the exact request (method, path, query, headers,
 * body) and the items that come out, with the credential's user token or an item's own.
 */
import type { INodeParameters } from 'n8n-workflow';

import { RempCrmApi } from '../../credentials/RempCrmApi.credentials';
import { REMP_BASE_URL } from '../../nodes/RempCrm/address';
import { forgetRempSessions } from '../../nodes/RempCrm/session';
import type { RecordedRequest } from '../harness';
import { interceptHttp, resetHttp } from '../harness';
import { REMP_COUPONS, REMP_USERS, RempCrmMock } from '../mocks/rempCrm';
import { rempCases } from './cases';
import { BASE_URL, LOGIN_CREDENTIALS, runRemp, TOKEN_CREDENTIALS } from './run';

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

const activate = (code: string, additionalFields: INodeParameters = {}): INodeParameters => ({
	resource: 'coupon',
	operation: 'activate',
	code,
	additionalFields,
});

/** The headers every request of the node carries, whatever n8n adds besides. */
const jsonHeaders = (token: string) => ({
	accept: 'application/json',
	'content-type': 'application/json',
	authorization: `Bearer ${token}`,
});

describe('Coupon → Activate', () => {
	it('sends the code and notifyUser with the credential\'s token and returns the documented fields', async () => {
		const { items, error } = await runRemp(rempCases[0].parameters);

		expect(error).toBeUndefined();
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({
			method: 'POST',
			path: '/api/v1/coupon/activate',
			query: {},
			headers: jsonHeaders(REMP_USERS.admin.token),
			body: { code: REMP_COUPONS.fresh, notifyUser: true },
		});
		expect(requests[0].body).toEqual({ code: REMP_COUPONS.fresh, notifyUser: true });
		expect(items).toEqual([
			{
				json: {
					coupon_id: 1234567,
					coupon_type: 'new-user-promo',
					subscription_id: 1234345,
					subscription_type_id: 123,
					subscription_type_name: '1 month promo subscription',
					subscription_start_time: '2020-07-02T11:30:00+00:00',
					subscription_end_time: '2020-08-02T11:30:00+00:00',
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(mock.coupons[0].user_id).toBe(9);
		expect(mock.notified).toEqual([9]);
	});

	it('sends only the code when Notify User is not set, trimmed of spaces', async () => {
		const { error } = await runRemp(activate(`  ${REMP_COUPONS.second}\n`));

		expect(error).toBeUndefined();
		expect(requests).toHaveLength(1);
		expect(requests[0].body).toEqual({ code: REMP_COUPONS.second });
		expect(mock.notified).toEqual([]);
	});

	it('sends notifyUser false when the user turned it off', async () => {
		await runRemp(activate(REMP_COUPONS.fresh, { notifyUser: false }));
		expect(requests[0].body).toEqual({ code: REMP_COUPONS.fresh, notifyUser: false });
	});

	it('an empty code fails its item before anything is sent', async () => {
		const { error } = await runRemp(activate('={{ $json.code }}'), { input: [{ code: '  ' }] });

		expect(requests).toEqual([]);
		expect(error?.message).toBe('The Coupon Code is empty');
		expect(error?.description).toContain('Nothing was sent');
	});

	it('an empty code gives the Continue On Fail item and the next item is still sent', async () => {
		const { items } = await runRemp(activate('={{ $json.code }}'), {
			input: [{ code: '' }, { code: REMP_COUPONS.fresh }],
			continueOnFail: true,
		});

		expect(requests).toHaveLength(1);
		expect(items).toHaveLength(2);
		expect(items[0]).toEqual({
			json: {
				error: 'The Coupon Code is empty',
				description: expect.stringContaining('Fill in the Coupon Code'),
				httpCode: null,
			},
			pairedItem: { item: 0 },
		});
		expect(items[1]).toMatchObject({ json: { coupon_id: 1234567 }, pairedItem: { item: 1 } });
	});
});

describe('Coupon → Activate with a user token per item', () => {
	it('each item\'s token replaces the credential\'s, so one run activates coupons for several users', async () => {
		const { items, error } = await runRemp(
			activate('={{ $json.code }}', { userToken: '={{ $json.token }}' }),
			{
				input: [
					{ code: REMP_COUPONS.fresh, token: REMP_USERS.reader.token },
					{ code: REMP_COUPONS.second, token: `Bearer ${REMP_USERS.admin.token}` },
				],
				credentials: { ...TOKEN_CREDENTIALS, userToken: 'the-credential-token-is-not-used' },
			},
		);

		expect(error).toBeUndefined();
		const sent = requests.map((request) => [request.body, request.headers.authorization]);
		expect(sent).toHaveLength(2);
		expect(sent).toEqual(
			expect.arrayContaining([
				[{ code: REMP_COUPONS.fresh }, `Bearer ${REMP_USERS.reader.token}`],
				[{ code: REMP_COUPONS.second }, `Bearer ${REMP_USERS.admin.token}`],
			]),
		);
		expect(requests.every((request) => request.path === '/api/v1/coupon/activate')).toBe(true);
		expect(mock.coupons[0].user_id).toBe(12);
		expect(mock.coupons[1].user_id).toBe(9);
		expect(items.map((item) => [item.json.coupon_id, item.pairedItem])).toEqual([
			[1234567, { item: 0 }],
			[1234568, { item: 1 }],
		]);
	});

	it('an item without a token uses the credential\'s', async () => {
		await runRemp(activate(REMP_COUPONS.fresh, { userToken: '={{ $json.token }}' }), {
			input: [{ token: '' }],
		});
		expect(requests[0].headers.authorization).toBe(`Bearer ${REMP_USERS.admin.token}`);
	});

	it('with an Email and Password credential, an item\'s own token needs no login', async () => {
		const { error } = await runRemp(activate(REMP_COUPONS.fresh, { userToken: REMP_USERS.reader.token }), {
			credentials: LOGIN_CREDENTIALS,
		});

		expect(error).toBeUndefined();
		expect(requests.map((request) => request.path)).toEqual(['/api/v1/coupon/activate']);
		expect(requests[0].headers.authorization).toBe(`Bearer ${REMP_USERS.reader.token}`);
	});

	it('a token with spaces in it fails before sending, without showing the token', async () => {
		const { error } = await runRemp(activate(REMP_COUPONS.fresh, { userToken: 'secret part two' }));

		expect(requests).toEqual([]);
		expect(error?.message).toBe('The User Token is not a token');
		expect(JSON.stringify({ message: error?.message, description: error?.description })).not.toContain(
			'secret',
		);
	});
});

describe('User → Log In', () => {
	it('sends the email and password form-encoded, without a token, and returns the user\'s token', async () => {
		const { items, error } = await runRemp(rempCases[1].parameters);

		expect(error).toBeUndefined();
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({
			method: 'POST',
			path: '/api/v1/users/login',
			query: {},
			headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
			body: 'email=reader%40crm.test&password=reader-password',
		});
		expect(requests[0].headers.authorization).toBeUndefined();
		const token = items[0].json.token as string;
		expect(mock.tokens.get(token)).toBe(12);
		expect(items).toEqual([
			{
				json: {
					token,
					user: {
						id: 12,
						uuid: '9c1e7d24-2a6b-4c3f-8e0d-7f6a5b4c3d22',
						email: 'reader@crm.test',
						first_name: 'Rita',
						last_name: 'Reader',
						confirmed_at: '2022-03-04T08:00:00+01:00',
					},
					user_meta: {},
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('with an Email and Password credential, logs in only the user asked for', async () => {
		await runRemp(rempCases[1].parameters, { credentials: LOGIN_CREDENTIALS });
		expect(requests.map((request) => request.body)).toEqual([
			'email=reader%40crm.test&password=reader-password',
		]);
	});

	it('the token it returns activates a coupon for that user', async () => {
		const login = await runRemp(rempCases[1].parameters);
		const { error } = await runRemp(
			activate(REMP_COUPONS.fresh, { userToken: '={{ $json.token }}' }),
			{ input: login.items.map((item) => item.json) },
		);

		expect(error).toBeUndefined();
		expect(requests[1].headers.authorization).toBe(`Bearer ${String(login.items[0].json.token)}`);
		expect(mock.coupons[0].user_id).toBe(12);
	});
});

describe('credential', () => {
	it('the credential test asks REMP CRM who the token belongs to, at the configured address', async () => {
		const credential = new RempCrmApi();
		const { request } = credential.test;
		expect(request.url).toBe('/api/v1/user/info');
		// The one base-URL rule of nodes/RempCrm/address.ts (test/remp/address.test.ts: same address as the node's).
		expect(request.baseURL).toBe(REMP_BASE_URL);

		const authenticated = await credential.authenticate(TOKEN_CREDENTIALS, {
			url: request.url!,
			headers: { ...(request.headers ?? {}) },
		});
		expect(authenticated.headers).toEqual({
			Accept: 'application/json',
			Authorization: `Bearer ${REMP_USERS.admin.token}`,
		});
		const answer = mock.handle({
			method: 'GET',
			path: request.url!,
			query: {},
			headers: { authorization: String(authenticated.headers!.Authorization) },
			body: undefined,
		});
		expect(answer.status).toBe(200);
		// The rule that tells REMP CRM from any server answering 200: the answer names the user.
		expect(credential.test.rules).toEqual([
			expect.objectContaining({
				type: 'responseSuccessBody',
				properties: expect.objectContaining({ key: 'user.id', value: undefined }),
			}),
		]);
		expect((answer.body as { user: { id: number } }).user.id).toBe(9);
	});

	it('a request that carries its own token keeps it; the login goes without one', async () => {
		const credential = new RempCrmApi();
		const own = await credential.authenticate(TOKEN_CREDENTIALS, {
			url: '/api/v1/coupon/activate',
			headers: { authorization: 'Bearer item-token' },
		});
		expect(own.headers).toEqual({ authorization: 'Bearer item-token' });
		const login = await credential.authenticate(TOKEN_CREDENTIALS, { url: '/api/v1/users/login' });
		expect(login.headers).toBeUndefined();
	});

	it('a User Token pasted with "Bearer " in front is sent once with it', async () => {
		const { error } = await runRemp(activate(REMP_COUPONS.fresh), {
			credentials: { ...TOKEN_CREDENTIALS, userToken: ` Bearer ${REMP_USERS.admin.token} ` },
		});
		expect(error).toBeUndefined();
		expect(requests[0].headers.authorization).toBe(`Bearer ${REMP_USERS.admin.token}`);
	});

	it('without a user token anywhere, fails before sending and says where to put one', async () => {
		const { error } = await runRemp(activate(REMP_COUPONS.fresh), {
			credentials: { ...TOKEN_CREDENTIALS, userToken: '' },
		});
		expect(requests).toEqual([]);
		expect(error?.message).toBe('No user token to send');
		expect(error?.description).toContain('User Token option');
	});

	it('without a Base URL, fails before sending', async () => {
		const { error } = await runRemp(activate(REMP_COUPONS.fresh), {
			credentials: { ...TOKEN_CREDENTIALS, baseUrl: '' },
		});
		expect(requests).toEqual([]);
		expect(error?.message).toBe('The REMP CRM credential has no valid Base URL');
	});

	it('a Base URL with a trailing slash works', async () => {
		const { error } = await runRemp(activate(REMP_COUPONS.fresh), {
			credentials: { ...TOKEN_CREDENTIALS, baseUrl: `${BASE_URL}/ ` },
		});
		expect(error).toBeUndefined();
		expect(requests[0].path).toBe('/api/v1/coupon/activate');
	});
});
