/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code, never published: it runs in Node.js beside n8n and needs timers; n8n's rules for node code do not apply to it */
/**
 * The Kajabi and Boomerangme Triggers across three restarts of n8n, each platform with a
 * mock of its own: after every restart exactly one hook per trigger is live and a genuine
 * event starts one execution, also when a hook was registered without n8n keeping its ID
 * (a crash between registering and saving) and when deleting that stale hook fails at the
 * first try; deactivation then leaves none. Both triggers share the restarts, which are the
 * expensive part.
 */
import { isOurUrl } from '../../../nodes/shared/webhook';
import type { MockResponse, RecordedRequest } from '../../harness';
import { BoomerangmeMock } from '../../mocks/boomerangme';
import { KajabiMock } from '../../mocks/kajabi';
import type { E2eEnv } from '../env';
import { deactivate } from './kajabi';

export const title = 'Webhook triggers across restarts';

const KAJABI_CREDENTIAL = 'restartKajCred01';
const KAJABI_WORKFLOW = 'restartKajTrig01';
const KAJABI_WEBHOOK = '4c8e2f61-7a3b-4d59-b0e1-2f9c8d7a6b51';
const BMRG_CREDENTIAL = 'restartBmrCred01';
const BMRG_WORKFLOW = 'restartBmrTrig01';
const BMRG_WEBHOOK = '8a1d5c37-2e9f-4b60-93c4-5d7e1f0a2b62';

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

function workflow(id: string, name: string, node: Record<string, unknown>): Record<string, unknown> {
	return { id, name, active: false, nodes: [{ id: `${id}-node`, position: [0, 0], typeVersion: 1, ...node }], connections: {}, settings: {}, pinData: {} };
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 90_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await check())) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await sleep(500);
	}
}

export default function webhookRestarts(env: E2eEnv): void {
	const { n8n } = env;
	let kajabi: KajabiMock;
	let boomerangme: BoomerangmeMock;
	/** DELETEs of hooks that fail with 500 before each mock deletes again. */
	const failDeletes = { kajabi: 0, boomerangme: 0 };
	let nextPurchase = 310;

	const kajabiUrl = () => `${n8n.url}/webhook/${KAJABI_WEBHOOK}/webhook`;
	const bmrgUrl = () => `${n8n.url}/webhook/${BMRG_WEBHOOK}/webhook`;
	const kajabiHooks = () => kajabi.hooks.filter((hook) => isOurUrl(hook.attributes.target_url, kajabiUrl()));
	const bmrgHooks = () => [...boomerangme.webhooks.values()].filter((hook) => isOurUrl(hook.url, bmrgUrl()));

	/** A mock's handler that fails the next `failDeletes` hook deletions, as a platform's hiccup would. */
	const failing =
		(
			platform: keyof typeof failDeletes,
			handle: (request: RecordedRequest) => MockResponse | Promise<MockResponse>,
			hookPath: RegExp,
			error: unknown,
		) =>
		async (request: RecordedRequest): Promise<MockResponse> => {
			if (request.method === 'DELETE' && hookPath.test(request.path) && failDeletes[platform] > 0) {
				failDeletes[platform]--;
				return { status: 500, body: error };
			}
			return await handle(request);
		};

	/** A purchase Kajabi has, new each time (the trigger remembers the ones it ran). */
	function newPurchase(): Array<Record<string, unknown>> {
		const id = String(nextPurchase++);
		const purchases = kajabi.records.get('purchases')!;
		purchases.push({ ...purchases.find((record) => record.id === '301')!, id });
		return [
			{ id, type: 'purchases', attributes: { amount_in_cents: 4900, currency: 'USD' } },
			{ id: '21', type: 'offers', attributes: { title: 'Yoga Basics' } },
		];
	}

	/** A genuine event on each platform starts exactly one execution of each workflow. */
	async function eachStartsOnce(): Promise<void> {
		const kajabiBefore = await env.executions(KAJABI_WORKFLOW);
		const bmrgBefore = await env.executions(BMRG_WORKFLOW);
		expect(await kajabi.emit('purchase', newPurchase())).toEqual([200]);
		expect(await boomerangme.emit('CardIssuedEvent', { cardId: '100000-000-000' })).toBe(1);
		await env.waitForExecution(KAJABI_WORKFLOW, 30_000, kajabiBefore[0]?.id);
		await env.waitForExecution(BMRG_WORKFLOW, 30_000, bmrgBefore[0]?.id);
		await sleep(1500);
		expect((await env.executions(KAJABI_WORKFLOW)).length).toBe(kajabiBefore.length + 1);
		expect((await env.executions(BMRG_WORKFLOW)).length).toBe(bmrgBefore.length + 1);
	}

	/** Hooks registered at each trigger's URL with a secret n8n does not know: what a crash right after registering leaves. */
	function addLostHooks(): void {
		const [kept] = kajabiHooks();
		kajabi.records.get('hooks')!.push({
			...kept,
			id: String(9000 + nextPurchase),
			attributes: { ...kept.attributes, target_url: `${kajabiUrl()}?secret=lost-secret-lost-secret-lost-secret-lost-se` },
		});
		const id = String(9000 + nextPurchase);
		boomerangme.webhooks.set(id, { id, url: `${bmrgUrl()}?secret=lost-secret-lost-secret-lost-secret-lost-se`, events: ['CardIssuedEvent'] });
	}

	async function restart(): Promise<void> {
		await n8n.stop();
		await n8n.start();
	}

	beforeAll(async () => {
		kajabi = new KajabiMock();
		kajabi.records.set('hooks', []);
		boomerangme = new BoomerangmeMock();
		const kajabiServed = await env.serveMock(
			failing('kajabi', kajabi.handle, /^\/v1\/hooks\/\d+$/, { errors: [{ status: '500', title: 'Internal Server Error' }] }),
		);
		const bmrgServed = await env.serveMock(
			failing('boomerangme', boomerangme.handle, /^\/api\/automation\/webhooks\/[^/]+$/, { code: 500, message: 'Internal error' }),
		);
		await env.importCredentials([
			{
				id: KAJABI_CREDENTIAL,
				name: 'Kajabi (restarts)',
				type: 'kajabiApi',
				data: { clientId: kajabi.clientId, clientSecret: kajabi.clientSecret, baseUrl: kajabiServed.url },
			},
			{
				id: BMRG_CREDENTIAL,
				name: 'Boomerangme (restarts)',
				type: 'boomerangmeApi',
				data: { apiKey: boomerangme.apiKey, baseUrl: bmrgServed.url, rateLimitRequests: 5, rateLimitWindowSeconds: 1 },
			},
		]);
		await env.importWorkflows([
			workflow(KAJABI_WORKFLOW, 'Kajabi: purchases (restarts)', {
				name: 'Kajabi Trigger',
				type: 'n8n-nodes-creator-commerce.kajabiTrigger',
				webhookId: KAJABI_WEBHOOK,
				parameters: { event: 'purchase', siteId: '11' },
				credentials: { kajabiApi: { id: KAJABI_CREDENTIAL, name: 'Kajabi (restarts)' } },
			}),
			workflow(BMRG_WORKFLOW, 'Boomerangme: cards (restarts)', {
				name: 'Boomerangme Trigger',
				type: 'n8n-nodes-creator-commerce.boomerangmeTrigger',
				webhookId: BMRG_WEBHOOK,
				parameters: { events: ['CardIssuedEvent'] },
				credentials: { boomerangmeApi: { id: BMRG_CREDENTIAL, name: 'Boomerangme (restarts)' } },
			}),
		]);
		await env.activate(KAJABI_WORKFLOW);
		await env.activate(BMRG_WORKFLOW);
	});

	env.test('restart 1: each trigger keeps its one hook, and a genuine event starts one execution', async () => {
		expect(kajabiHooks()).toHaveLength(1);
		expect(bmrgHooks()).toHaveLength(1);
		const before = [kajabiHooks()[0].id, bmrgHooks()[0].id];
		await restart();
		await eachStartsOnce();
		expect([kajabiHooks().map((hook) => hook.id), bmrgHooks().map((hook) => hook.id)]).toEqual([[before[0]], [before[1]]]);
		return `hooks ${before.join(', ')} kept`;
	}, 240_000);

	env.test('restart 2, with a hook whose ID n8n lost: it is removed, one hook each remains', async () => {
		await n8n.stop();
		addLostHooks();
		expect([kajabiHooks().length, bmrgHooks().length]).toEqual([2, 2]);
		await n8n.start();
		await until('one hook per trigger', () => kajabiHooks().length === 1 && bmrgHooks().length === 1);
		expect(kajabiHooks()[0].attributes.target_url).not.toContain('lost-secret');
		expect(bmrgHooks()[0].url).not.toContain('lost-secret');
		await eachStartsOnce();
		// The lost hooks' URL is refused: its secret is not the trigger's.
		const lost = await fetch(`${kajabiUrl()}?secret=lost-secret-lost-secret-lost-secret-lost-se`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ id: 'lost', event: 'purchase', payload: newPurchase() }),
		});
		expect(lost.status).toBe(401);
		return 'lost hooks removed on start';
	}, 240_000);

	env.test('restart 3, with a lost hook whose delete fails at first: never two live hooks, one each in the end', async () => {
		await n8n.stop();
		addLostHooks();
		failDeletes.kajabi = 1;
		failDeletes.boomerangme = 1;
		await n8n.start();
		// The failed delete failed that activation before anything was registered; n8n tries again.
		await until(
			'one hook per trigger',
			() => failDeletes.kajabi + failDeletes.boomerangme === 0 && kajabiHooks().length === 1 && bmrgHooks().length === 1,
			150_000,
		);
		expect(n8n.serverLog).toContain('Issue on initial workflow activation try of "Boomerangme: cards (restarts)"');
		await eachStartsOnce();
		expect([kajabiHooks().length, bmrgHooks().length]).toEqual([1, 1]);
		return 'activation retried after the failed delete; one hook each';
	}, 300_000);

	env.test('deactivation after the restarts leaves no hook', async () => {
		await deactivate(n8n, KAJABI_WORKFLOW);
		await deactivate(n8n, BMRG_WORKFLOW);
		expect([kajabiHooks().length, bmrgHooks().length]).toEqual([0, 0]);
	}, 60_000);
}
