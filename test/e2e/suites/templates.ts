/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code, never published: it runs in Node.js beside n8n and needs Node.js modules, timers and process; n8n's rules for node code do not apply to it */
/**
 * Every workflow template in examples/ imported as a user imports it and run against mock
 * platforms of its own, on the shared n8n: the choices its sticky note asks for (a site, a
 * tag, an offer, a list …) are made through the same dropdowns and searchable lists the editor
 * loads; then the template is started the way its sticky note says (Execute workflow, Fetch
 * Test Event, a call to its webhook, or activated and the platform's event delivered to the
 * URL its trigger registered), and each mock must see exactly the requests the job needs.
 * On the default n8n version the editor also takes the picture of each canvas for the
 * gallery: test-artifacts/templates/<template>.png, or docs/templates/ with N8N_E2E_GALLERY=1.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import type { RecordedRequest } from '../../harness';
import type { BoomerangmeMock } from '../../mocks/boomerangme';
import type { GetCourseMock } from '../../mocks/getcourse';
import type { KajabiMock } from '../../mocks/kajabi';
import type { KwigaMock } from '../../mocks/kwiga';
import type { RempCrmMock } from '../../mocks/rempCrm';
import { REMP_COUPONS, REMP_USERS } from '../../mocks/rempCrm';
import { screenshotWorkflows } from '../browser';
import type { E2eEnv, Execution } from '../env';
import { ROOT, versions } from '../n8n';
import type { PlatformMock } from '../platforms';
import { platforms } from '../platforms';

export const title = 'Templates';

const EXAMPLES = path.join(ROOT, 'examples');
/** The gallery's pictures: docs/templates/ with N8N_E2E_GALLERY=1 (to commit), else test-artifacts. */
const GALLERY = path.join(ROOT, process.env.N8N_E2E_GALLERY === '1' ? 'docs/templates' : 'test-artifacts/templates');

/** A choice the user makes in the editor: the option whose name contains `choose`. */
interface Pick {
	node: string;
	/** The parameter, `filters.templateId` for one inside a collection. */
	parameter: string;
	method: string;
	kind: 'loadOptions' | 'listSearch';
	choose: string;
	filter?: string;
}

interface Spec {
	file: string;
	picks: Pick[];
}

const dropdown = (node: string, parameter: string, method: string, choose: string): Pick => ({
	node,
	parameter,
	method,
	kind: 'loadOptions',
	choose,
});
const list = (node: string, parameter: string, method: string, choose: string, filter?: string): Pick => ({
	node,
	parameter,
	method,
	kind: 'listSearch',
	choose,
	filter,
});

const BUY = 'When someone buys in Kajabi';
const SPECS: Spec[] = [
	{ file: 'kwiga-new-students-to-contact-list.json', picks: [dropdown('Add them to the contact list', 'listIds', 'getContactLists', 'Webinar')] },
	{ file: 'kwiga-course-progress-report.json', picks: [list('Get participants past half-way', 'courseId', 'searchCourses', 'Course 3', 'Course 3')] },
	{ file: 'kwiga-tag-webinar-signups.json', picks: [] },
	{
		file: 'kajabi-tag-new-buyers.json',
		picks: [dropdown(BUY, 'siteId', 'getSites', 'Yoga School'), dropdown("Tag the buyer's contact", 'tagIds', 'getContactTags', 'Newsletter')],
	},
	{
		file: 'kajabi-tagged-contact-gets-bonus-offer.json',
		picks: [
			dropdown('When a contact gets a tag', 'siteId', 'getSites', 'Yoga School'),
			dropdown('When a contact gets a tag', 'tagId', 'getTagsOrEvery', 'VIP'),
			dropdown('Grant the bonus offer', 'offerIds', 'getOffers', 'Yoga Pro'),
		],
	},
	{ file: 'getcourse-new-users-to-welcome-group.json', picks: [] },
	{ file: 'getcourse-paid-orders-to-buyers-group.json', picks: [] },
	{ file: 'remp-redeem-gift-coupon.json', picks: [] },
	{ file: 'remp-app-coupon-with-login.json', picks: [] },
	{ file: 'boomerangme-welcome-points-for-new-cards.json', picks: [] },
	{ file: 'boomerangme-push-to-card-holders.json', picks: [list('Send the push', 'templateId', 'searchTemplates', 'Stamp', 'stamp')] },
	{
		file: 'kajabi-purchase-to-kwiga-course.json',
		picks: [dropdown(BUY, 'siteId', 'getSites', 'Yoga School'), list('Give the buyer the KWIGA course', 'offerId', 'searchOffers', 'Design', 'Design')],
	},
	{
		file: 'getcourse-payment-to-boomerangme-points.json',
		picks: [dropdown("Find the buyer's loyalty card", 'filters.templateId', 'getTemplates', 'Discount')],
	},
	{ file: 'boomerangme-card-to-kajabi-tag.json', picks: [dropdown('Tag the contact in Kajabi', 'tagIds', 'getContactTags', 'VIP')] },
];

interface TemplateNode {
	name: string;
	type: string;
	typeVersion: number;
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id?: string; name: string }>;
}

interface Template {
	name: string;
	nodes: TemplateNode[];
	[key: string]: unknown;
}

/** One template in this n8n: its workflow id, and a mock of each platform it uses. */
interface Running {
	id: string;
	workflow: Template;
	mocks: Record<string, PlatformMock>;
	/** What each pick chose: its value and the option's name. */
	chosen: Record<string, { value: unknown; name: string }>;
}

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

const byPath = (request: RecordedRequest, method: string, pathname: string | RegExp) =>
	request.method === method && (typeof pathname === 'string' ? request.path === pathname : pathname.test(request.path));

/** The IDs a Kajabi relationship request sends. */
const ids = (request: RecordedRequest) =>
	((request.body as { data?: Array<{ id: unknown }> } | undefined)?.data ?? []).map((entry) => String(entry.id));

const activations = (remp: RempCrmMock) => remp.requests.filter((request) => byPath(request, 'POST', '/api/v1/coupon/activate'));

export default function templates(env: E2eEnv): void {
	const { n8n } = env;
	const running = new Map<string, Running>();
	const get = (file: string) => running.get(file)!;
	const mock = <M>(file: string, credentialType: string) => get(file).mocks[credentialType] as unknown as M;

	/** The newest execution of a workflow, to wait for one after it. */
	const newest = async (workflowId: string) => (await env.executions(workflowId))[0]?.id;

	async function finished(workflowId: string, after: string | undefined, timeoutMs = 90_000): Promise<Execution> {
		const execution = await env.waitForExecution(workflowId, timeoutMs, after);
		expect(execution.status).toBe('success');
		return execution;
	}

	/** The editor's "Execute workflow" (or "Fetch Test Event") from the template's trigger. */
	async function runManually(file: string, trigger: string): Promise<Execution> {
		const { id } = get(file);
		const after = await newest(id);
		const { data: workflowData } = await n8n.get<{ data: Record<string, unknown> }>(`/rest/workflows/${id}`);
		await n8n.post(`/rest/workflows/${id}/run`, { workflowData, triggerToStartFrom: { name: trigger } });
		return await finished(id, after, 120_000);
	}

	async function callWebhook(file: string, pathname: string, body: unknown): Promise<{ status: number; body: unknown; execution: Execution }> {
		const { id } = get(file);
		const after = await newest(id);
		const response = await fetch(`${n8n.url}/webhook/${pathname}`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify(body),
		});
		const text = await response.text();
		let answer: unknown = text;
		try {
			answer = JSON.parse(text);
		} catch {
			// not JSON
		}
		return { status: response.status, body: answer, execution: await finished(id, after) };
	}

	/** Loads the pick's dropdown as the editor does and sets the option it names. */
	async function choose(template: Template, pick: Pick, credentials: Record<string, { id: string; name: string }>) {
		const node = template.nodes.find((candidate) => candidate.name === pick.node)!;
		const keys = pick.parameter.split('.');
		const holder = keys.slice(0, -1).reduce((object, key) => object[key] as Record<string, unknown>, node.parameters);
		const key = keys[keys.length - 1];
		const before = holder[key] as unknown;
		// The template leaves the choice to the user.
		const empty = [JSON.stringify(''), JSON.stringify([]), JSON.stringify({ __rl: true, mode: 'list', value: '' })];
		expect({ pick: pick.parameter, empty: empty.includes(JSON.stringify(before)) }).toEqual({ pick: pick.parameter, empty: true });
		const options = await n8n.loadDropdown({
			kind: pick.kind,
			nodeType: node.type,
			nodeVersion: node.typeVersion,
			method: pick.method,
			parameter: key,
			parameters: node.parameters as never,
			credentials: Object.fromEntries(Object.keys(node.credentials ?? {}).map((type) => [type, credentials[type]])),
			filter: pick.filter,
		});
		const option = options.find((candidate) => candidate.name.includes(pick.choose));
		if (!option) throw new Error(`${pick.node} → ${pick.parameter}: no "${pick.choose}" among ${options.map((o) => o.name).join(', ')}`);
		holder[key] = Array.isArray(before)
			? [option.value]
			: pick.kind === 'listSearch'
				? { __rl: true, mode: 'list', value: option.value, cachedResultName: option.name }
				: option.value;
		return { value: option.value, name: option.name };
	}

	beforeAll(async () => {
		const files = readdirSync(EXAMPLES).filter((file) => file.endsWith('.json'));
		// Every template in examples/ has a run here.
		expect(files.sort()).toEqual(SPECS.map((spec) => spec.file).sort());
		const credentials: unknown[] = [];
		const byTemplate = new Map<string, Record<string, { id: string; name: string }>>();
		for (const [index, spec] of SPECS.entries()) {
			const workflow = JSON.parse(readFileSync(path.join(EXAMPLES, spec.file), 'utf8')) as Template;
			const types = [...new Set(workflow.nodes.flatMap((node) => Object.keys(node.credentials ?? {})))];
			const mocks: Record<string, PlatformMock> = {};
			const ids: Record<string, { id: string; name: string }> = {};
			for (const type of types) {
				const platform = platforms.find((candidate) => candidate.credentialType === type)!;
				const platformMock = platform.mock();
				const served = await env.serveMock(platformMock.handle);
				mocks[type] = platformMock;
				const id = `tpl${String(index).padStart(2, '0')}${type}`.slice(0, 16).padEnd(16, '0');
				ids[type] = { id, name: `${platform.name} (template ${index})` };
				credentials.push({ ...ids[type], type, data: platform.credentials(platformMock, served.url) });
			}
			byTemplate.set(spec.file, ids);
			running.set(spec.file, { id: `tplWorkflow${String(index).padStart(2, '0')}`.padEnd(16, '0'), workflow, mocks, chosen: {} });
		}
		await env.importCredentials(credentials);
		for (const spec of SPECS) {
			const entry = get(spec.file);
			const ids = byTemplate.get(spec.file)!;
			for (const pick of spec.picks) {
				entry.chosen[`${pick.node}.${pick.parameter}`] = await choose(entry.workflow, pick, ids);
			}
			for (const node of entry.workflow.nodes) {
				for (const [type, reference] of Object.entries(node.credentials ?? {})) node.credentials![type] = { ...reference, id: ids[type].id };
			}
		}
		await env.importWorkflows([...running.values()].map(({ id, workflow }) => ({ ...workflow, id, active: false })));
	}, 240_000);

	// First, before any template is activated (the editor would show them as published).
	if (env.version === versions.default) {
		env.test(
			'the editor shows each template; a picture of each canvas for the gallery',
			async () => {
				mkdirSync(GALLERY, { recursive: true });
				const shots = SPECS.map((spec) => ({
					id: get(spec.file).id,
					screenshot: path.join(GALLERY, spec.file.replace(/\.json$/, '.png')),
				}));
				const shown = await screenshotWorkflows(n8n.url, await n8n.login(), shots);
				for (const [index, spec] of SPECS.entries()) {
					const steps = get(spec.file).workflow.nodes.filter((node) => node.type !== 'n8n-nodes-base.stickyNote');
					const missing = steps.map((node) => node.name).filter((name) => !shown[index].includes(name));
					expect({ file: spec.file, missing }).toEqual({ file: spec.file, missing: [] });
				}
				return `${shots.length} pictures in ${path.relative(ROOT, GALLERY)}/`;
			},
			300_000,
		);
	}

	env.test("kwiga-new-students-to-contact-list: last week's contacts go onto the chosen list", async () => {
		const file = 'kwiga-new-students-to-contact-list.json';
		const kwiga = mock<KwigaMock>(file, 'kwigaApi');
		const listId = get(file).chosen['Add them to the contact list.listIds'].value;
		kwiga.requests = [];
		await runManually(file, "When clicking 'Execute workflow'");
		const [walk, ...adds] = kwiga.requests;
		expect(walk).toMatchObject({ method: 'GET', path: '/contacts', query: { page: '1' } });
		expect(String(walk.query['filters[date_from]'])).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		expect(adds).toHaveLength(kwiga.contacts.length);
		for (const add of adds) expect(add).toMatchObject({ method: 'POST', path: '/mailing/contact-lists/bulk-contacts', body: { contact_lists: [Number(listId)] } });
		const added = adds.map((add) => (add.body as { contacts: number[] }).contacts[0]).sort((a, b) => a - b);
		expect(added).toEqual(kwiga.contacts.map((contact) => contact.id as number).sort((a, b) => a - b));
		return `${adds.length} contacts added to list ${String(listId)}`;
	});

	env.test('kwiga-course-progress-report: participants past half-way of the chosen course', async () => {
		const file = 'kwiga-course-progress-report.json';
		const kwiga = mock<KwigaMock>(file, 'kwigaApi');
		const courseId = get(file).chosen['Get participants past half-way.courseId'].value;
		kwiga.requests = [];
		await runManually(file, "When clicking 'Execute workflow'");
		expect(kwiga.requests[0]).toMatchObject({
			method: 'GET',
			path: `/courses/${String(courseId)}/users`,
			query: { progress_general_from: '50', progress_general_to: '100', include: 'lesson_progress' },
		});
		return `course ${String(courseId)}: ${kwiga.requests.length} request(s)`;
	});

	env.test('kwiga-tag-webinar-signups: a call to the webhook tags the contact of the email it names', async () => {
		const file = 'kwiga-tag-webinar-signups.json';
		const kwiga = mock<KwigaMock>(file, 'kwigaApi');
		await env.activate(get(file).id);
		kwiga.requests = [];
		const { status, execution } = await callWebhook(file, 'kwiga-webinar-signup', { email: 'student7@example.com' });
		expect(status).toBe(200);
		expect(kwiga.requests).toEqual([
			expect.objectContaining({ method: 'GET', path: '/contacts', query: expect.objectContaining({ 'filters[search]': 'student7@example.com' }) }),
			expect.objectContaining({ method: 'POST', path: '/contacts/tags', body: { contact_ids: [7], tags: ['webinar'] } }),
		]);
		return `execution ${execution.id}`;
	});

	/** Activates a template with a Kajabi Trigger; its one hook is the one to deliver to. */
	async function activateKajabi(file: string, event: string): Promise<KajabiMock> {
		const kajabi = mock<KajabiMock>(file, 'kajabiApi');
		kajabi.records.set('hooks', []);
		await env.activate(get(file).id);
		expect(kajabi.hooks.map((hook) => hook.attributes.event)).toEqual([event]);
		expect(String(kajabi.hooks[0].attributes.target_url).startsWith(`${n8n.url}/webhook/`)).toBe(true);
		return kajabi;
	}

	const purchase301 = [
		{
			id: '301',
			type: 'purchases',
			attributes: { amount_in_cents: 4900, currency: 'USD' },
			relationships: { customer: { data: { id: '201', type: 'customers' } }, offer: { data: { id: '21', type: 'offers' } } },
		},
		{ id: '21', type: 'offers', attributes: { title: 'Yoga Basics' } },
	];

	env.test("kajabi-tag-new-buyers: a purchase tags the buyer's contact once with the chosen tag", async () => {
		const file = 'kajabi-tag-new-buyers.json';
		const kajabi = await activateKajabi(file, 'purchase');
		const tagId = get(file).chosen["Tag the buyer's contact.tagIds"].value;
		const after = await newest(get(file).id);
		kajabi.requests = [];
		expect(await kajabi.emit('purchase', purchase301)).toEqual([200]);
		const execution = await finished(get(file).id, after);
		await sleep(1000);
		const tagged = kajabi.requests.filter((request) => byPath(request, 'POST', /\/relationships\/tags$/));
		expect(tagged.map((request) => [request.path, ids(request)])).toEqual([['/v1/contacts/101/relationships/tags', [String(tagId)]]]);
		expect(kajabi.requests.some((request) => byPath(request, 'GET', '/v1/customers/201'))).toBe(true);
		return `execution ${execution.id}: contact 101 tagged ${String(tagId)}`;
	});

	env.test('kajabi-tagged-contact-gets-bonus-offer: the chosen tag grants the chosen offer', async () => {
		const file = 'kajabi-tagged-contact-gets-bonus-offer.json';
		const kajabi = await activateKajabi(file, 'tag_added');
		const { chosen } = get(file);
		const tagId = String(chosen['When a contact gets a tag.tagId'].value);
		const offerId = String(chosen['Grant the bonus offer.offerIds'].value);
		expect(kajabi.hooks[0].attributes.resource_id).toBe(Number(tagId));
		const after = await newest(get(file).id);
		kajabi.requests = [];
		const payload = [
			{ id: '101', type: 'contacts', attributes: { name: 'Student 1', email: 'student1@example.com' } },
			{ id: tagId, type: 'contact_tags', attributes: { name: chosen['When a contact gets a tag.tagId'].name } },
		];
		expect(await kajabi.emit('tag_added', payload, tagId)).toEqual([200]);
		const execution = await finished(get(file).id, after);
		const granted = kajabi.requests.filter((request) => byPath(request, 'POST', /\/relationships\/offers$/));
		expect(granted.map((request) => [request.path, ids(request)])).toEqual([['/v1/contacts/101/relationships/offers', [offerId]]]);
		return `execution ${execution.id}: contact 101 granted offer ${offerId}`;
	});

	env.test('getcourse-new-users-to-welcome-group: Fetch Test Event adds the recent users to the group', async () => {
		const file = 'getcourse-new-users-to-welcome-group.json';
		const getcourse = mock<GetCourseMock>(file, 'getCourseApi');
		getcourse.requests = [];
		getcourse.imports = [];
		await runManually(file, 'When a user registers in GetCourse');
		expect(getcourse.requests.filter((request) => request.path === '/pl/api/account/users')).toHaveLength(1);
		const added = getcourse.imports.filter((entry) => entry.path === '/pl/api/users');
		expect(added.map((entry) => entry.action)).toEqual(getcourse.users.map(() => 'add'));
		for (const entry of added) {
			expect(entry.params).toMatchObject({ user: { group_name: ['Welcome'] }, system: { refresh_if_exists: 1 } });
		}
		const emails = added.map((entry) => (entry.params?.user as { email: string }).email).sort();
		expect(emails).toEqual(getcourse.users.map((user) => user.email).sort());
		// Users keep the groups they had: anna is still in "Покупатели".
		expect([...getcourse.users[0].groups.keys()].sort()).toEqual(['Welcome', 'Покупатели']);
		return `${emails.join(', ')} added to "Welcome"`;
	});

	env.test("getcourse-paid-orders-to-buyers-group: this week's paid orders put their buyers into the group", async () => {
		const file = 'getcourse-paid-orders-to-buyers-group.json';
		const getcourse = mock<GetCourseMock>(file, 'getCourseApi');
		getcourse.requests = [];
		getcourse.imports = [];
		await runManually(file, "When clicking 'Execute workflow'");
		const exported = getcourse.requests.find((request) => request.path === '/pl/api/account/deals');
		expect(exported?.query).toMatchObject({ status: 'payed', 'payed_at[from]': expect.stringMatching(/^\d{4}-\d{2}-\d{2}/) });
		const added = getcourse.imports.filter((entry) => entry.path === '/pl/api/users');
		const paid = getcourse.deals.filter((deal) => deal.status === 'payed');
		expect(added).toHaveLength(paid.length);
		expect(added[0].params).toMatchObject({ user: { email: 'anna@example.com', group_name: ['Buyers'] } });
		return `${added.length} buyer(s) added to "Buyers"`;
	});

	env.test('remp-redeem-gift-coupon: the webhook activates the code for the reader of the token and answers', async () => {
		const file = 'remp-redeem-gift-coupon.json';
		const remp = mock<RempCrmMock>(file, 'rempCrmApi');
		await env.activate(get(file).id);
		remp.requests = [];
		const first = await callWebhook(file, 'remp-redeem-gift-coupon', { code: REMP_COUPONS.fresh, user_token: REMP_USERS.reader.token });
		expect(first.status).toBe(200);
		expect(first.body).toMatchObject({ subscription_id: expect.anything(), subscription_end_time: expect.any(String) });
		// (n8n may log the credential's own user in first; that user gets nothing.)
		expect(activations(remp)).toEqual([
			expect.objectContaining({
				headers: expect.objectContaining({ authorization: `Bearer ${REMP_USERS.reader.token}` }),
				body: { code: REMP_COUPONS.fresh, notifyUser: true },
			}),
		]);
		// The same code again: the website gets REMP CRM's reason, the workflow does not fail.
		const again = await callWebhook(file, 'remp-redeem-gift-coupon', { code: REMP_COUPONS.fresh, user_token: REMP_USERS.reader.token });
		expect(JSON.stringify(again.body)).toMatch(/already used/i);
		return `executions ${first.execution.id}, ${again.execution.id}`;
	});

	env.test('remp-app-coupon-with-login: the reader is logged in and gets the coupon', async () => {
		const file = 'remp-app-coupon-with-login.json';
		const remp = mock<RempCrmMock>(file, 'rempCrmApi');
		await env.activate(get(file).id);
		remp.requests = [];
		const { status, body, execution } = await callWebhook(file, 'remp-app-coupon', {
			email: REMP_USERS.reader.email,
			password: REMP_USERS.reader.password,
			code: REMP_COUPONS.second,
		});
		expect(status).toBe(200);
		expect(body).toMatchObject({ subscription_id: expect.anything() });
		const readerLogins = remp.logins.filter((request) => new URLSearchParams(String(request.body)).get('email') === REMP_USERS.reader.email);
		expect(readerLogins).toHaveLength(1);
		const [activation] = activations(remp);
		expect(activations(remp)).toHaveLength(1);
		expect(activation.body).toEqual({ code: REMP_COUPONS.second });
		const token = (activation.headers.authorization ?? '').replace(/^Bearer /, '');
		expect(remp.tokens.get(token)).toBe(remp.tokens.get(REMP_USERS.reader.token));
		return `execution ${execution.id}`;
	});

	/** Activates a template with a Boomerangme Trigger and delivers CardIssuedEvent to its hook. */
	async function issueCard(file: string, cardId: string): Promise<{ boomerangme: BoomerangmeMock; execution: Execution }> {
		const boomerangme = mock<BoomerangmeMock>(file, 'boomerangmeApi');
		await env.activate(get(file).id);
		const hooks = [...boomerangme.webhooks.values()];
		expect(hooks.map((hook) => hook.events)).toEqual([['CardIssuedEvent']]);
		const after = await newest(get(file).id);
		boomerangme.requests = [];
		expect(await boomerangme.emit('CardIssuedEvent', { cardId })).toBe(1);
		return { boomerangme, execution: await finished(get(file).id, after) };
	}

	env.test('boomerangme-welcome-points-for-new-cards: a new card gets 50 points', async () => {
		const { boomerangme, execution } = await issueCard('boomerangme-welcome-points-for-new-cards.json', '100004-000-000');
		expect(boomerangme.requests).toEqual([
			expect.objectContaining({
				method: 'POST',
				path: '/api/v2/cards/100004-000-000/add-point',
				body: expect.objectContaining({ points: 50, comment: 'Welcome bonus' }),
			}),
		]);
		return `execution ${execution.id}`;
	});

	env.test('boomerangme-push-to-card-holders: the message goes to the chosen card template', async () => {
		const file = 'boomerangme-push-to-card-holders.json';
		const boomerangme = mock<BoomerangmeMock>(file, 'boomerangmeApi');
		const templateId = get(file).chosen['Send the push.templateId'].value;
		boomerangme.requests = [];
		await runManually(file, "When clicking 'Execute workflow'");
		expect(boomerangme.requests).toEqual([
			expect.objectContaining({ method: 'POST', path: '/api/v2/pushes', body: expect.objectContaining({ templateId: Number(templateId) }) }),
		]);
		return `push to template ${String(templateId)}`;
	});

	env.test('kajabi-purchase-to-kwiga-course: one Kajabi purchase gives exactly one KWIGA purchase for the same email', async () => {
		const file = 'kajabi-purchase-to-kwiga-course.json';
		const kajabi = await activateKajabi(file, 'purchase');
		const kwiga = mock<KwigaMock>(file, 'kwigaApi');
		const offerId = get(file).chosen['Give the buyer the KWIGA course.offerId'].value;
		const after = await newest(get(file).id);
		kwiga.requests = [];
		expect(await kajabi.emit('purchase', purchase301)).toEqual([200]);
		const execution = await finished(get(file).id, after);
		await sleep(1000);
		expect(kwiga.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['POST /contacts/purchases']);
		const body = kwiga.requests[0].body as Record<string, unknown>;
		expect({ email: body.email, offer: String(body.offer_id), name: body.first_name }).toEqual({
			email: 'student1@example.com',
			offer: String(offerId),
			name: 'Student',
		});
		return `execution ${execution.id}: student1@example.com got KWIGA offer ${String(offerId)}`;
	});

	env.test('getcourse-payment-to-boomerangme-points: accepted payments earn points on the payer\'s card of the chosen template', async () => {
		const file = 'getcourse-payment-to-boomerangme-points.json';
		const getcourse = mock<GetCourseMock>(file, 'getCourseApi');
		const boomerangme = mock<BoomerangmeMock>(file, 'boomerangmeApi');
		const templateId = get(file).chosen["Find the buyer's loyalty card.filters.templateId"].value;
		// customer1 of Boomerangme (who holds the Discount card 100004-000-000) pays in GetCourse,
		// once accepted and once not yet; anna pays too but has no loyalty card.
		const payer = getcourse.addUser({ email: 'customer1@example.com', first_name: 'Customer1' });
		const deal = getcourse.addDeal({ user: payer, title: 'Yoga course', cost: 2500, status: 'payed' });
		getcourse.addPayment({ deal, amount: 2500, status: 'accepted' });
		getcourse.addPayment({ deal, amount: 900, status: 'expected' });
		boomerangme.requests = [];
		await runManually(file, 'When a payment comes in to GetCourse');
		const lookups = boomerangme.requests.filter((request) => byPath(request, 'GET', '/api/v2/cards'));
		expect(lookups.map((request) => request.query.customerEmail).sort()).toEqual(['anna@example.com', 'customer1@example.com']);
		for (const lookup of lookups) expect(lookup.query.templateId).toBe(String(templateId));
		const points = boomerangme.requests.filter((request) => request.method === 'POST');
		expect(points).toEqual([
			expect.objectContaining({
				path: '/api/v2/cards/100004-000-000/add-point',
				body: expect.objectContaining({ points: 25, purchaseSum: 2500 }),
			}),
		]);
		return '25 points for the accepted payment of 2500; none for the expected one or for anna (no card)';
	});

	env.test('boomerangme-card-to-kajabi-tag: a new card tags the holder\'s Kajabi contact with the chosen tag', async () => {
		const file = 'boomerangme-card-to-kajabi-tag.json';
		const kajabi = mock<KajabiMock>(file, 'kajabiApi');
		const tagId = String(get(file).chosen['Tag the contact in Kajabi.tagIds'].value);
		// The holder of the cards 100000…100007 is a Kajabi contact.
		const boomerangme = mock<BoomerangmeMock>(file, 'boomerangmeApi');
		boomerangme.customers[0].email = 'student7@example.com';
		kajabi.requests = [];
		const { execution } = await issueCard(file, '100000-000-000');
		expect(kajabi.requests.find((request) => byPath(request, 'GET', '/v1/contacts'))?.query).toMatchObject({
			'filter[search]': 'student7@example.com',
		});
		const tagged = kajabi.requests.filter((request) => byPath(request, 'POST', /\/relationships\/tags$/));
		expect(tagged.map((request) => [request.path, ids(request)])).toEqual([['/v1/contacts/107/relationships/tags', [tagId]]]);
		return `execution ${execution.id}: contact 107 tagged ${tagId}`;
	});
}
