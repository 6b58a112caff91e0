/**
 * The Boomerangme Trigger's hook at Boomerangme: one per trigger, whatever happened before.
 *
 * Activation lists Boomerangme's hooks and keeps only the one this trigger registered last
 * (its stored ID, at the URL with the stored secret, for the chosen events); every other hook
 * posting to this trigger's URL (an older secret, other events, a hook whose ID was lost) is
 * deleted before a new one is registered. When the list cannot be read (404 or 405), the
 * stored hook is deleted and registered again rather than trusted. A failed delete fails the
 * activation, so a second live hook is never left beside the new one.
 */
import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { pathSegment } from '../shared/path';
import { hookSlot, isOurUrl, newSecret, secretUrl } from '../shared/webhook';
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

/** Every hook of the account posting to this trigger's URL, or undefined when Boomerangme cannot list hooks. */
async function ourHooks(ctx: IHookFunctions, url: string): Promise<IDataObject[] | undefined> {
	try {
		const hooks = await boomerangmeList(ctx, PATHS.webhooks, MAX_LISTED);
		return hooks.filter((hook) => isOurUrl(hook.url, url));
	} catch (error) {
		const status = statusOf(error);
		if (status === 404 || status === 405) return undefined;
		throw nodeError(ctx, error);
	}
}

/** Hooks written by an earlier version of the trigger, kept at the top of the static data. */
function legacyId(data: IDataObject): string | undefined {
	const id = data.webhookId;
	delete data.webhookId;
	delete data.webhookUrl;
	delete data.webhookEvents;
	return typeof id === 'string' && id ? id : undefined;
}

/** Whether the trigger's hook is registered as wanted; every other hook of its URL is deleted. */
export async function checkHook(ctx: IHookFunctions, events: string[]): Promise<boolean> {
	const data = ctx.getWorkflowStaticData('node') as TriggerData;
	const slot = hookSlot(ctx);
	const stored = data[slot];
	const mine = await ourHooks(ctx, nodeUrl(ctx));
	const old = slot === 'live' ? legacyId(data) : undefined;
	let kept: IDataObject | undefined;
	const doomed = new Set<string>();
	if (old) doomed.add(old);
	if (mine) {
		kept = mine.find(
			(hook) =>
				stored !== undefined &&
				idOf(hook) === stored.id &&
				hook.url === stored.url &&
				sameEvents(stored.events, events) &&
				(hook.events === undefined || sameEvents(hook.events, events)),
		);
		for (const hook of mine) if (hook !== kept && idOf(hook)) doomed.add(idOf(hook));
		if (!kept && stored?.id) doomed.add(stored.id);
	} else if (stored?.id) {
		// Boomerangme cannot list hooks: the stored one is replaced rather than trusted.
		doomed.add(stored.id);
	}
	for (const id of doomed) await removeHook(ctx, id);
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

/** Deletes the stored hook and every other hook of the trigger's URL. */
export async function deleteHooks(ctx: IHookFunctions): Promise<boolean> {
	const data = ctx.getWorkflowStaticData('node') as TriggerData;
	const slot = hookSlot(ctx);
	const mine = (await ourHooks(ctx, nodeUrl(ctx))) ?? [];
	const ids = new Set(mine.map(idOf).filter(Boolean));
	const stored = data[slot]?.id;
	if (stored) ids.add(stored);
	const old = slot === 'live' ? legacyId(data) : undefined;
	if (old) ids.add(old);
	for (const id of ids) await removeHook(ctx, id);
	delete data[slot];
	return true;
}
