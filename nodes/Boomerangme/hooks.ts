/**
 * The Boomerangme Trigger's hook at Boomerangme: one per trigger, whatever happened before.
 *
 * Activation lists Boomerangme's hooks and keeps only the one this trigger registered last
 * (its stored ID, at the URL with the stored secret, for the chosen events); every other hook
 * posting to this trigger's URL (an older secret, other events, a hook whose ID was lost) is
 * deleted before a new one is registered. When the list cannot be read (404 or 405), the
 * stored hook is deleted and registered again rather than trusted. A failed delete fails the
 * activation, so a second live hook is never left beside the new one. A hook is deleted by its
 * ID only when its URL is this trigger's: a copied workflow's trigger holds the original's hook
 * ID in its static data, and forgets it instead of deleting the original's live hook.
 */
import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { pathSegment } from '../shared/path';
import type { HookRef } from '../shared/webhook';
import { hookSlot, isOurUrl, mayDeleteStored, newSecret, secretUrl } from '../shared/webhook';
import { PATHS } from './paths';
import { boomerangmeList, boomerangmeRequest } from './requests';
import { PATH_PARAMS } from './transport';

/** The hook the trigger registered, as kept in the workflow's static data. */
export interface StoredHook extends IDataObject {
	id: string;
	/** The secret its URL carries; never shown in output. */
	secret: string;
	/** The URL registered (n8n's URL with the secret). */
	url: string;
	events: string[];
}

/** What the trigger keeps in the workflow's static data: the live hook and the test hook apart. */
export interface TriggerData extends IDataObject {
	live?: StoredHook;
	test?: StoredHook;
}

/** Hooks read from Boomerangme's list at most. */
const MAX_LISTED = 5_000;

function nodeUrl(ctx: IHookFunctions): string {
	const url = ctx.getNodeWebhookUrl('default');
	if (!url) throw new NodeOperationError(ctx.getNode(), 'n8n gave no URL for this trigger');
	return url;
}

function hookPath(ctx: IHookFunctions, id: string): string {
	return PATHS.webhook.replace('{webhookId}', pathSegment(ctx.getNode(), PATH_PARAMS.webhookId, id, 0));
}

function statusOf(error: unknown): number | undefined {
	if (!(error instanceof NodeApiError)) return undefined;
	const code = Number(error.httpCode);
	return Number.isFinite(code) ? code : undefined;
}

/** An error as a node error: the shared layer's errors pass as they are. */
function nodeError(ctx: IHookFunctions, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeApiError(ctx.getNode(), { message: String((error as Error)?.message ?? error) });
}

const idOf = (hook: IDataObject): string => (hook.id === undefined || hook.id === null ? '' : String(hook.id));

const sameEvents = (a: unknown, b: string[]): boolean =>
	Array.isArray(a) && JSON.stringify([...a].map(String).sort()) === JSON.stringify([...b].sort());

/** Removes a hook; one Boomerangme no longer has (404) is already gone. Other failures throw. */
async function removeHook(ctx: IHookFunctions, id: string): Promise<void> {
	try {
		await boomerangmeRequest(ctx, { method: 'DELETE', url: hookPath(ctx, id) });
	} catch (error) {
		if (statusOf(error) !== 404) throw nodeError(ctx, error);
	}
}

/** Every hook of the account (any URL), or undefined when Boomerangme cannot list hooks. */
async function allHooks(ctx: IHookFunctions): Promise<IDataObject[] | undefined> {
	try {
		return await boomerangmeList(ctx, PATHS.webhooks, MAX_LISTED);
	} catch (error) {
		const status = statusOf(error);
		if (status === 404 || status === 405) return undefined;
		throw nodeError(ctx, error);
	}
}

/** Hooks written by an earlier version of the trigger, kept at the top of the static data (taken out of it). */
function legacyHook(data: IDataObject): HookRef | undefined {
	const id = data.webhookId;
	const url = data.webhookUrl;
	delete data.webhookId;
	delete data.webhookUrl;
	delete data.webhookEvents;
	return typeof id === 'string' && id ? { id, url } : undefined;
}

/**
 * The hooks to delete: every listed hook of this trigger's URL but the one kept, and the stored
 * (or legacy) hook only where its URL is this trigger's and the list, when Boomerangme can serve
 * one, does not show its ID at another URL. A copied workflow's trigger holds the original's hook
 * ID: it forgets it and deletes nothing of the original's.
 */
function doomedHooks(
	url: string,
	listed: IDataObject[] | undefined,
	remembered: Array<HookRef | undefined>,
	kept?: IDataObject,
): Set<string> {
	const doomed = new Set<string>();
	for (const hook of listed ?? []) {
		if (hook !== kept && idOf(hook) && isOurUrl(hook.url, url)) doomed.add(idOf(hook));
	}
	const refs = listed?.map((hook) => ({ id: idOf(hook), url: hook.url }));
	for (const hook of remembered) {
		if (hook && mayDeleteStored(hook, url, refs) && (!kept || String(hook.id) !== idOf(kept))) doomed.add(String(hook.id));
	}
	return doomed;
}

/** Whether the trigger's hook is registered as wanted; every other hook of its URL is deleted. */
export async function checkHook(ctx: IHookFunctions, events: string[]): Promise<boolean> {
	const data = ctx.getWorkflowStaticData('node') as TriggerData;
	const slot = hookSlot(ctx);
	const stored = data[slot];
	const url = nodeUrl(ctx);
	const listed = await allHooks(ctx);
	const old = slot === 'live' ? legacyHook(data) : undefined;
	// When Boomerangme cannot list hooks, the stored one is replaced rather than trusted.
	const kept = listed?.find(
		(hook) =>
			stored !== undefined &&
			idOf(hook) === stored.id &&
			hook.url === stored.url &&
			isOurUrl(hook.url, url) &&
			sameEvents(stored.events, events) &&
			(hook.events === undefined || sameEvents(hook.events, events)),
	);
	for (const id of doomedHooks(url, listed, [stored, old], kept)) await removeHook(ctx, id);
	if (!kept) delete data[slot];
	return kept !== undefined;
}

/** Registers the hook at n8n's URL with a new secret, for the chosen events. */
export async function createHook(ctx: IHookFunctions, events: string[]): Promise<boolean> {
	const data = ctx.getWorkflowStaticData('node') as TriggerData;
	const secret = newSecret();
	const url = secretUrl(nodeUrl(ctx), secret);
	const answer = await boomerangmeRequest(ctx, {
		method: 'POST',
		url: PATHS.webhooks,
		body: { url, events },
		headers: { 'Content-Type': 'application/json' },
	});
	const hook = (answer.data ?? answer) as IDataObject;
	const id = idOf(hook).trim();
	if (!id) {
		throw new NodeApiError(ctx.getNode(), answer as never, {
			message: 'Boomerangme: the answer to registering the webhook carries no ID',
			description:
				'Activate the workflow again: the trigger then finds a hook Boomerangme did register by its URL and replaces it.',
		});
	}
	data[hookSlot(ctx)] = { id, secret, url, events };
	return true;
}

/** Deletes every hook of the trigger's URL, and the stored one where its URL is the trigger's. */
export async function deleteHooks(ctx: IHookFunctions): Promise<boolean> {
	const data = ctx.getWorkflowStaticData('node') as TriggerData;
	const slot = hookSlot(ctx);
	const listed = await allHooks(ctx);
	const old = slot === 'live' ? legacyHook(data) : undefined;
	for (const id of doomedHooks(nodeUrl(ctx), listed, [data[slot], old])) await removeHook(ctx, id);
	delete data[slot];
	return true;
}
