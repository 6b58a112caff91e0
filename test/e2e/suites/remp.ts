/**
 * The REMP CRM credential's login in a real n8n, against a mock of its own: the items of a
 * run share one login, n8n keeps the token with the credential so that the next run (another
 * `n8n execute` process) logs in no more, and a kept token REMP CRM refuses is replaced by
 * one new login for the whole run.
 */
import { randomUUID } from 'node:crypto';

import type { RecordedRequest } from '../../harness';
import { REMP_COUPONS, REMP_USERS, RempCrmMock } from '../../mocks/rempCrm';
import type { E2eEnv } from '../env';
import { itemsOf } from '../n8n';

export const title = 'REMP CRM login';

const CREDENTIAL_ID = 'rempE2eCred00001';
const WORKFLOW_ID = 'rempE2eLogin0001';
const CODES = [REMP_COUPONS.fresh, REMP_COUPONS.second, REMP_COUPONS.expired];
const ACTIVATE = 'Activate coupons';

/** Manual Trigger → one item per coupon code → REMP CRM Activate (errors become items). */
function loginWorkflow(): Record<string, unknown> {
	return {
		id: WORKFLOW_ID,
		name: 'REMP CRM: activate coupons with a logged-in credential',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: randomUUID(),
				name: 'Manual Trigger',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: randomUUID(),
				name: 'Codes',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [200, 0],
				parameters: { mode: 'raw', jsonOutput: JSON.stringify({ codes: CODES }), options: {} },
			},
			{
				id: randomUUID(),
				name: 'One item per code',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [400, 0],
				parameters: { fieldToSplitOut: 'codes', options: {} },
			},
			{
				id: randomUUID(),
				name: ACTIVATE,
				type: 'n8n-nodes-creator-commerce.rempCrm',
				typeVersion: 1,
				position: [600, 0],
				parameters: { resource: 'coupon', operation: 'activate', code: '={{ $json.codes }}', additionalFields: {} },
				credentials: { rempCrmApi: { id: CREDENTIAL_ID, name: 'REMP CRM (login)' } },
				onError: 'continueRegularOutput',
			},
		],
		connections: {
			'Manual Trigger': { main: [[{ node: 'Codes', type: 'main', index: 0 }]] },
			Codes: { main: [[{ node: 'One item per code', type: 'main', index: 0 }]] },
			'One item per code': { main: [[{ node: ACTIVATE, type: 'main', index: 0 }]] },
		},
	};
}

const logins = (requests: RecordedRequest[]) =>
	requests.filter((request) => request.path === '/api/v1/users/login');

const activations = (requests: RecordedRequest[]) =>
	requests.filter((request) => request.path === '/api/v1/coupon/activate');

const bearer = (request: RecordedRequest) => (request.headers.authorization ?? '').replace(/^Bearer /, '');

export default function rempLogin(env: E2eEnv): void {
	const { n8n } = env;
	let remp: RempCrmMock;
	/** The token the first run logged in for. */
	let kept = '';

	/** Runs the workflow with fresh coupons; returns what the mock saw and the node's items. */
	async function run() {
		remp.requests = [];
		for (const coupon of remp.coupons) if (coupon.code !== REMP_COUPONS.used) coupon.user_id = undefined;
		const { run: output } = await n8n.execute(WORKFLOW_ID);
		expect(output?.data.resultData.error).toBeUndefined();
		const items = itemsOf(output, ACTIVATE);
		expect(items.map((item) => item.coupon_id ?? item.error)).toEqual([
			1234567,
			1234568,
			expect.stringContaining('Coupon expired'),
		]);
		return { requests: [...remp.requests], items };
	}

	beforeAll(async () => {
		remp = new RempCrmMock();
		const served = await env.serveMock(remp.handle);
		await env.importCredentials([
			{
				id: CREDENTIAL_ID,
				name: 'REMP CRM (login)',
				type: 'rempCrmApi',
				data: {
					baseUrl: served.url,
					authentication: 'emailPassword',
					email: REMP_USERS.admin.email,
					password: REMP_USERS.admin.password,
				},
			},
		]);
		await env.importWorkflows([loginWorkflow()]);
	});

	env.test('the items of a run share one login', async () => {
		const { requests } = await run();
		expect(logins(requests)).toHaveLength(1);
		expect(activations(requests)).toHaveLength(3);
		kept = bearer(activations(requests)[0]);
		expect(remp.tokens.get(kept)).toBe(9);
		expect(new Set(activations(requests).map(bearer))).toEqual(new Set([kept]));
		return `1 login, 3 activations with its token`;
	});

	env.test('the next run reuses the token n8n kept with the credential', async () => {
		const { requests } = await run();
		expect(logins(requests)).toHaveLength(0);
		expect(activations(requests).map(bearer)).toEqual([kept, kept, kept]);
		return 'no login';
	});

	env.test('a kept token REMP CRM refuses is replaced by one new login', async () => {
		remp.logOutEverywhere(REMP_USERS.admin.email);
		const { requests } = await run();
		expect(logins(requests)).toHaveLength(1);
		const sent = activations(requests).map(bearer);
		expect(sent.filter((token) => token === kept)).toHaveLength(3);
		const fresh = sent.filter((token) => token !== kept);
		expect(fresh).toHaveLength(3);
		expect(new Set(fresh).size).toBe(1);
		expect(remp.tokens.get(fresh[0])).toBe(9);
		kept = fresh[0];
		return '3 refused, 1 login, 3 sent again';
	});

	env.test('the run after that uses the new token without logging in', async () => {
		const { requests } = await run();
		expect(logins(requests)).toHaveLength(0);
		expect(activations(requests).map(bearer)).toEqual([kept, kept, kept]);
		return 'no login';
	});
}
