/**
 * What the webhook triggers (Kajabi, Boomerangme) share about deliveries:
 *
 * - the secret their hook URL carries: made at random for each registration, kept in the
 *   workflow's static data, compared in constant time; a post without it is answered 401 and
 *   starts nothing;
 * - refusals logged once per burst, not once per post;
 * - the memory of deliveries already started, bounded in size and in time, so that a delivery
 *   the platform sends twice starts one execution;
 * - which of its hooks a trigger may delete: only one whose URL is the trigger's own (a copied
 *   workflow carries the original's static data, and with it the original's hook ID).
 */
import { createHash, randomBytes, timingSafeEqual } from 'crypto';
import type { IDataObject, IHookFunctions, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { clock } from './gate';

/** The query parameter of the hook URL that carries the secret. */
export const SECRET_PARAM = 'secret';

/** A new secret: 32 random bytes, URL-safe. */
export function newSecret(): string {
	return randomBytes(32).toString('base64url');
}

/** The URL n8n gave the trigger, with the secret added. */
export function secretUrl(url: string, secret: string): string {
	const parsed = new URL(url);
	parsed.searchParams.set(SECRET_PARAM, secret);
	return parsed.toString();
}

/** The URL without its query: what every hook of this trigger (any secret) posts to. */
export function bareUrl(url: string): string {
	const parsed = new URL(url);
	parsed.search = '';
	parsed.hash = '';
	return parsed.toString();
}

/** Whether a hook's URL is one this trigger registered (same address, any secret). */
export function isOurUrl(candidate: unknown, url: string): boolean {
	if (typeof candidate !== 'string' || !candidate) return false;
	try {
		return bareUrl(candidate) === bareUrl(url);
	} catch {
		// Not a URL at all: not one of ours.
		return false;
	}
}

/** A hook as a trigger kept it, or as the platform lists it: its ID and the URL it posts to. */
export interface HookRef {
	id?: unknown;
	url?: unknown;
}

/**
 * Whether a remembered hook may be deleted by its ID: only when the URL it was registered with
 * is this trigger's and, where the platform's list shows that ID, the listed hook's URL is this
 * trigger's too. n8n copies a workflow's static data with the workflow, so a copy's trigger
 * holds the original's hook ID: it must forget that hook, never delete it.
 */
export function mayDeleteStored(stored: HookRef | undefined, url: string, listed?: HookRef[]): boolean {
	const id = stored?.id === undefined || stored.id === null ? '' : String(stored.id);
	if (!id || !isOurUrl(stored?.url, url)) return false;
	const shown = listed?.find((hook) => hook.id !== undefined && hook.id !== null && String(hook.id) === id);
	return shown === undefined || isOurUrl(shown.url, url);
}

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/** Compares a posted secret with the stored one in time that does not depend on where they differ. */
export function sameSecret(given: unknown, expected: unknown): boolean {
	if (typeof expected !== 'string' || expected.length < 16) return false;
	const offered = typeof given === 'string' ? given : Array.isArray(given) ? String(given[0] ?? '') : '';
	// Hashing first gives both sides the same length, so the comparison never stops early.
	return timingSafeEqual(digest(offered), digest(expected));
}

/** Where a trigger keeps the hook of one kind of URL (the test URL's hook apart from the live one). */
export function hookSlot(ctx: IHookFunctions | IWebhookFunctions): 'test' | 'live' {
	return ctx.getMode() === 'manual' ? 'test' : 'live';
}

/** The key of a trigger in this n8n process: workflow, node, live or test. */
export function triggerKey(ctx: IHookFunctions | IWebhookFunctions): string {
	const node = ctx.getNode();
	return `${String(ctx.getWorkflow().id ?? '')}\u0000${node.id ?? node.name}\u0000${hookSlot(ctx)}`;
}

/** Refusals of one trigger are logged at most once in this time; the rest are counted. */
export const REFUSAL_LOG_MS = 60_000;

const refusals = new Map<string, { loggedAt: number; unlogged: number; total: number }>();

/** Why a post was refused, for counting bursts: each kind is logged once per burst. */
export type RefusalKind = 'secret' | 'event' | 'repeat' | 'verify';

/** Logs a refused post, once per burst of its kind: later ones within a minute are counted in the next line. */
export function logRefusal(ctx: IWebhookFunctions, label: string, kind: RefusalKind, reason: string): void {
	const key = `${triggerKey(ctx)}\u0000${kind}`;
	const now = clock.now();
	const burst = refusals.get(key) ?? { loggedAt: -Infinity, unlogged: 0, total: 0 };
	burst.total++;
	if (now - burst.loggedAt < REFUSAL_LOG_MS) {
		burst.unlogged++;
	} else {
		const more = burst.unlogged ? `; ${burst.unlogged} more refused since the last such line` : '';
		ctx.logger.warn(
			`${label} "${ctx.getNode().name}": refused a post to its webhook URL because ${reason} (${burst.total} refused for this reason since n8n started${more})`,
		);
		burst.loggedAt = now;
		burst.unlogged = 0;
	}
	if (!refusals.has(key) && refusals.size >= 1_000) refusals.delete(refusals.keys().next().value as string);
	refusals.set(key, burst);
}

/**
 * Answers a post without starting anything. A post without the secret gets 401 (the sender
 * is not the platform); any other refused post gets 200, so that the platform does not send
 * it again.
 */
export function refuse(
	ctx: IWebhookFunctions,
	label: string,
	kind: RefusalKind,
	reason: string,
): IWebhookResponseData {
	logRefusal(ctx, label, kind, reason);
	if (kind !== 'secret') return { webhookResponse: { received: true } };
	const response = ctx.getResponseObject();
	response.status(401).json({ message: 'Unauthorized' });
	return { noWebhookResponse: true };
}

/** Whether the post carries the secret of the trigger's hook. */
export function hasSecret(ctx: IWebhookFunctions, expected: unknown): boolean {
	const query = (ctx.getQueryData() ?? {}) as IDataObject;
	return sameSecret(query[SECRET_PARAM], expected);
}

/** Deliveries remembered per trigger at most; the oldest are forgotten first. */
export const MEMORY_SIZE = 10_000;

/** Triggers remembered in one n8n process at most. */
const MEMORY_TRIGGERS = 1_000;

/** Per trigger: a delivery's key (hashed) → when it may be forgotten. Insertion order is time order per window. */
const memory = new Map<string, Map<string, number>>();

function forgetExpired(seen: Map<string, number>, now: number): void {
	for (const [key, until] of seen) {
		if (until <= now) seen.delete(key);
	}
	while (seen.size > MEMORY_SIZE) seen.delete(seen.keys().next().value as string);
}

export interface DeliveryKey {
	/** What identifies the delivery (its id, or the event and its record). */
	key: string;
	/** How long a second delivery with this key is taken as the same one. */
	windowMs: number;
}

/** Whether a delivery with any of these keys was claimed within its window (claims nothing). */
export function wasClaimed(ctx: IWebhookFunctions, keys: DeliveryKey[]): boolean {
	const seen = memory.get(triggerKey(ctx));
	const now = clock.now();
	return Boolean(seen) && keys.some(({ key }) => (seen!.get(digest(key).toString('base64')) ?? 0) > now);
}

/**
 * Claims a delivery for this trigger: false when one with any of these keys was claimed
 * within its window. Claim a delivery only once it is accepted (after any check that may
 * refuse it or fail): the first copy accepted wins, and a copy refused or failed leaves
 * nothing behind. Without keys the delivery is always fresh and nothing is remembered.
 */
export function claimDelivery(ctx: IWebhookFunctions, keys: DeliveryKey[]): boolean {
	if (!keys.length) return true;
	const trigger = triggerKey(ctx);
	let seen = memory.get(trigger);
	if (!seen) {
		if (memory.size >= MEMORY_TRIGGERS) memory.delete(memory.keys().next().value as string);
		seen = new Map();
		memory.set(trigger, seen);
	}
	const now = clock.now();
	forgetExpired(seen, now);
	const hashed = keys.map(({ key, windowMs }) => ({ key: digest(key).toString('base64'), until: now + windowMs }));
	if (hashed.some(({ key }) => (seen.get(key) ?? 0) > now)) return false;
	for (const { key, until } of hashed) seen.set(key, until);
	while (seen.size > MEMORY_SIZE) seen.delete(seen.keys().next().value as string);
	return true;
}

/** Forgets every delivery and refusal (tests). */
export function resetDeliveries(): void {
	memory.clear();
	refusals.clear();
}

/** JSON with its keys sorted, so that the same content gives the same text. */
export function stableJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
	if (value && typeof value === 'object') {
		const entries = Object.keys(value as IDataObject)
			.sort()
			.map((key) => `${JSON.stringify(key)}:${stableJson((value as IDataObject)[key])}`);
		return `{${entries.join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

/** The notice both webhook triggers show: the platform must reach n8n's webhook URL. */
export function publicUrlNotice(platform: string): { displayName: string; name: string; type: 'notice'; default: string } {
	return {
		displayName: `${platform} must be able to reach this n8n: the webhook URL above must be a public address (n8n takes it from its WEBHOOK_URL setting). If it shows localhost or an address only your network knows, set WEBHOOK_URL to n8n's public https address (or expose n8n through a tunnel such as Cloudflare Tunnel or ngrok and set WEBHOOK_URL to the tunnel's address), restart n8n, then activate the workflow again.`,
		name: 'publicUrlNotice',
		type: 'notice',
		default: '',
	};
}
