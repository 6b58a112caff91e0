import type {
	IDataObject,
	IHookFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	INode,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { clock } from '../shared/gate';
import { walkPages } from '../shared/pages';
import { pathSegment } from '../shared/path';
import type { RequestContext } from '../shared/request';
import { platformRequest } from '../shared/request';
import { loadOptions } from './methods';
import { HOOK_EVENTS } from './resources/hook';
import {
	JSON_API,
	KAJABI,
	KAJABI_PAGING,
	KAJABI_PATH_PARAMS,
	kajabiGetOptions,
	simplifyRecord,
} from './transport';

/** The API key scopes each event needs, as Kajabi documents them. */
const SCOPES: Record<string, string> = {
	purchase: 'view:purchases',
	payment_succeeded: 'view:transactions',
	order_created: 'view:transactions and view:orders',
	form_submission: 'view:form_submissions',
	tag_added: 'view:contacts',
	tag_removed: 'view:contacts',
};

/** The record an event is about: its JSON:API type in the payload and where Kajabi serves it. */
const SUBJECT: Record<string, { type: string; url: string }> = {
	purchase: { type: 'purchases', url: '/v1/purchases' },
	payment_succeeded: { type: 'transactions', url: '/v1/transactions' },
	order_created: { type: 'orders', url: '/v1/orders' },
	form_submission: { type: 'form_submissions', url: '/v1/form_submissions' },
	tag_added: { type: 'contacts', url: '/v1/contacts' },
	tag_removed: { type: 'contacts', url: '/v1/contacts' },
};

/** Attributes a verified delivery must carry with the same value as Kajabi's own record. */
const COMPARED = ['email', 'amount_in_cents', 'total_price_in_cents', 'order_number', 'currency'];

/** The header that marks the sample delivery the trigger posts to itself in a manual test. */
const SAMPLE_HEADER = 'x-n8n-kajabi-sample';

/** How long after registering a test hook the sample is posted (n8n is listening by then). */
const SAMPLE_DELAY_MS = 1500;

/** Posts refused per trigger node in this n8n, for the log. */
const refusedCount = new Map<string, number>();

interface HookWanted {
	event: string;
	siteId: string;
	resourceId: string;
}

/** What the trigger keeps in the workflow's static data. */
interface TriggerData extends IDataObject {
	webhookId?: string;
	sampleToken?: string;
}

function text(value: unknown): string {
	if (value && typeof value === 'object' && 'value' in (value as IDataObject)) {
		return text((value as IDataObject).value);
	}
	return value === undefined || value === null ? '' : String(value).trim();
}

function wanted(ctx: IHookFunctions | IWebhookFunctions): HookWanted {
	const event = ctx.getNodeParameter('event') as string;
	const resourceField = event.startsWith('tag_') ? 'tagId' : event === 'form_submission' ? 'formId' : '';
	return {
		event,
		siteId: text(ctx.getNodeParameter('siteId', '')),
		resourceId: resourceField ? text(ctx.getNodeParameter(resourceField, '')) : '',
	};
}

async function kajabiSend(
	ctx: RequestContext,
	method: IHttpRequestMethods,
	url: string,
	body?: IDataObject,
	qs: IDataObject = {},
): Promise<IDataObject> {
	const options = await kajabiGetOptions(ctx, url, qs);
	return await platformRequest(ctx, KAJABI, {
		...options,
		method,
		...(body ? { body, headers: { ...options.headers, 'Content-Type': JSON_API } } : {}),
	});
}

/** A hook matches when it posts to this trigger's URL what the trigger asks for. */
function matches(hook: IDataObject, url: string, want: HookWanted): boolean {
	const attributes = (hook.attributes ?? {}) as IDataObject;
	const site = ((hook.relationships as IDataObject | undefined)?.site as IDataObject | undefined)?.data as
		| IDataObject
		| undefined;
	return (
		attributes.target_url === url &&
		attributes.event === want.event &&
		text(attributes.resource_id) === want.resourceId &&
		(site === undefined || text(site.id) === want.siteId)
	);
}

const withScope = (error: unknown, event: string): unknown => {
	if (!(error instanceof NodeApiError) || error.httpCode !== '403') return error;
	error.description = `The "${event}" event needs the API key scope ${SCOPES[event]}. ${error.description ?? ''}`.trim();
	return error;
};

/** Turns the dropdown of tags or forms into "every one" plus the account's records. */
const everyOr = (label: string, method: (this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>) =>
	async function (this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return [{ name: label, value: '' }, ...(await method.call(this))];
	};

export class KajabiTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Kajabi Trigger',
		name: 'kajabiTrigger',
		icon: { light: 'file:../../icons/kajabi.svg', dark: 'file:../../icons/kajabi.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: `={{ ${JSON.stringify(Object.fromEntries(HOOK_EVENTS.map((event) => [event.value, event.name])))}[$parameter["event"]] || $parameter["event"] }}`,
		description: 'Starts the workflow when Kajabi reports a purchase, payment, order, form submission or tag change',
		defaults: { name: 'Kajabi Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'kajabiApi', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				required: true,
				default: 'purchase',
				options: HOOK_EVENTS,
				description:
					'What Kajabi reports. The API key needs the scope named with each event, or Kajabi refuses the hook (403).',
			},
			{
				displayName: 'Site Name or ID',
				name: 'siteId',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getSites' },
				required: true,
				default: '',
				description:
					'The site whose events start the workflow. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Tag Name or ID',
				name: 'tagId',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getTagsOrEvery' },
				default: '',
				displayOptions: { show: { event: ['tag_added', 'tag_removed'] } },
				description:
					'Only this tag; "Every Tag" for all. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Form Name or ID',
				name: 'formId',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getFormsOrEvery' },
				default: '',
				displayOptions: { show: { event: ['form_submission'] } },
				description:
					'Only this form; "Every Form" for all. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Send Sample When Testing',
						name: 'sendSample',
						type: 'boolean',
						default: true,
						description:
							"Whether Listen for Test Event also delivers Kajabi's sample payload of the event, so that the workflow can be built before a real one happens",
					},
					{
						displayName: 'Simplify',
						name: 'simplify',
						type: 'boolean',
						default: true,
						description:
							'Whether to turn each record of the payload into one flat object (ID, attributes, IDs of related records)',
					},
					{
						displayName: 'Split Into Items',
						name: 'split',
						type: 'boolean',
						default: false,
						description:
							'Whether to put out each record of the payload (the purchase, the offer, the customer…) as its own item instead of one item with the whole delivery',
					},
					{
						displayName: 'Verify With Kajabi',
						name: 'verify',
						type: 'boolean',
						default: false,
						description:
							'Whether to look the delivered record up in Kajabi before the workflow runs. Kajabi does not sign its deliveries: with this on, a post to the webhook URL that Kajabi does not confirm starts nothing. Costs one request per delivery.',
					},
				],
			},
		],
	};

	methods = {
		loadOptions: {
			getSites: loadOptions.getSites,
			getTagsOrEvery: everyOr('Every Tag', loadOptions.getContactTags),
			getFormsOrEvery: everyOr('Every Form', loadOptions.getForms),
		},
	};

	webhookMethods = {
		default: {
			/** Looks the hook up in Kajabi: one posting to this URL with these settings. */
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const data = this.getWorkflowStaticData('node') as TriggerData;
				const url = this.getNodeWebhookUrl('default') as string;
				const want = wanted(this);
				const hooks = await walkPages(
					this,
					KAJABI,
					await kajabiGetOptions(this, '/v1/hooks', { 'filter[event_eq]': want.event, 'page[size]': 100 }),
					KAJABI_PAGING,
				).catch((error: unknown) => {
					throw withScope(error, want.event);
				});
				const mine = hooks.filter((hook) => (hook.attributes as IDataObject | undefined)?.target_url === url);
				const found = mine.find((hook) => matches(hook, url, want));
				// A hook of this URL with other settings is this trigger's earlier one: remove it.
				for (const stale of mine.filter((hook) => hook !== found)) {
					await deleteHook(this, text(stale.id));
				}
				if (!found) {
					delete data.webhookId;
					return false;
				}
				data.webhookId = text(found.id);
				return true;
			},

			async create(this: IHookFunctions): Promise<boolean> {
				const data = this.getWorkflowStaticData('node') as TriggerData;
				const url = this.getNodeWebhookUrl('default') as string;
				const want = wanted(this);
				if (!want.siteId) {
					throw new NodeOperationError(this.getNode(), 'Choose a site', {
						description: 'Kajabi sends events per site: pick the site in the Site field.',
					});
				}
				const attributes: IDataObject = { target_url: url, event: want.event };
				if (want.resourceId) attributes.resource_id = want.resourceId;
				let answer: IDataObject;
				try {
					answer = await kajabiSend(this, 'POST', '/v1/hooks', {
						data: {
							type: 'hooks',
							attributes,
							relationships: { site: { data: { type: 'sites', id: want.siteId } } },
						},
					});
				} catch (error) {
					throw withScope(error, want.event);
				}
				const id = text((answer.data as IDataObject | undefined)?.id);
				if (!id) {
					throw new NodeOperationError(this.getNode(), 'Kajabi answered without the ID of the new hook', {
						description: 'Check in Kajabi whether the hook was created, and the Base URL in the credential.',
					});
				}
				data.webhookId = id;
				const options = this.getNodeParameter('options', {}) as IDataObject;
				if (this.getMode() === 'manual' && options.sendSample !== false) {
					// Fetched now: after create() returns, n8n 2.x no longer evaluates this context's
					// expressions (the credential's), so only the plain post to n8n itself waits.
					const sample = await fetchSample(this, want.event);
					if (sample) {
						data.sampleToken = `${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;
						void postSample(this, want.event, url, data.sampleToken, sample);
					}
				}
				return true;
			},

			async delete(this: IHookFunctions): Promise<boolean> {
				const data = this.getWorkflowStaticData('node') as TriggerData;
				if (data.webhookId) await deleteHook(this, data.webhookId);
				delete data.webhookId;
				delete data.sampleToken;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const want = wanted(this);
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const data = this.getWorkflowStaticData('node') as TriggerData;
		const body = (this.getBodyData() ?? {}) as IDataObject;
		const headers = this.getHeaderData() as IDataObject;
		const sample = Boolean(data.sampleToken) && headers[SAMPLE_HEADER] === data.sampleToken;

		let payload = Array.isArray(body.payload) ? (body.payload as IDataObject[]) : undefined;
		if (!sample) {
			if (body.event !== want.event || !payload) {
				return refuse(this, `it is not a "${want.event}" delivery of Kajabi`);
			}
			if (options.verify === true) {
				const verdict = await verify(this, want, payload);
				if (typeof verdict === 'string') return refuse(this, verdict);
				payload = verdict;
			}
		}
		const records = (payload ?? []).map((record) =>
			options.simplify === false ? record : simplifyRecord(record),
		);
		const items =
			options.split === true
				? records.map((json) => ({ json }))
				: [{ json: { id: body.id ?? null, event: body.event ?? want.event, payload: records, ...(sample ? { sample: true } : {}) } }];
		return { workflowData: [items] };
	}
}

/** The shared request layer throws node errors only; anything else is wrapped as one. */
function asNodeError(node: INode, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeApiError(node, error as JsonObject);
}

/** Deletes a hook; one Kajabi no longer has (404) is gone already. */
async function deleteHook(ctx: IHookFunctions, id: string): Promise<void> {
	const segment = pathSegment(ctx.getNode(), KAJABI_PATH_PARAMS.hookId, id, 0);
	try {
		await kajabiSend(ctx, 'DELETE', `/v1/hooks/${segment}`);
	} catch (error) {
		if (error instanceof NodeApiError && error.httpCode === '404') return;
		throw asNodeError(ctx.getNode(), error);
	}
}

/** Kajabi's sample payload of the event, or undefined (said in the log) when it cannot be had. */
async function fetchSample(ctx: IHookFunctions, event: string): Promise<unknown[] | undefined> {
	try {
		const sample = await kajabiSend(ctx, 'GET', `/v1/hooks/${event}_sample`);
		return Array.isArray(sample.data) ? sample.data : [];
	} catch (error) {
		// The test still waits for a real event; say why the sample does not come.
		ctx.logger.warn(
			`Kajabi Trigger "${ctx.getNode().name}": could not get the sample ${event} payload: ${(error as Error).message}`,
		);
		return undefined;
	}
}

/** Posts the sample to the test webhook once n8n listens there, marked as the sample. */
async function postSample(
	ctx: IHookFunctions,
	event: string,
	url: string,
	token: string,
	payload: unknown[],
): Promise<void> {
	try {
		await clock.sleep(SAMPLE_DELAY_MS);
		await ctx.helpers.httpRequest({
			method: 'POST',
			url,
			headers: { [SAMPLE_HEADER]: token },
			body: { id: 'sample', event, payload },
			json: true,
		});
	} catch (error) {
		ctx.logger.warn(
			`Kajabi Trigger "${ctx.getNode().name}": could not deliver the sample ${event} payload to ${url}: ${(error as Error).message}`,
		);
	}
}

/** Answers a post without starting the workflow, and counts it in the log. */
function refuse(ctx: IWebhookFunctions, reason: string): IWebhookResponseData {
	const key = `${ctx.getWorkflow().id ?? ''}:${ctx.getNode().name}`;
	const count = (refusedCount.get(key) ?? 0) + 1;
	refusedCount.set(key, count);
	ctx.logger.warn(
		`Kajabi Trigger "${ctx.getNode().name}": ignored a post to its webhook URL because ${reason} (${count} ignored since n8n started)`,
	);
	return { webhookResponse: { received: true } };
}

/**
 * Looks the event's record up in Kajabi. Returns the payload with Kajabi's own copy of the
 * record, or why the delivery is not confirmed.
 */
async function verify(
	ctx: IWebhookFunctions,
	want: HookWanted,
	payload: IDataObject[],
): Promise<IDataObject[] | string> {
	const subject = SUBJECT[want.event];
	const index = payload.findIndex((record) => record?.type === subject.type);
	const delivered = payload[index];
	const id = text(delivered?.id);
	if (index < 0 || !/^[A-Za-z0-9_-]{1,64}$/.test(id)) return `it carries no ${subject.type} record to verify`;
	const tag = payload.find((record) => record?.type === 'contact_tags');
	if (want.event.startsWith('tag_') && (!tag || (want.resourceId && text(tag.id) !== want.resourceId))) {
		return 'its tag is not the one this trigger watches';
	}
	let found: IDataObject;
	try {
		const qs = want.event.startsWith('tag_') ? { include: 'tags' } : {};
		found = (await kajabiSend(ctx, 'GET', `${subject.url}/${encodeURIComponent(id)}`, undefined, qs)).data as IDataObject;
	} catch (error) {
		if (error instanceof NodeApiError && error.httpCode === '404') return `Kajabi has no ${subject.type} ${id}`;
		throw asNodeError(ctx.getNode(), error);
	}
	const mine = (found?.attributes ?? {}) as IDataObject;
	const theirs = (delivered.attributes ?? {}) as IDataObject;
	const differs = COMPARED.find((key) => key in mine && key in theirs && String(mine[key]) !== String(theirs[key]));
	if (differs) return `its ${differs} differs from Kajabi's ${subject.type} ${id}`;
	if (want.event === 'form_submission' && want.resourceId) {
		const form = ((found.relationships as IDataObject | undefined)?.form as IDataObject | undefined)?.data as IDataObject | undefined;
		if (form && text(form.id) !== want.resourceId) return 'its form is not the one this trigger watches';
	}
	if (want.event.startsWith('tag_') && tag) {
		const tags = ((found.relationships as IDataObject | undefined)?.tags as IDataObject | undefined)?.data;
		const has = Array.isArray(tags) && tags.some((item) => text((item as IDataObject).id) === text(tag.id));
		if (Array.isArray(tags) && has !== (want.event === 'tag_added')) {
			return `Kajabi's contact ${id} ${want.event === 'tag_added' ? 'does not have' : 'still has'} tag ${text(tag.id)}`;
		}
	}
	const verified = [...payload];
	verified[index] = { ...delivered, ...found };
	return verified;
}
