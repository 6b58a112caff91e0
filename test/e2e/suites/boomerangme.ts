/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code, never published: it runs in Node.js beside n8n and needs timers and process; n8n's rules for node code do not apply to it */
/**
 * The Boomerangme Trigger on the running n8n (`n8n start`), against a mock of its own:
 * activation registers one hook at Boomerangme, an event posted to it starts exactly one
 * execution, deactivation removes the hook, and 20 activation cycles leave none behind.
 */
import { BoomerangmeMock } from '../../mocks/boomerangme';
import type { E2eEnv } from '../env';
import type { N8n } from '../n8n';

export const title = 'Boomerangme Trigger';

const CREDENTIAL_ID = 'bmrgE2eCred00001';
const WORKFLOW_ID = 'bmrgE2eTrigger01';
const EVENTS = ['CardBalanceUpdatedEvent', 'CardIssuedEvent'];

function triggerWorkflow(): Record<string, unknown> {
	return {
		id: WORKFLOW_ID,
		name: 'Boomerangme: card events',
		active: false,
		nodes: [
			{
				parameters: { events: EVENTS },
				id: '5b1f0c1e-8a3d-4f6e-9b2a-7c4d1e0f3a01',
				name: 'Boomerangme Trigger',
				type: 'n8n-nodes-creator-commerce.boomerangmeTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId: '0e7c5d2a-3b4f-4c1d-8e9a-b0c1d2e3f4a5',
				credentials: { boomerangmeApi: { id: CREDENTIAL_ID, name: 'Boomerangme (trigger)' } },
			},
		],
		connections: {},
		settings: {},
		pinData: {},
	};
}

/** Deactivates a workflow on the running server, as the editor's toggle does. */
async function deactivate(n8n: N8n, workflowId: string): Promise<void> {
	const { data } = await n8n.get<{ data: { versionId: string } }>(`/rest/workflows/${workflowId}`);
	if (Number(n8n.version.split('.')[0]) >= 2) {
		await n8n.post(`/rest/workflows/${workflowId}/deactivate`, {});
	} else {
		await n8n.post(`/rest/workflows/${workflowId}`, { active: false, versionId: data.versionId }, 'PATCH');
	}
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
		await env.importWorkflows([triggerWorkflow()]);
	});

	env.test('activation registers one hook for the chosen events', async () => {
		boomerangme.requests = [];
		await env.activate(WORKFLOW_ID);
		const hooks = [...boomerangme.webhooks.values()];
		expect(hooks).toHaveLength(1);
		expect(hooks[0].events).toEqual(EVENTS);
		expect(hooks[0].url.startsWith(`${n8n.url}/webhook/`)).toBe(true);
		const registrations = boomerangme.requests.filter((r) => r.path === '/api/automation/webhooks');
		expect(registrations).toEqual([
			expect.objectContaining({
				method: 'POST',
				body: { url: hooks[0].url, events: EVENTS },
				headers: expect.objectContaining({ 'x-api-key': boomerangme.apiKey }),
			}),
		]);
		return `hook ${hooks[0].id} → ${hooks[0].url}`;
	});

	env.test('an event starts exactly one execution with the posted body', async () => {
		const before = (await env.executions(WORKFLOW_ID)).length;
		const reached = await boomerangme.emit('CardIssuedEvent', { cardId: '100000-000-000' });
		expect(reached).toBe(1);
		expect(boomerangme.deliveries.at(-1)?.status).toBe(200);
		const execution = await env.waitForExecution(WORKFLOW_ID);
		expect(execution).toMatchObject({ status: 'success', mode: 'webhook' });
		// Give n8n a moment to start any duplicate, then count.
		await new Promise((resolve) => setTimeout(resolve, 1500));
		expect((await env.executions(WORKFLOW_ID)).length).toBe(before + 1);
		// An event nobody subscribed to reaches no hook.
		expect(await boomerangme.emit('ManagerCreatedEvent', {})).toBe(0);
		return `execution ${execution.id}: ${execution.status}`;
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
}
