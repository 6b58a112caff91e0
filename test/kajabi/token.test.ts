/**
 * The Kajabi credential's access token under an edit and a lost token answer: n8n keeps the
 * hidden token when the user edits the credential, so a token is used only for the base URL,
 * client ID and secret it was got for; an exchange whose answer was lost sent nothing else,
 * and the change it was for is sent once there is a token.
 */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { kajabiIdentity } from '../../nodes/Kajabi/token';
import { virtualClock } from '../clock';
import type { RecordedRequest, RunResult } from '../harness';
import { interceptHttp } from '../harness';
import type { ServedMock } from '../mocks/http';
import { serveMock } from '../mocks/http';
import { KajabiMock } from '../mocks/kajabi';
import { BASE_URL, CREDENTIALS, resetKajabi, runKajabi } from './run';

afterEach(resetKajabi);

const getContact = { resource: 'contact', operation: 'get', contactId: { __rl: true, mode: 'id', value: '101' } };
const addTags = { resource: 'contact', operation: 'addTags', contactId: { __rl: true, mode: 'id', value: '105' }, tagIds: ['51'] };

/** Two Kajabi accounts behind one address: the first's API key (A) and another's (B). */
function twoAccounts() {
	const a = new KajabiMock();
	const b = new KajabiMock({ clientId: 'client-b', clientSecret: 'secret-b' });
	// B's tokens are token-101, token-102, …: never one of A's.
	b.exchanges = 100;
	const requests: Array<{ account: 'A' | 'B'; request: RecordedRequest }> = [];
	interceptHttp(BASE_URL, (request) => {
		const form = new URLSearchParams(typeof request.body === 'string' ? request.body : '');
		const token = (request.headers.authorization ?? '').replace(/^Bearer /, '');
		const account = form.get('client_id') === 'client-b' || b.valid.has(token) ? 'B' : 'A';
		requests.push({ account, request });
		return (account === 'B' ? b : a).handle(request);
	});
	const seen = () => requests.map(({ account, request }) => `${account} ${request.method} ${request.path}`);
	return { a, b, seen };
}

/** The credential as n8n stores it after a run: what preAuthentication kept with it. */
const stored = (run: RunResult, credentials: IDataObject = CREDENTIALS): IDataObject => ({
	...credentials,
	...(run.credentialsHelper.persisted.kajabiApi ?? {}),
});

describe('after the credential is edited to another API key', () => {
	test('the token kept from the first key is not sent: the new key gets a token, and the request goes with it', async () => {
		const { a, b, seen } = twoAccounts();
		const first = await runKajabi(getContact);
		expect(first.error).toBeUndefined();
		const kept = stored(first);
		expect(kept).toMatchObject({ accessToken: 'token-1', tokenIdentity: kajabiIdentity(CREDENTIALS) });

		// The editor sends the new client ID and secret and keeps the hidden fields as they were.
		const second = await runKajabi(getContact, { credentials: { ...kept, clientId: 'client-b', clientSecret: 'secret-b' } });

		expect(second.error).toBeUndefined();
		expect(seen()).toEqual([
			'A POST /v1/oauth/token',
			'A GET /v1/contacts/101',
			'B POST /v1/oauth/token',
			'B GET /v1/contacts/101',
		]);
		expect(b.requests[1].headers.authorization).toBe('Bearer token-101');
		expect(a.exchanges).toBe(1);
		expect(second.credentialsHelper.persisted.kajabiApi).toEqual({
			accessToken: 'token-101',
			tokenIdentity: kajabiIdentity({ ...CREDENTIALS, clientId: 'client-b', clientSecret: 'secret-b' }),
		});
	});

	test('another base URL also gets a new token; the same key, secret and address reuse the kept one', async () => {
		const { a, seen } = twoAccounts();
		const first = await runKajabi(getContact);
		const kept = stored(first);

		await runKajabi(getContact, { credentials: { ...kept, baseUrl: `${BASE_URL}/ ` } });
		expect(a.exchanges).toBe(1);

		interceptHttp('https://proxy.kajabi.test', a.handle);
		const moved = await runKajabi(getContact, { credentials: { ...kept, baseUrl: 'https://proxy.kajabi.test' } });
		expect(moved.error).toBeUndefined();
		expect(a.exchanges).toBe(2);
		expect(a.requests.slice(-2).map((request) => `${request.path} ${request.headers.authorization ?? ''}`)).toEqual([
			'/v1/oauth/token ',
			'/v1/contacts/101 Bearer token-2',
		]);
		expect(seen()).toHaveLength(3);
	});

	test('a token stored without a fingerprint (by an earlier version) is replaced by one exchange', async () => {
		const { a, b, seen } = twoAccounts();
		a.valid.add('token-of-a');
		const run = await runKajabi(getContact, {
			credentials: { clientId: 'client-b', clientSecret: 'secret-b', accessToken: 'token-of-a' },
		});

		expect(run.error).toBeUndefined();
		expect(seen()).toEqual(['B POST /v1/oauth/token', 'B GET /v1/contacts/101']);
		expect(b.exchanges).toBe(101);
	});
});

describe('a token exchange whose answer was lost', () => {
	let served: ServedMock | undefined;
	let dropped: number;

	/** A mock Kajabi on a real loopback server whose first `lost` token requests get no answer. */
	async function serveLosing(lost: number, mock: KajabiMock): Promise<IDataObject> {
		nock.enableNetConnect('127.0.0.1');
		dropped = 0;
		served = await serveMock((request) => {
			if (request.path === '/v1/oauth/token' && dropped < lost) {
				dropped++;
				return { status: 0, drop: true };
			}
			return mock.handle(request);
		});
		return { baseUrl: served.url };
	}

	afterEach(async () => {
		await served?.close();
		served = undefined;
	});

	test('sent nothing else: the change goes out once there is a token, and is applied once', async () => {
		const mock = new KajabiMock();
		const credentials = await serveLosing(1, mock);

		const run = await runKajabi(addTags, { credentials });

		expect(run.error).toBeUndefined();
		expect(dropped).toBe(1);
		expect(mock.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
			'POST /v1/oauth/token',
			'POST /v1/contacts/105/relationships/tags',
		]);
		expect(virtualClock.waits).toEqual([2000]);
	});

	test('when it keeps getting none, the change fails saying nothing was sent, not "may or may not have applied"', async () => {
		const mock = new KajabiMock();
		const credentials = await serveLosing(4, mock);

		const run = await runKajabi(addTags, { credentials });

		expect(dropped).toBe(4);
		expect(mock.requests).toEqual([]);
		expect(run.error?.message).toBe(
			`Could not reach Kajabi at ${served!.url}/v1/oauth/token to get an access token: socket hang up. Check the Base URL in the Kajabi credential.`,
		);
		expect(run.error?.description).toBe(
			'Nothing was sent to Kajabi for this item, so nothing was changed (tried 4 times). Check the Base URL in the Kajabi credential and that this n8n can reach it, then run the node again.',
		);
		expect(JSON.stringify(run.error)).not.toContain(CREDENTIALS.clientSecret);
	});
});
