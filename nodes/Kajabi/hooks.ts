/**
 * The Kajabi Trigger's hook at Kajabi: one per trigger, whatever happened before.
 *
 * Activation lists Kajabi's hooks and keeps only the one this trigger registered last (same
 * URL with the stored secret, same event, site and tag or form); every other hook posting to
 * this trigger's URL (an older secret, an earlier event, a hook whose ID was lost) is deleted
 * before a new one is registered. A failed delete fails the activation: a second live hook is
 * never left beside the new one. Deactivation deletes every hook of the URL. A hook is only
 * ever deleted when its URL is this trigger's: a copied workflow's trigger holds the original's
 * hook ID in its static data, and forgets it instead of deleting the original's live hook.
 */
import type {
	IDataObject,
	IHookFunctions,
	IHttpRequestMethods,
	INode,
	IWebhookFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { clock } from '../shared/gate';
import { walkPages } from '../shared/pages';
import { pathSegment } from '../shared/path';
import type { RequestContext } from '../shared/request';
import { platformRequest } from '../shared/request';
import { hookSlot, isOurUrl, mayDeleteStored, newSecret, secretUrl } from '../shared/webhook';
import { kajabiGetOptions } from './lists';
import { JSON_API, KAJABI, KAJABI_PAGING, KAJABI_PATH_PARAMS } from './transport';

/** The API key scopes each event needs, as Kajabi documents them. */
export const SCOPES: Record<string, string> = {
	purchase: 'view:purchases',
	payment_succeeded: 'view:transactions',
	order_created: 'view:transactions and view:orders',
	form_submission: 'view:form_submissions',
	tag_added: 'view:contacts',
	tag_removed: 'view:contacts',
};

/** The header that marks the sample delivery the trigger posts to itself in a manual test. */
export const SAMPLE_HEADER = 'x-n8n-kajabi-sample';

/** How long after registering a test hook the sample is posted (n8n is listening by then). */
const SAMPLE_DELAY_MS = 1500;

export interface HookWanted {
	event: string;
	siteId: string;
	resourceId: string;
}

/** The hook the trigger registered, as kept in the workflow's static data. */
export interface StoredHook extends IDataObject {
	id: string;
	/** The secret its URL carries; never shown in output. */
	secret: string;
	/** The URL registered (n8n's URL with the secret). */
	url: string;
	event: string;
	siteId: string;
	resourceId: string;
}

/** What the trigger keeps in the workflow's static data: the live hook and the test hook apart. */
export interface TriggerData extends IDataObject {
	live?: StoredHook;
	test?: StoredHook;
	sampleToken?: string;
}

export function text(value: unknown): string {
	if (value && typeof value === 'object' && 'value' in (value as IDataObject)) {
		return text((value as IDataObject).value);
	}
	return value === undefined || value === null ? '' : String(value).trim();
}

export function wanted(ctx: IHookFunctions | IWebhookFunctions): HookWanted {
	const event = ctx.getNodeParameter('event') as string;
	const resourceField = event.startsWith('tag_') ? 'tagId' : event === 'form_submission' ? 'formId' : '';
	return {
		event,
		siteId: text(ctx.getNodeParameter('siteId', '')),
		resourceId: resourceField ? text(ctx.getNodeParameter(resourceField, '')) : '',
	};
}

/** The shared request layer throws node errors only; anything else is wrapped as one. */
export function asNodeError(node: INode, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeApiError(node, error as JsonObject);
}

export async function kajabiSend(
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

const withScope = (error: unknown, event: string): unknown => {
	if (!(error instanceof NodeApiError) || error.httpCode !== '403') return error;
	error.description = `The "${event}" event needs the API key scope ${SCOPES[event]}. ${error.description ?? ''}`.trim();
	return error;
};

function nodeUrl(ctx: IHookFunctions): string {
	const url = ctx.getNodeWebhookUrl('default');
	if (!url) throw new NodeOperationError(ctx.getNode(), 'n8n gave no URL for this trigger');
	return url;
}

/** Whether a hook Kajabi lists is the stored one, still registered as the trigger wants it. */
function isStored(hook: IDataObject, stored: StoredHook | undefined, want: HookWanted): boolean {
	if (!stored) return false;
	const attributes = (hook.attributes ?? {}) as IDataObject;
	const site = ((hook.relationships as IDataObject | undefined)?.site as IDataObject | undefined)?.data as
		| IDataObject
		| undefined;
	return (
		text(hook.id) === stored.id &&
		attributes.target_url === stored.url &&
		attributes.event === want.event &&
		text(attributes.resource_id) === want.resourceId &&
		stored.siteId === want.siteId &&
		(site === undefined || text(site.id) === want.siteId)
	);
}

const targetOf = (hook: IDataObject): unknown => (hook.attributes as IDataObject | undefined)?.target_url;

/** Every hook of the account (any URL, any event). */
async function allHooks(ctx: IHookFunctions, event: string): Promise<IDataObject[]> {
	return await walkPages(ctx, KAJABI, await kajabiGetOptions(ctx, '/v1/hooks', { 'page[size]': 100 }), KAJABI_PAGING).catch(
		(error: unknown) => {
			throw withScope(error, event);
		},
	);
}

/** Deletes a hook; one Kajabi no longer has (404) is gone already. Other failures throw. */
async function deleteHook(ctx: IHookFunctions, id: string): Promise<void> {
	const segment = pathSegment(ctx.getNode(), KAJABI_PATH_PARAMS.hookId, id, 0);
	try {
		await kajabiSend(ctx, 'DELETE', `/v1/hooks/${segment}`);
	} catch (error) {
		if (error instanceof NodeApiError && error.httpCode === '404') return;
		throw asNodeError(ctx.getNode(), error);
	}
}

/**
 * The stored hook's ID when it is in no list (another API key, a list that failed to show it)
 * and Kajabi, asked for it by ID, has it at this trigger's URL: only then is it deleted. A
 * stored hook of another URL (a copied workflow holds the original's) or listed at another URL
 * is never deleted: the trigger forgets it.
 */
async function unlistedStored(
	ctx: IHookFunctions,
	stored: StoredHook | undefined,
	url: string,
	listed: IDataObject[],
): Promise<string | undefined> {
	const refs = listed.map((hook) => ({ id: text(hook.id), url: targetOf(hook) }));
	if (!stored || !mayDeleteStored(stored, url, refs) || refs.some((hook) => hook.id === stored.id)) return undefined;
	const segment = pathSegment(ctx.getNode(), KAJABI_PATH_PARAMS.hookId, stored.id, 0);
	try {
		const hook = (await kajabiSend(ctx, 'GET', `/v1/hooks/${segment}`)).data as IDataObject | undefined;
		return hook && text(hook.id) === stored.id && isOurUrl(targetOf(hook), url) ? stored.id : undefined;
	} catch (error) {
		if (error instanceof NodeApiError && error.httpCode === '404') return undefined;
		throw asNodeError(ctx.getNode(), error);
	}
}

/** Looks for the trigger's hook in Kajabi's list; every other hook of its URL is deleted. */
export async function checkExists(this: IHookFunctions): Promise<boolean> {
	const data = this.getWorkflowStaticData('node') as TriggerData;
	const slot = hookSlot(this);
	const url = nodeUrl(this);
	const want = wanted(this);
	const stored = data[slot];
	const listed = await allHooks(this, want.event);
	const mine = listed.filter((hook) => isOurUrl(targetOf(hook), url));
	const kept = mine.find((hook) => isStored(hook, stored, want));
	for (const stale of mine.filter((hook) => hook !== kept)) await deleteHook(this, text(stale.id));
	if (!kept) {
		const lone = await unlistedStored(this, stored, url, listed);
		if (lone) await deleteHook(this, lone);
		delete data[slot];
		return false;
	}
	return true;
}

export async function create(this: IHookFunctions): Promise<boolean> {
	const data = this.getWorkflowStaticData('node') as TriggerData;
	const slot = hookSlot(this);
	const want = wanted(this);
	if (!want.siteId) {
		throw new NodeOperationError(this.getNode(), 'Choose a site', {
			description: 'Kajabi sends events per site: pick the site in the Site field.',
		});
	}
	const secret = newSecret();
	const url = secretUrl(nodeUrl(this), secret);
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
			description:
				'Check the Base URL in the credential. If Kajabi did create the hook, the next activation finds it by its URL and replaces it.',
		});
	}
	data[slot] = { id, secret, url, ...want };
	const options = this.getNodeParameter('options', {}) as IDataObject;
	if (slot === 'test' && options.sendSample !== false) {
		// Fetched now: after create() returns, n8n 2.x no longer evaluates this context's
		// expressions (the credential's), so only the plain post to n8n itself waits.
		const sample = await fetchSample(this, want.event);
		if (sample) {
			data.sampleToken = newSecret();
			void postSample(this, want.event, url, data.sampleToken, sample);
		}
	}
	return true;
}

/** Deletes every hook of the trigger's URL, and the stored one where Kajabi has it at that URL. */
export async function remove(this: IHookFunctions): Promise<boolean> {
	const data = this.getWorkflowStaticData('node') as TriggerData;
	const slot = hookSlot(this);
	const url = nodeUrl(this);
	const listed = await allHooks(this, text(this.getNodeParameter('event', '')));
	const ids = new Set(listed.filter((hook) => isOurUrl(targetOf(hook), url)).map((hook) => text(hook.id)));
	const lone = await unlistedStored(this, data[slot], url, listed);
	if (lone) ids.add(lone);
	for (const id of ids) await deleteHook(this, id);
	delete data[slot];
	if (slot === 'test') delete data.sampleToken;
	return true;
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
		// The URL carries the secret: the log names the trigger, not the URL.
		ctx.logger.warn(
			`Kajabi Trigger "${ctx.getNode().name}": could not deliver the sample ${event} payload to its test URL: ${(error as Error).message}`,
		);
	}
}
