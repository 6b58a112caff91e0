/**
 * Tokens a platform refused, remembered for the whole n8n process. A credential that gets
 * its own token (Kajabi's client credentials, REMP CRM's login) asks here before handing
 * out a token it keeps: a refused token never comes back, whether the execution got it from
 * the credential's own cache or from the credential data n8n stored.
 */

import { createHash } from 'crypto';
import type { IHttpRequestHelper } from 'n8n-workflow';

import { CredentialRefused, CredentialUnreachable, reportingFailures } from './auth';

/** What a credential's login or token request was answered. */
export interface TokenAnswer {
	statusCode: number;
	body: unknown;
	headers?: Record<string, string>;
}

/**
 * Sends a credential's login or token request: `form` form-encoded to `url`, a JSON answer
 * whatever its status, and no redirect followed (the secret goes only to the credential's
 * address). No answer at all is a CredentialUnreachable: `unreachable(reason)` says what
 * could not be done, and the request it was for is not sent.
 */
export async function askForToken(
	helpers: IHttpRequestHelper,
	url: string,
	form: Record<string, string>,
	unreachable: (reason: string) => string,
): Promise<TokenAnswer> {
	let lost: unknown;
	try {
		return (await helpers.helpers.httpRequest({
			method: 'POST',
			url,
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
			body: new URLSearchParams(form).toString(),
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			disableFollowRedirect: true,
		})) as TokenAnswer;
	} catch (error) {
		lost = error;
	}
	const reason = String((lost as Error)?.message ?? 'no answer').replace(/\s+/g, ' ').slice(0, 200);
	throw new CredentialUnreachable(unreachable(reason));
}

/**
 * The fingerprint of the identity a token was obtained for (the platform's address and the
 * credential's client or user and its secret): stored next to the token, so that a token
 * kept with a credential is used only while the credential still names that identity. A
 * hash: the secret itself is never stored twice, nor shown.
 */
export function tokenIdentity(...parts: string[]): string {
	return `sha256:${createHash('sha256').update(JSON.stringify(parts)).digest('hex')}`;
}

/** How many refused tokens are remembered, and for how long. */
const MAX_REMEMBERED = 1000;
const REMEMBERED_MS = 24 * 3_600_000;

/** Refused tokens per credential type, oldest first, with when they were refused. */
const refused = new Map<string, number>();

function keyOf(credentialType: string, token: string): string {
	return `${credentialType}\n${token}`;
}

function forgetOld(now: number): void {
	for (const [key, at] of refused) {
		if (refused.size <= MAX_REMEMBERED && at > now - REMEMBERED_MS) break;
		refused.delete(key);
	}
}

/** The platform refused this token of a credential of this type. */
export function refuseToken(credentialType: string, token: string): void {
	if (!token) return;
	const key = keyOf(credentialType, token);
	refused.delete(key);
	refused.set(key, Date.now());
	forgetOld(Date.now());
}

/** Whether the platform refused this token. */
export function isRefusedToken(credentialType: string, token: string): boolean {
	if (!token) return false;
	forgetOld(Date.now());
	return refused.has(keyOf(credentialType, token));
}

/** A token the credential just got anew is good again (platforms may hand out the same one). */
export function acceptToken(credentialType: string, token: string): void {
	refused.delete(keyOf(credentialType, token));
}

/** Forgets every refused token; for tests. */
export function forgetRefusedTokens(): void {
	refused.clear();
}

/**
 * Tokens a credential gets for itself (Kajabi's exchange, REMP CRM's login), kept per key
 * (the platform's address and the credential's secret) for the whole process: concurrent
 * callers share one request for a token, a token is handed out until it expires or the
 * platform refuses it, and a refusal (CredentialRefused) is remembered for `failuresKeptMs`
 * (0: tried again at once) so that a refused password is not tried by every item (no
 * lock-outs). A request that got no answer is not remembered: the next caller tries again.
 */
export class TokenCache {
	private readonly entries = new Map<string, { token: Promise<string>; until: number; failedAt?: number }>();

	constructor(
		private readonly credentialType: string,
		private readonly failuresKeptMs = 0,
	) {}

	/**
	 * The token for `key`: a kept one that is still good, or the one `obtain` gets (with its
	 * lifetime, when the platform says it). A CredentialRefused or CredentialUnreachable from
	 * `obtain` is reported for `credentials` (nodes/shared/auth.ts).
	 */
	async get(
		key: string,
		credentials: object,
		obtain: () => Promise<{ token: string; lifetimeMs?: number }>,
	): Promise<string> {
		for (;;) {
			let entry = this.entries.get(key);
			if (entry) {
				const held = entry;
				const token = await held.token.catch(() => undefined);
				const stale =
					token === undefined
						? held.failedAt !== undefined && Date.now() - held.failedAt >= this.failuresKeptMs
						: isRefusedToken(this.credentialType, token) || Date.now() >= held.until;
				if (stale && this.entries.get(key) === held) this.entries.delete(key);
				entry = this.entries.get(key);
			}
			if (!entry) {
				const fresh: { token: Promise<string>; until: number; failedAt?: number } = {
					token: Promise.resolve(''),
					until: Number.POSITIVE_INFINITY,
				};
				fresh.token = obtain().then(({ token, lifetimeMs }) => {
					acceptToken(this.credentialType, token);
					if (lifetimeMs !== undefined) fresh.until = Date.now() + lifetimeMs;
					return token;
				});
				fresh.token.catch((error: unknown) => {
					fresh.failedAt = Date.now();
					const kept = this.failuresKeptMs > 0 && error instanceof CredentialRefused;
					if (!kept && this.entries.get(key) === fresh) this.entries.delete(key);
				});
				this.entries.set(key, fresh);
				entry = fresh;
			}
			const pending = entry;
			const token = await reportingFailures(credentials, async () => await pending.token);
			if (!isRefusedToken(this.credentialType, token)) return token;
			if (this.entries.get(key) === pending) this.entries.delete(key);
		}
	}

	/** Forgets every kept token; for tests. */
	clear(): void {
		this.entries.clear();
	}
}
