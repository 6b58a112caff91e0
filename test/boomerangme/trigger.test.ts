/**
 * The Boomerangme Trigger's hook lifecycle, as n8n drives it: checkExists, then create when
 * it says no; delete on deactivation. Each step's exact request against the mock.
 */
import type { IDataObject } from 'n8n-workflow';

import { BoomerangmeTrigger, EVENTS } from '../../nodes/Boomerangme/BoomerangmeTrigger.node';
import { resetGates } from '../../nodes/shared/gate';
import { interceptHttp, resetHttp } from '../harness';
import { BoomerangmeMock } from '../mocks/boomerangme';
import { API_KEY, BASE_URL, triggerWorkflow } from './run';

afterEach(() => {
	resetHttp();
	resetGates();
});

const URL = 'https://n8n.example/webhook/c7d1a7e2-hook/webhook';
const methods = new BoomerangmeTrigger().webhookMethods.default;

function setup(events = ['CardIssuedEvent', 'CardBalanceUpdatedEvent']) {
	const mock = new BoomerangmeMock();
	const requests = interceptHttp(BASE_URL, mock.handle);
	const flow = triggerWorkflow({ events });
	return { mock, requests, flow };
}

/** What n8n does on activation: create only when checkExists says there is no hook. */
async function activate(flow: ReturnType<typeof triggerWorkflow>): Promise<void> {
	if (!(await methods.checkExists.call(flow.hook()))) await methods.create.call(flow.hook());
}

describe('Boomerangme Trigger', () => {
	it('offers the 24 events, each with the Event suffix', () => {
		expect(EVENTS).toHaveLength(24);
		for (const event of EVENTS) expect(event.value).toMatch(/^[A-Z][A-Za-z]+Event$/);
		expect(new Set(EVENTS.map((e) => e.value)).size).toBe(24);
	});

	it('registers one hook for several events and keeps its ID in static data', async () => {
		const { mock, requests, flow } = setup();
		await activate(flow);
		expect(requests.map((r) => [r.method, r.path])).toEqual([['POST', '/api/automation/webhooks']]);
		expect(requests[0].body).toEqual({ url: URL, events: ['CardBalanceUpdatedEvent', 'CardIssuedEvent'] });
		expect(requests[0].headers['x-api-key']).toBe(API_KEY);
		expect(requests[0].query).toEqual({});
		const [hook] = [...mock.webhooks.values()];
		expect(flow.staticData()).toEqual({
			webhookId: hook.id,
			webhookUrl: URL,
			webhookEvents: ['CardBalanceUpdatedEvent', 'CardIssuedEvent'],
		});
	});

	it('checkExists asks Boomerangme for the stored hook: it exists', async () => {
		const { mock, requests, flow } = setup();
		await activate(flow);
		const id = String(flow.staticData().webhookId);
		requests.length = 0;
		expect(await methods.checkExists.call(flow.hook())).toBe(true);
		expect(requests.map((r) => [r.method, r.path, r.query])).toEqual([
			['GET', `/api/automation/webhooks/${id}`, {}],
		]);
		expect(mock.webhooks.size).toBe(1);
	});

	it('checkExists answers no when Boomerangme no longer has the hook (404), and activation registers a new one', async () => {
		const { mock, requests, flow } = setup();
		await activate(flow);
		const first = String(flow.staticData().webhookId);
		mock.webhooks.clear(); // removed in Boomerangme by hand
		requests.length = 0;
		await activate(flow);
		expect(requests.map((r) => [r.method, r.path])).toEqual([
			['GET', `/api/automation/webhooks/${first}`],
			['POST', '/api/automation/webhooks'],
		]);
		expect(mock.webhooks.size).toBe(1);
		expect(flow.staticData().webhookId).not.toBe(first);
	});

	it('checkExists without a stored hook sends nothing', async () => {
		const { requests, flow } = setup();
		expect(await methods.checkExists.call(flow.hook())).toBe(false);
		expect(requests).toHaveLength(0);
	});

	it('a hook registered for other events is replaced, never left behind', async () => {
		const mock = new BoomerangmeMock();
		const requests = interceptHttp(BASE_URL, mock.handle);
		const before = triggerWorkflow({ events: ['CardIssuedEvent'] });
		await activate(before);
		const old = String(before.staticData().webhookId);
		// The user adds an event; n8n keeps the node's static data.
		const after = triggerWorkflow({ events: ['CardIssuedEvent', 'CustomerCreatedEvent'] });
		Object.assign(after.staticData(), before.staticData());
		requests.length = 0;
		await activate(after);
		expect(requests.map((r) => [r.method, r.path])).toEqual([
			['DELETE', `/api/automation/webhooks/${old}`],
			['POST', '/api/automation/webhooks'],
		]);
		expect([...mock.webhooks.values()].map((h) => h.events)).toEqual([['CardIssuedEvent', 'CustomerCreatedEvent']]);
	});

	it('when Boomerangme cannot look a hook up (405), the stored hook is replaced', async () => {
		const { mock, requests, flow } = setup();
		await activate(flow);
		const old = String(flow.staticData().webhookId);
		mock.queued.push({ status: 405, body: { code: 405, message: 'Method Not Allowed' } });
		requests.length = 0;
		await activate(flow);
		expect(requests.map((r) => [r.method, r.path])).toEqual([
			['GET', `/api/automation/webhooks/${old}`],
			['DELETE', `/api/automation/webhooks/${old}`],
			['POST', '/api/automation/webhooks'],
		]);
		expect(mock.webhooks.size).toBe(1);
	});

	it('checkExists does not swallow other failures', async () => {
		const { mock, flow } = setup();
		await activate(flow);
		mock.queued.push({ status: 401, body: { code: 401, message: 'Invalid API key' } });
		await expect(methods.checkExists.call(flow.hook())).rejects.toMatchObject({
			message: 'Boomerangme: Invalid API key',
			httpCode: '401',
		});
		expect(flow.staticData().webhookId).toBeDefined();
	});

	it('delete removes the hook and forgets it', async () => {
		const { mock, requests, flow } = setup();
		await activate(flow);
		const id = String(flow.staticData().webhookId);
		requests.length = 0;
		expect(await methods.delete.call(flow.hook())).toBe(true);
		expect(requests.map((r) => [r.method, r.path, r.query, r.body])).toEqual([
			['DELETE', `/api/automation/webhooks/${id}`, {}, undefined],
		]);
		expect(mock.webhooks.size).toBe(0);
		expect(flow.staticData()).toEqual({});
	});

	it('delete treats 404 as already gone', async () => {
		const { mock, requests, flow } = setup();
		await activate(flow);
		mock.webhooks.clear();
		requests.length = 0;
		expect(await methods.delete.call(flow.hook())).toBe(true);
		expect(requests.map((r) => r.method)).toEqual(['DELETE']);
		expect(flow.staticData()).toEqual({});
	});

	it('delete does not swallow other failures and keeps the ID to try again', async () => {
		const { mock, flow } = setup();
		await activate(flow);
		mock.queued.push({ status: 500, body: { code: 500, message: 'Internal error' } });
		await expect(methods.delete.call(flow.hook())).rejects.toMatchObject({ httpCode: '500' });
		expect(flow.staticData().webhookId).toBeDefined();
		expect(mock.webhooks.size).toBe(1);
	});

	it('create fails clearly when the answer carries no hook ID', async () => {
		const { mock, flow } = setup();
		mock.queued.push({ status: 200, body: { code: 200, data: {} } });
		await expect(methods.create.call(flow.hook())).rejects.toThrow(/carries no ID/);
		expect(flow.staticData()).toEqual({});
	});

	it('create refuses to register a hook without events', async () => {
		const { requests, flow } = setup([]);
		await expect(methods.create.call(flow.hook())).rejects.toThrow('Choose at least one event');
		expect(requests).toHaveLength(0);
	});

	it('20 activation cycles leave no hook behind', async () => {
		const { mock, flow } = setup();
		for (let cycle = 0; cycle < 20; cycle++) {
			await activate(flow);
			expect(mock.webhooks.size).toBe(1);
			await methods.delete.call(flow.hook());
			expect(mock.webhooks.size).toBe(0);
		}
	});

	it('an event becomes one item with the body Boomerangme posted', async () => {
		const { flow } = setup();
		const body: IDataObject = { event: 'CardIssuedEvent', data: { cardId: '100000-000-000' } };
		const answer = await new BoomerangmeTrigger().webhook.call(flow.webhook(body));
		expect(answer.workflowData).toEqual([[{ json: body }]]);
	});
});
