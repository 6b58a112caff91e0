/**
 * REMP CRM's login for a credential with Email and Password: the login behind the
 * credential's preAuthentication, and the user tokens this n8n process keeps. A refused
 * login, or an answer that is not REMP CRM's, is a CredentialRefused the request layer
 * reports in REMP CRM's words; a token REMP CRM refused (nodes/shared/tokens.ts) is never
 * handed out again.
 */
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper } from 'n8n-workflow';

import { CredentialRefused } from '../shared/auth';
import { shownAddress } from '../shared/request';
import { askForToken, forgetRefusedTokens, refuseToken, TokenCache, tokenIdentity } from '../shared/tokens';
import { rempBaseUrl } from './address';

export const REMP_CREDENTIAL = 'rempCrmApi';

/** Where REMP CRM's users module exchanges an email and password for a user token. */
export const REMP_LOGIN_PATH = '/api/v1/users/login';

/** What the user can do when the credential's login is refused, or answered without a token. */
const CHECK_LOGIN =
	'Nothing else was sent. Check the Email and Password in the REMP CRM credential; the next try waits a minute unless you change them.';
const CHECK_ADDRESS =
	"Nothing else was sent. Check the Base URL in the REMP CRM credential: it should be the CRM's own address, without /api.";

/**
 * Whether the credential logs in with its email and password. Credentials saved while User
 * Token was the first choice may hold no Authentication value, and n8n fills in today's first
 * choice (Email and Password): one that holds a token and no email keeps using its token.
 */
export function rempLogsIn(credentials: ICredentialDataDecryptedObject): boolean {
	if (credentials.authentication !== 'emailPassword') return false;
	const email = String(credentials.email ?? '').trim();
	const token = String(credentials.userToken ?? '').trim();
	return email !== '' || token === '';
}

/** The credential's hidden field that holds the fingerprint of what its session token is for. */
export const REMP_TOKEN_IDENTITY = 'tokenIdentity';

/** What a session token is for: the CRM's address, the email and the password it logged in with. */
function identityParts(credentials: ICredentialDataDecryptedObject): string[] {
	return [rempBaseUrl(credentials), String(credentials.email ?? '').trim(), String(credentials.password ?? '')];
}

/** The fingerprint stored next to the session token (nodes/shared/tokens.ts tokenIdentity). */
export function rempIdentity(credentials: ICredentialDataDecryptedObject): string {
	return tokenIdentity(...identityParts(credentials));
}

/**
 * The session token the credential holds, or '' when it holds it for another address, email
 * or password (the credential was edited since, and n8n kept the hidden token).
 */
export function rempCurrentSession(credentials: ICredentialDataDecryptedObject): string {
	const token = credentials.sessionToken ? String(credentials.sessionToken) : '';
	return token && credentials[REMP_TOKEN_IDENTITY] === rempIdentity(credentials) ? token : '';
}

/**
 * A refused login is reported to every later item for this long instead of being tried again.
 * A login that got no answer is not kept: the next request tries again.
 */
const FAILED_LOGIN_KEPT_MS = 60_000;

/**
 * Logins this n8n process made, per CRM address and user, shared by every item and
 * execution: n8n starts all items' requests at once and each sees the same empty token
 * field, and REMP CRM hands out a new token on every login. A refused email and password
 * fail the items of the next minute without asking the CRM again (no lock-outs); a login
 * whose answer was lost is tried again by the next request.
 */
const sessions = new TokenCache(REMP_CREDENTIAL, FAILED_LOGIN_KEPT_MS);

/** Forgets every login this process made; for tests. */
export function forgetRempSessions(): void {
	sessions.clear();
	forgetRefusedTokens();
}

async function logIn(
	helpers: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<{ token: string }> {
	const url = `${rempBaseUrl(credentials)}${REMP_LOGIN_PATH}`;
	// No answer: the request the login was for is not sent, so nothing was applied.
	const response = await askForToken(
		helpers,
		url,
		{ email: String(credentials.email ?? '').trim(), password: String(credentials.password ?? '') },
		(reason) => `Could not reach REMP CRM at ${url} to log in: ${reason}. Check the Base URL in the REMP CRM credential.`,
	);
	const status = String(response.statusCode);
	if (response.statusCode >= 300 && response.statusCode < 400) {
		throw new CredentialRefused(
			`REMP CRM answered the login with a redirect (HTTP ${status}) to ${shownAddress(response.headers?.location ?? '', rempBaseUrl(credentials))}, where the password was not sent`,
			CHECK_ADDRESS,
			status,
		);
	}
	const answer = (response.body && typeof response.body === 'object' ? response.body : {}) as IDataObject;
	const token = (answer.access as IDataObject | undefined)?.token;
	if (response.statusCode >= 400) {
		// REMP CRM answers `{ status: "error", error: "auth_failed", message }`; its words go to the user.
		const said = [answer.message, answer.error].find(
			(value) => typeof value === 'string' && value.trim() !== '',
		);
		throw new CredentialRefused(
			`REMP CRM refused the email and password of the credential (HTTP ${status}): ${String(said ?? 'no reason given')}`,
			CHECK_LOGIN,
			status,
		);
	}
	if (typeof token !== 'string' || token === '') {
		throw new CredentialRefused(
			`REMP CRM answered the login without a user token ("access.token", HTTP ${status})`,
			CHECK_ADDRESS,
			status,
		);
	}
	return { token };
}

/** A token for the credential's user: the one this process already has, or a new login. */
export async function rempSessionToken(
	helpers: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<string> {
	const key = identityParts(credentials).join('\n');
	// A token of this email and password in the credential when n8n asks for a new one is a
	// credential test or a refusal: it is not handed out again. One kept from before the
	// credential was edited is still good for its own user, and is only not used here.
	refuseToken(REMP_CREDENTIAL, rempCurrentSession(credentials));
	return await sessions.get(key, credentials, async () => await logIn(helpers, credentials));
}

