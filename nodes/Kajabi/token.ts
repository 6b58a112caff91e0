/**
 * Kajabi's access token: the client credentials exchange behind the credential's
 * preAuthentication, and the tokens this n8n process keeps. n8n starts every item's
 * request at once and each sees the same empty token field: they share one exchange. A
 * token Kajabi refused (nodes/shared/tokens.ts) is never handed out again.
 */
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper } from 'n8n-workflow';

import { CredentialRefused } from '../shared/auth';
import { shownAddress } from '../shared/request';
import { askForToken, TokenCache, tokenIdentity } from '../shared/tokens';
import { kajabiBaseUrl } from './address';

export const KAJABI_CREDENTIAL = 'kajabiApi';

/** The credential's hidden field that holds the fingerprint of what its access token is for. */
export const KAJABI_TOKEN_IDENTITY = 'tokenIdentity';

/** What an access token is for: the base URL, the client ID and the client secret it was got with. */
function identityParts(credentials: ICredentialDataDecryptedObject): string[] {
	return [kajabiBaseUrl(credentials), String(credentials.clientId || '').trim(), String(credentials.clientSecret || '')];
}

/**
 * The credential's Authorization header as an n8n expression (its `authenticate`, which the
 * credential test, the Custom API Call and the HTTP Request node use): the same rule as
 * kajabiCurrentToken, with n8n's `hash` string extension for tokenIdentity.
 * test/shared/authHeaders.test.ts holds the two equal.
 */
export const KAJABI_AUTHORIZATION =
	'={{ "Bearer " + ($credentials.tokenIdentity === "sha256:" + JSON.stringify([' +
	'String($credentials.baseUrl || "https://api.kajabi.com").trim().replace(/\\/+$/, ""), ' +
	'String($credentials.clientId || "").trim(), String($credentials.clientSecret || "")]).hash("sha256") ' +
	'&& $credentials.accessToken ? $credentials.accessToken : "") }}';

/** The fingerprint stored next to the access token (nodes/shared/tokens.ts tokenIdentity). */
export function kajabiIdentity(credentials: ICredentialDataDecryptedObject): string {
	return tokenIdentity(...identityParts(credentials));
}

/**
 * The access token the credential holds, or '' when it holds it for another base URL, client
 * ID or secret (the credential was edited since, and n8n kept the hidden token).
 */
export function kajabiCurrentToken(credentials: ICredentialDataDecryptedObject): string {
	const token = credentials.accessToken ? String(credentials.accessToken) : '';
	return token && credentials[KAJABI_TOKEN_IDENTITY] === kajabiIdentity(credentials) ? token : '';
}

/** A token is not handed out again this close to its expiry. */
const EXPIRY_MARGIN_MS = 60_000;

/** Kajabi's tokens live this long when the answer does not say (`expires_in`). */
const DEFAULT_LIFETIME_S = 3600;

/** Tokens this n8n process got from Kajabi, per base URL and client, for their lifetime. */
const tokens = new TokenCache(KAJABI_CREDENTIAL);

const CHECK_KEY =
	'Check the client ID and client secret in the Kajabi credential (Kajabi admin: Settings → Security → User API Keys); a rotated or deleted API key stops working.';

/** Asks Kajabi for an access token with the client credentials grant. */
async function exchange(
	helpers: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<{ token: string; lifetimeMs: number }> {
	const url = `${kajabiBaseUrl(credentials)}/v1/oauth/token`;
	const response = await askForToken(
		helpers,
		url,
		{
			grant_type: 'client_credentials',
			client_id: String(credentials.clientId ?? '').trim(),
			client_secret: String(credentials.clientSecret ?? '').trim(),
		},
		(reason) => `Could not reach Kajabi at ${url} to get an access token: ${reason}. Check the Base URL in the Kajabi credential.`,
	);
	const status = String(response.statusCode);
	if (response.statusCode >= 300 && response.statusCode < 400) {
		throw new CredentialRefused(
			`Kajabi answered the token request with a redirect (HTTP ${status}) to ${shownAddress(response.headers?.location ?? '', url)}; the client secret was not sent there. Check the Base URL in the Kajabi credential`,
			'If Kajabi moved, enter its new address as the Base URL; otherwise leave it at https://api.kajabi.com.',
			status,
		);
	}
	const answer = (response.body && typeof response.body === 'object' ? response.body : {}) as IDataObject;
	const token = typeof answer.access_token === 'string' ? answer.access_token : '';
	if (response.statusCode >= 400) {
		// Kajabi answers a refused client with `{ "error": "..." }`; its words go to the user.
		const said = [answer.error_description, answer.error, answer.message].find(
			(value) => typeof value === 'string' && value.trim() !== '',
		);
		throw new CredentialRefused(
			`Kajabi: the client ID and client secret were refused (${String(said ?? 'no reason given')})`,
			CHECK_KEY,
			status,
		);
	}
	if (!token) {
		throw new CredentialRefused(
			'Kajabi answered the token request without an access token. Check the Base URL in the Kajabi credential.',
			'The Base URL should be Kajabi\'s API address (https://api.kajabi.com), not a website or a proxy\'s page.',
			status,
		);
	}
	const lifetime = Number(answer.expires_in) > 0 ? Number(answer.expires_in) : DEFAULT_LIFETIME_S;
	return { token, lifetimeMs: Math.max(lifetime * 1000 - EXPIRY_MARGIN_MS, 0) };
}

/**
 * The access token for a credential: the one this n8n already has for it, unless Kajabi
 * refused it or it is about to expire, or a new exchange shared by every caller meanwhile.
 */
export async function kajabiAccessToken(
	helpers: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<string> {
	const key = identityParts(credentials).join('\n');
	return await tokens.get(key, credentials, async () => await exchange(helpers, credentials));
}

/** Forgets every token this process holds; for tests. */
export function forgetKajabiTokens(): void {
	tokens.clear();
}
