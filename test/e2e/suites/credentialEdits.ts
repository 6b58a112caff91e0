/**
 * A credential edited under an active workflow: n8n keeps the hidden, expirable token field
 * (REMP CRM's session token, Kajabi's access token) when the editor saves the credential,
 * so the next execution must notice that the token was got for another user or API key and
 * get one for the credential as it is now. Each platform has a mock of its own: REMP CRM
 * with two users, Kajabi with two accounts (two API keys) behind one address.
 */
import type { RecordedRequest } from '../../harness';
import { KajabiMock } from '../../mocks/kajabi';
import { REMP_COUPONS, REMP_USERS, RempCrmMock } from '../../mocks/rempCrm';
import type { E2eEnv } from '../env';
import { webhookNode } from '../nodes';

export const title = 'Credential edits';

const REMP_CREDENTIAL = 'editRempCred0001';
const REMP_WORKFLOW = 'editRempWflw0001';
const REMP_PATH = 'credential-edit-remp';
const KAJABI_CREDENTIAL = 'editKajCred00001';
const KAJABI_WORKFLOW = 'editKajWflw00001';
const KAJABI_PATH = 'credential-edit-kajabi';

/** Webhook → one node of the package, which fails the execution when its request fails. */
function hookWorkflow(id: string, name: string, pathName: string, webhookId: string, node: Record<string, unknown>) {
	return {
		id,
		name,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [webhookNode(pathName, webhookId), { id: `${webhookId.slice(0, 8)}-3333-4333-8333-333333333333`, position: [200, 0], typeVersion: 1, ...node }],
		connections: { Webhook: { main: [[{ node: String(node.name), type: 'main', index: 0 }]] } },
	};
}

const bearer = (request: RecordedRequest) => (request.headers.authorization ?? '').replace(/^Bearer /, '');

export default function credentialEdits(env: E2eEnv): void {
	const { n8n } = env;
	let remp: RempCrmMock;
	let kajabiA: KajabiMock;
	let kajabiB: KajabiMock;
	/** Every request the Kajabi mocks saw, with the account that answered it. */
	const kajabiSeen: string[] = [];

	/** Calls the workflow's webhook and waits for the execution it starts. */
	async function call(workflowId: string, pathName: string, body: unknown) {
		for (const coupon of remp.coupons) if (coupon.code !== REMP_COUPONS.used) coupon.user_id = undefined;
		const before = (await env.executions(workflowId))[0]?.id;
		const response = await fetch(`${n8n.url}/webhook/${pathName}`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify(body),
		});
		expect(response.status).toBe(200);
		return await env.waitForExecution(workflowId, 60_000, before);
	}

	/**
	 * Edits a credential the way the editor does: it loads the credential (secrets and hidden
	 * values come back as n8n's blank sentinels), changes the fields the user typed, and sends
	 * everything back; n8n puts its stored values back for the sentinels.
	 */
	async function edit(id: string, changes: Record<string, unknown>) {
		const { data: loaded } = await n8n.get<{ data: { name: string; type: string; data: Record<string, unknown> } }>(
			`/rest/credentials/${id}?includeData=true`,
		);
		await n8n.post(
			`/rest/credentials/${id}`,
			{ name: loaded.name, type: loaded.type, data: { ...loaded.data, ...changes } },
			'PATCH',
		);
		return loaded.data;
	}

	beforeAll(async () => {
		remp = new RempCrmMock();
		const rempServed = await env.serveMock(remp.handle);
		kajabiA = new KajabiMock();
		kajabiB = new KajabiMock({ clientId: 'client-b', clientSecret: 'secret-b' });
		// B's tokens are token-101, token-102, …: never one of A's.
		kajabiB.exchanges = 100;
		const kajabiServed = await env.serveMock((request) => {
			const form = new URLSearchParams(typeof request.body === 'string' ? request.body : '');
			const account = form.get('client_id') === 'client-b' || kajabiB.valid.has(bearer(request)) ? 'B' : 'A';
			kajabiSeen.push(`${account} ${request.method} ${request.path} ${bearer(request)}`.trim());
			return (account === 'B' ? kajabiB : kajabiA).handle(request);
		});
		await env.importCredentials([
			{
				id: REMP_CREDENTIAL,
				name: 'REMP CRM (edited)',
				type: 'rempCrmApi',
				data: {
					baseUrl: rempServed.url,
					authentication: 'emailPassword',
					email: REMP_USERS.admin.email,
					password: REMP_USERS.admin.password,
				},
			},
			{
				id: KAJABI_CREDENTIAL,
				name: 'Kajabi (edited)',
				type: 'kajabiApi',
				data: { clientId: kajabiA.clientId, clientSecret: kajabiA.clientSecret, baseUrl: kajabiServed.url },
			},
		]);
		await env.importWorkflows([
			hookWorkflow(REMP_WORKFLOW, 'Credential edit: REMP CRM activation per call', REMP_PATH, '5d2f7a10-6c3b-4e8f-9a21-0b4c6d8e2f31', {
				name: 'Activate',
				type: 'n8n-nodes-creator-commerce.rempCrm',
				parameters: { resource: 'coupon', operation: 'activate', code: '={{ $json.body.code }}', additionalFields: {} },
				credentials: { rempCrmApi: { id: REMP_CREDENTIAL, name: 'REMP CRM (edited)' } },
			}),
			hookWorkflow(KAJABI_WORKFLOW, 'Credential edit: Kajabi contact per call', KAJABI_PATH, '7e4a9c21-3b5d-4f60-8c12-9d0e1f2a3b42', {
				name: 'Get Contact',
				type: 'n8n-nodes-creator-commerce.kajabi',
				parameters: { resource: 'contact', operation: 'get', contactId: { __rl: true, mode: 'id', value: '101' } },
				credentials: { kajabiApi: { id: KAJABI_CREDENTIAL, name: 'Kajabi (edited)' } },
			}),
		]);
		await env.activate(REMP_WORKFLOW);
		await env.activate(KAJABI_WORKFLOW);
	});

	env.test('REMP CRM: after the email and password are changed, the next call logs in as the new user', async () => {
		const first = await call(REMP_WORKFLOW, REMP_PATH, { code: REMP_COUPONS.fresh });
		expect(first.status).toBe('success');
		const asAdmin = remp.requests.map((request) => [request.path, remp.tokens.get(bearer(request)) ?? null]);
		expect(asAdmin).toEqual([
			['/api/v1/users/login', null],
			['/api/v1/coupon/activate', 9],
		]);

		const loaded = await edit(REMP_CREDENTIAL, { email: REMP_USERS.reader.email, password: REMP_USERS.reader.password });
		// What the editor sent back for the hidden token: not empty (n8n keeps the stored token).
		expect(String(loaded.sessionToken ?? '')).not.toBe('');
		remp.requests = [];

		const second = await call(REMP_WORKFLOW, REMP_PATH, { code: REMP_COUPONS.second });
		expect(second.status).toBe('success');
		const sent = remp.requests.map((request) => [request.path, remp.tokens.get(bearer(request)) ?? null, request.body]);
		expect(sent).toEqual([
			['/api/v1/users/login', null, 'email=reader%40crm.test&password=reader-password'],
			['/api/v1/coupon/activate', 12, expect.anything()],
		]);
		remp.requests = [];

		// The token n8n stored for the reader is used from then on, without logging in.
		const third = await call(REMP_WORKFLOW, REMP_PATH, { code: REMP_COUPONS.fresh });
		expect(remp.requests.map((request) => [request.path, remp.tokens.get(bearer(request)) ?? null])).toEqual([
			['/api/v1/coupon/activate', 12],
		]);
		return `login as user 9, edit, login as user 12 and activation as 12 (executions ${first.id}, ${second.id}, ${third.id})`;
	});

	env.test('Kajabi: after the client ID and secret are changed, the next call gets a token of the new API key', async () => {
		const first = await call(KAJABI_WORKFLOW, KAJABI_PATH, {});
		expect(first.status).toBe('success');
		expect(kajabiSeen).toEqual(['A POST /v1/oauth/token', 'A GET /v1/contacts/101 token-1']);

		const loaded = await edit(KAJABI_CREDENTIAL, { clientId: 'client-b', clientSecret: 'secret-b' });
		expect(String(loaded.accessToken ?? '')).not.toBe('');
		kajabiSeen.length = 0;

		const second = await call(KAJABI_WORKFLOW, KAJABI_PATH, {});
		expect(second.status).toBe('success');
		expect(kajabiSeen).toEqual(['B POST /v1/oauth/token', 'B GET /v1/contacts/101 token-101']);
		kajabiSeen.length = 0;

		const third = await call(KAJABI_WORKFLOW, KAJABI_PATH, {});
		expect(third.status).toBe('success');
		expect(kajabiSeen).toEqual(['B GET /v1/contacts/101 token-101']);
		return `token-1 of key A, edit, token-101 of key B (executions ${first.id}, ${second.id}, ${third.id})`;
	});
}
