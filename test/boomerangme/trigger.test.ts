/**
 * The Boomerangme Trigger as n8n drives it: checkExists, then create when it says no; delete
 * on deactivation; the webhook function for each post. One hook per trigger whatever
 * happened before (a lost ID, a list Boomerangme cannot serve, a failed delete, other
 * events), the secret in the hook's URL, chosen events only, and each delivery once.
 */
import type { IDataObject, IWebhookResponseData } from 'n8n-workflow';

import { BoomerangmeTrigger, EVENTS } from '../../nodes/Boomerangme/BoomerangmeTrigger.node';
import { resetGates } from '../../nodes/shared/gate';
import { isOurUrl, resetDeliveries } from '../../nodes/shared/webhook';
import { virtualClock } from '../clock';
import { interceptHttp, resetHttp } from '../harness';
import { BoomerangmeMock } from '../mocks/boomerangme';
import { API_KEY, BASE_URL, triggerWorkflow } from './run';

const warnings: string[] = [];

afterEach(() => {
	resetHttp();
	resetGates();
	resetDeliveries();
	jest.restoreAllMocks();
	warnings.length = 0;
});

const URL = 'https://n8n.example/webhook/c7d1a7e2-hook/webhook';
const methods = new BoomerangmeTrigger().webhookMethods.default;
type Flow = ReturnType<typeof triggerWorkflow>;

function setup(events = ['CardIssuedEvent', 'CardBalanceUpdatedEvent']) {
	const mock = new BoomerangmeMock();
	const requests = interceptHttp(BASE_URL, mock.handle);
	const flow = triggerWorkflow({ events });
	return { mock, requests, flow };
}

/** What n8n does on activation: create only when checkExists says there is no hook. */
async function activate(flow: Flow): Promise<void> {
	if (!(await methods.checkExists.call(flow.hook()))) await methods.create.call(flow.hook());
}

const stored = (flow: Flow) => flow.staticData().live as { id: string; secret: string; url: string; events: string[] } | undefined;
const ours = (mock: BoomerangmeMock) => [...mock.webhooks.values()].filter((hook) => isOurUrl(hook.url, URL));
const calls = (requests: Array<{ method: string; path: string }>) => requests.map((r) => `${r.method} ${r.path}`);

/** Posts a delivery as Boomerangme does: to the registered URL (the stored secret), unless `query` says otherwise. */
async function post(flow: Flow, body: unknown, query?: IDataObject): Promise<IWebhookResponseData & { status?: number }> {
	const context = flow.webhook(body);
	const response = { statusCode: 200, status(code: number) { this.statusCode = code; return this; }, json() { return this; } };
	const secret = stored(flow)?.secret;
	Object.defineProperty(context, 'getQueryData', { value: () => query ?? (secret ? { secret } : {}) });
	Object.defineProperty(context, 'getResponseObject', { value: () => response });
	jest.spyOn(context.logger, 'warn').mockImplementation((message: string) => {
		warnings.push(message);
	});
	const answer = await flow.trigger.webhook.call(context);
	return answer.noWebhookResponse ? { ...answer, status: response.statusCode } : answer;
}

describe('hook lifecycle', () => {
	it('offers the 24 events, each with the Event suffix', () => {
		expect(EVENTS).toHaveLength(24);
		for (const event of EVENTS) expect(event.value).toMatch(/^[A-Z][A-Za-z]+Event$/);
		expect(new Set(EVENTS.map((e) => e.value)).size).toBe(24);
	});

	it('lists the hooks, then registers one hook for several events at the URL with a new secret', async () => {
		const { mock, requests, flow } = setup();
		await activate(flow);
		expect(calls(requests)).toEqual(['GET /api/automation/webhooks', 'POST /api/automation/webhooks']);
		expect(requests[0].query).toEqual({ itemsPerPage: '100', page: '1' });
		const { secret } = stored(flow)!;
		expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(requests[1].body).toEqual({ url: `${URL}?secret=${secret}`, events: ['CardBalanceUpdatedEvent', 'CardIssuedEvent'] });
		expect(requests[1].headers['x-api-key']).toBe(API_KEY);
		const [hook] = [...mock.webhooks.values()];
		expect(flow.staticData()).toEqual({
			live: { id: hook.id, secret, url: `${URL}?secret=${secret}`, events: ['CardBalanceUpdatedEvent', 'CardIssuedEvent'] },
		});
	});

	it('checkExists finds the stored hook in the list and keeps it', async () => {
		const { mock, requests, flow } = setup();
		await activate(flow);
		requests.length = 0;
		expect(await methods.checkExists.call(flow.hook())).toBe(true);
		expect(calls(requests)).toEqual(['GET /api/automation/webhooks']);
		expect(mock.webhooks.size).toBe(1);
	});

	it('a hook deleted in Boomerangme is registered again', async () => {
		const { mock, requests, flow } = setup();
		await activate(flow);
		const first = stored(flow)!.id;
		mock.webhooks.clear();
		requests.length = 0;
		await activate(flow);
		expect(calls(requests)).toEqual([
			'GET /api/automation/webhooks',
			// The stored hook is not in the list: deleted in case the list missed it (404: gone).
			`DELETE /api/automation/webhooks/${first}`,
			'POST /api/automation/webhooks',
		]);
		expect(mock.webhooks.size).toBe(1);
		expect(stored(flow)!.id).not.toBe(first);
	});

	it('a lost hook ID: the hook is found by its URL and replaced, and deactivation still removes it', async () => {
		const { mock, flow } = setup();
		await activate(flow);
		const first = stored(flow)!.id;
		delete flow.staticData().live;
		await activate(flow);
		expect(ours(mock)).toHaveLength(1);
		expect(mock.webhooks.has(first)).toBe(false);
		delete flow.staticData().live;
		await methods.delete.call(flow.hook());
		expect(ours(mock)).toHaveLength(0);
	});

	it('when Boomerangme cannot list hooks (404 or 405), the stored hook is deleted and registered again: never two', async () => {
		for (const status of [404, 405]) {
			const { mock, requests, flow } = setup();
			await activate(flow);
			const old = stored(flow)!.id;
			mock.queued.push({ status, body: { code: status, message: status === 404 ? 'Not Found' : 'Method Not Allowed' } });
			requests.length = 0;
			await activate(flow);
			expect(calls(requests)).toEqual([
				'GET /api/automation/webhooks',
				`DELETE /api/automation/webhooks/${old}`,
				'POST /api/automation/webhooks',
			]);
			expect(mock.webhooks.size).toBe(1);
			resetHttp();
		}
	});

	it('a hook registered for other events is replaced, never left behind', async () => {
		const mock = new BoomerangmeMock();
		const requests = interceptHttp(BASE_URL, mock.handle);
		const before = triggerWorkflow({ events: ['CardIssuedEvent'] });
		await activate(before);
		const old = stored(before)!.id;
		// The user adds an event; n8n keeps the node's static data.
		const after = triggerWorkflow({ events: ['CardIssuedEvent', 'CustomerCreatedEvent'] });
		Object.assign(after.staticData(), JSON.parse(JSON.stringify(before.staticData())));
		requests.length = 0;
		await activate(after);
		expect(calls(requests)).toEqual([
			'GET /api/automation/webhooks',
			`DELETE /api/automation/webhooks/${old}`,
			'POST /api/automation/webhooks',
		]);
		expect([...mock.webhooks.values()].map((h) => h.events)).toEqual([['CardIssuedEvent', 'CustomerCreatedEvent']]);
	});

	it('a hook of an earlier version of the trigger (no secret, ID at the top of static data) is replaced', async () => {
		const { mock, flow } = setup();
		mock.webhooks.set('77', { id: '77', url: URL, events: ['CardIssuedEvent'] });
		Object.assign(flow.staticData(), { webhookId: '77', webhookUrl: URL, webhookEvents: ['CardIssuedEvent'] });
		await activate(flow);
		expect(mock.webhooks.has('77')).toBe(false);
		expect(ours(mock)).toHaveLength(1);
		expect(Object.keys(flow.staticData())).toEqual(['live']);
	});

	it('a failed delete of a stale hook fails the activation before a second hook is registered', async () => {
		const { mock, requests, flow } = setup();
		await activate(flow);
		delete flow.staticData().live;
		mock.queued.push({ status: 200, body: { code: 200, meta: { currentPage: 1, itemsPerPage: 100, totalItems: 1 }, data: ours(mock) } });
		mock.queued.push({ status: 500, body: { code: 500, message: 'Internal error' } });
		requests.length = 0;
		await expect(activate(flow)).rejects.toMatchObject({ httpCode: '500' });
		expect(calls(requests).filter((call) => call.startsWith('POST'))).toEqual([]);
		expect(ours(mock)).toHaveLength(1);
		await activate(flow);
		expect(ours(mock)).toHaveLength(1);
	});

	it('checkExists does not swallow other failures', async () => {
		const { mock, flow } = setup();
		await activate(flow);
		mock.queued.push({ status: 401, body: { code: 401, message: 'Invalid API key' } });
		await expect(methods.checkExists.call(flow.hook())).rejects.toMatchObject({
			message: 'Boomerangme: Invalid API key',
			httpCode: '401',
		});
		expect(stored(flow)).toBeDefined();
	});

	it('delete removes the hook and forgets it; a hook Boomerangme no longer has counts as gone', async () => {
		const { mock, requests, flow } = setup();
		await activate(flow);
		const id = stored(flow)!.id;
		requests.length = 0;
		expect(await methods.delete.call(flow.hook())).toBe(true);
		expect(calls(requests)).toEqual(['GET /api/automation/webhooks', `DELETE /api/automation/webhooks/${id}`]);
		expect(mock.webhooks.size).toBe(0);
		expect(flow.staticData()).toEqual({});

		await activate(flow);
		mock.webhooks.clear();
		expect(await methods.delete.call(flow.hook())).toBe(true);
		expect(flow.staticData()).toEqual({});
	});

	it('delete does not swallow other failures and keeps the ID to try again', async () => {
		const { mock, flow } = setup();
		await activate(flow);
		mock.queued.push({ status: 200, body: { code: 200, meta: { currentPage: 1, itemsPerPage: 100, totalItems: 1 }, data: ours(mock) } });
		mock.queued.push({ status: 500, body: { code: 500, message: 'Internal error' } });
		await expect(methods.delete.call(flow.hook())).rejects.toMatchObject({ httpCode: '500' });
		expect(stored(flow)).toBeDefined();
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

	/** A copy of the workflow as n8n makes one: another webhook ID, the same static data. */
	function copyOf(original: Flow): Flow {
		const copy = triggerWorkflow({ events: ['CardIssuedEvent', 'CardBalanceUpdatedEvent'] }, 'wf-boomerangme-copy');
		copy.workflow.getNode('Boomerangme Trigger')!.webhookId = 'c7d1a7e2-copy';
		Object.assign(copy.staticData(), JSON.parse(JSON.stringify(original.staticData())));
		return copy;
	}

	it("a copied workflow forgets the original's hook and registers its own: the original's hook is never deleted", async () => {
		const { mock, requests, flow } = setup();
		await activate(flow);
		const original = stored(flow)!;
		const copy = copyOf(flow);
		requests.length = 0;
		await activate(copy);
		expect(calls(requests)).toEqual(['GET /api/automation/webhooks', 'POST /api/automation/webhooks']);
		expect(mock.webhooks.get(original.id)).toMatchObject({ url: original.url });
		expect(stored(copy)!.id).not.toBe(original.id);
		expect(stored(copy)!.url).toContain('/webhook/c7d1a7e2-copy/webhook?secret=');
		await methods.delete.call(copy.hook());
		expect(mock.webhooks.get(original.id)).toMatchObject({ url: original.url });
		expect(mock.webhooks.size).toBe(1);

		// Deactivated before it registered a hook of its own: nothing of the original's goes either.
		requests.length = 0;
		await methods.delete.call(copyOf(flow).hook());
		expect(calls(requests)).toEqual(['GET /api/automation/webhooks']);
		expect(await methods.checkExists.call(flow.hook())).toBe(true);
	});

	it("when Boomerangme cannot list hooks, a copy still deletes nothing of the original's", async () => {
		for (const step of ['activate', 'delete'] as const) {
			const { mock, requests, flow } = setup();
			await activate(flow);
			const original = stored(flow)!;
			const copy = copyOf(flow);
			mock.queued.push({ status: 404, body: { code: 404, message: 'Not Found' } });
			requests.length = 0;
			if (step === 'activate') await activate(copy);
			else await methods.delete.call(copy.hook());
			expect(calls(requests).filter((call) => call.startsWith('DELETE'))).toEqual([]);
			expect(mock.webhooks.get(original.id)).toMatchObject({ url: original.url });
			resetHttp();
		}
	});

	it('the stored hook ID listed at another URL is never deleted', async () => {
		const { mock, requests, flow } = setup();
		await activate(flow);
		const id = stored(flow)!.id;
		mock.webhooks.get(id)!.url = 'https://elsewhere.example/hook';
		requests.length = 0;
		await activate(flow);
		expect(calls(requests)).toEqual(['GET /api/automation/webhooks', 'POST /api/automation/webhooks']);
		expect(mock.webhooks.get(id)).toMatchObject({ url: 'https://elsewhere.example/hook' });
		requests.length = 0;
		await methods.delete.call(flow.hook());
		expect(mock.webhooks.has(id)).toBe(true);
		expect(ours(mock)).toHaveLength(0);
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
});

describe('deliveries', () => {
	const body: IDataObject = { event: 'CardIssuedEvent', data: { cardId: '100000-000-000' }, createdAt: '2026-11-23T10:00:00+00:00' };

	async function active(): Promise<Flow> {
		const { flow } = setup();
		await activate(flow);
		return flow;
	}

	it('an event becomes one item with the body Boomerangme posted', async () => {
		const flow = await active();
		expect((await post(flow, body)).workflowData).toEqual([[{ json: body }]]);
	});

	it('a post without the secret, or with another, is answered 401 and starts nothing; logged once per burst', async () => {
		const flow = await active();
		const secret = stored(flow)!.secret;
		// The secret with its last character changed (to one it is not: a random secret may end in "A").
		const another = `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;
		for (const query of [{}, { secret: 'guess' }, { secret: another }]) {
			expect(await post(flow, body, query)).toEqual({ noWebhookResponse: true, status: 401 });
		}
		expect(warnings).toHaveLength(1);
		expect(warnings[0]).toContain('Boomerangme Trigger "Boomerangme Trigger": refused a post to its webhook URL because it does not carry the secret');
		expect((await post(flow, body)).workflowData).toHaveLength(1);
	});

	it('an event the workflow did not choose starts nothing (200), and neither does a post without an event', async () => {
		const flow = await active();
		const answer = await post(flow, { ...body, event: 'PaymentCompletedSuccessfulEvent' });
		expect(answer).toEqual({ webhookResponse: { received: true } });
		expect(warnings.at(-1)).toContain('it is a "PaymentCompletedSuccessfulEvent" event, which this trigger does not watch');
		expect((await post(flow, { data: {} })).workflowData).toBeUndefined();
		// The name without its suffix is the same event.
		expect((await post(flow, { ...body, event: 'CardIssued' })).workflowData).toHaveLength(1);
	});

	it('the same delivery twice starts once; the same content again after 10 minutes is a new event', async () => {
		const flow = await active();
		expect((await post(flow, body)).workflowData).toHaveLength(1);
		expect((await post(flow, body)).workflowData).toBeUndefined();
		expect(warnings.at(-1)).toContain('Boomerangme sent this delivery before');
		expect((await post(flow, { ...body, data: { cardId: '100000-000-001' } })).workflowData).toHaveLength(1);
		virtualClock.time += 10 * 60_000 + 1;
		expect((await post(flow, body)).workflowData).toHaveLength(1);
	});

	it('a body without an ID or a time stamp is not remembered: the same card scanned twice starts twice', async () => {
		const flow = await active();
		const scanned = { event: 'CardIssuedEvent', data: { cardId: '100000-000-000' } };
		expect((await post(flow, scanned)).workflowData).toHaveLength(1);
		expect((await post(flow, scanned)).workflowData).toHaveLength(1);
		// A date without a time of day is no stamp of the event either.
		const dated = { ...scanned, date: '2026-11-23' };
		expect((await post(flow, dated)).workflowData).toHaveLength(1);
		expect((await post(flow, dated)).workflowData).toHaveLength(1);
		// With a time stamp of its own, the same body is the same delivery; an epoch number counts too.
		const stamped = { ...scanned, timestamp: 1795428000 };
		expect((await post(flow, stamped)).workflowData).toHaveLength(1);
		expect((await post(flow, stamped)).workflowData).toBeUndefined();
	});

	it('deliveries with their own IDs are told apart by them, even with the same content', async () => {
		const flow = await active();
		expect((await post(flow, { ...body, id: 'evt-1' })).workflowData).toHaveLength(1);
		expect((await post(flow, { ...body, id: 'evt-2' })).workflowData).toHaveLength(1);
		expect((await post(flow, { ...body, id: 'evt-2' })).workflowData).toBeUndefined();
	});

	it('a delivery with an ID is the same delivery for a day, whatever else changed', async () => {
		const flow = await active();
		expect((await post(flow, { ...body, id: 'evt-1' })).workflowData).toHaveLength(1);
		virtualClock.time += 3_600_000;
		expect((await post(flow, { ...body, id: 'evt-1', createdAt: 'later' })).workflowData).toBeUndefined();
		virtualClock.time += 24 * 3_600_000;
		expect((await post(flow, { ...body, id: 'evt-1', createdAt: 'much later' })).workflowData).toHaveLength(1);
	});
});

describe('Verify With Boomerangme', () => {
	function verifying() {
		const mock = new BoomerangmeMock();
		const requests = interceptHttp(BASE_URL, mock.handle);
		const flow = triggerWorkflow({ events: ['CardIssuedEvent'], verify: true });
		return { mock, requests, flow };
	}

	it('puts out Boomerangme\'s own card and customer, nothing of the posted body', async () => {
		const { mock, flow } = verifying();
		await activate(flow);
		const card = mock.cards[0];
		const answer = await post(flow, { event: 'CardIssuedEvent', data: { cardId: card.id, balance: 999999, note: 'made up' } });
		const [items] = answer.workflowData!;
		expect(items).toHaveLength(1);
		expect(items[0].json).toEqual({
			event: 'CardIssuedEvent',
			card: expect.objectContaining({ id: card.id, customerId: card.customerId }),
			customer: expect.objectContaining({ id: card.customerId }),
		});
		expect(JSON.stringify(items[0].json)).not.toContain('made up');
	});

	it('starts nothing for a card Boomerangme does not have, a customer it does not have, or a delivery naming neither', async () => {
		const { mock, flow } = verifying();
		await activate(flow);
		const card = mock.cards[0];
		for (const body of [
			{ event: 'CardIssuedEvent', data: { cardId: '999999-999-999' } },
			{ event: 'CardIssuedEvent', data: { customerId: 'c0ffee00-0000-4000-8000-999999999999' } },
			{ event: 'CardIssuedEvent', data: { cardId: card.id, customerId: 'c0ffee00-0000-4000-8000-999999999999' } },
			{ event: 'CardIssuedEvent', data: { cardId: '1/../../companies' } },
			{ event: 'CardIssuedEvent', data: {} },
		]) {
			const answer = await post(flow, body);
			expect(answer.workflowData).toBeUndefined();
		}
		expect(warnings.some((warning) => warning.includes('Boomerangme has no card'))).toBe(true);
	});

	it('is off by default: the posted body comes out as it is', async () => {
		const { mock, flow } = setup(['CardIssuedEvent']);
		await activate(flow);
		const body = { event: 'CardIssuedEvent', data: { cardId: mock.cards[0].id } };
		const answer = await post(flow, body);
		expect(answer.workflowData![0][0].json).toEqual(body);
	});
});
