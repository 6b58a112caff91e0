/**
 * The Kajabi Trigger against the mock Kajabi: its hook's lifecycle (checkExists really
 * looks, create registers and remembers, delete removes and takes a 404 as gone, failures
 * surface), what a delivery puts out, Verify refusing forged posts, and the sample payload
 * of a manual test.
 */
import { KajabiMock } from '../mocks/kajabi';
import { interceptHttp } from '../harness';
import { mountKajabi, resetKajabi, virtualTime } from './run';
import { TEST_WEBHOOK_BASE, TriggerRig } from './trigger';

const warnings: string[] = [];

beforeEach(() => {
	virtualTime();
	warnings.length = 0;
	jest.spyOn(new TriggerRig({}).logger, 'warn').mockImplementation((message: string) => {
		warnings.push(message);
	});
});
afterEach(() => {
	jest.restoreAllMocks();
	resetKajabi();
});

const purchase = { event: 'purchase', siteId: '11' };
const hookCalls = (mock: KajabiMock) =>
	mock.requests
		.filter((request) => request.path.startsWith('/v1/hooks'))
		.map((request) => `${request.method} ${request.path}`);

describe('hook lifecycle', () => {
	it('activation looks for its hook, creates it with the JSON:API body and keeps its ID', async () => {
		const mock = mountKajabi();
		const rig = new TriggerRig(purchase);
		expect(await rig.hook('checkExists')).toBe(false);
		expect(mock.requests.at(-1)).toMatchObject({
			method: 'GET',
			path: '/v1/hooks',
			query: { 'filter[event_eq]': 'purchase', 'page[size]': '100', 'page[number]': '1' },
		});
		expect(await rig.hook('create')).toBe(true);
		const created = mock.requests.at(-1)!;
		expect(created).toMatchObject({ method: 'POST', path: '/v1/hooks' });
		expect(created.headers['content-type']).toBe('application/vnd.api+json');
		expect(created.body).toEqual({
			data: {
				type: 'hooks',
				attributes: { target_url: rig.url(), event: 'purchase' },
				relationships: { site: { data: { type: 'sites', id: '11' } } },
			},
		});
		const hook = mock.hooks.find((item) => item.attributes.target_url === rig.url())!;
		expect(rig.staticData.webhookId).toBe(hook.id);
		expect(await rig.hook('checkExists')).toBe(true);
	});

	it('watches one tag with resource_id, and one form', async () => {
		const mock = mountKajabi();
		await new TriggerRig({ event: 'tag_added', siteId: '11', tagId: '51' }).activate();
		expect(mock.requests.at(-1)!.body).toMatchObject({ data: { attributes: { event: 'tag_added', resource_id: '51' } } });
		await new TriggerRig({ event: 'form_submission', siteId: '11', formId: '61' }).activate();
		expect(mock.requests.at(-1)!.body).toMatchObject({ data: { attributes: { event: 'form_submission', resource_id: '61' } } });
		await new TriggerRig({ event: 'tag_removed', siteId: '11', tagId: '' }).activate();
		expect((mock.requests.at(-1)!.body as { data: { attributes: object } }).data.attributes).not.toHaveProperty('resource_id');
	});

	it('checkExists finds a hook removed in Kajabi missing, and replaces one with other settings', async () => {
		const mock = mountKajabi();
		const rig = new TriggerRig(purchase);
		await rig.activate();
		mock.records.set('hooks', mock.hooks.filter((hook) => hook.attributes.target_url !== rig.url()));
		expect(await rig.hook('checkExists')).toBe(false);
		expect(rig.staticData.webhookId).toBeUndefined();

		await rig.activate();
		const moved = new TriggerRig({ event: 'purchase', siteId: '12' });
		expect(await moved.hook('checkExists')).toBe(false);
		// The hook of this URL for site 11 was the trigger's earlier one: it is gone now.
		expect(mock.hooks.filter((hook) => hook.attributes.target_url === rig.url())).toHaveLength(0);
	});

	it('deactivation deletes the hook; a hook Kajabi no longer has counts as gone', async () => {
		const mock = mountKajabi();
		const rig = new TriggerRig(purchase);
		await rig.activate();
		const id = String(rig.staticData.webhookId);
		expect(await rig.hook('delete')).toBe(true);
		expect(mock.requests.at(-1)).toMatchObject({ method: 'DELETE', path: `/v1/hooks/${id}` });
		expect(mock.find('hooks', id)).toBeUndefined();
		expect(rig.staticData.webhookId).toBeUndefined();

		await rig.activate();
		mock.records.set('hooks', []);
		expect(await rig.hook('delete')).toBe(true);
		expect(mock.requests.at(-1)).toMatchObject({ method: 'DELETE' });
	});

	it('does not swallow a failed delete', async () => {
		const mock = mountKajabi();
		const rig = new TriggerRig(purchase);
		await rig.activate();
		mock.failNext(500, { errors: [{ status: '500', title: 'Internal Server Error' }] });
		await expect(rig.hook('delete')).rejects.toThrow('Kajabi: Internal Server Error');
		expect(rig.staticData.webhookId).toBeDefined();
	});

	it('a refused create fails activation with the scope the event needs', async () => {
		const mock = mountKajabi();
		mock.missingScopes.set('/v1/hooks', 'view:purchases');
		const rig = new TriggerRig(purchase);
		const error = await rig.activate().catch((failure: Error & { description?: string }) => failure);
		expect(error).toMatchObject({ message: 'Kajabi: Forbidden: Missing required scope: view:purchases' });
		expect((error as { description: string }).description).toContain('needs the API key scope view:purchases');
		expect(rig.staticData.webhookId).toBeUndefined();
	});

	it('a create Kajabi rejects as invalid fails with its words', async () => {
		const mock = mountKajabi();
		mock.failNext(200, { data: [] });
		mock.failNext(422, { errors: [{ status: '422', title: 'Invalid attribute', detail: 'Target url is invalid', source: { pointer: '/data/attributes/target_url' } }] });
		await expect(new TriggerRig(purchase).activate()).rejects.toThrow('Kajabi: Invalid attribute: Target url is invalid (target_url)');
		expect(mock.hooks.map((hook) => hook.id)).toEqual(['801', '802']);
	});

	it('20 activations and deactivations leave no hook behind', async () => {
		const mock = mountKajabi();
		const rig = new TriggerRig(purchase);
		for (let cycle = 0; cycle < 20; cycle++) {
			await rig.activate();
			expect(mock.hooks.filter((hook) => hook.attributes.target_url === rig.url())).toHaveLength(1);
			await rig.hook('delete');
		}
		expect(mock.hooks.filter((hook) => hook.attributes.target_url === rig.url())).toHaveLength(0);
		expect(hookCalls(mock).filter((call) => call.startsWith('POST'))).toHaveLength(20);
		expect(mock.exchanges).toBe(1);
	});
});

describe('deliveries', () => {
	const delivery = {
		id: 'abc',
		event: 'purchase',
		payload: [
			{
				id: '301',
				type: 'purchases',
				attributes: { amount_in_cents: 4900, currency: 'USD' },
				relationships: { customer: { data: { id: '201', type: 'customers' } }, offer: { data: { id: '21', type: 'offers' } } },
			},
			{ id: '21', type: 'offers', attributes: { title: 'Yoga Basics' } },
		],
	};

	it('puts out one item with the simplified payload', async () => {
		mountKajabi();
		const answer = await new TriggerRig(purchase).deliver(delivery);
		expect(answer.workflowData).toEqual([
			[
				{
					json: {
						id: 'abc',
						event: 'purchase',
						payload: [
							{ id: '301', type: 'purchases', amount_in_cents: 4900, currency: 'USD', customer_id: '201', offer_id: '21' },
							{ id: '21', type: 'offers', title: 'Yoga Basics' },
						],
					},
				},
			],
		]);
	});

	it('splits the payload into items, as Kajabi sent them with Simplify off', async () => {
		mountKajabi();
		const answer = await new TriggerRig({ ...purchase, options: { split: true, simplify: false } }).deliver(delivery);
		expect(answer.workflowData?.[0].map((item) => item.json)).toEqual(delivery.payload);
	});

	it('ignores a post of another event, and says so in the log', async () => {
		mountKajabi();
		const answer = await new TriggerRig(purchase).deliver({ ...delivery, event: 'tag_added' });
		expect(answer.workflowData).toBeUndefined();
		expect(answer.webhookResponse).toEqual({ received: true });
		expect(warnings.at(-1)).toContain('it is not a "purchase" delivery of Kajabi');
	});

	it('Verify: a delivery Kajabi confirms runs with Kajabi\'s own record', async () => {
		const mock = mountKajabi();
		const answer = await new TriggerRig({ ...purchase, options: { verify: true, simplify: false } }).deliver(delivery);
		expect(mock.requests.at(-1)).toMatchObject({ method: 'GET', path: '/v1/purchases/301' });
		expect(answer.workflowData?.[0]).toHaveLength(1);
		const payload = answer.workflowData?.[0][0].json.payload as Array<{ attributes: object }>;
		expect(payload[0].attributes).toEqual({ amount_in_cents: 4900, currency: 'USD', deactivated_at: null });
	});

	it('Verify: a forged post starts nothing and is counted in the log', async () => {
		const mock = mountKajabi();
		const rig = new TriggerRig({ ...purchase, options: { verify: true } });
		const forged = { ...delivery, payload: [{ ...delivery.payload[0], id: '999' }] };
		expect((await rig.deliver(forged)).workflowData).toBeUndefined();
		expect(mock.requests.at(-1)).toMatchObject({ method: 'GET', path: '/v1/purchases/999' });
		const tampered = { ...delivery, payload: [{ ...delivery.payload[0], attributes: { amount_in_cents: 1 } }] };
		expect((await rig.deliver(tampered)).workflowData).toBeUndefined();
		const [first, second] = warnings.slice(-2);
		expect(first).toContain('because Kajabi has no purchases 999 (');
		expect(second).toContain("because its amount_in_cents differs from Kajabi's purchases 301 (");
		const count = (line: string) => Number(/\((\d+) ignored since n8n started\)/.exec(line)?.[1]);
		expect(count(second)).toBe(count(first) + 1);
	});

	it('Verify: a tag event must match the contact\'s tags in Kajabi', async () => {
		mountKajabi();
		const rig = new TriggerRig({ event: 'tag_added', siteId: '11', tagId: '51', options: { verify: true } });
		const tagged = (contact: string) => ({
			id: 'x',
			event: 'tag_added',
			payload: [
				{ id: contact, type: 'contacts', attributes: { email: `student${Number(contact) - 100}@example.com` } },
				{ id: '51', type: 'contact_tags', attributes: { name: 'VIP' } },
			],
		});
		expect((await rig.deliver(tagged('101'))).workflowData).toHaveLength(1);
		expect((await rig.deliver(tagged('102'))).workflowData).toBeUndefined();
		expect(warnings.at(-1)).toContain("Kajabi's contact 102 does not have tag 51");
	});
});

describe('manual test', () => {
	it('posts the documented sample payload to the test URL, which runs without Verify', async () => {
		const mock = mountKajabi();
		const rig = new TriggerRig({ ...purchase, options: { verify: true } });
		let posted: (value: { body: unknown; headers: Record<string, string> }) => void;
		const received = new Promise<{ body: unknown; headers: Record<string, string> }>((resolve) => (posted = resolve));
		interceptHttp(TEST_WEBHOOK_BASE.replace(/\/webhook-test$/, ''), (request) => {
			posted({ body: request.body, headers: request.headers });
			return { status: 200, body: { message: 'Workflow was started' } };
		});
		await rig.activate('manual');
		expect(mock.hooks.at(-1)?.attributes.target_url).toBe(rig.url('manual'));
		const sample = await received;
		expect(mock.requests.some((request) => request.path === '/v1/hooks/purchase_sample')).toBe(true);
		const answer = await rig.deliver(sample.body, sample.headers, 'manual');
		expect(answer.workflowData?.[0][0].json).toMatchObject({
			id: 'sample',
			event: 'purchase',
			sample: true,
			payload: [expect.objectContaining({ type: 'purchases', amount_in_cents: 1000 }), expect.objectContaining({ type: 'offers' })],
		});
		// Without the token, the same post is only a forged one.
		expect((await rig.deliver(sample.body, {}, 'manual')).workflowData).toBeUndefined();
	});

	it('still registers the test hook when the sample cannot be had, and says why in the log', async () => {
		const mock = mountKajabi();
		mock.missingScopes.set('/v1/hooks/purchase_sample', 'view:purchases');
		const rig = new TriggerRig(purchase);
		await rig.activate('manual');
		expect(mock.hooks.at(-1)?.attributes.target_url).toBe(rig.url('manual'));
		expect(rig.staticData.sampleToken).toBeUndefined();
		expect(warnings.at(-1)).toContain('could not get the sample purchase payload: Kajabi: Forbidden: Missing required scope: view:purchases');
	});
});
