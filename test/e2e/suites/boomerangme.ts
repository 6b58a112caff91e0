/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code, never published: it runs in Node.js beside n8n and needs timers and process; n8n's rules for node code do not apply to it */
/**
 * The Boomerangme Trigger on the running n8n (`n8n start`), against a mock of its own:
 * activation registers one hook at Boomerangme (its URL with a secret), an event posted to
 * it starts exactly one execution, forged posts (no secret, a wrong secret, an event not
 * chosen) start none, the same delivery twice starts one, deactivation removes the hook,
 * 20 activation cycles leave none behind, and a copied workflow (holding the original's hook
 * in its static data) leaves the original's hook alone.
 */
import { BoomerangmeMock } from '../../mocks/boomerangme';
import type { E2eEnv } from '../env';
import { deactivate } from './kajabi';

export const title = 'Boomerangme Trigger';

const CREDENTIAL_ID = 'bmrgE2eCred00001';
const WORKFLOW_ID = 'bmrgE2eTrigger01';
const VERIFY_WORKFLOW_ID = 'bmrgE2eVerify001';
/** A copy of the plain workflow, as n8n makes one: its own ids, the original's static data. */
const COPY_WORKFLOW_ID = 'bmrgE2eCopy00001';
const COPY_WEBHOOK_ID = '0e7c5d2a-3b4f-4c1d-8e9a-b0c1d2e3f4c7';
const EVENTS = ['CardBalanceUpdatedEvent', 'CardIssuedEvent'];

function triggerWorkflow(verify = false, copy?: { staticData: Record<string, unknown> }): Record<string, unknown> {
	return {
		id: copy ? COPY_WORKFLOW_ID : verify ? VERIFY_WORKFLOW_ID : WORKFLOW_ID,
		name: copy ? 'Boomerangme: card events (copy)' : verify ? 'Boomerangme: card events, verified' : 'Boomerangme: card events',
		active: false,
		...(copy ? { staticData: copy.staticData } : {}),
		nodes: [
			{
				parameters: verify ? { events: EVENTS, verify: true } : { events: EVENTS },
				id: copy ? '5b1f0c1e-8a3d-4f6e-9b2a-7c4d1e0f3a02' : '5b1f0c1e-8a3d-4f6e-9b2a-7c4d1e0f3a01',
				name: 'Boomerangme Trigger',
				type: 'n8n-nodes-creator-commerce.boomerangmeTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId: copy ? COPY_WEBHOOK_ID : verify ? '0e7c5d2a-3b4f-4c1d-8e9a-b0c1d2e3f4b6' : '0e7c5d2a-3b4f-4c1d-8e9a-b0c1d2e3f4a5',
				credentials: { boomerangmeApi: { id: CREDENTIAL_ID, name: 'Boomerangme (trigger)' } },
			},
		],
		connections: {},
		settings: {},
		pinData: {},
	};
}

export default function boomerangmeTrigger(env: E2eEnv): void {
	const { n8n } = env;
	let boomerangme: BoomerangmeMock;

	beforeAll(async () => {
		boomerangme = new BoomerangmeMock();
		const served = await env.serveMock(boomerangme.handle);
		await env.importCredentials([
			{
				id: CREDENTIAL_ID,
				name: 'Boomerangme (trigger)',
				type: 'boomerangmeApi',
				data: { apiKey: boomerangme.apiKey, baseUrl: served.url, rateLimitRequests: 5, rateLimitWindowSeconds: 1 },
			},
		]);
		await env.importWorkflows([triggerWorkflow(), triggerWorkflow(true)]);
	});

	env.test('activation registers one hook for the chosen events', async () => {
		boomerangme.requests = [];
		await env.activate(WORKFLOW_ID);
		const hooks = [...boomerangme.webhooks.values()];
		expect(hooks).toHaveLength(1);
		expect(hooks[0].events).toEqual(EVENTS);
		expect(hooks[0].url).toMatch(new RegExp(`^${n8n.url}/webhook/[^?]+/webhook\\?secret=[A-Za-z0-9_-]{43}$`));
		const registrations = boomerangme.requests.filter((r) => r.method === 'POST' && r.path === '/api/automation/webhooks');
		// Before registering, the trigger looked for hooks of its own in Boomerangme's list.
		expect(boomerangme.requests.findIndex((r) => r.method === 'GET' && r.path === '/api/automation/webhooks')).toBeLessThan(
			boomerangme.requests.indexOf(registrations[0]),
		);
		expect(registrations).toEqual([
			expect.objectContaining({
				method: 'POST',
				body: { url: hooks[0].url, events: EVENTS },
				headers: expect.objectContaining({ 'x-api-key': boomerangme.apiKey }),
			}),
		]);
		return `hook ${hooks[0].id} → ${hooks[0].url.replace(/secret=.*/, 'secret=…')}`;
	});

	env.test('an event starts exactly one execution with the posted body', async () => {
		const executions = await env.executions(WORKFLOW_ID);
		const before = executions.length;
		const reached = await boomerangme.emit('CardIssuedEvent', { cardId: '100000-000-000' });
		expect(reached).toBe(1);
		expect(boomerangme.deliveries.at(-1)?.status).toBe(200);
		const execution = await env.waitForExecution(WORKFLOW_ID, 30_000, executions[0]?.id);
		expect(execution).toMatchObject({ status: 'success', mode: 'webhook' });
		// Give n8n a moment to start any duplicate, then count.
		await new Promise((resolve) => setTimeout(resolve, 1500));
		expect((await env.executions(WORKFLOW_ID)).length).toBe(before + 1);
		// An event nobody subscribed to reaches no hook.
		expect(await boomerangme.emit('ManagerCreatedEvent', {})).toBe(0);
		return `execution ${execution.id}: ${execution.status}`;
	});

	env.test('forged posts start nothing; the same delivery twice starts one execution', async () => {
		const executions = await env.executions(WORKFLOW_ID);
		const [hook] = [...boomerangme.webhooks.values()];
		const bare = hook.url.replace(/\?.*$/, '');
		const post = async (url: string, body: unknown) =>
			(await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })).status;
		const body = { event: 'CardIssuedEvent', data: { cardId: '100000-000-001' }, createdAt: '2026-11-23T10:00:00+00:00' };
		expect(await post(bare, body)).toBe(401);
		expect(await post(`${bare}?secret=guessed-secret-guessed-secret-guessed-1234`, body)).toBe(401);
		expect(await post(hook.url, { ...body, event: 'PaymentCompletedSuccessfulEvent' })).toBe(200);
		await new Promise((resolve) => setTimeout(resolve, 2000));
		expect((await env.executions(WORKFLOW_ID)).length).toBe(executions.length);
		expect(n8n.serverLog).toContain('Boomerangme Trigger "Boomerangme Trigger": refused a post to its webhook URL because');

		expect(await Promise.all([post(hook.url, body), post(hook.url, body)])).toEqual([200, 200]);
		await env.waitForExecution(WORKFLOW_ID, 30_000, executions[0]?.id);
		await new Promise((resolve) => setTimeout(resolve, 2000));
		expect((await env.executions(WORKFLOW_ID)).length).toBe(executions.length + 1);
		return '3 forged posts refused; a delivery posted twice ran once';
	});

	env.test('deactivation removes the hook', async () => {
		const [hook] = [...boomerangme.webhooks.values()];
		boomerangme.requests = [];
		await deactivate(n8n, WORKFLOW_ID);
		expect(boomerangme.webhooks.size).toBe(0);
		expect(boomerangme.requests).toContainEqual(
			expect.objectContaining({ method: 'DELETE', path: `/api/automation/webhooks/${hook.id}` }),
		);
	});

	env.test(
		'20 activation cycles: one hook while active, none left after',
		async () => {
			for (let cycle = 1; cycle <= 20; cycle++) {
				await env.activate(WORKFLOW_ID);
				expect({ cycle, hooks: boomerangme.webhooks.size }).toEqual({ cycle, hooks: 1 });
				await deactivate(n8n, WORKFLOW_ID);
				expect({ cycle, hooks: boomerangme.webhooks.size }).toEqual({ cycle, hooks: 0 });
			}
			return `20 cycles, ${boomerangme.webhooks.size} hooks left`;
		},
		180_000,
	);

	env.test("a copied workflow holding the original's hook registers its own and never deletes the original's", async () => {
		const copyUrl = `${n8n.url}/webhook/${COPY_WEBHOOK_ID}/webhook`;
		const copies = () => [...boomerangme.webhooks.values()].filter((hook) => hook.url.startsWith(`${copyUrl}?`));
		await env.activate(WORKFLOW_ID);
		const [original] = [...boomerangme.webhooks.values()];
		// n8n copies static data with the workflow: the copy's trigger holds the original's hook.
		const stored = { id: original.id, secret: new URL(original.url).searchParams.get('secret'), url: original.url, events: EVENTS };
		await env.importWorkflows([triggerWorkflow(false, { staticData: { 'node:Boomerangme Trigger': { live: stored } } })]);
		boomerangme.requests = [];
		await env.activate(COPY_WORKFLOW_ID);
		expect(boomerangme.webhooks.get(original.id)?.url).toBe(original.url);
		expect(copies()).toHaveLength(1);
		await deactivate(n8n, COPY_WORKFLOW_ID);
		expect(copies()).toHaveLength(0);
		expect(boomerangme.webhooks.get(original.id)?.url).toBe(original.url);
		expect(boomerangme.requests.filter((request) => request.method === 'DELETE').map((request) => request.path)).not.toContain(
			`/api/automation/webhooks/${original.id}`,
		);
		// The original's hook still starts the original.
		const executions = await env.executions(WORKFLOW_ID);
		expect(await boomerangme.emit('CardIssuedEvent', { cardId: '100000-000-002' })).toBe(1);
		const execution = await env.waitForExecution(WORKFLOW_ID, 30_000, executions[0]?.id);
		expect(execution).toMatchObject({ status: 'success', mode: 'webhook' });
		await deactivate(n8n, WORKFLOW_ID);
		expect(boomerangme.webhooks.size).toBe(0);
		return `original hook ${original.id} kept through the copy's activation and deactivation; it started execution ${execution.id}`;
	}, 120_000);

	env.test('with Verify With Boomerangme, a made-up card starts nothing and a real one starts one execution with Boomerangme\'s copy', async () => {
		await env.activate(VERIFY_WORKFLOW_ID);
		const hook = [...boomerangme.webhooks.values()].find((candidate) => candidate.url.includes('0e7c5d2a-3b4f-4c1d-8e9a-b0c1d2e3f4b6'))!;
		const post = async (body: unknown) =>
			(await fetch(hook.url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })).status;
		const card = boomerangme.cards[0];
		expect(await post({ event: 'CardIssuedEvent', data: { cardId: '999999-999-999' } })).toBe(200);
		expect(await post({ event: 'CardIssuedEvent', data: { cardId: card.id, customerId: 'c0ffee00-0000-4000-8000-999999999999' } })).toBe(200);
		await new Promise((resolve) => setTimeout(resolve, 2000));
		expect(await env.executions(VERIFY_WORKFLOW_ID)).toHaveLength(0);
		expect(await post({ event: 'CardIssuedEvent', data: { cardId: card.id }, id: 'verify-e2e-1' })).toBe(200);
		const execution = await env.waitForExecution(VERIFY_WORKFLOW_ID, 30_000);
		expect(execution.status).toBe('success');
		await new Promise((resolve) => setTimeout(resolve, 1500));
		expect(await env.executions(VERIFY_WORKFLOW_ID)).toHaveLength(1);
		await deactivate(n8n, VERIFY_WORKFLOW_ID);
		return `2 made-up deliveries refused; card ${card.id} read back and run once (execution ${execution.id})`;
	});
}
