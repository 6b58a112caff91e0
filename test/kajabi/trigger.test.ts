/**
 * The Kajabi Trigger against the mock Kajabi: its hook's lifecycle (checkExists really
 * looks, create registers and remembers, delete removes and takes a 404 as gone, failures
 * surface), what a delivery puts out, Verify refusing forged posts, and the sample payload
 * of a manual test.
 */
import { TAG_WINDOW_MS } from '../../nodes/Kajabi/KajabiTrigger.node';
import { isOurUrl, MEMORY_SIZE, resetDeliveries } from '../../nodes/shared/webhook';
import { virtualClock } from '../clock';
import { KajabiMock } from '../mocks/kajabi';
import { interceptHttp } from '../harness';
import { BASE_URL, mountKajabi, resetKajabi } from './run';
import { TEST_WEBHOOK_BASE, TriggerRig } from './trigger';

const warnings: string[] = [];

beforeEach(() => {
	// Virtual time from test/setup.ts (virtualClock), which the tests move.
	warnings.length = 0;
	jest.spyOn(new TriggerRig({}).logger, 'warn').mockImplementation((message: string) => {
		warnings.push(message);
	});
});
afterEach(() => {
	jest.restoreAllMocks();
	resetKajabi();
	resetDeliveries();
});

const purchase = { event: 'purchase', siteId: '11' };
/** The hooks of the rig's URL, whatever secret they carry. */
const hooksOf = (mock: KajabiMock, rig: TriggerRig, mode: 'trigger' | 'manual' = 'trigger') =>
	mock.hooks.filter((hook) => isOurUrl(hook.attributes.target_url, rig.url(mode)));
const hookCalls = (mock: KajabiMock) =>
	mock.requests
		.filter((request) => request.path.startsWith('/v1/hooks'))
		.map((request) => `${request.method} ${request.path}`);

describe('hook lifecycle', () => {
	it('activation looks for its hook, creates it with the JSON:API body and keeps its ID', async () => {
		const mock = mountKajabi();
		const rig = new TriggerRig(purchase);
		expect(await rig.hook('checkExists')).toBe(false);
		// Every hook of the account is listed: one of another event posting here is found too.
		expect(mock.requests.at(-1)).toMatchObject({
			method: 'GET',
			path: '/v1/hooks',
			query: { 'page[size]': '100', 'page[number]': '1' },
		});
		expect(await rig.hook('create')).toBe(true);
		const created = mock.requests.at(-1)!;
		expect(created).toMatchObject({ method: 'POST', path: '/v1/hooks' });
		expect(created.headers['content-type']).toBe('application/vnd.api+json');
		expect(created.body).toEqual({
			data: {
				type: 'hooks',
				attributes: { target_url: `${rig.url()}?secret=${rig.secret()}`, event: 'purchase' },
				relationships: { site: { data: { type: 'sites', id: '11' } } },
			},
		});
		// 32 random bytes, new for each registration.
		expect(rig.secret()).toMatch(/^[A-Za-z0-9_-]{43}$/);
		const [hook] = hooksOf(mock, rig);
		expect(rig.staticData.live).toMatchObject({ id: hook.id, event: 'purchase', siteId: '11' });
		expect(await rig.hook('checkExists')).toBe(true);
		const secret = rig.secret();
		await rig.hook('delete');
		await rig.activate();
		expect(rig.secret()).not.toBe(secret);
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
		mock.records.set('hooks', mock.hooks.filter((hook) => !isOurUrl(hook.attributes.target_url, rig.url())));
		expect(await rig.hook('checkExists')).toBe(false);
		expect(rig.staticData.live).toBeUndefined();

		await rig.activate();
		const moved = new TriggerRig({ event: 'purchase', siteId: '12' });
		expect(await moved.hook('checkExists')).toBe(false);
		// The hook of this URL for site 11 was the trigger's earlier one: it is gone now.
		expect(hooksOf(mock, rig)).toHaveLength(0);
	});

	it('deactivation deletes the hook; a hook Kajabi no longer has counts as gone', async () => {
		const mock = mountKajabi();
		const rig = new TriggerRig(purchase);
		await rig.activate();
		const id = String((rig.staticData.live as { id: string }).id);
		expect(await rig.hook('delete')).toBe(true);
		expect(mock.requests.at(-1)).toMatchObject({ method: 'DELETE', path: `/v1/hooks/${id}` });
		expect(mock.find('hooks', id)).toBeUndefined();
		expect(rig.staticData.live).toBeUndefined();

		await rig.activate();
		const gone = String((rig.staticData.live as { id: string }).id);
		mock.records.set('hooks', []);
		mock.requests = [];
		expect(await rig.hook('delete')).toBe(true);
		// In no list: asked for by its ID before any delete; Kajabi has none (404), so it is gone.
		expect(hookCalls(mock)).toEqual(['GET /v1/hooks', `GET /v1/hooks/${gone}`]);
		expect(rig.staticData.live).toBeUndefined();
	});

	it('does not swallow a failed delete', async () => {
		const mock = mountKajabi();
		const rig = new TriggerRig(purchase);
		await rig.activate();
		mock.failNext(200, { data: hooksOf(mock, rig) });
		mock.failNext(500, { errors: [{ status: '500', title: 'Internal Server Error' }] });
		await expect(rig.hook('delete')).rejects.toThrow('Kajabi: Internal Server Error');
		expect(mock.requests.at(-1)).toMatchObject({ method: 'DELETE' });
		expect(rig.staticData.live).toBeDefined();
	});

	it('a lost hook ID: the hook is found by its URL and replaced, never doubled', async () => {
		const mock = mountKajabi();
		const rig = new TriggerRig(purchase);
		await rig.activate();
		const [first] = hooksOf(mock, rig);
		// A crash between registering and saving: n8n kept nothing.
		delete rig.staticData.live;
		await rig.activate();
		expect(hooksOf(mock, rig)).toHaveLength(1);
		expect(mock.find('hooks', first.id)).toBeUndefined();
		// Deactivating with the ID lost again still removes it.
		delete rig.staticData.live;
		await rig.hook('delete');
		expect(hooksOf(mock, rig)).toHaveLength(0);
	});

	it('a changed event: the hook of the earlier event is removed', async () => {
		const mock = mountKajabi();
		const rig = new TriggerRig(purchase);
		await rig.activate();
		const [old] = hooksOf(mock, rig);
		rig.node.parameters.event = 'payment_succeeded';
		await rig.activate();
		expect(hooksOf(mock, rig).map((hook) => hook.attributes.event)).toEqual(['payment_succeeded']);
		expect(mock.find('hooks', old.id)).toBeUndefined();
	});

	it('a hook of this URL without the secret (or with another) is replaced', async () => {
		const mock = mountKajabi();
		const rig = new TriggerRig(purchase);
		await rig.activate();
		const [hook] = hooksOf(mock, rig);
		hook.attributes.target_url = rig.url();
		expect(await rig.hook('checkExists')).toBe(false);
		expect(hooksOf(mock, rig)).toHaveLength(0);
	});

	it('a failed delete of a stale hook fails the activation before a second hook is registered', async () => {
		const mock = mountKajabi();
		const rig = new TriggerRig(purchase);
		await rig.activate();
		delete rig.staticData.live;
		mock.failNext(200, { data: hooksOf(mock, rig) });
		mock.failNext(500, { errors: [{ status: '500', title: 'Internal Server Error' }] });
		await expect(rig.activate()).rejects.toThrow('Kajabi: Internal Server Error');
		expect(hooksOf(mock, rig)).toHaveLength(1);
		expect(hookCalls(mock).filter((call) => call.startsWith('POST'))).toHaveLength(1);
		await rig.activate();
		expect(hooksOf(mock, rig)).toHaveLength(1);
	});

	it('the test hook and the live hook are kept apart', async () => {
		const mock = mountKajabi();
		const rig = new TriggerRig({ ...purchase, options: { sendSample: false } });
		await rig.activate();
		await rig.activate('manual');
		expect(hooksOf(mock, rig)).toHaveLength(1);
		expect(hooksOf(mock, rig, 'manual')).toHaveLength(1);
		expect(rig.secret('manual')).not.toBe(rig.secret());
		await rig.hook('delete', 'manual');
		expect(hooksOf(mock, rig)).toHaveLength(1);
		expect(await rig.hook('checkExists')).toBe(true);
	});

	it('a refused create fails activation with the scope the event needs', async () => {
		const mock = mountKajabi();
		mock.missingScopes.set('/v1/hooks', 'view:purchases');
		const rig = new TriggerRig(purchase);
		const error = await rig.activate().catch((failure: Error & { description?: string }) => failure);
		expect(error).toMatchObject({ message: 'Kajabi: Forbidden: Missing required scope: view:purchases' });
		expect((error as { description: string }).description).toContain('needs the API key scope view:purchases');
		expect(rig.staticData.live).toBeUndefined();
	});

	it('a create Kajabi rejects as invalid fails with its words', async () => {
		const mock = mountKajabi();
		mock.failNext(200, { data: [] });
		mock.failNext(422, { errors: [{ status: '422', title: 'Invalid attribute', detail: 'Target url is invalid', source: { pointer: '/data/attributes/target_url' } }] });
		await expect(new TriggerRig(purchase).activate()).rejects.toThrow('Kajabi: Invalid attribute: Target url is invalid (target_url)');
		expect(mock.hooks.map((hook) => hook.id)).toEqual(['801', '802']);
	});

	/** A copy of the rig's workflow as n8n makes one: another webhook ID, the same static data. */
	function copyOf(original: TriggerRig): TriggerRig {
		const copy = new TriggerRig(original.node.parameters);
		copy.node.webhookId = 'b1c2d3e4-0000-4000-8000-0000000000c0';
		Object.assign(copy.staticData, JSON.parse(JSON.stringify(original.staticData)));
		return copy;
	}

	it("a copied workflow forgets the original's hook and registers its own: the original's hook is never deleted", async () => {
		const mock = mountKajabi();
		const original = new TriggerRig(purchase);
		await original.activate();
		const [hook] = hooksOf(mock, original);
		const copy = copyOf(original);
		expect(copy.url()).not.toBe(original.url());
		mock.requests = [];
		await copy.activate();
		expect(hookCalls(mock).filter((call) => !call.startsWith('GET'))).toEqual(['POST /v1/hooks']);
		expect(mock.find('hooks', hook.id)).toBeDefined();
		expect(hooksOf(mock, copy)).toHaveLength(1);
		expect((copy.staticData.live as { id: string }).id).not.toBe(hook.id);
		await copy.hook('delete');
		expect(hooksOf(mock, copy)).toHaveLength(0);
		expect(mock.find('hooks', hook.id)).toBeDefined();
		expect(await original.hook('checkExists')).toBe(true);

		// Deactivated before it ever registered a hook of its own: nothing of the original's goes either.
		const neverActive = copyOf(original);
		mock.requests = [];
		await neverActive.hook('delete');
		expect(hookCalls(mock)).toEqual(['GET /v1/hooks']);
		expect(neverActive.staticData.live).toBeUndefined();
		expect(await original.hook('checkExists')).toBe(true);
	});

	it('the stored hook ID listed at another URL is never deleted; in no list, it is read first and deleted only at this URL', async () => {
		const mock = mountKajabi();
		const rig = new TriggerRig(purchase);
		await rig.activate();
		const [hook] = hooksOf(mock, rig);
		// Kajabi shows that ID at another URL now: not this trigger's hook any more.
		hook.attributes.target_url = 'https://elsewhere.example/hook';
		mock.requests = [];
		expect(await rig.hook('checkExists')).toBe(false);
		expect(hookCalls(mock)).toEqual(['GET /v1/hooks']);
		expect(mock.find('hooks', hook.id)).toBeDefined();

		// In no list, and at another URL when read by its ID: kept.
		await rig.activate();
		const [second] = hooksOf(mock, rig);
		second.attributes.target_url = 'https://elsewhere.example/other';
		mock.failNext(200, { data: [] });
		mock.requests = [];
		await rig.hook('delete');
		expect(hookCalls(mock)).toEqual(['GET /v1/hooks', `GET /v1/hooks/${second.id}`]);
		expect(mock.find('hooks', second.id)).toBeDefined();

		// In no list, and at this URL when read by its ID: deleted.
		await rig.activate();
		const [third] = hooksOf(mock, rig);
		mock.failNext(200, { data: [] });
		mock.requests = [];
		await rig.hook('delete');
		expect(hookCalls(mock)).toEqual(['GET /v1/hooks', `GET /v1/hooks/${third.id}`, `DELETE /v1/hooks/${third.id}`]);
		expect(mock.find('hooks', third.id)).toBeUndefined();
	});

	it('20 activations and deactivations leave no hook behind', async () => {
		const mock = mountKajabi();
		const rig = new TriggerRig(purchase);
		for (let cycle = 0; cycle < 20; cycle++) {
			await rig.activate();
			expect(hooksOf(mock, rig)).toHaveLength(1);
			await rig.hook('delete');
		}
		expect(hooksOf(mock, rig)).toHaveLength(0);
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
	const withId = (id: string, payload: object[] = delivery.payload) => ({ ...delivery, id, payload });
	/** A minute later: the next refusal of a kind already logged gets its own line again. */
	const later = () => (virtualClock.time += 61_000);

	async function active(parameters: object): Promise<{ mock: KajabiMock; rig: TriggerRig }> {
		const mock = mountKajabi();
		const rig = new TriggerRig({ ...purchase, ...parameters });
		await rig.activate();
		mock.requests = [];
		return { mock, rig };
	}

	it('puts out one item with the simplified payload of Kajabi\'s own records', async () => {
		const { rig } = await active({});
		const answer = await rig.deliver(delivery);
		expect(answer.workflowData).toEqual([
			[
				{
					json: {
						id: 'abc',
						event: 'purchase',
						payload: [
							{ id: '301', type: 'purchases', amount_in_cents: 4900, currency: 'USD', deactivated_at: null, customer_id: '201', offer_id: '21' },
							{ id: '21', type: 'offers', title: 'Yoga Basics', price_in_cents: 4900, internal_title: 'yoga-basics', site_id: '11', product_ids: ['31'] },
						],
					},
				},
			],
		]);
	});

	it('Verify off: splits the payload into items, as Kajabi sent them with Simplify off', async () => {
		const { mock, rig } = await active({ options: { split: true, simplify: false, verify: false } });
		const answer = await rig.deliver(delivery);
		expect(answer.workflowData?.[0].map((item) => item.json)).toEqual(delivery.payload);
		expect(mock.requests).toEqual([]);
	});

	it('a post without the secret, or with another, is answered 401 and starts nothing', async () => {
		const { mock, rig } = await active({});
		for (const query of [{}, { secret: 'x'.repeat(43) }, { secret: `${rig.secret()}x` }, { secret: rig.secret('manual') ?? '' }] as Array<Record<string, string>>) {
			const answer = await rig.deliver(delivery, {}, 'trigger', query);
			expect(answer).toEqual({ noWebhookResponse: true, status: 401 });
		}
		// Nothing was looked up in Kajabi either.
		expect(mock.requests).toEqual([]);
		expect((await rig.deliver(delivery)).workflowData).toHaveLength(1);
	});

	it('before any hook is registered, every post is refused', async () => {
		mountKajabi();
		const rig = new TriggerRig(purchase);
		expect(await rig.deliver(delivery, {}, 'trigger', { secret: '' })).toEqual({ noWebhookResponse: true, status: 401 });
	});

	it('refusals are logged once per burst, then counted', async () => {
		const { rig } = await active({});
		for (let post = 0; post < 5; post++) await rig.deliver(delivery, {}, 'trigger', {});
		expect(warnings).toHaveLength(1);
		expect(warnings[0]).toContain('Kajabi Trigger "Kajabi Trigger": refused a post to its webhook URL because it does not carry the secret');
		expect(warnings[0]).not.toContain(rig.secret());
		// Another kind of refusal has its own line.
		await rig.deliver({ ...delivery, event: 'tag_added' });
		expect(warnings).toHaveLength(2);
		virtualClock.time += 61_000;
		await rig.deliver(delivery, {}, 'trigger', {});
		warnings.splice(1, 1);
		expect(warnings).toHaveLength(2);
		expect(warnings[1]).toContain('(6 refused for this reason since n8n started; 4 more refused since the last such line)');
	});

	it('ignores a genuine post of another event with 200, and says so in the log', async () => {
		const { mock, rig } = await active({});
		const answer = await rig.deliver({ ...delivery, event: 'tag_added' });
		expect(answer.workflowData).toBeUndefined();
		expect(answer.webhookResponse).toEqual({ received: true });
		expect(warnings.at(-1)).toContain('it is not a "purchase" delivery of Kajabi');
		expect(mock.requests).toEqual([]);
	});

	it('the same delivery twice starts once; so does the same purchase under another delivery ID', async () => {
		const { mock, rig } = await active({});
		expect((await rig.deliver(delivery)).workflowData).toHaveLength(1);
		expect((await rig.deliver(delivery)).workflowData).toBeUndefined();
		expect(warnings.at(-1)).toContain('Kajabi sent this delivery before');
		expect((await rig.deliver(withId('other'))).workflowData).toBeUndefined();
		// Another purchase is another event.
		const second = [{ ...delivery.payload[0], id: '302' }, delivery.payload[1]];
		mock.records.get('purchases')!.push({ ...mock.find('purchases', '301')!, id: '302' });
		expect((await rig.deliver(withId('third', second))).workflowData).toHaveLength(1);
	});

	it('a copy posted while the first is being verified is checked on its own: a failed first check loses nothing', async () => {
		const mock = new KajabiMock();
		let answerFirst!: () => void;
		const firstHeld = new Promise<void>((resolve) => (answerFirst = resolve));
		let lookups = 0;
		let firstAsked!: () => void;
		const firstArrived = new Promise<void>((resolve) => (firstAsked = resolve));
		interceptHttp(BASE_URL, async (request) => {
			if (request.path === '/v1/purchases/301' && ++lookups === 1) {
				// The first lookup is slow, then fails.
				firstAsked();
				await firstHeld;
				return { status: 500, body: { errors: [{ status: '500', title: 'Internal Server Error' }] } };
			}
			return mock.handle(request);
		});
		const rig = new TriggerRig(purchase);
		await rig.activate();
		const first = rig.deliver(delivery).then(
			(answer) => ({ answer }),
			(error: Error) => ({ error }),
		);
		await firstArrived;
		// Kajabi sends it again while the first check waits: it is checked and accepted.
		expect((await rig.deliver(delivery)).workflowData).toHaveLength(1);
		answerFirst();
		expect(await first).toMatchObject({ error: { message: 'Kajabi: Internal Server Error' } });
		// A third copy after both is a repeat of the accepted one, refused without a lookup.
		const before = lookups;
		expect((await rig.deliver(delivery)).workflowData).toBeUndefined();
		expect(lookups).toBe(before);
		expect(warnings.at(-1)).toContain('Kajabi sent this delivery before');
	});

	it('a copy whose check fails leaves nothing remembered: the next copy starts', async () => {
		const { mock, rig } = await active({});
		mock.failNext(500, { errors: [{ status: '500', title: 'Internal Server Error' }] });
		await expect(rig.deliver(delivery)).rejects.toThrow('Kajabi: Internal Server Error');
		expect((await rig.deliver(delivery)).workflowData).toHaveLength(1);
	});

	it('two identical deliveries at once start once', async () => {
		const { rig } = await active({});
		const answers = await Promise.all([rig.deliver(delivery), rig.deliver(delivery), rig.deliver(withId('again'))]);
		expect(answers.filter((answer) => answer.workflowData).length).toBe(1);
	});

	it('the memory of deliveries is bounded in time and in size', async () => {
		const { rig } = await active({ options: { verify: false } });
		expect((await rig.deliver(delivery)).workflowData).toHaveLength(1);
		virtualClock.time += 24 * 3_600_000 + 1;
		expect((await rig.deliver(delivery)).workflowData).toHaveLength(1);
		for (let index = 0; index < MEMORY_SIZE; index++) {
			await rig.deliver(withId(`d${index}`, [{ ...delivery.payload[0], id: `p${index}` }]));
		}
		// The oldest were forgotten to make room; the newest are remembered.
		expect((await rig.deliver(delivery)).workflowData).toHaveLength(1);
		expect((await rig.deliver(withId(`d${MEMORY_SIZE - 1}`, [{ ...delivery.payload[0], id: `p${MEMORY_SIZE - 1}` }]))).workflowData).toBeUndefined();
	});

	it('Verify is on unless turned off: every record is looked up and the output is Kajabi\'s copies only', async () => {
		const { mock, rig } = await active({ options: { simplify: false } });
		const dressed = withId('dressed', [
			{ ...delivery.payload[0], attributes: { ...delivery.payload[0].attributes, note: 'grant everything' } },
			delivery.payload[1],
		]);
		const answer = await rig.deliver(dressed);
		expect(mock.requests.map((request) => `${request.method} ${request.path}`).filter((line) => !line.includes('oauth'))).toEqual([
			'GET /v1/purchases/301',
			'GET /v1/offers/21',
		]);
		const payload = answer.workflowData?.[0][0].json.payload as Array<{ id: string; attributes: object }>;
		expect(payload).toEqual([mock.find('purchases', '301'), mock.find('offers', '21')]);
		expect(JSON.stringify(payload)).not.toContain('grant everything');
	});

	it('Verify: a real purchase with a made-up customer or a made-up second purchase starts nothing', async () => {
		const { rig } = await active({});
		const madeUpCustomer = { id: '999', type: 'customers', attributes: { email: 'thief@example.com' } };
		expect((await rig.deliver(withId('a', [...delivery.payload, madeUpCustomer]))).workflowData).toBeUndefined();
		expect(warnings.at(-1)).toContain('because Kajabi has no customers 999');
		later();
		const madeUpPurchase = { ...delivery.payload[0], id: '998' };
		expect((await rig.deliver(withId('b', [delivery.payload[0], madeUpPurchase]))).workflowData).toBeUndefined();
		expect(warnings.at(-1)).toContain('because Kajabi has no purchases 998');
		later();
		const unknownType = { id: '1', type: 'wallets', attributes: {} };
		expect((await rig.deliver(withId('c', [...delivery.payload, unknownType]))).workflowData).toBeUndefined();
		expect(warnings.at(-1)).toContain('record of type "wallets" that cannot be checked');
		// A refused delivery is not remembered: the genuine one with its ID still starts.
		expect((await rig.deliver(withId('a'))).workflowData).toHaveLength(1);
	});

	it('Verify: a forged or tampered purchase starts nothing', async () => {
		const { mock, rig } = await active({});
		const forged = withId('f', [{ ...delivery.payload[0], id: '999' }, delivery.payload[1]]);
		expect((await rig.deliver(forged)).workflowData).toBeUndefined();
		expect(mock.requests.some((request) => request.path === '/v1/purchases/999')).toBe(true);
		later();
		const tampered = withId('t', [{ ...delivery.payload[0], attributes: { amount_in_cents: 1 } }, delivery.payload[1]]);
		expect((await rig.deliver(tampered)).workflowData).toBeUndefined();
		expect(warnings.at(-1)).toContain("because its amount_in_cents differs from Kajabi's purchases 301");
	});

	it('Verify: records of another site start nothing, and so does a delivery that names no site', async () => {
		const { mock, rig } = await active({});
		mock.find('offers', '21')!.relationships!.site = { data: { id: '12', type: 'sites' } };
		expect((await rig.deliver(delivery)).workflowData).toBeUndefined();
		expect(warnings.at(-1)).toContain('its records belong to site 12, not to site 11');
		later();
		expect((await rig.deliver(withId('alone', [delivery.payload[0]]))).workflowData).toBeUndefined();
		expect(warnings.at(-1)).toContain('none of its records names a site');
	});

	it('Verify: a record the API key may not read starts nothing, and the log says which scope is missing', async () => {
		const { mock, rig } = await active({});
		mock.missingScopes.set('/v1/offers/21', 'view:offers');
		const answer = await rig.deliver(delivery);
		expect(answer).toEqual({ webhookResponse: { received: true } });
		expect(warnings.at(-1)).toContain('because the API key may not read offers (403): give it the scope to view offers, or turn Verify With Kajabi off');
	});

	it('Verify: a tag event must match the contact\'s tags in Kajabi', async () => {
		const { rig } = await active({ event: 'tag_added', siteId: '11', tagId: '51' });
		const tagged = (contact: string, id = contact) => ({
			id,
			event: 'tag_added',
			payload: [
				{ id: contact, type: 'contacts', attributes: { email: `student${Number(contact) - 100}@example.com` } },
				{ id: '51', type: 'contact_tags', attributes: { name: 'VIP' } },
			],
		});
		expect((await rig.deliver(tagged('101'))).workflowData).toHaveLength(1);
		later();
		expect((await rig.deliver(tagged('102'))).workflowData).toBeUndefined();
		expect(warnings.at(-1)).toContain("Kajabi's contact 102 does not have tag 51");
		// The same contact and tag again within two minutes is Kajabi sending it again; later it is a new change.
		expect((await rig.deliver(tagged('101', 'again'))).workflowData).toBeUndefined();
		virtualClock.time += TAG_WINDOW_MS;
		expect((await rig.deliver(tagged('101', 'later'))).workflowData).toHaveLength(1);
	});

	it("Kajabi's id names the record, not the delivery: a second tag added to the same contact starts", async () => {
		const { rig } = await active({ event: 'tag_added', siteId: '11', tagId: '' });
		// Contact 105 has tags 51 and 52; both deliveries carry the contact's ID as their id.
		const tagged = (tag: string) => ({
			id: '105',
			event: 'tag_added',
			payload: [
				{ id: '105', type: 'contacts', attributes: { email: 'student5@example.com' } },
				{ id: tag, type: 'contact_tags', attributes: {} },
			],
		});
		expect((await rig.deliver(tagged('51'))).workflowData).toHaveLength(1);
		expect((await rig.deliver(tagged('52'))).workflowData).toHaveLength(1);
		expect((await rig.deliver(tagged('52'))).workflowData).toBeUndefined();
	});

	it('two purchases under the same id both start; the same purchase under another id is a repeat for a day', async () => {
		const { mock, rig: purchases } = await active({});
		mock.records.get('purchases')!.push({ ...mock.find('purchases', '301')!, id: '302' });
		expect((await purchases.deliver(withId('same'))).workflowData).toHaveLength(1);
		expect((await purchases.deliver(withId('same', [{ ...delivery.payload[0], id: '302' }, delivery.payload[1]]))).workflowData).toHaveLength(1);
		// The same purchase is the same event a day long, under any id.
		virtualClock.time += 23 * 3_600_000;
		expect((await purchases.deliver(withId('other'))).workflowData).toBeUndefined();
	});

	it('each event is keyed on its own record: payment on the transaction, order on the order, form on the submission', async () => {
		const cases: Array<[string, object[], object[]]> = [
			['payment_succeeded', [{ id: 't1', type: 'transactions' }, { id: 'c1', type: 'customers' }], [{ id: 't2', type: 'transactions' }, { id: 'c1', type: 'customers' }]],
			['order_created', [{ id: 't1', type: 'transactions' }, { id: 'o1', type: 'orders' }], [{ id: 't1', type: 'transactions' }, { id: 'o2', type: 'orders' }]],
			['form_submission', [{ id: 's1', type: 'form_submissions' }, { id: 'f1', type: 'forms' }], [{ id: 's2', type: 'form_submissions' }, { id: 'f1', type: 'forms' }]],
		];
		for (const [event, first, second] of cases) {
			const { rig } = await active({ event, options: { verify: false } });
			expect((await rig.deliver({ id: 'x', event, payload: first })).workflowData).toHaveLength(1);
			expect((await rig.deliver({ id: 'x', event, payload: second })).workflowData).toHaveLength(1);
			expect((await rig.deliver({ id: 'y', event, payload: second })).workflowData).toBeUndefined();
			resetDeliveries();
		}
	});
});

describe('manual test', () => {
	it('posts the documented sample payload to the test URL, which runs without Verify', async () => {
		const mock = mountKajabi();
		const rig = new TriggerRig(purchase);
		let posted: (value: { body: unknown; headers: Record<string, string>; query: Record<string, string> }) => void;
		const received = new Promise<{ body: unknown; headers: Record<string, string>; query: Record<string, string> }>((resolve) => (posted = resolve));
		interceptHttp(TEST_WEBHOOK_BASE.replace(/\/webhook-test$/, ''), (request) => {
			posted({ body: request.body, headers: request.headers, query: request.query as Record<string, string> });
			return { status: 200, body: { message: 'Workflow was started' } };
		});
		await rig.activate('manual');
		expect(mock.hooks.at(-1)?.attributes.target_url).toBe(`${rig.url('manual')}?secret=${rig.secret('manual')}`);
		const sample = await received;
		expect(sample.query).toEqual({ secret: rig.secret('manual') });
		expect(mock.requests.some((request) => request.path === '/v1/hooks/purchase_sample')).toBe(true);
		const answer = await rig.deliver(sample.body, sample.headers, 'manual', sample.query);
		expect(answer.workflowData?.[0][0].json).toMatchObject({
			id: 'sample',
			event: 'purchase',
			sample: true,
			payload: [expect.objectContaining({ type: 'purchases', amount_in_cents: 1000 }), expect.objectContaining({ type: 'offers' })],
		});
		// Without the token, the same post is verified, and Kajabi has no purchase 0.
		expect((await rig.deliver(sample.body, {}, 'manual')).workflowData).toBeUndefined();
		// Without the secret, it is refused before anything else.
		expect((await rig.deliver(sample.body, sample.headers, 'manual', {})).status).toBe(401);
	});

	it('still registers the test hook when the sample cannot be had, and says why in the log', async () => {
		const mock = mountKajabi();
		mock.missingScopes.set('/v1/hooks/purchase_sample', 'view:purchases');
		const rig = new TriggerRig(purchase);
		await rig.activate('manual');
		expect(isOurUrl(mock.hooks.at(-1)?.attributes.target_url, rig.url('manual'))).toBe(true);
		expect(rig.staticData.sampleToken).toBeUndefined();
		expect(warnings.at(-1)).toContain('could not get the sample purchase payload: Kajabi: Forbidden: Missing required scope: view:purchases');
	});
});
