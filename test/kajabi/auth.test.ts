/**
 * The Kajabi credential's token: one client-credentials exchange serves every item and
 * request until Kajabi refuses the token, a 401 gets one new token and resends, and a
 * refused client shows Kajabi's own words without the secret.
 */
import nock from 'nock';
import { Workflow } from 'n8n-workflow';

import { KajabiApi } from '../../credentials/KajabiApi.credentials';
import { KAJABI_BASE_URL, kajabiBaseUrl } from '../../nodes/Kajabi/address';
import { Kajabi } from '../../nodes/Kajabi/Kajabi.node';
import { kajabiIdentity } from '../../nodes/Kajabi/token';
import { interceptHttp, TestNodeTypes } from '../harness';
import { KajabiMock } from '../mocks/kajabi';
import { apiRequests, BASE_URL, CREDENTIALS, mountKajabi, resetKajabi, runKajabi, virtualTime } from './run';

beforeEach(virtualTime);
afterEach(resetKajabi);

const getContact = { resource: 'contact', operation: 'get', contactId: { __rl: true, mode: 'id', value: '101' } };
const items = (count: number) => Array.from({ length: count }, (_, index) => ({ index }));

describe('token exchange', () => {
	it('asks for a token once, form-encoded with the client credentials', async () => {
		const mock = mountKajabi();
		const result = await runKajabi(getContact);
		expect(result.error).toBeUndefined();
		const exchanges = mock.requests.filter((request) => request.path === '/v1/oauth/token');
		expect(exchanges).toHaveLength(1);
		expect(exchanges[0].method).toBe('POST');
		expect(exchanges[0].headers['content-type']).toContain('application/x-www-form-urlencoded');
		expect(Object.fromEntries(new URLSearchParams(String(exchanges[0].body)))).toEqual({
			grant_type: 'client_credentials',
			client_id: 'test-client',
			client_secret: 'test-secret',
		});
		// n8n stores the token with the credential, as its expirable hidden field, with the fingerprint of what it is for.
		expect(result.credentialsHelper.persisted.kajabiApi).toEqual({ accessToken: 'token-1', tokenIdentity: kajabiIdentity(CREDENTIALS) });
	});

	it('shares one exchange among 25 items that start at once', async () => {
		const mock = mountKajabi();
		const result = await runKajabi(getContact, { input: items(25) });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(25);
		expect(mock.exchanges).toBe(1);
		const sent = apiRequests(mock);
		expect(sent).toHaveLength(25);
		expect(sent.every((request) => request.headers.authorization === 'Bearer token-1')).toBe(true);
	});

	it('reuses the token across executions and across pages', async () => {
		const mock = mountKajabi();
		await runKajabi(getContact);
		const result = await runKajabi({ resource: 'contact', operation: 'getAll', returnAll: true });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(30);
		expect(mock.exchanges).toBe(1);
	});

	it('gets a new token once after a 401 and resends, for all items together', async () => {
		const mock = mountKajabi();
		await runKajabi(getContact);
		mock.expireTokens();
		mock.requests.length = 0;
		const result = await runKajabi(getContact, { input: items(10) });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(10);
		expect(mock.exchanges).toBe(2);
		const refused = mock.requests.filter((request) => request.headers.authorization === 'Bearer token-1');
		expect(refused.length).toBeGreaterThan(0);
		const resent = mock.requests.filter((request) => request.headers.authorization === 'Bearer token-2');
		expect(resent).toHaveLength(10);
		expect(result.credentialsHelper.persisted.kajabiApi).toEqual({ accessToken: 'token-2', tokenIdentity: kajabiIdentity(CREDENTIALS) });
	});

	it('never hands out a refused token again, also when the execution brought it from n8n\'s stored credential', async () => {
		const mock = mountKajabi();
		await runKajabi(getContact);
		expect(mock.exchanges).toBe(1);
		mock.expireTokens();
		mock.requests.length = 0;
		// A later execution: n8n gives the node the credential with the token it stored (token-1),
		// so preAuthentication is not asked first; Kajabi refuses token-1.
		const result = await runKajabi(getContact, { credentials: { accessToken: 'token-1', tokenIdentity: kajabiIdentity(CREDENTIALS) } });
		expect(result.error).toBeUndefined();
		expect(mock.exchanges).toBe(2);
		expect(mock.requests.filter((request) => request.headers.authorization === 'Bearer token-1')).toHaveLength(1);
		expect(mock.requests.filter((request) => request.headers.authorization === 'Bearer token-2')).toHaveLength(1);
		// And the next execution, again with the stored (now refused) token-1 emptied by n8n, gets token-2.
		mock.requests.length = 0;
		const next = await runKajabi(getContact, { credentials: { accessToken: '' } });
		expect(next.error).toBeUndefined();
		expect(mock.exchanges).toBe(2);
		expect(mock.requests.map((request) => request.headers.authorization)).toEqual(['Bearer token-2']);
	});

	it('fails with Kajabi\'s message when the new token is refused too, without a third exchange', async () => {
		const mock = mountKajabi();
		mock.failNext(401, { errors: [{ status: '401', title: 'Unauthorized', detail: 'Token revoked' }] });
		mock.failNext(401, { errors: [{ status: '401', title: 'Unauthorized', detail: 'Token revoked' }] });
		const result = await runKajabi(getContact);
		expect(result.error?.message).toBe('Kajabi: Unauthorized: Token revoked');
		expect(mock.exchanges).toBe(2);
		expect(apiRequests(mock)).toHaveLength(2);
	});

	it('shows Kajabi\'s refusal of a wrong client secret, never the secret', async () => {
		const mock = mountKajabi(new KajabiMock());
		const result = await runKajabi(getContact, { credentials: { clientSecret: 'wrong-secret-value' } });
		expect(result.error?.message).toBe('Kajabi: the client ID and client secret were refused (invalid_client)');
		expect(result.error?.description).toContain('Check the client ID and client secret in the Kajabi credential');
		expect((result.error as { httpCode?: string }).httpCode).toBe('401');
		expect(JSON.stringify(result.error)).not.toContain('wrong-secret-value');
		expect(apiRequests(mock)).toHaveLength(0);
		expect(mock.exchanges).toBe(0);
	});

	it('says to check the Base URL when it answers a page instead of a token, or nothing at all', async () => {
		interceptHttp('https://not-kajabi.test', () => ({ status: 200, body: '<html>Sign in</html>' }));
		const page = await runKajabi(getContact, { credentials: { baseUrl: 'https://not-kajabi.test' } });
		expect(page.error?.message).toContain('Kajabi answered the token request without an access token. Check the Base URL');
		// A real connection to a closed port on this machine (nock lets loopback through here).
		nock.enableNetConnect('127.0.0.1');
		const closed = await runKajabi(getContact, { credentials: { baseUrl: 'http://127.0.0.1:9' } });
		expect(closed.error?.message).toContain('Could not reach Kajabi at http://127.0.0.1:9/');
		expect(closed.error?.description).toContain('Check the Base URL in the Kajabi credential');
	});

	it('tests the credential with GET /v1/me at the base URL', () => {
		const credential = new KajabiApi();
		expect(credential.test.request).toMatchObject({ url: '/v1/me' });
		expect(credential.properties.find((property) => property.name === 'baseUrl')?.default).toBe(
			'https://api.kajabi.com',
		);
		expect(BASE_URL).not.toBe('https://api.kajabi.com');
	});
});

describe('base URL', () => {
	const workflow = new Workflow({ nodes: [], connections: {}, active: false, nodeTypes: new TestNodeTypes({}) });
	const resolve = (baseUrl: unknown) =>
		workflow.expression.getParameterValue(KAJABI_BASE_URL, null, 0, 0, 'test', [], 'internal', {
			$credentials: { baseUrl },
		});

	test.each([
		[undefined, 'https://api.kajabi.com'],
		['', 'https://api.kajabi.com'],
		['https://api.kajabi.com', 'https://api.kajabi.com'],
		['https://api.kajabi.com/', 'https://api.kajabi.com'],
		[' https://proxy.example.com/kajabi// ', 'https://proxy.example.com/kajabi'],
		['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
		[BASE_URL, BASE_URL],
	])('base URL %j is the address %s, in the node\'s expression and in the code', (baseUrl, url) => {
		expect(resolve(baseUrl)).toBe(url);
		expect(kajabiBaseUrl({ baseUrl } as never)).toBe(url);
	});

	test('the node\'s runners set the address (kajabiBaseUrl), not an expression in requestDefaults', () => {
		expect(new Kajabi().description.requestDefaults?.baseURL).toBeUndefined();
	});
});
