/**
 * The Email and Password credential's session token under an edit and a lost login answer:
 * n8n keeps the hidden token when the user edits the credential, so a token is used only for
 * the address, email and password it was got for; a login whose answer was lost sent
 * nothing else, blocks nobody, and the activation it was for is sent once it has a token.
 */
import nock from 'nock';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { RempCrmApi } from '../../credentials/RempCrmApi.credentials';
import { forgetRempSessions, rempIdentity } from '../../nodes/RempCrm/session';
import { virtualClock } from '../clock';
import type { RecordedRequest, RunResult } from '../harness';
import { resetHttp } from '../harness';
import type { ServedMock } from '../mocks/http';
import { serveMock } from '../mocks/http';
import { REMP_COUPONS, REMP_USERS } from '../mocks/rempCrm';
import { BASE_URL, LOGIN_CREDENTIALS, rempPerTest, runRemp } from './run';

const remp = rempPerTest();

const activate = { resource: 'coupon', operation: 'activate', code: '={{ $json.code }}' };

const READER = { ...LOGIN_CREDENTIALS, email: REMP_USERS.reader.email, password: REMP_USERS.reader.password };

/** The credential as n8n stores it after a run: what preAuthentication kept with it. */
function stored(run: RunResult, credentials: ICredentialDataDecryptedObject): ICredentialDataDecryptedObject {
	return { ...credentials, ...(run.credentialsHelper.persisted.rempCrmApi ?? {}) };
}

/** Each request as [path, the user its token belongs to]. */
const sentAs = () =>
	remp.requests.map((request) => [
		request.path,
		remp.mock.tokens.get((request.headers.authorization ?? '').replace(/^Bearer /, '')) ?? null,
	]);

describe('after the credential is edited to another user', () => {
	test('the token kept from the first user is not sent: the new user logs in and activates', async () => {
		const first = await runRemp(activate, { credentials: LOGIN_CREDENTIALS, input: [{ code: REMP_COUPONS.fresh }] });
		expect(first.error).toBeUndefined();
		const kept = stored(first, LOGIN_CREDENTIALS);
		expect(kept.tokenIdentity).toBe(rempIdentity(LOGIN_CREDENTIALS));
		remp.requests.length = 0;

		// The editor sends the new email and password and keeps the hidden fields as they were.
		const edited = { ...kept, email: READER.email, password: READER.password };
		const second = await runRemp(activate, { credentials: edited, input: [{ code: REMP_COUPONS.second }] });

		expect(second.error).toBeUndefined();
		expect(sentAs()).toEqual([
			['/api/v1/users/login', null],
			['/api/v1/coupon/activate', 12],
		]);
		expect(remp.requests[0].body).toBe('email=reader%40crm.test&password=reader-password');
		expect(second.items[0].json.coupon_id).toBe(1234568);
		// n8n stores the reader's token with the reader's fingerprint.
		const now = second.credentialsHelper.persisted.rempCrmApi;
		expect(remp.mock.tokens.get(String(now.sessionToken))).toBe(12);
		expect(now.tokenIdentity).toBe(rempIdentity(READER));
		// The admin's token was not refused for good: it still belongs to the admin.
		expect(remp.mock.tokens.get(String(kept.sessionToken))).toBe(9);
	});

	test('another address or password also gets a new login; the same ones reuse the kept token', async () => {
		const first = await runRemp(activate, { credentials: LOGIN_CREDENTIALS, input: [{ code: REMP_COUPONS.fresh }] });
		const kept = stored(first, LOGIN_CREDENTIALS);
		forgetRempSessions();
		remp.requests.length = 0;

		await runRemp(activate, { credentials: { ...kept, baseUrl: `${BASE_URL}/` }, input: [{ code: REMP_COUPONS.second }] });
		// A trailing slash is the same address: no login.
		expect(sentAs()).toEqual([['/api/v1/coupon/activate', 9]]);
		remp.requests.length = 0;

		remp.mock.users.find((user) => user.email === REMP_USERS.admin.email)!.password = 'changed-password';
		const changed = await runRemp(activate, {
			credentials: { ...kept, password: 'changed-password' },
			input: [{ code: REMP_COUPONS.fresh }],
			continueOnFail: true,
		});
		expect(sentAs()).toEqual([
			['/api/v1/users/login', null],
			['/api/v1/coupon/activate', 9],
		]);
		expect(changed.credentialsHelper.persisted.rempCrmApi.sessionToken).not.toBe(kept.sessionToken);
	});

	test('a token stored without a fingerprint (by an earlier version) is replaced by one login', async () => {
		const run = await runRemp(activate, {
			credentials: { ...READER, sessionToken: REMP_USERS.admin.token },
			input: [{ code: REMP_COUPONS.fresh }],
		});

		expect(run.error).toBeUndefined();
		expect(sentAs()).toEqual([
			['/api/v1/users/login', null],
			['/api/v1/coupon/activate', 12],
		]);
	});

	test('the credential\'s authenticate (HTTP Request node, credential test) sends no token kept for another user', async () => {
		const type = new RempCrmApi();
		const held = { sessionToken: 'token-of-admin', tokenIdentity: rempIdentity(LOGIN_CREDENTIALS) };
		const options = { url: `${BASE_URL}/api/v1/user/info`, headers: { Accept: 'application/json' } };

		const same = await type.authenticate({ ...LOGIN_CREDENTIALS, ...held }, options);
		expect(same.headers).toEqual({ Accept: 'application/json', Authorization: 'Bearer token-of-admin' });
		const edited = await type.authenticate({ ...READER, ...held }, options);
		expect(edited.headers).toEqual({ Accept: 'application/json' });
	});
});

describe('a login whose answer was lost', () => {
	let served: ServedMock | undefined;
	let dropped: RecordedRequest[];

	/**
	 * The mock on a real loopback server whose first `lost` logins get no answer (the
	 * connection is closed); returns the credential pointing at it.
	 */
	async function serveLosing(lost: number): Promise<ICredentialDataDecryptedObject> {
		resetHttp();
		nock.enableNetConnect('127.0.0.1');
		dropped = [];
		served = await serveMock((request) => {
			if (request.path === '/api/v1/users/login' && dropped.length < lost) {
				dropped.push(request);
				return { status: 0, drop: true };
			}
			return remp.mock.handle(request);
		});
		remp.requests = remp.mock.requests;
		return { ...LOGIN_CREDENTIALS, baseUrl: served.url };
	}

	afterEach(async () => {
		await served?.close();
		served = undefined;
	});

	test('sent nothing else: the activation goes out once the login is answered, and is applied once', async () => {
		const credentials = await serveLosing(1);
		const run = await runRemp(activate, { credentials, input: [{ code: REMP_COUPONS.fresh }] });

		expect(run.error).toBeUndefined();
		expect(run.items[0].json.coupon_id).toBe(1234567);
		expect(dropped).toHaveLength(1);
		expect(sentAs()).toEqual([
			['/api/v1/users/login', null],
			['/api/v1/coupon/activate', 9],
		]);
		expect(virtualClock.waits).toEqual([2000]);
	});

	test('does not block the next minute: a later run logs in again at once', async () => {
		const credentials = await serveLosing(4);
		const first = await runRemp(activate, { credentials, input: [{ code: REMP_COUPONS.fresh }] });
		expect(first.error).toBeDefined();

		const second = await runRemp(activate, { credentials, input: [{ code: REMP_COUPONS.fresh }] });

		expect(second.error).toBeUndefined();
		expect(second.items[0].json.coupon_id).toBe(1234567);
		expect(dropped).toHaveLength(4);
	});

	test('when it keeps getting none, the item fails saying nothing was sent, not "may or may not have applied"', async () => {
		const credentials = await serveLosing(4);
		const run = await runRemp(activate, { credentials, input: [{ code: REMP_COUPONS.fresh }] });

		expect(dropped).toHaveLength(4);
		expect(remp.requests).toEqual([]);
		expect(run.error?.message).toBe(
			`Could not reach REMP CRM at ${served!.url}/api/v1/users/login to log in: socket hang up. Check the Base URL in the REMP CRM credential.`,
		);
		expect(run.error?.description).toBe(
			'Nothing was sent to REMP CRM for this item, so nothing was changed (tried 4 times). Check the Base URL in the REMP CRM credential and that this n8n can reach it, then run the node again.',
		);
		expect(virtualClock.waits).toEqual([2000, 4000, 8000]);
		expect(JSON.stringify(run.error)).not.toContain(REMP_USERS.admin.password);
	});

	test('a refused login is still kept for a minute (no lock-out)', async () => {
		const wrong = { ...LOGIN_CREDENTIALS, password: 'not-the-password' };
		await runRemp(activate, { credentials: wrong, input: [{ code: REMP_COUPONS.fresh }] });
		await runRemp(activate, { credentials: wrong, input: [{ code: REMP_COUPONS.fresh }] });
		expect(remp.mock.logins).toHaveLength(1);
	});
});
