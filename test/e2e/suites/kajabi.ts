/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code, never published: it runs in Node.js beside n8n and needs timers and process; n8n's rules for node code do not apply to it */
/**
 * The Kajabi Trigger on the running n8n (`n8n start`), against a mock Kajabi of its own:
 * activation registers one hook (POST /v1/hooks with n8n's webhook URL and a secret), an
 * event Kajabi posts starts exactly one execution with its data, forged posts (no secret, a
 * wrong secret, an event not chosen, records Kajabi does not have) start nothing, the same
 * delivery twice starts one, a copy posted while the first copy's Verify fails is not lost,
 * deactivation removes the hook, 20 cycles leave none behind, a copied workflow (holding the
 * original's hook in its static data) leaves the original's hook alone, and Listen for Test
 * Event delivers Kajabi's sample payload.
 */
import { isOurUrl } from '../../../nodes/shared/webhook';
import { KajabiMock } from '../../mocks/kajabi';
import type { E2eEnv } from '../env';
import type { N8n } from '../n8n';

export const title = 'Kajabi Trigger';

const CREDENTIAL_ID = 'kajabiE2eCred001';
const WORKFLOW_ID = 'kajabiE2eTrigg01';
const WEBHOOK_ID = '7d3e9a10-2c4b-4f8e-a1d5-6b0c9e8f7a21';
/** A copy of the workflow, as n8n makes one: its own ids, the original's static data. */
const COPY_WORKFLOW_ID = 'kajabiE2eCopy001';
const COPY_WEBHOOK_ID = '7d3e9a10-2c4b-4f8e-a1d5-6b0c9e8f7a22';

function triggerWorkflow(copy?: { staticData: Record<string, unknown> }): Record<string, unknown> {
	return {
		id: copy ? COPY_WORKFLOW_ID : WORKFLOW_ID,
		name: copy ? 'Kajabi: purchases (copy)' : 'Kajabi: purchases',
		active: false,
		...(copy ? { staticData: copy.staticData } : {}),
		nodes: [
			{
				// Verify is on without being set: its default.
				parameters: { event: 'purchase', siteId: '11' },
				id: copy ? '3f2a6c1d-9e8b-4a7f-b6c5-d4e3f2a1b0ca' : '3f2a6c1d-9e8b-4a7f-b6c5-d4e3f2a1b0c9',
				name: 'Kajabi Trigger',
				type: 'n8n-nodes-creator-commerce.kajabiTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId: copy ? COPY_WEBHOOK_ID : WEBHOOK_ID,
				credentials: { kajabiApi: { id: CREDENTIAL_ID, name: 'Kajabi (trigger)' } },
			},
		],
		connections: {},
		settings: {},
		pinData: {},
	};
}

/** Deactivates a workflow on the running server, as the editor's toggle does (the trigger suites share it). */
export async function deactivate(n8n: N8n, workflowId: string): Promise<void> {
	const { data } = await n8n.get<{ data: { versionId: string } }>(`/rest/workflows/${workflowId}`);
	if (Number(n8n.version.split('.')[0]) >= 2) {
		await n8n.post(`/rest/workflows/${workflowId}/deactivate`, {});
	} else {
		await n8n.post(`/rest/workflows/${workflowId}`, { active: false, versionId: data.versionId }, 'PATCH');
	}
}

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

const purchase = (id: string, amount = 4900) => [
	{
		id,
		type: 'purchases',
		attributes: { amount_in_cents: amount, currency: 'USD' },
		relationships: { offer: { data: { id: '21', type: 'offers' } } },
	},
	{ id: '21', type: 'offers', attributes: { title: 'Yoga Basics' } },
];

export default function kajabiTrigger(env: E2eEnv): void {
	const { n8n } = env;
	let kajabi: KajabiMock;
	/** The next request to this path waits this long, then fails with 500 (a slow, failing Kajabi). */
	let slowFailure: { path: string; ms: number } | undefined;
	const bare = () => `${n8n.url}/webhook/${WEBHOOK_ID}/webhook`;
	const mine = () => kajabi.hooks.filter((hook) => isOurUrl(hook.attributes.target_url, bare()));
	/** Posts to the trigger's webhook as anyone could: `query` is the URL's query string. */
	const postTo = async (query: string, body: unknown) =>
		(
			await fetch(`${bare()}${query}`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify(body),
			})
		).status;

	beforeAll(async () => {
		kajabi = new KajabiMock();
		// The mock's own sample hooks point at example.com; this suite's events go to n8n only.
		kajabi.records.set('hooks', []);
		const served = await env.serveMock(async (request) => {
			if (slowFailure && request.path === slowFailure.path) {
				const { ms } = slowFailure;
				slowFailure = undefined;
				kajabi.requests.push(request);
				await sleep(ms);
				return { status: 500, body: { errors: [{ status: '500', title: 'Internal Server Error' }] } };
			}
			return kajabi.handle(request);
		});
		await env.importCredentials([
			{
				id: CREDENTIAL_ID,
				name: 'Kajabi (trigger)',
				type: 'kajabiApi',
				data: { clientId: kajabi.clientId, clientSecret: kajabi.clientSecret, baseUrl: served.url },
			},
		]);
		await env.importWorkflows([triggerWorkflow()]);
	});

	env.test('activation registers one hook for purchases of the site', async () => {
		kajabi.requests = [];
		await env.activate(WORKFLOW_ID);
		expect(mine()).toHaveLength(1);
		const created = kajabi.requests.filter((request) => request.method === 'POST' && request.path === '/v1/hooks');
		expect(created).toHaveLength(1);
		expect(created[0].body).toEqual({
			data: {
				type: 'hooks',
				attributes: { target_url: expect.stringMatching(new RegExp(`^${bare()}\\?secret=[A-Za-z0-9_-]{43}$`)), event: 'purchase' },
				relationships: { site: { data: { type: 'sites', id: '11' } } },
			},
		});
		expect(created[0].headers.authorization).toMatch(/^Bearer token-\d+$/);
		return `hook ${mine()[0].id} → ${bare()}?secret=…`;
	});

	env.test('forged posts start nothing; a genuine purchase starts exactly one execution', async () => {
		const executions = await env.executions(WORKFLOW_ID);
		const before = executions.length;
		const secret = new URL(String(mine()[0].attributes.target_url)).search;
		const genuine = { id: 'forged-1', event: 'purchase', payload: purchase('301') };
		// No secret, a wrong one: 401 at once.
		expect(await postTo('', genuine)).toBe(401);
		expect(await postTo('?secret=guessed-secret-guessed-secret-guessed-1234', genuine)).toBe(401);
		// With the secret: an event not chosen, a purchase Kajabi does not have, a real purchase with a made-up customer, a changed amount.
		expect(await postTo(secret, { id: 'forged-2', event: 'tag_added', payload: purchase('301') })).toBe(200);
		expect(await postTo(secret, { id: 'forged-3', event: 'purchase', payload: purchase('999') })).toBe(200);
		const madeUp = { id: '998', type: 'customers', attributes: { email: 'thief@example.com' } };
		expect(await postTo(secret, { id: 'forged-4', event: 'purchase', payload: [...purchase('301'), madeUp] })).toBe(200);
		expect(await kajabi.emit('purchase', purchase('301', 1))).toEqual([200]);
		await sleep(2000);
		expect((await env.executions(WORKFLOW_ID)).length).toBe(before);
		expect(n8n.serverLog).toContain('Kajabi Trigger "Kajabi Trigger": refused a post to its webhook URL because');
		expect(n8n.serverLog).not.toContain(secret.slice(8));

		expect(await kajabi.emit('purchase', purchase('301'))).toEqual([200]);
		const execution = await env.waitForExecution(WORKFLOW_ID, 30_000, executions[0]?.id);
		expect(execution).toMatchObject({ status: 'success', mode: 'webhook' });
		// Verify looked the purchase up in Kajabi before the workflow ran.
		expect(kajabi.requests.some((request) => request.path === '/v1/purchases/301')).toBe(true);
		await sleep(1500);
		expect((await env.executions(WORKFLOW_ID)).length).toBe(before + 1);
		return `execution ${execution.id}; 6 forged posts refused`;
	});

	env.test('the same delivery twice, or the same purchase again, starts one execution', async () => {
		const executions = await env.executions(WORKFLOW_ID);
		const before = executions.length;
		const secret = new URL(String(mine()[0].attributes.target_url)).search;
		const purchases = kajabi.records.get('purchases')!;
		purchases.push({ ...purchases.find((record) => record.id === '301')!, id: '302' });
		const delivery = { id: 'twice-1', event: 'purchase', payload: purchase('302') };
		const statuses = await Promise.all([postTo(secret, delivery), postTo(secret, delivery)]);
		expect(statuses).toEqual([200, 200]);
		expect(await kajabi.emit('purchase', purchase('302'))).toEqual([200]);
		await env.waitForExecution(WORKFLOW_ID, 30_000, executions[0]?.id);
		await sleep(2000);
		expect((await env.executions(WORKFLOW_ID)).length).toBe(before + 1);
		return '3 posts of purchase 302, 1 execution';
	});

	env.test('a resend while the first copy is being verified is checked on its own: Verify failing on the first loses nothing', async () => {
		const executions = await env.executions(WORKFLOW_ID);
		const before = executions.length;
		const secret = new URL(String(mine()[0].attributes.target_url)).search;
		const purchases = kajabi.records.get('purchases')!;
		purchases.push({ ...purchases.find((record) => record.id === '301')!, id: '303' });
		const delivery = { id: '303', event: 'purchase', payload: purchase('303') };
		// Kajabi answers the first lookup of purchase 303 after 4 s, with an error.
		slowFailure = { path: '/v1/purchases/303', ms: 4000 };
		const first = postTo(secret, delivery);
		while (slowFailure) await sleep(50);
		// Kajabi sends the delivery again meanwhile: its own lookup succeeds and it starts the workflow.
		expect(await postTo(secret, delivery)).toBe(200);
		const firstStatus = await first;
		// And once more after both: a repeat of the accepted one.
		expect(await postTo(secret, delivery)).toBe(200);
		await sleep(2000);
		const since = (await env.executions(WORKFLOW_ID)).filter((execution) => Number(execution.id) > Number(executions[0]?.id ?? 0));
		expect(since.length).toBeGreaterThan(0);
		// One run of the workflow; n8n may also record the first copy's failed webhook call as an error.
		expect(since.filter((execution) => execution.status === 'success')).toHaveLength(1);
		expect(since.filter((execution) => execution.status !== 'success').map((execution) => execution.status)).toEqual(
			since.length > 1 ? ['error'] : [],
		);
		expect(since.length).toBeLessThanOrEqual(2);
		expect((await env.executions(WORKFLOW_ID)).length - before).toBe(since.length);
		return `first copy answered ${firstStatus} after Kajabi's 500; the resend ran once (${since.map((execution) => `${execution.id}: ${execution.status}`).join(', ')}); a third copy refused`;
	});

	env.test('deactivation removes the hook', async () => {
		const [hook] = mine();
		kajabi.requests = [];
		await deactivate(n8n, WORKFLOW_ID);
		expect(mine()).toHaveLength(0);
		expect(kajabi.requests).toContainEqual(expect.objectContaining({ method: 'DELETE', path: `/v1/hooks/${hook.id}` }));
	});

	env.test(
		'20 activation cycles: one hook while active, none left after',
		async () => {
			for (let cycle = 1; cycle <= 20; cycle++) {
				await env.activate(WORKFLOW_ID);
				expect({ cycle, hooks: mine().length }).toEqual({ cycle, hooks: 1 });
				await deactivate(n8n, WORKFLOW_ID);
				expect({ cycle, hooks: mine().length }).toEqual({ cycle, hooks: 0 });
			}
			return `20 cycles, ${mine().length} hooks left; ${kajabi.exchanges} token exchange(s)`;
		},
		180_000,
	);

	env.test(
		"a copied workflow holding the original's hook registers its own and never deletes the original's",
		async () => {
			const copyUrl = `${n8n.url}/webhook/${COPY_WEBHOOK_ID}/webhook`;
			const copies = () => kajabi.hooks.filter((hook) => isOurUrl(hook.attributes.target_url, copyUrl));
			await env.activate(WORKFLOW_ID);
			const [original] = mine();
			const target = String(original.attributes.target_url);
			// n8n copies static data with the workflow: the copy's trigger holds the original's hook.
			const stored = { id: original.id, secret: new URL(target).searchParams.get('secret'), url: target, event: 'purchase', siteId: '11', resourceId: '' };
			await env.importWorkflows([triggerWorkflow({ staticData: { 'node:Kajabi Trigger': { live: stored } } })]);
			kajabi.requests = [];
			await env.activate(COPY_WORKFLOW_ID);
			expect(kajabi.find('hooks', original.id)?.attributes.target_url).toBe(target);
			expect(copies()).toHaveLength(1);
			await deactivate(n8n, COPY_WORKFLOW_ID);
			expect(copies()).toHaveLength(0);
			expect(kajabi.find('hooks', original.id)?.attributes.target_url).toBe(target);
			expect(kajabi.requests.filter((request) => request.method === 'DELETE').map((request) => request.path)).not.toContain(
				`/v1/hooks/${original.id}`,
			);
			// The original's hook still starts the original.
			const executions = await env.executions(WORKFLOW_ID);
			const purchases = kajabi.records.get('purchases')!;
			purchases.push({ ...purchases.find((record) => record.id === '301')!, id: '304' });
			expect(await kajabi.emit('purchase', purchase('304'))).toEqual([200]);
			const execution = await env.waitForExecution(WORKFLOW_ID, 30_000, executions[0]?.id);
			expect(execution).toMatchObject({ status: 'success', mode: 'webhook' });
			await deactivate(n8n, WORKFLOW_ID);
			expect(mine()).toHaveLength(0);
			return `original hook ${original.id} kept through the copy's activation and deactivation; it started execution ${execution.id}`;
		},
		120_000,
	);

	env.test(
		"Listen for Test Event registers a test hook and delivers Kajabi's sample payload",
		async () => {
			const testUrl = `${n8n.url}/webhook-test/${WEBHOOK_ID}/webhook`;
			// Manual executions that have finished.
			const manual = async () =>
				(await env.executions(WORKFLOW_ID)).filter(
					(execution) => execution.mode === 'manual' && !['new', 'running', 'waiting'].includes(execution.status),
				);
			const before = (await manual()).length;
			const { data: workflowData } = await n8n.get<{ data: Record<string, unknown> }>(`/rest/workflows/${WORKFLOW_ID}`);
			// The editor's "Listen for test event" (n8n 1.x reads workflowData, 2.x the saved workflow).
			await n8n.post(`/rest/workflows/${WORKFLOW_ID}/run`, {
				workflowData,
				triggerToStartFrom: { name: 'Kajabi Trigger' },
			});
			const deadline = Date.now() + 60_000;
			while ((await manual()).length === before) {
				if (Date.now() > deadline) {
					const seen = kajabi.requests.slice(-6).map((request) => `${request.method} ${request.path}`);
					const log = n8n.serverLog.split('\n').filter((line) => /kajabi|webhook-test|sample/i.test(line));
					throw new Error(
						`no manual execution from the sample payload; Kajabi saw ${seen.join(', ')}; hooks: ${kajabi.hooks
							.map((hook) => String(hook.attributes.target_url))
							.join(', ')}; n8n log: ${log.slice(-10).join(' | ')}`,
					);
				}
				await sleep(500);
			}
			expect(kajabi.requests.some((request) => request.path === '/v1/hooks/purchase_sample')).toBe(true);
			const [execution] = await manual();
			expect(execution.status).toBe('success');
			// n8n removes the test hook once the test event has arrived.
			while (kajabi.hooks.some((hook) => isOurUrl(hook.attributes.target_url, testUrl))) {
				if (Date.now() > deadline) throw new Error('the test hook was not removed');
				await sleep(500);
			}
			return `manual execution ${execution.id} from the sample; test hook removed`;
		},
		120_000,
	);
}
