/**
 * What the shared request layer promises, in a real n8n: a burst of items under a rate
 * limit comes out without a failed item, and an ID from the input that would change the
 * endpoint is refused before anything reaches the platform.
 */
import { randomUUID } from 'node:crypto';

import { KwigaMock } from '../../mocks/kwiga';
import type { E2eEnv } from '../env';
import { itemsOf } from '../n8n';

export const title = 'KWIGA rate limit and checked IDs';

const CREDENTIAL = { id: 'kwigaE2eLimit001', name: 'KWIGA (20 per 2 s)' };
const BURST = 'kwigaE2eBurst001';
const HOSTILE = 'kwigaE2eHostile1';
const ITEMS = 200;

const node = (name: string, type: string, typeVersion: number, x: number, parameters: object, extra = {}) => ({
	id: randomUUID(),
	name,
	type,
	typeVersion,
	position: [x, 0],
	parameters,
	...extra,
});

/** Manual Trigger → Set (a list of IDs) → Split Out → KWIGA Contact Get by each ID. */
function contactGetWorkflow(id: string, ids: string) {
	const nodes = [
		node('Manual Trigger', 'n8n-nodes-base.manualTrigger', 1, 0, {}),
		node('Make IDs', 'n8n-nodes-base.set', 3.4, 200, {
			assignments: { assignments: [{ id: randomUUID(), name: 'id', type: 'array', value: ids }] },
			options: {},
		}),
		node('One Item per ID', 'n8n-nodes-base.splitOut', 1, 400, { fieldToSplitOut: 'id', options: {} }),
		node(
			'KWIGA',
			'n8n-nodes-creator-commerce.kwiga',
			1,
			600,
			{ resource: 'contact', operation: 'get', contactId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
			{ credentials: { kwigaApi: CREDENTIAL }, onError: 'continueRegularOutput' },
		),
	];
	const chain = ['Manual Trigger', 'Make IDs', 'One Item per ID', 'KWIGA'];
	const connections = Object.fromEntries(
		chain.slice(0, -1).map((from, index) => [from, { main: [[{ node: chain[index + 1], type: 'main', index: 0 }]] }]),
	);
	return { id, name: id, active: false, settings: { executionOrder: 'v1' }, nodes, connections };
}

export default function kwigaLimits(env: E2eEnv): void {
	const { n8n } = env;
	let kwiga: KwigaMock;

	beforeAll(async () => {
		// KWIGA's shape (a fixed window with 429 and Retry-After), 30 times faster: 20 per 2 s.
		kwiga = new KwigaMock({ contacts: ITEMS, requestsPerMinute: 20, windowMs: 2000 });
		const served = await env.serveMock(kwiga.handle);
		await env.importCredentials([
			{
				...CREDENTIAL,
				type: 'kwigaApi',
				data: {
					token: kwiga.token,
					cabinetHash: kwiga.cabinetHash,
					baseUrl: served.url,
					language: 'en',
					rateLimitRequests: 20,
					rateLimitWindowSeconds: 2,
				},
			},
		]);
		await env.importWorkflows([
			contactGetWorkflow(BURST, `={{ Array.from({ length: ${ITEMS} }, (_, i) => i + 1) }}`),
			contactGetWorkflow(HOSTILE, '={{ ["1/../../coupons", "2?x=1", "abc", 3] }}'),
		]);
	});

	env.test(`${ITEMS} items at once under 20 requests per 2 s: no failed item`, async () => {
		kwiga.requests = [];
		const { run } = await n8n.execute(BURST);

		const items = itemsOf(run, 'KWIGA');
		const failed = items.filter((item) => item.error !== undefined);
		const refused = kwiga.requests.length - ITEMS;
		const nodeRun = run?.data.resultData.runData.KWIGA?.[0] as { executionTime?: number } | undefined;
		const seconds = (nodeRun?.executionTime ?? 0) / 1000;
		expect(failed).toEqual([]);
		expect(items.map((item) => item.id).sort((a, b) => Number(a) - Number(b))).toEqual(
			Array.from({ length: ITEMS }, (_, index) => index + 1),
		);
		expect(refused).toBeLessThanOrEqual(ITEMS * 0.05);
		return `${items.length} ok, 0 failed, ${kwiga.requests.length} requests, ${refused} answered 429, node ${seconds.toFixed(1)} s (ideal ${ITEMS / 10} s)`;
	}, 300_000);

	env.test('IDs that would change the endpoint are refused before anything is sent', async () => {
		kwiga.requests = [];
		const { run } = await n8n.execute(HOSTILE);

		const items = itemsOf(run, 'KWIGA');
		// Only the valid ID reaches KWIGA (it may reach it twice: this mock still counts the burst
		// above in its window, and a 429 is rightly sent again after the pause).
		expect([...new Set(kwiga.requests.map((request) => `${request.method} ${request.path}`))]).toEqual(['GET /contacts/3']);
		expect(items.map((item) => item.error ?? item.id)).toEqual([
			'Contact "1/../../coupons" is not valid',
			'Contact "2?x=1" is not valid',
			'Contact "abc" is not valid',
			3,
		]);
		return 'only GET /contacts/3 reached KWIGA';
	});
}
