/**
 * Tokens a platform refused, remembered for the whole n8n process. A credential that gets
 * its own token (Kajabi's client credentials, REMP CRM's login) asks here before handing
 * out a token it keeps: a refused token never comes back, whether the execution got it from
 * the credential's own cache or from the credential data n8n stored.
 */

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
